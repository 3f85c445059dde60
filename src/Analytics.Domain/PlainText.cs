namespace Analytics.Domain;

/// <summary>
/// What free text (titles, names, reasons, ledger cells) may hold: no control characters (NUL, ESC sequences…) and no
/// bidirectional controls (U+202E and its kin), which make stored text display as something else in every list,
/// export and terminal. Tab, line feed and carriage return are text. One rule for the API's inputs and the ledgers.
/// </summary>
public static class PlainText
{
    /// <summary>The first character free text may not hold, or null when there is none.</summary>
    public static char? FirstForbidden(string text)
    {
        foreach (var c in text)
        {
            if (IsForbidden(c))
            {
                return c;
            }
        }

        return null;
    }

    public static bool IsForbidden(char c) =>
        (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>"U+202E", to name a character in an error without printing it.</summary>
    public static string Describe(char c) => $"U+{(int)c:X4}";
}
