namespace Analytics.Data.Ledgers;

/// <summary>The kinds of register (台账) an office keeps and the import understands.</summary>
public enum LedgerKind
{
    /// <summary>党员花名册.</summary>
    Members = 1,

    /// <summary>结对共建台账 (四联四促, 三联共建, 四进四联, 跨村联建).</summary>
    Pairings = 2,

    /// <summary>民情诉求台账.</summary>
    Cases = 3,
}

/// <summary>
/// What an import did. <see cref="Errors"/> is empty when it succeeded; otherwise nothing was written and every
/// problem found is listed, ordered by row then column.
/// </summary>
/// <param name="Kind">The ledger kind, given or inferred from the header row; null when the file could not be read that far.</param>
/// <param name="Format"><c>CSV</c> or <c>XLSX</c>; null when the file was rejected before its format was known.</param>
/// <param name="Encoding">The text encoding a CSV was read with (<c>UTF-8</c>, <c>GB18030</c>, …); null for XLSX.</param>
/// <param name="RowsRead">Data rows read (blank rows are skipped and not counted).</param>
public sealed record LedgerImportResult(
    LedgerKind? Kind,
    string? Format,
    string? Encoding,
    int RowsRead,
    int Inserted,
    int Updated,
    int Unchanged,
    IReadOnlyList<LedgerError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The rows (as Excel numbers them) whose stored record was changed: what an office checks after an import.</summary>
    public IReadOnlyList<int> UpdatedRows { get; init; } = [];

    internal static LedgerImportResult Failed(LedgerError error) => new(null, null, null, 0, 0, 0, 0, [error]);
}

/// <summary>
/// One problem. <see cref="Row"/> is the row number as the office sees it in Excel (the header is row 1), null for a
/// problem with the whole file; <see cref="Column"/> is the header text, null when no column is concerned.
/// Messages never hold an ID number or phone unmasked.
/// </summary>
public sealed record LedgerError(int? Row, string? Column, string Code, string Message);

/// <summary>The stable codes of <see cref="LedgerError"/>, for clients that translate or count them.</summary>
public static class LedgerErrorCodes
{
    public const string FileTooLarge = "FILE_TOO_LARGE";
    public const string FileEmpty = "FILE_EMPTY";
    public const string UnsupportedFormat = "UNSUPPORTED_FORMAT";
    public const string UnreadableEncoding = "UNREADABLE_ENCODING";
    public const string UnknownLedgerKind = "UNKNOWN_LEDGER_KIND";
    public const string TooManyRows = "TOO_MANY_ROWS";
    public const string TooManyColumns = "TOO_MANY_COLUMNS";
    public const string NoRows = "NO_ROWS";
    public const string MissingColumn = "MISSING_COLUMN";
    public const string UnknownColumn = "UNKNOWN_COLUMN";
    public const string DuplicateColumn = "DUPLICATE_COLUMN";
    public const string Required = "REQUIRED";
    public const string TooLong = "TOO_LONG";

    /// <summary>Text holding a control or text-direction character (<see cref="Analytics.Domain.PlainText"/>).</summary>
    public const string InvalidInput = "INVALID_INPUT";
    public const string InvalidValue = "INVALID_VALUE";
    public const string InvalidDate = "INVALID_DATE";
    public const string DateInFuture = "DATE_IN_FUTURE";
    public const string DateTooEarly = "DATE_TOO_EARLY";
    public const string InvalidIdNumber = "INVALID_ID_NUMBER";
    public const string InvalidPhone = "INVALID_PHONE";
    public const string Inconsistent = "INCONSISTENT";
    public const string DuplicateKey = "DUPLICATE_KEY";
    public const string UnknownOrganization = "UNKNOWN_ORGANIZATION";
    public const string AmbiguousOrganization = "AMBIGUOUS_ORGANIZATION";
    public const string UnknownRegion = "UNKNOWN_REGION";
    public const string AmbiguousRegion = "AMBIGUOUS_REGION";
    public const string UnknownTarget = "UNKNOWN_TARGET";
    public const string AmbiguousTarget = "AMBIGUOUS_TARGET";
    public const string UnknownGrid = "UNKNOWN_GRID";
    public const string ConcurrentChange = "CONCURRENT_CHANGE";
}

/// <summary>
/// Limits of one import, all held before the work they bound is done: a hostile file (a zip bomb, a lone cell at
/// XFD1048576, millions of blank lines) is refused as soon as it passes one, having cost little time and memory.
/// </summary>
/// <param name="MaxFileBytes">Larger files are refused before they are read (default 10 MB, about 50,000 member rows).</param>
/// <param name="MaxRows">
/// More data rows are refused (default 100,000); so is any row, cell or declared sheet dimension beyond the last row
/// they allow (the header is row 1), as it is met.
/// </param>
/// <param name="MaxInflatedBytes">
/// An XLSX's parts, inflated, together (default 24 MB): checked first against the sizes the zip's directory declares,
/// before anything is inflated, then counted while inflating (a part inflating past its declared size is refused as
/// forged). A members register as MiniExcel writes it takes about 700 bytes a row inflated (bench/README.md), so 24 MB
/// holds some 36,000 rows: five times the largest county's register of members (6,650 in the demo city). A larger XLSX
/// (up to the row limit) needs a higher <c>Ledgers:MaxInflatedMegabytes</c>, or CSV, or splitting.
/// </param>
/// <param name="MaxZipEntries">Parts an XLSX may have (default 1,000; Excel writes about a dozen).</param>
/// <param name="MaxCompressionRatio">
/// How many times its compressed size an XLSX part larger than 1 MB may declare to inflate to (default 100: a members
/// register as MiniExcel writes it compresses about 5.5 times, a deflate bomb of whitespace about 1,000 times).
/// </param>
public sealed record LedgerImportOptions(
    long MaxFileBytes = LedgerImportOptions.DefaultMaxFileBytes,
    int MaxRows = 100_000,
    long MaxInflatedBytes = LedgerImportOptions.DefaultMaxInflatedBytes,
    int MaxZipEntries = 1_000,
    int MaxCompressionRatio = 100)
{
    public const long DefaultMaxFileBytes = 10L * 1024 * 1024;
    public const long DefaultMaxInflatedBytes = 24L * 1024 * 1024;
    public const string SectionName = "Ledgers";

    /// <summary>The last sheet row a ledger may use: the header, then <see cref="MaxRows"/> rows.</summary>
    public int LastRow => MaxRows + 1;
}
