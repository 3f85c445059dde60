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

public sealed record WarehouseTableLoad(string Table, long SourceRows, long WarehouseRows);

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
}

/// <summary>Thrown when a check fails: nothing was published, the previous warehouse is untouched.</summary>
public sealed class WarehouseCheckFailedException(IReadOnlyList<WarehouseCheck> failed)
    : Exception($"{failed.Count} warehouse check(s) failed, the previous warehouse is unchanged: "
        + string.Join("; ", failed.Select(c => $"{c.Name} ({c.Detail})")))
{
    public IReadOnlyList<WarehouseCheck> Failed { get; } = failed;
}

/// <summary>
/// Full load of the warehouse: builds a staging file beside the target, checks it, and only then moves it over the live
/// file. Any failure or cancellation before the move deletes the staging file and leaves the live warehouse as it was.
/// </summary>
public sealed class WarehouseBuilder(IDbContextFactory<OperationalDbContext> contexts, string warehousePath)
{
    private const int BatchSize = 4096;

    /// <summary>Test hook: return false to drop a row (table name, row) before it is appended.</summary>
    public Func<string, object, bool>? RowFilter { get; init; }

    public string WarehousePath { get; } = Path.GetFullPath(warehousePath);

    public static string SchemaPath => Path.Combine(AppContext.BaseDirectory, "Warehouse", "schema.sql");

    public async Task<WarehouseRunResult> BuildAsync(
        IProgress<WarehouseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(Path.GetDirectoryName(WarehousePath)!);
        var staging = $"{WarehousePath}.staging-{Guid.NewGuid():N}";
        try
        {
            var runId = Guid.NewGuid().ToString();
            WarehouseRunResult result;
            await using (var connection = new DuckDBConnection($"Data Source={staging}"))
            {
                await connection.OpenAsync(cancellationToken);
                await ExecuteAsync(connection, await File.ReadAllTextAsync(SchemaPath, cancellationToken), cancellationToken);

                var load = new LoadState(progress, cancellationToken);
                await LoadAllAsync(connection, load);

                progress?.Report(new WarehouseProgress("checks", 0));
                var checks = await WarehouseChecks.RunAsync(connection, load.Tables, load.Totals, cancellationToken);
                var failed = checks.Where(c => !c.Passed).ToList();
                if (failed.Count > 0)
                {
                    throw new WarehouseCheckFailedException(failed);
                }

                cancellationToken.ThrowIfCancellationRequested();
                result = new WarehouseRunResult(runId, clock.Elapsed, load.Tables, checks, load.Watermark);
                await CarryOverHistoryAsync(connection, progress, cancellationToken);
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
        long read = 0, written = 0;
        var batch = new List<TRow>(BatchSize);
        await using (var db = await contexts.CreateDbContextAsync(load.CancellationToken))
        using (var appender = connection.CreateAppender<TRow, TMap>(table))
        {
            await foreach (var entity in source(db).AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable()
                .WithCancellation(load.CancellationToken))
            {
                read++;
                if (load.Watermark is null || entity.UpdatedAt > load.Watermark)
                {
                    load.Watermark = entity.UpdatedAt;
                }

                observe?.Invoke(entity);
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

        load.Tables.Add(new WarehouseTableLoad(table, read, written));
        load.Progress?.Report(new WarehouseProgress(table, written));
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
                await ExecuteAsync(connection, $"INSERT INTO {table} SELECT * FROM previous.{table}", cancellationToken);
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
            "INSERT INTO etl_runs VALUES ($1, $2, $3, 'Full', $4, $5, $6, $7, 'Succeeded')", cancellationToken,
            result.RunId, startedAt.UtcDateTime, DateTime.UtcNow, result.Watermark?.UtcDateTime, result.TotalRows,
            result.Checks.Count(c => c.Passed), result.Checks.Count(c => !c.Passed));
        foreach (var table in result.Tables)
        {
            await ExecuteAsync(connection, "INSERT INTO etl_run_tables VALUES ($1, $2, $3, $4)", cancellationToken,
                result.RunId, table.Table, table.SourceRows, table.WarehouseRows);
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
    }
}

/// <summary>Control totals computed from the source rows as they were read.</summary>
public sealed class SourceTotals
{
    public SortedDictionary<int, decimal> OperatingIncomeByYear { get; } = [];
    public long ResolvedCases { get; set; }
    public long CadreCount { get; set; }
}
