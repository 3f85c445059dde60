using System.Diagnostics;
using Activity = Analytics.Domain.Activity;
using System.Globalization;
using Analytics.Data;
using Analytics.Domain;
using DuckDB.NET.Data;
using DuckDB.NET.Data.Mapping;
using Mapster;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Etl.Warehouse;

/// <summary>Progress of a load: a table's rows so far, then one report per check phase.</summary>
public sealed record WarehouseProgress(string Step, long Rows);

/// <summary>
/// One table of a run: rows in the source, rows in the warehouse after the run, and the rows applied from the source
/// (every row in a full run; in an incremental run the rows whose <c>UpdatedAt</c> is past the previous watermark).
/// </summary>
public sealed record WarehouseTableLoad(string Table, long SourceRows, long WarehouseRows, long AppliedRows);

/// <summary>One named check: reconciliation with the source or a data-quality rule.</summary>
public sealed record WarehouseCheck(string Name, string Kind, bool Passed, string Detail);

public sealed record WarehouseRunResult(
    string RunId,
    TimeSpan Elapsed,
    IReadOnlyList<WarehouseTableLoad> Tables,
    IReadOnlyList<WarehouseCheck> Checks,
    DateTimeOffset? Watermark)
{
    public long TotalRows => Tables.Sum(t => t.WarehouseRows);

    /// <summary><see cref="WarehouseBuilder.FullMode"/> or <see cref="WarehouseBuilder.IncrementalMode"/>.</summary>
    public string Mode { get; init; } = WarehouseBuilder.FullMode;

    /// <summary>An incremental run: the watermark of the previous run it started from.</summary>
    public DateTimeOffset? PreviousWatermark { get; init; }

    /// <summary>Why an incremental run was asked for but a full rebuild was done (no live warehouse, no watermark).</summary>
    public string? FallbackReason { get; init; }
}

/// <summary>Thrown when a check fails: nothing was published, the previous warehouse is untouched.</summary>
public sealed class WarehouseCheckFailedException(IReadOnlyList<WarehouseCheck> failed)
    : Exception($"{failed.Count} warehouse check(s) failed, the previous warehouse is unchanged: "
        + string.Join("; ", failed.Select(c => $"{c.Name} ({c.Detail})")))
{
    public IReadOnlyList<WarehouseCheck> Failed { get; } = failed;
}

/// <summary>
/// Loads the warehouse into a staging file beside the target, checks it, and only then moves it over the live file.
/// Any failure or cancellation before the move deletes the staging file and leaves the live warehouse as it was.
/// A full load starts from an empty file; an incremental load starts from a copy of the live file and applies the rows
/// changed since its watermark (facts: changed keys deleted and appended again; dimensions: rebuilt whole).
/// </summary>
public sealed class WarehouseBuilder(IDbContextFactory<OperationalDbContext> contexts, string warehousePath)
{
    public const string FullMode = "Full";
    public const string IncrementalMode = "Incremental";

    private const int BatchSize = 4096;
    private const int DeleteChunk = 1000;

    /// <summary>Test hook: return false to drop a row (table name, row) before it is appended.</summary>
    public Func<string, object, bool>? RowFilter { get; init; }

    public string WarehousePath { get; } = Path.GetFullPath(warehousePath);

    public static string SchemaPath => Path.Combine(AppContext.BaseDirectory, "Warehouse", "schema.sql");

    /// <summary>Full rebuild.</summary>
    public Task<WarehouseRunResult> BuildAsync(
        IProgress<WarehouseProgress>? progress = null, CancellationToken cancellationToken = default) =>
        PublishAsync(incremental: false, progress, cancellationToken);

    /// <summary>
    /// Incremental load: a copy of the live warehouse plus the inserts and updates since its last watermark (deletions in
    /// the source are not seen). Without a live warehouse or a watermark, a full rebuild (see
    /// <see cref="WarehouseRunResult.FallbackReason"/>).
    /// </summary>
    public Task<WarehouseRunResult> BuildIncrementalAsync(
        IProgress<WarehouseProgress>? progress = null, CancellationToken cancellationToken = default) =>
        PublishAsync(incremental: true, progress, cancellationToken);

    private async Task<WarehouseRunResult> PublishAsync(
        bool incremental, IProgress<WarehouseProgress>? progress, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(Path.GetDirectoryName(WarehousePath)!);
        var staging = $"{WarehousePath}.staging-{Guid.NewGuid():N}";
        try
        {
            DateTimeOffset? since = null;
            string? fallback = null;
            if (incremental)
            {
                (since, fallback) = await CopyLiveWarehouseAsync(staging, cancellationToken);
                progress?.Report(new WarehouseProgress(
                    since is { } w ? $"incremental since {w.UtcDateTime:O}" : $"full rebuild: {fallback}", 0));
            }

            var runId = Guid.NewGuid().ToString();
            WarehouseRunResult result;
            await using (var connection = new DuckDBConnection($"Data Source={staging}"))
            {
                await connection.OpenAsync(cancellationToken);
                if (since is null)
                {
                    await ExecuteAsync(connection, await File.ReadAllTextAsync(SchemaPath, cancellationToken), cancellationToken);
                }

                var load = new LoadState(progress, cancellationToken) { Since = since, Watermark = since };
                await LoadAllAsync(connection, load);
                if (since is not null)
                {
                    await ReadSourceTotalsAsync(load.Totals, cancellationToken);
                }

                await MetricViews.CreateAsync(connection, cancellationToken);
                progress?.Report(new WarehouseProgress("checks", 0));
                var checks = await WarehouseChecks.RunAsync(connection, load.Tables, load.Totals, cancellationToken);
                var failed = checks.Where(c => !c.Passed).ToList();
                if (failed.Count > 0)
                {
                    throw new WarehouseCheckFailedException(failed);
                }

                cancellationToken.ThrowIfCancellationRequested();
                result = new WarehouseRunResult(runId, clock.Elapsed, load.Tables, checks, load.Watermark)
                {
                    Mode = since is null ? FullMode : IncrementalMode,
                    PreviousWatermark = since,
                    FallbackReason = fallback,
                };
                if (since is null)
                {
                    // An incremental run works on a copy of the live file: its history is already there.
                    await CarryOverHistoryAsync(connection, progress, cancellationToken);
                }


                await RecordRunAsync(connection, result, startedAt, cancellationToken);
                await ExecuteAsync(connection, "CHECKPOINT", cancellationToken);
            }

            // The staging file is complete and closed. A stale WAL beside the live file would be replayed onto the new one.
            File.Delete(WarehousePath + ".wal");
            File.Move(staging, WarehousePath, overwrite: true);
            progress?.Report(new WarehouseProgress("published", result.TotalRows));
            return result with { Elapsed = clock.Elapsed };
        }
        finally
        {
            File.Delete(staging);
            File.Delete(staging + ".wal");
        }
    }

    /// <summary>
    /// Copies the live warehouse (and its WAL, if any) to the staging path and reads the watermark of its newest run from
    /// the copy. Returns a reason instead when there is nothing to start from; the copy is then deleted.
    /// </summary>
    private async Task<(DateTimeOffset? Since, string? Fallback)> CopyLiveWarehouseAsync(string staging, CancellationToken cancellationToken)
    {
        if (!File.Exists(WarehousePath))
        {
            return (null, $"no live warehouse at {WarehousePath}");
        }

        File.Copy(WarehousePath, staging);
        if (File.Exists(WarehousePath + ".wal"))
        {
            File.Copy(WarehousePath + ".wal", staging + ".wal");
        }

        object? nanoseconds;
        string? fallback = null;
        await using (var connection = new DuckDBConnection($"Data Source={staging}"))
        {
            await connection.OpenAsync(cancellationToken);
            try
            {
                // A file of an older schema is rebuilt whole rather than patched.
                await ExecuteAsync(connection, "SELECT applied_rows FROM etl_run_tables LIMIT 0", cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText =
                    "SELECT epoch_ns(CAST(watermark AS TIMESTAMP_NS)) FROM etl_runs ORDER BY finished_at DESC LIMIT 1";
                nanoseconds = await command.ExecuteScalarAsync(cancellationToken);
            }
            catch (DuckDBException ex)
            {
                nanoseconds = null;
                fallback = $"the live warehouse has no readable run history of this version ({ex.Message.Split('\n')[0]})";
            }
        }

        if (nanoseconds is null or DBNull)
        {
            File.Delete(staging);
            File.Delete(staging + ".wal");
            return (null, fallback ?? "the live warehouse records no watermark");
        }

        var ticks = Convert.ToInt64(nanoseconds, CultureInfo.InvariantCulture) / 100;
        return (new DateTimeOffset(DateTime.UnixEpoch.Ticks + ticks, TimeSpan.Zero), null);
    }

    private async Task LoadAllAsync(DuckDBConnection connection, LoadState load)
    {
        // Dimensions need their ancestors: small lookups (a few thousand regions and grids), not whole tables.
        Dictionary<int, (string Code, string Name, RegionLevel Level)> regions;
        Dictionary<int, (int? ParentId, int Level)> grids;
        await using (var db = await contexts.CreateDbContextAsync(load.CancellationToken))
        {
            regions = await db.Regions.AsNoTracking()
                .Select(r => new { r.Id, r.Code, r.Name, r.Level })
                .ToDictionaryAsync(r => r.Id, r => (r.Code, r.Name, r.Level), load.CancellationToken);
            grids = await db.Grids.AsNoTracking()
                .Select(g => new { g.Id, g.ParentId, g.Level })
                .ToDictionaryAsync(g => g.Id, g => (g.ParentId, g.Level), load.CancellationToken);
        }

        var countyOf = new Dictionary<int, int?>();

        await LoadAsync<Region, RegionRow, RegionRowMap>(connection, load, "dim_region", db => db.Regions, region =>
        {
            int? county = null, township = null, village = null;
            foreach (var part in region.Path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var id = int.Parse(part, CultureInfo.InvariantCulture);
                switch (regions[id].Level)
                {
                    case RegionLevel.County: county = id; break;
                    case RegionLevel.Township: township = id; break;
                    case RegionLevel.Village or RegionLevel.Community: village = id; break;
                }
            }

            countyOf[region.Id] = county;
            return region.Adapt<RegionRow>(WarehouseMapping.Config) with
            {
                CountyKey = county,
                CountyCode = county is { } c ? regions[c].Code : null,
                CountyName = county is { } c2 ? regions[c2].Name : null,
                TownshipKey = township,
                TownshipCode = township is { } t ? regions[t].Code : null,
                TownshipName = township is { } t2 ? regions[t2].Name : null,
                VillageCode = village is { } v ? regions[v].Code : null,
                VillageName = village is { } v2 ? regions[v2].Name : null,
            };
        });

        await LoadAsync<Grid, GridRow, GridRowMap>(connection, load, "dim_grid", db => db.Grids, grid =>
        {
            var ancestors = new int?[Grid.MaxLevel + 1];
            for (int? id = grid.Id; id is { } current; id = grids[current].ParentId)
            {
                ancestors[grids[current].Level] = current;
            }

            return grid.Adapt<GridRow>(WarehouseMapping.Config) with
            {
                Level1Key = ancestors[1],
                Level2Key = ancestors[2],
                Level3Key = ancestors[3],
                CountyKey = countyOf.GetValueOrDefault(grid.RegionId),
            };
        });

        await LoadAsync<PartyOrganization, OrganizationRow, OrganizationRowMap>(
            connection, load, "dim_organization", db => db.PartyOrganizations,
            organization => organization.Adapt<OrganizationRow>(WarehouseMapping.Config) with
            {
                CountyKey = countyOf.GetValueOrDefault(organization.RegionId),
            });

        await LoadAsync<PartyMember, MemberRow, MemberRowMap>(connection, load, "dim_member", db => db.PartyMembers);

        await LoadAsync<CollectiveIncome, CollectiveIncomeRow, CollectiveIncomeRowMap>(
            connection, load, "fact_collective_income", db => db.CollectiveIncomes, observe: income =>
                load.Totals.OperatingIncomeByYear[income.Year] =
                    load.Totals.OperatingIncomeByYear.GetValueOrDefault(income.Year) + income.OperatingIncome);

        await LoadAsync<Activity, ActivityRow, ActivityRowMap>(
            connection, load, "fact_activity", db => db.Activities, observe: activity => load.Totals.CadreCount += activity.CadreCount);

        await LoadAsync<Case, CaseRow, CaseRowMap>(connection, load, "fact_case", db => db.Cases, observe: @case =>
        {
            if (@case.Status.IsResolved())
            {
                load.Totals.ResolvedCases++;
            }
        });

        await LoadAsync<Pairing, PairingRow, PairingRowMap>(connection, load, "fact_pairing", db => db.Pairings);
        await LoadAsync<GridSteward, GridStewardRow, GridStewardRowMap>(connection, load, "fact_grid_steward", db => db.GridStewards);
        await LoadAsync<StarRating, StarRatingRow, StarRatingRowMap>(connection, load, "fact_star_rating", db => db.StarRatings);
        await LoadAsync<MicroWish, MicroWishRow, MicroWishRowMap>(connection, load, "fact_micro_wish", db => db.MicroWishes);
        await LoadAsync<CommunityRegistration, CommunityRegistrationRow, CommunityRegistrationRowMap>(
            connection, load, "fact_community_registration", db => db.CommunityRegistrations);
        await LoadAsync<IncomeProject, IncomeProjectRow, IncomeProjectRowMap>(
            connection, load, "fact_income_project", db => db.IncomeProjects);
    }

    /// <summary>Streams one source table (never whole in memory) through the mapping into the table's appender.</summary>
    private async Task LoadAsync<TEntity, TRow, TMap>(
        DuckDBConnection connection,
        LoadState load,
        string table,
        Func<OperationalDbContext, IQueryable<TEntity>> source,
        Func<TEntity, TRow>? map = null,
        Action<TEntity>? observe = null)
        where TEntity : Entity
        where TRow : class
        where TMap : DuckDBAppenderMap<TRow>, new()
    {
        map ??= entity => entity.Adapt<TRow>(WarehouseMapping.Config);
        long read = 0, written = 0, applied = 0, sourceRows;
        var batch = new List<TRow>(BatchSize);
        var since = load.Since;

        // Full: every row into an empty table. Incremental dimension: rebuilt whole (derived columns such as a grid's
        // county come from other rows). Incremental fact: the changed keys are deleted, their new versions appended.
        var rebuild = since is null || table.StartsWith("dim_", StringComparison.Ordinal);
        await using var db = await contexts.CreateDbContextAsync(load.CancellationToken);
        var query = source(db).AsNoTracking();
        if (since is { } after)
        {
            if (rebuild)
            {
                await ExecuteAsync(connection, $"DELETE FROM {table}", load.CancellationToken);
            }
            else
            {
                query = query.Where(e => e.UpdatedAt > after);
                var key = WarehouseChecks.KeyOf(table);
                var changed = await query.Select(e => e.Id).ToListAsync(load.CancellationToken);
                foreach (var chunk in changed.Chunk(DeleteChunk))
                {
                    await ExecuteAsync(connection,
                        $"DELETE FROM {table} WHERE {key} IN ({string.Join(',', chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)))})",
                        load.CancellationToken);
                }
            }
        }

        using (var appender = connection.CreateAppender<TRow, TMap>(table))
        {
            await foreach (var entity in query.OrderBy(e => e.Id).AsAsyncEnumerable()
                .WithCancellation(load.CancellationToken))
            {
                read++;
                if (load.Watermark is null || entity.UpdatedAt > load.Watermark)
                {
                    load.Watermark = entity.UpdatedAt;
                }

                if (since is null || entity.UpdatedAt > since)
                {
                    applied++;
                }

                if (since is null)
                {
                    // Incremental runs read the control totals from the source as a whole (ReadSourceTotalsAsync).
                    observe?.Invoke(entity);
                }

                var row = map(entity);
                if (RowFilter is { } filter && !filter(table, row))
                {
                    continue;
                }

                batch.Add(row);
                if (batch.Count == BatchSize)
                {
                    appender.AppendRecords(batch);
                    written += batch.Count;
                    batch.Clear();
                    load.Progress?.Report(new WarehouseProgress(table, written));
                    load.CancellationToken.ThrowIfCancellationRequested();
                }
            }

            appender.AppendRecords(batch);
            written += batch.Count;
        }

        if (rebuild)
        {
            sourceRows = read;
        }
        else
        {
            sourceRows = await source(db).LongCountAsync(load.CancellationToken);
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM {table}";
            written = Convert.ToInt64(await count.ExecuteScalarAsync(load.CancellationToken), CultureInfo.InvariantCulture);
        }

        load.Tables.Add(new WarehouseTableLoad(table, sourceRows, written, applied));
        load.Progress?.Report(new WarehouseProgress(table, written));
    }

    /// <summary>
    /// The control totals of the whole source, for an incremental run (a full run adds them up as it reads every row).
    /// A source changed meanwhile makes a check fail, so nothing is published: the next run tries again.
    /// </summary>
    private async Task ReadSourceTotalsAsync(SourceTotals totals, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await foreach (var income in db.CollectiveIncomes.AsNoTracking().Select(i => new { i.Year, i.OperatingIncome })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            totals.OperatingIncomeByYear[income.Year] = totals.OperatingIncomeByYear.GetValueOrDefault(income.Year) + income.OperatingIncome;
        }

        totals.CadreCount = await db.Activities.SumAsync(a => (long)a.CadreCount, cancellationToken);
        var statuses = await db.Cases.GroupBy(c => c.Status).Select(g => new { Status = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        totals.ResolvedCases = statuses.Where(s => s.Status.IsResolved()).Sum(s => s.Count);
    }

    /// <summary>
    /// Copies the run history of the warehouse being replaced, so <c>etl_runs</c> lists every published run, not only
    /// the one that built the file. A previous file without a readable history is reported and left behind.
    /// </summary>
    private async Task CarryOverHistoryAsync(DuckDBConnection connection, IProgress<WarehouseProgress>? progress, CancellationToken cancellationToken)
    {
        if (!File.Exists(WarehousePath))
        {
            return;
        }

        var previous = WarehousePath.Replace("'", "''", StringComparison.Ordinal);
        await ExecuteAsync(connection, $"ATTACH '{previous}' AS previous (READ_ONLY)", cancellationToken);
        try
        {
            foreach (var table in new[] { "etl_runs", "etl_run_tables", "etl_run_checks" })
            {
                await ExecuteAsync(connection, $"INSERT INTO {table} BY NAME SELECT * FROM previous.{table}", cancellationToken);
            }
        }
        catch (DuckDBException ex)
        {
            // An older or foreign file: the new warehouse is still right, only the earlier history is missing.
            await ExecuteAsync(connection, "DELETE FROM etl_run_checks; DELETE FROM etl_run_tables; DELETE FROM etl_runs", cancellationToken);
            progress?.Report(new WarehouseProgress($"history not carried over ({ex.Message.Split('\n')[0]})", 0));
        }
        finally
        {
            await ExecuteAsync(connection, "DETACH previous", cancellationToken);
        }
    }

    private static async Task RecordRunAsync(
        DuckDBConnection connection, WarehouseRunResult result, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection,
            // The watermark keeps every tick (TIMESTAMP_NS through its text): a TIMESTAMP would cut it to microseconds,
            // and the next incremental run would apply again the rows changed in that last microsecond.
            "INSERT INTO etl_runs VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMP_NS), $6, $7, $8, 'Succeeded')", cancellationToken,
            result.RunId, startedAt.UtcDateTime, DateTime.UtcNow, result.Mode,
            result.Watermark?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture), result.TotalRows,
            result.Checks.Count(c => c.Passed), result.Checks.Count(c => !c.Passed));
        foreach (var table in result.Tables)
        {
            await ExecuteAsync(connection, "INSERT INTO etl_run_tables VALUES ($1, $2, $3, $4, $5)", cancellationToken,
                result.RunId, table.Table, table.SourceRows, table.WarehouseRows, table.AppliedRows);
        }

        foreach (var check in result.Checks)
        {
            await ExecuteAsync(connection, "INSERT INTO etl_run_checks VALUES ($1, $2, $3, $4, $5)", cancellationToken,
                result.RunId, check.Name, check.Kind, check.Passed, check.Detail);
        }
    }

    internal static async Task ExecuteAsync(
        DuckDBConnection connection, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(value ?? DBNull.Value));
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>What one load has seen so far: rows per table, the source's control totals, the latest UpdatedAt.</summary>
    private sealed class LoadState(IProgress<WarehouseProgress>? progress, CancellationToken cancellationToken)
    {
        public IProgress<WarehouseProgress>? Progress { get; } = progress;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public List<WarehouseTableLoad> Tables { get; } = [];
        public SourceTotals Totals { get; } = new();
        public DateTimeOffset? Watermark { get; set; }

        /// <summary>Incremental: the previous run's watermark; null for a full load.</summary>
        public DateTimeOffset? Since { get; init; }
    }
}

/// <summary>Control totals computed from the source rows as they were read.</summary>
public sealed class SourceTotals
{
    public SortedDictionary<int, decimal> OperatingIncomeByYear { get; } = [];
    public long ResolvedCases { get; set; }
    public long CadreCount { get; set; }
}
