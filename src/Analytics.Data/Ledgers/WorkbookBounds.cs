using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Analytics.Data.Ledgers;

/// <summary>
/// Checks an XLSX against the import's limits before any cell is read: how many parts the zip has (from its end
/// record, before the directory is loaded), how many bytes every part inflates to (counted while inflating, so a
/// lying header does not help), and in the sheets every declared dimension, row and cell position, met in order,
/// against the ledger's columns and the row limit; in the shared strings, how many there are. One pass, streaming:
/// a hostile workbook stops at the first limit it passes, having cost a few kilobytes of buffers.
/// </summary>
/// <remarks>
/// MiniExcel, which then reads the cells, materializes every row up to the last one a sheet names and keeps every
/// shared string: bounded here, its work is bounded too. XML DTDs are refused (no entity expansion).
/// </remarks>
internal static class WorkbookBounds
{
    private static readonly string[] SpreadsheetNamespaces =
        ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"];

    /// <returns>The first limit the workbook passes, or null when it is within every one.</returns>
    public static LedgerError? Check(byte[] bytes, LedgerImportOptions options, int maxColumns)
    {
        var declaredEntries = DeclaredEntryCount(bytes);
        if (declaredEntries is null)
        {
            return Unreadable();
        }

        if (declaredEntries > options.MaxZipEntries)
        {
            return Error(LedgerErrorCodes.FileTooLarge,
                $"The workbook has {declaredEntries:N0} parts; a ledger has at most {options.MaxZipEntries:N0}. Save the register again as a plain .xlsx.");
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);

            // What the directory declares, before a byte is inflated: the parts' sizes together, and each part's
            // compression ratio (a register of real cells compresses about 5.5 times, bench/README.md;
            // whitespace or a repeated element, a thousand times). A part that then inflates past its declared size is refused as forged.
            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                declared += entry.Length;
                if (declared > options.MaxInflatedBytes)
                {
                    return InflatesTooMuch(options);
                }

                if (entry.Length > RatioCheckedBytes && entry.Length > Math.Max(entry.CompressedLength, 1) * options.MaxCompressionRatio)
                {
                    return Error(LedgerErrorCodes.FileTooLarge, string.Create(CultureInfo.InvariantCulture,
                        $"The workbook's part {entry.FullName} inflates {entry.Length / Math.Max(entry.CompressedLength, 1):N0} times its compressed size; a ledger's cells compress at most {options.MaxCompressionRatio:N0} times. Save the register again as a plain .xlsx."));
                }
            }

            var budget = new InflationBudget(options.MaxInflatedBytes);
            var buffer = new byte[16 * 1024];
            var scan = new ScanState(options, maxColumns);
            // Sheets first, shared strings last, whatever the zip's order: the strings are bounded by the cells using them.
            foreach (var entry in zip.Entries.OrderBy(PartOrder))
            {
                using var inflated = new CountingStream(entry.Open(), budget, entry);
                if (entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                {
                    if (ScanPart(inflated, scan) is { } error)
                    {
                        return error;
                    }
                }

                // What the XML reader left unread, and every other part (images, binaries), counts as well.
                while (inflated.Read(buffer, 0, buffer.Length) > 0)
                {
                }
            }

            return null;
        }
        catch (InflationLimitException)
        {
            return InflatesTooMuch(options);
        }
        catch (ForgedSizeException ex)
        {
            return Error(LedgerErrorCodes.UnsupportedFormat, string.Create(CultureInfo.InvariantCulture,
                $"The workbook's part {ex.Part} inflates past the {ex.Declared:N0} bytes its zip directory declares: the file is forged or damaged. Open it in Excel and save it again as .xlsx."));
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or NotSupportedException or IOException)
        {
            return Unreadable();
        }
    }

    /// <summary>Parts declaring more inflated bytes than this have their compression ratio checked (styles and
    /// themes of a few kilobytes may compress better than cells).</summary>
    private const long RatioCheckedBytes = 1024 * 1024;

    /// <summary>Excel's own limit on the characters of one cell.</summary>
    internal const int MaxCellCharacters = 32_767;

    /// <summary>Shared strings a writer may keep beyond the cells that use them (none that we know of does).</summary>
    private const int UnreferencedStringSlack = 1_000;

    private static int PartOrder(ZipArchiveEntry entry) =>
        entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) ? 0
        : entry.FullName.EndsWith("sharedStrings.xml", StringComparison.OrdinalIgnoreCase) ? 2
        : 1;

    private static LedgerError InflatesTooMuch(LedgerImportOptions options) => Error(LedgerErrorCodes.FileTooLarge, string.Create(CultureInfo.InvariantCulture,
        $"The workbook inflates to more than {options.MaxInflatedBytes / 1024.0 / 1024.0:0.#} MB; a ledger within the row limit needs far less. Save only the register's sheet as .xlsx."));

    /// <summary>What the parts scanned so far hold: the cells referring to a shared string, the shared strings.</summary>
    private sealed class ScanState(LedgerImportOptions options, int maxColumns)
    {
        public LedgerImportOptions Options { get; } = options;

        public int MaxColumns { get; } = maxColumns;

        public long StringReferences { get; set; }

        public long Strings { get; set; }

        /// <summary>No sheet within the limits references more distinct strings than it has cells, nor more than it uses.</summary>
        public long MaxStrings => Math.Min((long)Options.LastRow * MaxColumns, StringReferences + UnreferencedStringSlack);

        public readonly char[] Text = new char[4096];
    }

    /// <summary>
    /// Scans one XML part: sheet dimensions, rows and cells (and the cells referring to a shared string), shared
    /// strings, and the length of every text, counted in chunks (never materialized).
    /// </summary>
    private static LedgerError? ScanPart(Stream part, ScanState scan)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };
        using var reader = XmlReader.Create(part, settings);
        var options = scan.Options;
        var maxColumns = scan.MaxColumns;
        var lastRow = options.LastRow;
        var row = 0;
        var column = 0;
        long textLength = 0;
        var inText = false;
        while (reader.Read())
        {
            // A cell's value or a (shared or inline) string's text, in <v> and <t>; what lies between elements (long
            // whitespace is reported as text too) is bounded by the inflated limit only, and nobody reads it.
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                inText = false;
                continue;
            }

            if (inText && reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                int read;
                while ((read = reader.ReadValueChunk(scan.Text, 0, scan.Text.Length)) > 0)
                {
                    textLength += read;
                    if (textLength > MaxCellCharacters)
                    {
                        return Error(LedgerErrorCodes.FileTooLarge, string.Create(CultureInfo.InvariantCulture,
                            $"The workbook holds a text of more than {MaxCellCharacters:N0} characters, Excel's limit for a cell. Save the register again as .xlsx."));
                    }
                }

                continue;
            }

            if (reader.NodeType != XmlNodeType.Element || !SpreadsheetNamespaces.Contains(reader.NamespaceURI))
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "t" or "v":
                    inText = !reader.IsEmptyElement;
                    break;

                case "dimension":
                {
                    var reference = reader.GetAttribute("ref") ?? "";
                    var end = reference[(reference.IndexOf(':', StringComparison.Ordinal) + 1)..];
                    if (!TryParseCell(end, out var endColumn, out var endRow))
                    {
                        return Unreadable();
                    }

                    if (OutOfBounds(endColumn, endRow, lastRow, maxColumns, $"The sheet declares cells up to {end}") is { } error)
                    {
                        return error;
                    }

                    break;
                }

                case "row":
                {
                    var number = reader.GetAttribute("r") is { } r
                        ? int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1
                        : row + 1;
                    // Excel writes rows in ascending order, once each: anything else is not a ledger (and would let a
                    // file repeat rows within the limits without end).
                    if (number <= row)
                    {
                        return Unreadable();
                    }

                    if (number > lastRow)
                    {
                        return Error(LedgerErrorCodes.TooManyRows, string.Create(CultureInfo.InvariantCulture,
                            $"The sheet has a row {number:N0}; a ledger has a header and at most {options.MaxRows:N0} rows (up to row {lastRow:N0}). Delete the rows below and split the register."));
                    }

                    row = number;
                    column = 0;
                    break;
                }

                case "c":
                {
                    int cellColumn;
                    var reference = reader.GetAttribute("r");
                    if (reference is not null)
                    {
                        if (!TryParseCell(reference, out cellColumn, out var cellRow) || cellRow != row)
                        {
                            return Unreadable();
                        }
                    }
                    else
                    {
                        cellColumn = column + 1;
                    }

                    if (cellColumn <= column)
                    {
                        return Unreadable();
                    }

                    if (OutOfBounds(cellColumn, row, lastRow, maxColumns, $"The sheet has a cell at {reference ?? ColumnName(cellColumn) + row}") is { } error)
                    {
                        return error;
                    }

                    if (reader.GetAttribute("t") == "s")
                    {
                        scan.StringReferences++;
                    }

                    column = cellColumn;
                    textLength = 0;
                    break;
                }

                case "sst":
                    if (long.TryParse(reader.GetAttribute("uniqueCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var declared)
                        && declared > scan.MaxStrings)
                    {
                        return TooManyStrings(declared, scan);
                    }

                    break;

                case "is":
                    textLength = 0;
                    break;

                case "si":
                    textLength = 0;
                    if (++scan.Strings > scan.MaxStrings)
                    {
                        return TooManyStrings(scan.Strings, scan);
                    }

                    break;
            }
        }

        return null;
    }

    private static LedgerError? OutOfBounds(int column, int row, int lastRow, int maxColumns, string what)
    {
        if (column > maxColumns)
        {
            return Error(LedgerErrorCodes.TooManyColumns,
                $"{what}; the ledger has at most {maxColumns} columns (A–{ColumnName(maxColumns)}). Delete the columns to the right of the register, even empty formatted ones.");
        }

        return row > lastRow
            ? Error(LedgerErrorCodes.TooManyRows, string.Create(CultureInfo.InvariantCulture,
                $"{what}; a ledger has a header and at most {lastRow - 1:N0} rows (up to row {lastRow:N0}). Delete the rows below and split the register."))
            : null;
    }

    private static LedgerError TooManyStrings(long strings, ScanState scan) => Error(LedgerErrorCodes.FileTooLarge, string.Create(CultureInfo.InvariantCulture,
        $"The workbook holds {strings:N0} or more distinct texts; its sheets use {scan.StringReferences:N0} and a ledger within the limits has at most {(long)scan.Options.LastRow * scan.MaxColumns:N0} cells. Save only the register's sheet as .xlsx."));

    /// <summary>"AO1048576" → column 41, row 1048576. Columns A–XFD, rows 1–1048576 (Excel's own bounds).</summary>
    internal static bool TryParseCell(string reference, out int column, out int row)
    {
        column = 0;
        row = 0;
        var i = 0;
        while (i < reference.Length && i < 3 && reference[i] is >= 'A' and <= 'Z')
        {
            column = column * 26 + (reference[i] - 'A' + 1);
            i++;
        }

        return i > 0 && column <= 16_384
            && int.TryParse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out row) && row is >= 1 and <= 1_048_576;
    }

    internal static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + (column - 1) % 26) + name;
        }

        return name;
    }

    /// <summary>
    /// The entry count of the zip's end-of-central-directory record, read before <see cref="ZipArchive"/> loads the
    /// directory (one object per entry); null when there is no such record. ZIP64 archives report 0xFFFF and are
    /// refused by the limit: no ledger needs one.
    /// </summary>
    private static int? DeclaredEntryCount(byte[] bytes)
    {
        // The record is 22 bytes plus a comment of up to 65,535 bytes, at the end of the file.
        for (var at = bytes.Length - 22; at >= 0 && at >= bytes.Length - 22 - ushort.MaxValue; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) == 0x06054B50)
            {
                return BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 10));
            }
        }

        return null;
    }

    private static LedgerError Unreadable() => Error(LedgerErrorCodes.UnsupportedFormat,
        "The file looks like a zip archive but is not a readable .xlsx workbook: open it in Excel and save it again as .xlsx.");

    private static LedgerError Error(string code, string message) => new(null, null, code, message);

    private sealed class InflationBudget(long limit)
    {
        private long _used;

        public void Spend(int bytes)
        {
            _used += bytes;
            if (_used > limit)
            {
                throw new InflationLimitException();
            }
        }
    }

    private sealed class InflationLimitException : Exception;

    /// <summary>A part inflating past the size the zip's directory declares for it.</summary>
    private sealed class ForgedSizeException(string part, long declared) : Exception
    {
        public string Part { get; } = part;

        public long Declared { get; } = declared;
    }

    /// <summary>
    /// Counts what is inflated from one part against the workbook's budget and against the part's declared size, and
    /// stops past either.
    /// </summary>
    private sealed class CountingStream(Stream inner, InflationBudget budget, ZipArchiveEntry entry) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        private int Count(int read)
        {
            _read += read;
            if (_read > entry.Length)
            {
                throw new ForgedSizeException(entry.FullName, entry.Length);
            }

            budget.Spend(read);
            return read;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
