using System.Globalization;
using Analytics.Domain;

namespace Analytics.Data.Ledgers;

/// <summary>A ledger column: its header as the office writes it and whether every ledger must have it.</summary>
internal sealed record LedgerColumn(string Header, bool Required, string Description);

/// <summary>
/// Reads typed values from one row at a time, adding a <see cref="LedgerError"/> (row, header, code, message) for each
/// bad cell and carrying on, so one pass reports every problem. Values quoted back in messages are masked for the
/// personal-data columns.
/// </summary>
internal sealed class LedgerRowReader(IReadOnlyList<string> headers, List<LedgerError> errors, DateOnly today)
{
    /// <summary>Dates of party work cannot precede the party's founding (1921).</summary>
    public static readonly DateOnly PartyFounded = new(1921, 7, 1);

    private static readonly string[] DateFormats =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日",
        "yyyy-M-d H:mm", "yyyy/M/d H:mm", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy年M月d日 H:mm", "yyyy年M月d日 H时m分",
    ];

    private readonly Dictionary<string, int> _index = headers
        .Select((h, i) => (h, i)).GroupBy(x => x.h).ToDictionary(g => g.Key, g => g.First().i);

    public DateOnly Today { get; } = today;

    public LedgerRecord Record { get; set; } = new(0, []);

    public int Row => Record.Row;

    public void Error(string column, string code, string message) => errors.Add(new LedgerError(Row, column, code, message));

    public object? Cell(string column) =>
        _index.TryGetValue(column, out var i) && i < Record.Cells.Length ? Record.Cells[i] : null;

    /// <summary>The cell as trimmed text, null when blank (or the optional column is absent).</summary>
    public string? Raw(string column) => Cell(column) switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d => d.ToString("0.###############", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        var other => Convert.ToString(other, CultureInfo.InvariantCulture)?.Trim() is { Length: > 0 } s ? s : null,
    };

    public string? Text(string column, int maxLength, bool required = true)
    {
        var value = Raw(column);
        if (value is null)
        {
            if (required)
            {
                Error(column, LedgerErrorCodes.Required, $"{column} is empty.");
            }

            return null;
        }

        if (PlainText.FirstForbidden(value) is { } forbidden)
        {
            Error(column, LedgerErrorCodes.InvalidInput,
                $"{column} holds the control character {PlainText.Describe(forbidden)}; control and text-direction characters are not allowed.");
            return null;
        }

        if (value.Length > maxLength)
        {
            Error(column, LedgerErrorCodes.TooLong,
                string.Create(CultureInfo.InvariantCulture, $"{column} has {value.Length} characters; at most {maxLength} are allowed."));
            return null;
        }

        return value;
    }

    public T? Choice<T>(string column, IReadOnlyDictionary<string, T> choices, bool required = true)
        where T : struct
    {
        var value = Raw(column);
        if (value is null)
        {
            if (required)
            {
                Error(column, LedgerErrorCodes.Required, $"{column} is empty.");
            }

            return null;
        }

        if (choices.TryGetValue(value, out var choice))
        {
            return choice;
        }

        Error(column, LedgerErrorCodes.InvalidValue,
            $"{column} '{Quote(value)}' is not one of: {string.Join("、", choices.GroupBy(c => c.Value).Select(g => g.First().Key))}.");
        return null;
    }

    /// <summary>是/否 (also Y/N, √, 1/0); blank is 否.</summary>
    public bool Flag(string column)
    {
        var value = Raw(column);
        switch (value)
        {
            case null or "否" or "N" or "n" or "0" or "×":
                return false;
            case "是" or "Y" or "y" or "1" or "√":
                return true;
            default:
                Error(column, LedgerErrorCodes.InvalidValue, $"{column} '{Quote(value)}' must be 是 or 否.");
                return false;
        }
    }

    public int? Integer(string column, int min, int max, bool required)
    {
        var value = Raw(column);
        if (value is null)
        {
            if (required)
            {
                Error(column, LedgerErrorCodes.Required, $"{column} is empty.");
            }

            return null;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            Error(column, LedgerErrorCodes.InvalidValue,
                string.Create(CultureInfo.InvariantCulture, $"{column} '{Quote(value)}' must be a whole number from {min} to {max}."));
            return null;
        }

        return number;
    }

    /// <summary>A calendar date, not after today and not before <paramref name="earliest"/>.</summary>
    public DateOnly? Date(string column, DateOnly earliest, bool required = true, bool futureAllowed = false) =>
        DateTime(column, earliest, required, futureAllowed) is { } at ? DateOnly.FromDateTime(at) : null;

    /// <summary>A date with an optional time of day, in Beijing time, returned in UTC.</summary>
    public DateTimeOffset? Time(string column, DateOnly earliest, bool required = true) =>
        DateTime(column, earliest, required, futureAllowed: false) is { } at
            ? OfficeCalendar.FromOfficeTime(at)
            : null;

    private DateTime? DateTime(string column, DateOnly earliest, bool required, bool futureAllowed)
    {
        DateTime at;
        switch (Cell(column))
        {
            case System.DateTime t:
                at = t;
                break;
            case double serial when serial is >= 1 and < 2958466:
                at = System.DateTime.FromOADate(serial);
                break;
            default:
                var value = Raw(column);
                if (value is null)
                {
                    if (required)
                    {
                        Error(column, LedgerErrorCodes.Required, $"{column} is empty.");
                    }

                    return null;
                }

                if (!System.DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out at))
                {
                    Error(column, LedgerErrorCodes.InvalidDate, $"{column} '{Quote(value)}' is not a date; write it as 2021-07-01.");
                    return null;
                }

                break;
        }

        var day = DateOnly.FromDateTime(at);
        if (day < earliest)
        {
            Error(column, LedgerErrorCodes.DateTooEarly, $"{column} {day:yyyy-MM-dd} is before {earliest:yyyy-MM-dd}.");
            return null;
        }

        if (!futureAllowed && day > Today)
        {
            Error(column, LedgerErrorCodes.DateInFuture, $"{column} {day:yyyy-MM-dd} is in the future.");
            return null;
        }

        return at;
    }

    /// <summary>A value as it may be quoted back: personal data masked, long text cut.</summary>
    public static string Quote(string value, string? column = null) => column switch
    {
        MemberLedger.IdNumber => PersonalData.MaskIdNumber(value),
        MemberLedger.Phone => PersonalData.MaskPhone(value),
        _ => value.Length > 40 ? value[..40] + "…" : value,
    };
}
