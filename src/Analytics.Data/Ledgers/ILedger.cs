using Microsoft.EntityFrameworkCore;

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

/// <param name="UpdatedRows">The rows (as Excel numbers them) whose stored record the import changed.</param>
internal sealed record LedgerCounts(int Inserted, int Updated, int Unchanged, IReadOnlyList<int> UpdatedRows)
{
    public static readonly LedgerCounts None = new(0, 0, 0, []);

    /// <summary>Counts the matched rows whose stored entity the staged changes modify, keeping their row numbers.</summary>
    public static LedgerCounts Of<T>(OperationalDbContext db, int inserted, IReadOnlyList<(int Row, T Stored)> matched)
        where T : class
    {
        db.ChangeTracker.DetectChanges();
        var updated = matched.Where(m => db.Entry(m.Stored).State == EntityState.Modified).Select(m => m.Row).Distinct().Order().ToList();
        return new LedgerCounts(inserted, updated.Count, matched.Count - updated.Count, updated);
    }
}
