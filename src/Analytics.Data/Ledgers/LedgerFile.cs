using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace Analytics.Data.Ledgers;

/// <summary>A ledger's cells: the header row (row 1) and the non-blank data rows with their Excel row numbers.</summary>
/// <remarks>CSV cells are strings; XLSX cells are what the sheet holds (string, double, DateTime, bool).</remarks>
internal sealed record LedgerTable(string Format, string? Encoding, IReadOnlyList<string> Headers, IReadOnlyList<LedgerRecord> Rows);

internal sealed record LedgerRecord(int Row, object?[] Cells);

/// <summary>
/// Turns the bytes of an upload into a <see cref="LedgerTable"/>: the size limit first (before reading), then the format
/// from the content (XLSX is a zip; legacy .xls and other binaries are refused), then for CSV the encoding.
/// </summary>
internal static class LedgerFile
{
    private static readonly string[] AcceptedExtensions = [".csv", ".txt", ".xlsx"];

    static LedgerFile()
    {
        // GBK/GB18030 (what Chinese Excel writes for "CSV (逗号分隔)") lives in the code-pages provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <param name="maxColumns">The most columns the ledger can have (its own and the ignored ones): cells beyond are refused.</param>
    public static async Task<(LedgerTable? Table, LedgerError? Error)> ReadAsync(
        Stream content, string? fileName, LedgerImportOptions options, int maxColumns, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(fileName ?? "");
        if (!string.IsNullOrEmpty(extension) && !AcceptedExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return Fail(LedgerErrorCodes.UnsupportedFormat,
                $"'{Path.GetFileName(fileName)}' is not a ledger: save the register as .xlsx or as CSV (UTF-8).");
        }

        if (content.CanSeek && content.Length - content.Position > options.MaxFileBytes)
        {
            return TooLarge(content.Length - content.Position, options);
        }

        var bytes = await ReadAtMostAsync(content, options.MaxFileBytes, cancellationToken);
        if (bytes is null)
        {
            return TooLarge(null, options);
        }

        if (bytes.Length == 0)
        {
            return Fail(LedgerErrorCodes.FileEmpty, "The file is empty: it needs a header row and at least one data row.");
        }

        if (bytes.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return WorkbookBounds.Check(bytes, options, maxColumns) is { } outOfBounds ? (null, outOfBounds) : ReadXlsx(bytes);
        }

        if (bytes.AsSpan().StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
        {
            return Fail(LedgerErrorCodes.UnsupportedFormat,
                "This is a legacy Excel 97–2003 workbook (.xls): open it in Excel and save it as .xlsx, or as CSV (UTF-8).");
        }

        return ReadCsv(bytes, options, maxColumns);
    }

    private static (LedgerTable?, LedgerError?) ReadXlsx(byte[] bytes)
    {
        List<object?[]> rows;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            rows = [];
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                // Keys are column letters (A, B, …, AA) in sheet order; MiniExcel yields empty rows for gaps, so the
                // position is the Excel row number.
                rows.Add([.. row.Values]);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException
                                       or NotSupportedException or IndexOutOfRangeException or ArgumentException)
        {
            return Fail(LedgerErrorCodes.UnsupportedFormat,
                "The file looks like a zip archive but is not a readable .xlsx workbook: open it in Excel and save it again as .xlsx.");
        }

        return ToTable("XLSX", null, rows);
    }

    private static (LedgerTable?, LedgerError?) ReadCsv(byte[] bytes, LedgerImportOptions options, int maxColumns)
    {
        // Text with NUL bytes and no UTF-16 byte-order mark is a binary file (an image, a PDF, a .docx renamed…).
        var utf16 = bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }) || bytes.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF });
        if (!utf16 && bytes.AsSpan(0, Math.Min(bytes.Length, 8192)).Contains((byte)0))
        {
            return Fail(LedgerErrorCodes.UnsupportedFormat, "The file is neither CSV nor XLSX: save the register as .xlsx or as CSV (UTF-8).");
        }

        if (!TryDecode(bytes, out var text, out var encodingName))
        {
            return Fail(LedgerErrorCodes.UnreadableEncoding,
                "The CSV is neither UTF-8 nor GBK/GB18030 text: in Excel choose 另存为 → \"CSV UTF-8 (逗号分隔)\".");
        }

        List<string[]> records;
        try
        {
            records = ParseCsv(text, text.Contains('\t') && !FirstLine(text).Contains(',') ? '\t' : ',', options.LastRow, maxColumns);
        }
        catch (CsvBoundsException ex)
        {
            return (null, ex.Error);
        }

        return ToTable("CSV", encodingName, [.. records.Select(r => r.Cast<object?>().ToArray())]);
    }

    /// <summary>
    /// UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such. Anything else that is not valid UTF-8 is
    /// tried as GB18030, the superset of GBK that Chinese Windows Excel writes; bytes invalid in both are refused.
    /// </summary>
    internal static bool TryDecode(byte[] bytes, out string text, out string encodingName)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return Strict(new UTF8Encoding(false, true), span[3..], "UTF-8", out text, out encodingName);
        }

        if (span.StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return Strict(new UnicodeEncoding(false, false, true), span[2..], "UTF-16", out text, out encodingName);
        }

        if (span.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return Strict(new UnicodeEncoding(true, false, true), span[2..], "UTF-16", out text, out encodingName);
        }

        if (Strict(new UTF8Encoding(false, true), span, "UTF-8", out text, out encodingName))
        {
            return true;
        }

        var gb18030 = Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        return Strict(gb18030, span, "GB18030", out text, out encodingName);
    }

    private static bool Strict(Encoding encoding, ReadOnlySpan<byte> bytes, string name, out string text, out string encodingName)
    {
        encodingName = name;
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    /// <summary>
    /// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; one record is one Excel row. A record
    /// beyond <paramref name="lastRow"/>, or a non-empty field beyond <paramref name="maxFields"/>, is refused as it is
    /// met (<see cref="CsvBoundsException"/>); empty fields beyond it (Excel's trailing commas) are dropped unstored.
    /// </summary>
    internal static List<string[]> ParseCsv(string text, char delimiter = ',', int lastRow = int.MaxValue, int maxFields = int.MaxValue)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        var atRecordStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            atRecordStart = false;
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                i++;
                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                AddField();
            }
            else if (c is '\r' or '\n')
            {
                AddField();
                AddRecord();
                fields.Clear();
                atRecordStart = true;
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else
            {
                field.Append(c);
            }

            i++;
        }

        if (!atRecordStart)
        {
            AddField();
            AddRecord();
        }

        return records;

        void AddField()
        {
            if (fields.Count < maxFields)
            {
                fields.Add(field.ToString());
            }
            else if (field.Length > 0)
            {
                throw new CsvBoundsException(new LedgerError(records.Count + 1, null, LedgerErrorCodes.TooManyColumns,
                    $"Row {records.Count + 1} has a value in column {fields.Count + 1}; the ledger has at most {maxFields} columns."));
            }

            field.Clear();
        }

        void AddRecord()
        {
            if (records.Count == lastRow)
            {
                throw new CsvBoundsException(new LedgerError(null, null, LedgerErrorCodes.TooManyRows, string.Create(CultureInfo.InvariantCulture,
                    $"The file has more than {lastRow:N0} lines; a ledger has a header and at most {lastRow - 1:N0} rows. Split the register.")));
            }

            records.Add([.. fields]);
        }
    }

    /// <summary>A CSV past a limit, stopped where it was met.</summary>
    private sealed class CsvBoundsException(LedgerError error) : Exception(error.Message)
    {
        public LedgerError Error { get; } = error;
    }

    private static (LedgerTable?, LedgerError?) ToTable(string format, string? encoding, List<object?[]> rows)
    {
        if (rows.Count == 0 || rows[0].All(IsBlank))
        {
            return Fail(LedgerErrorCodes.FileEmpty, "The file has no header row: row 1 must hold the column names.");
        }

        var headers = rows[0].Select(h => Convert.ToString(h, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? "").ToList();

        // Excel often leaves formatted but empty columns at the right: drop trailing blank headers.
        while (headers.Count > 0 && headers[^1].Length == 0)
        {
            headers.RemoveAt(headers.Count - 1);
        }

        var data = new List<LedgerRecord>();
        for (var r = 1; r < rows.Count; r++)
        {
            if (!rows[r].All(IsBlank))
            {
                data.Add(new LedgerRecord(r + 1, rows[r]));
            }
        }

        return (new LedgerTable(format, encoding, headers, data), null);
    }

    internal static bool IsBlank(object? cell) => cell is null || (cell is string s && string.IsNullOrWhiteSpace(s));

    /// <summary>Reads the whole stream unless it holds more than <paramref name="max"/> bytes (then null, having read max + 1).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream content, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static (LedgerTable?, LedgerError?) TooLarge(long? length, LedgerImportOptions options) =>
        Fail(LedgerErrorCodes.FileTooLarge,
            (length is { } l ? $"The file is {Megabytes(l)}; " : "The file is larger than the limit; ")
            + $"the limit is {Megabytes(options.MaxFileBytes)}. Split the register into several files.");

    private static string Megabytes(long bytes) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB");

    private static (LedgerTable?, LedgerError?) Fail(string code, string message) => (null, new LedgerError(null, null, code, message));
}
