namespace Analytics.Data.Ledgers;

/// <summary>One kind of ledger: its columns, and how its rows are validated and written.</summary>
internal interface ILedger
{
    LedgerKind Kind { get; }

    IReadOnlyList<LedgerColumn> Columns { get; }

    /// <summary>
    /// Validates every row, adding to the reader's error list; only when no row failed, stages the inserts and updates
    /// on <paramref name="db"/> (not saved) and returns the counts.
    /// </summary>
    Task<LedgerCounts> StageAsync(
        OperationalDbContext db, IReadOnlyList<LedgerRecord> rows, LedgerRowReader reader, Func<bool> anyErrors, CancellationToken cancellationToken);
}

internal sealed record LedgerCounts(int Inserted, int Updated, int Unchanged)
{
    public static readonly LedgerCounts None = new(0, 0, 0);
}
