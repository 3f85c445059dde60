using System.Globalization;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Data.Ledgers;

/// <summary>
/// Imports an office's register (台账) of party members, pairings or cases from CSV or XLSX: every row is validated
/// first and every problem reported; when any row fails nothing is written; otherwise all inserts and updates are saved
/// in one <c>SaveChanges</c> (one transaction, seen by every SaveChanges interceptor). Re-importing a file changes nothing.
/// </summary>
/// <remarks>
/// Rows are matched by natural key — members by 身份证号, cases by 诉求编号, pairings by (organization, target, program,
/// start). A row whose key exists overwrites the stored values of the columns the ledger carries (the ledger is the
/// office's record); columns it does not carry are kept. Thread-safe: each call uses its own context.
/// </remarks>
public sealed class LedgerImporter(IDbContextFactory<OperationalDbContext> contexts, TimeProvider clock, LedgerImportOptions? options = null)
{
    private static readonly ILedger[] Ledgers = [new MemberLedger(), new PairingLedger(), new CaseLedger()];

    /// <summary>Header cells that registers carry for people, not for the store; accepted and ignored in every ledger.</summary>
    private static readonly string[] IgnoredColumns = ["序号", "备注"];

    private readonly LedgerImportOptions _options = options ?? new LedgerImportOptions();

    /// <summary>The columns of each ledger, for documentation and templates.</summary>
    public static IReadOnlyList<(string Header, bool Required, string Description)> ColumnsOf(LedgerKind kind) =>
        [.. Ledgers.Single(l => l.Kind == kind).Columns.Select(c => (c.Header, c.Required, c.Description))];

    /// <summary>What the audit entries of an import name as their cause.</summary>
    public const string AuditOperation = "ledgerImport";

    /// <summary>Imports a file from disk; a missing file is the caller's problem (<see cref="FileNotFoundException"/>).</summary>
    public async Task<LedgerImportResult> ImportFileAsync(
        string path, LedgerKind? kind = null, AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return await ImportAsync(stream, Path.GetFileName(path), kind, actor, cancellationToken);
    }

    /// <param name="content">The file's bytes (an upload, a decoded base64 string, a file stream).</param>
    /// <param name="fileName">Used only for its extension (.csv, .txt or .xlsx); null when unknown.</param>
    /// <param name="kind">The ledger kind; null to infer it from the header row.</param>
    /// <param name="actor">Who imports, for the audit entries; <see cref="AuditActor.System"/> when null.</param>
    public async Task<LedgerImportResult> ImportAsync(
        Stream content, string? fileName, LedgerKind? kind = null, AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        // As many columns as the widest ledger, whatever the kind: a file given the wrong kind still gets its header
        // checked column by column (which names what is missing), and the work stays bounded all the same.
        var maxColumns = Ledgers.Max(l => l.Columns.Count) + IgnoredColumns.Length;
        var (table, fileError) = await LedgerFile.ReadAsync(content, fileName, _options, maxColumns, cancellationToken);
        if (table is null)
        {
            return LedgerImportResult.Failed(fileError!);
        }

        LedgerImportResult Fail(LedgerKind? k, IEnumerable<LedgerError> errors) =>
            new(k, table.Format, table.Encoding, table.Rows.Count, 0, 0, 0, [.. errors]);

        var ledger = kind is { } k ? Ledgers.Single(l => l.Kind == k) : Infer(table.Headers);
        if (ledger is null)
        {
            return Fail(null, [new LedgerError(1, null, LedgerErrorCodes.UnknownLedgerKind,
                "The header row matches no ledger: row 1 must hold the column names of the members (党员花名册), pairings "
                + "(结对共建台账) or cases (民情诉求台账) ledger (delete any title row above them), or give the kind explicitly.")]);
        }

        var headerErrors = CheckHeaders(ledger, table.Headers);
        if (headerErrors.Count > 0)
        {
            return Fail(ledger.Kind, headerErrors);
        }

        if (table.Rows.Count == 0)
        {
            return Fail(ledger.Kind, [new LedgerError(null, null, LedgerErrorCodes.NoRows, "The ledger has a header row but no data rows.")]);
        }

        if (table.Rows.Count > _options.MaxRows)
        {
            return Fail(ledger.Kind, [new LedgerError(null, null, LedgerErrorCodes.TooManyRows,
                string.Create(CultureInfo.InvariantCulture, $"The ledger has {table.Rows.Count:N0} rows; at most {_options.MaxRows:N0} are imported at once. Split it."))]);
        }

        var today = OfficeCalendar.DayOf(clock.GetUtcNow());
        List<LedgerError> errors = [];
        try
        {
            // One audited unit of work: the rows and their audit entries commit together or not at all. On SQL Server a
            // transient failure reruns the unit, so it validates again from scratch.
            return await contexts.WriteAuditedAsync(actor ?? AuditActor.System, AuditOperation, async (db, ct) =>
            {
                errors = [];
                var reader = new LedgerRowReader(table.Headers, errors, today);
                var counts = await ledger.StageAsync(db, table.Rows, reader, () => errors.Count > 0, ct);
                if (errors.Count > 0)
                {
                    throw new LedgerRejectedException();
                }

                return new LedgerImportResult(
                    ledger.Kind, table.Format, table.Encoding, table.Rows.Count, counts.Inserted, counts.Updated, counts.Unchanged, [])
                {
                    UpdatedRows = counts.UpdatedRows,
                };
            }, cancellationToken);
        }
        catch (LedgerRejectedException)
        {
            var order = table.Headers.Select((h, i) => (h, i)).GroupBy(x => x.h).ToDictionary(g => g.Key, g => g.First().i);
            return Fail(ledger.Kind, errors
                .OrderBy(e => e.Row ?? 0)
                .ThenBy(e => e.Column is { } c && order.TryGetValue(c, out var i) ? i : int.MaxValue));
        }
        catch (DbUpdateException)
        {
            // A unique key (身份证号, 诉求编号) taken by another writer between validation and save, or a row changed
            // meanwhile: the transaction rolled back, nothing was written.
            return Fail(ledger.Kind, [new LedgerError(null, null, LedgerErrorCodes.ConcurrentChange,
                "The store changed while the ledger was imported (another import or edit of the same rows); nothing was written. Import it again.")]);
        }
    }

    /// <summary>Thrown inside the unit of work when a row is bad: rolls it back; the errors are reported instead.</summary>
    private sealed class LedgerRejectedException : Exception;

    /// <summary>The ledger whose required columns are all present; else the one sharing the most columns, if at least two.</summary>
    private static ILedger? Infer(IReadOnlyList<string> headers)
    {
        var scored = Ledgers
            .Select(l => (Ledger: l, Complete: l.Columns.Where(c => c.Required).All(c => headers.Contains(c.Header)),
                Shared: l.Columns.Count(c => headers.Contains(c.Header))))
            .OrderByDescending(x => x.Complete).ThenByDescending(x => x.Shared).ToList();
        return scored[0].Complete || scored[0].Shared >= 2 && scored[0].Shared > scored[1].Shared ? scored[0].Ledger : null;
    }

    private static List<LedgerError> CheckHeaders(ILedger ledger, IReadOnlyList<string> headers)
    {
        var errors = new List<LedgerError>();
        var known = ledger.Columns.Select(c => c.Header).Concat(IgnoredColumns).ToHashSet(StringComparer.Ordinal);
        foreach (var group in headers.Where(h => h.Length > 0).GroupBy(h => h).Where(g => g.Count() > 1))
        {
            errors.Add(new LedgerError(1, group.Key, LedgerErrorCodes.DuplicateColumn, $"Column {group.Key} appears {group.Count()} times in the header row."));
        }

        foreach (var header in headers)
        {
            if (header.Length == 0)
            {
                errors.Add(new LedgerError(1, null, LedgerErrorCodes.UnknownColumn,
                    "A column has no header but is followed by named columns: give it a name or delete it."));
            }
            else if (!known.Contains(header))
            {
                errors.Add(new LedgerError(1, header, LedgerErrorCodes.UnknownColumn,
                    $"Column {header} is not part of the {Title(ledger.Kind)}; its columns are {string.Join("、", ledger.Columns.Select(c => c.Header))} (序号 and 备注 are ignored)."));
            }
        }

        foreach (var column in ledger.Columns.Where(c => c.Required && !headers.Contains(c.Header)))
        {
            errors.Add(new LedgerError(1, column.Header, LedgerErrorCodes.MissingColumn, $"The {Title(ledger.Kind)} needs a column {column.Header}."));
        }

        return errors;
    }

    private static string Title(LedgerKind kind) => kind switch
    {
        LedgerKind.Members => "members ledger (党员花名册)",
        LedgerKind.Pairings => "pairings ledger (结对共建台账)",
        _ => "cases ledger (民情诉求台账)",
    };
}
