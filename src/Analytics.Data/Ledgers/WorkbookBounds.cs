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
            var budget = new InflationBudget(options.MaxInflatedBytes);
            var buffer = new byte[16 * 1024];
            foreach (var entry in zip.Entries)
            {
                using var inflated = new CountingStream(entry.Open(), budget);
                if (entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                {
                    if (ScanPart(inflated, options, maxColumns) is { } error)
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
            return Error(LedgerErrorCodes.FileTooLarge, string.Create(CultureInfo.InvariantCulture,
                $"The workbook inflates to more than {options.MaxInflatedBytes / 1024.0 / 1024.0:0.#} MB; a ledger within the row limit needs far less. Save only the register's sheet as .xlsx."));
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or NotSupportedException or IOException)
        {
            return Unreadable();
        }
    }

    /// <summary>Scans one XML part: sheet dimensions, rows and cells, shared strings.</summary>
    private static LedgerError? ScanPart(Stream part, LedgerImportOptions options, int maxColumns)
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
        var lastRow = options.LastRow;
        var maxStrings = (long)lastRow * maxColumns; // no sheet within the limits references more
        var row = 0;
        var column = 0;
        long strings = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || !SpreadsheetNamespaces.Contains(reader.NamespaceURI))
            {
                continue;
            }

            switch (reader.LocalName)
            {
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

                    column = cellColumn;
                    break;
                }

                case "sst":
                    if (long.TryParse(reader.GetAttribute("uniqueCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var declared) && declared > maxStrings)
                    {
                        return TooManyStrings(declared, maxStrings);
                    }

                    break;

                case "si":
                    if (++strings > maxStrings)
                    {
                        return TooManyStrings(strings, maxStrings);
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

    private static LedgerError TooManyStrings(long strings, long max) => Error(LedgerErrorCodes.FileTooLarge, string.Create(CultureInfo.InvariantCulture,
        $"The workbook holds {strings:N0} or more distinct texts; a ledger within the limits has at most {max:N0} cells. Save only the register's sheet as .xlsx."));

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

    /// <summary>Counts what is inflated from one part against the workbook's budget, and stops past it.</summary>
    private sealed class CountingStream(Stream inner, InflationBudget budget) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            budget.Spend(read);
            return read;
        }

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
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
