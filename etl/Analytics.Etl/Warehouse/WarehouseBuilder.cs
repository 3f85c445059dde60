using System.Diagnostics;
using Activity = Analytics.Domain.Activity;
using System.Globalization;
using System.Threading.Channels;
using Analytics.Data;
using Analytics.Domain;
using DuckDB.NET.Data;
using DuckDB.NET.Data.Mapping;
using Mapster;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Etl.Warehouse;

/// <summary>
/// Progress of a load: a table's rows so far (tables load side by side, so reports of several tables interleave; the
/// last report of a table has <see cref="Done"/> set), then one report per later step.
/// </summary>
public sealed record WarehouseProgress(string Step, long Rows, bool Done = false)
{
    /// <summary>A finished table: time its reader thread spent reading and mapping source rows (not waiting).</summary>
    public TimeSpan? Reading { get; init; }

    /// <summary>A finished table: time spent in the DuckDB appender.</summary>
    public TimeSpan? Appending { get; init; }
}

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

    /// <summary>The calendar the run built (<c>dim_date</c>'s years) and the data's as-of day.</summary>
    public WarehouseCalendarSpan? Calendar { get; init; }

    /// <summary>An incremental run: the watermark of the previous run it started from.</summary>
    public DateTimeOffset? PreviousWatermark { get; init; }

    /// <summary>Why an incremental run was asked for but a full rebuild was done (no live warehouse, no watermark).</summary>
    public string? FallbackReason { get; init; }
}

/// <summary>Thrown when another run holds the warehouse's lock: nothing was done.</summary>
public sealed class WarehouseBusyException(string message, Exception inner) : Exception(message, inner);

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
    /// <summary>
    /// What the rows of a file built by this version mean (<c>etl_format</c>); raised whenever a change alters the
    /// rows a load writes for the same source (not only the schema), so that an incremental run never patches a file of
    /// another meaning. 5: members' gender, birth year, join date and cadre and star flags are only counted
    /// (<c>member_counts</c>, <c>member_joins</c>, <c>member_profile</c>), <c>dim_member</c> keeps key, category and
    /// organization; 4: <c>dim_date</c> spans the data's years and <c>etl_runs</c> records <c>data_as_of</c>;
    /// 3: regions and grids carry their validity (<c>valid_from</c>, <c>valid_to</c>); 2: days are the offices' Beijing
    /// days (<c>*_date_key</c>, <c>office_day</c>); 1: UTC days.
    /// </summary>
    public const int FormatVersion = 5;

    /// <summary>
    /// The format a warehouse was built in (<c>etl_format</c>, in <paramref name="catalog"/> when attached under a name);
    /// 1 for a file built before formats were recorded. Both an incremental run and the API's readers go by it.
    /// </summary>
    public static async Task<int> ReadFormatAsync(DuckDBConnection connection, string? catalog, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // Asked of the catalog first, so that only a missing table means "before formats", not any failure to read one.
        command.CommandText = "SELECT COUNT(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'etl_format' AND database_name = "
            + (catalog is null ? "current_database()" : $"'{catalog}'");
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
        {
            return 1;
        }

        command.CommandText = $"SELECT max(version) FROM {(catalog is null ? "" : catalog + ".")}etl_format";
        return await command.ExecuteScalarAsync(cancellationToken) as int? ?? 1;
    }

    public const string FullMode = "Full";
    public const string IncrementalMode = "Incremental";

    /// <summary>Every source query goes through the ETL's reading contexts (<see cref="SourceContexts"/>).</summary>
    private readonly Lazy<IDbContextFactory<OperationalDbContext>> _sources = new(() => SourceContexts.ForReading(contexts));

    private const int BatchSize = 4096;
    private const int DeleteChunk = 1000;
    private const int ChannelBatches = 4;

    /// <summary>Memory DuckDB may use while building (it spills beyond it); the .NET side needs about 300 MiB more.</summary>
    private const int DuckDBMemoryLimitMegabytes = 256;

    /// <summary>
    /// Give the load's collected rows back to the operating system (a blocking, compacting full collection) before the
    /// metric tables are aggregated, so the two peaks do not add up: for the ETL's own process and its memory goal, not
    /// for a host that serves requests meanwhile (the API's first-start build), which it would pause.
    /// </summary>
    public bool CompactMemoryAfterLoad { get; init; }

    /// <summary>Tables loaded at once (each by a reader and an appender thread); the machine's cores by default.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The clock of the run: its start and finish times, and the offices' current year the calendar includes.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Test hook: return false to drop a row (table name, row) before it is appended.</summary>
    public Func<string, object, bool>? RowFilter { get; init; }

    public string WarehousePath { get; } = Path.GetFullPath(warehousePath);

    public static string SchemaPath => Path.Combine(AppContext.BaseDirectory, "Warehouse", "schema.sql");

    /// <summary>Full rebuild.</summary>
    public Task<WarehouseRunResult> BuildAsync(
        IProgress<WarehouseProgress>? progress = null, CancellationToken cancellationToken = default) =>
        PublishAsync(incremental: false, progress, cancellationToken);

    /// <summary>
    /// Incremental load: a copy of the live warehouse plus the inserts and updates since its last watermark, minus the
    /// rows deleted from the source. Without a live warehouse or a watermark, a full rebuild (see
    /// <see cref="WarehouseRunResult.FallbackReason"/>).
    /// </summary>
    public Task<WarehouseRunResult> BuildIncrementalAsync(
        IProgress<WarehouseProgress>? progress = null, CancellationToken cancellationToken = default) =>
        PublishAsync(incremental: true, progress, cancellationToken);

    private async Task<WarehouseRunResult> PublishAsync(
        bool incremental, IProgress<WarehouseProgress>? progress, CancellationToken cancellationToken)
    {
        var startedAt = Clock.GetUtcNow();
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(Path.GetDirectoryName(WarehousePath)!);
        using var runLock = AcquireRunLock();
        DeleteAbandonedStagingFiles(progress);
        var staging = $"{WarehousePath}.staging-{Guid.NewGuid():N}";
        try
        {
            DateTimeOffset? since = null;
            string? fallback = null;
            if (incremental)
            {
                (since, fallback) = await CopyLiveWarehouseAsync(staging, cancellationToken);
                progress?.Report(new WarehouseProgress(
                    since is { } w ? $"incremental since {Analytics.Domain.Instants.Format(w)}" : $"full rebuild: {fallback}", 0));
            }

            var runId = Guid.NewGuid().ToString();
            WarehouseRunResult result;
            await using (var connection = new DuckDBConnection($"Data Source={staging}"))
            {
                await connection.OpenAsync(cancellationToken);
                // DuckDB's own memory (it spills to a temporary directory beyond it): the load's buffers and the metric
                // materialization stay within it, so the whole process stays under 1 GiB at scale 100.
                await ExecuteAsync(connection,
                    $"SET memory_limit = '{DuckDBMemoryLimitMegabytes}MB'; SET preserve_insertion_order = false", cancellationToken);
                if (since is null)
                {
                    await ExecuteAsync(connection, await File.ReadAllTextAsync(SchemaPath, cancellationToken), cancellationToken);
                    await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"INSERT INTO etl_format VALUES ({FormatVersion})"), cancellationToken);
                }

                var load = new LoadState(progress, cancellationToken) { Since = since, Watermark = since };
                await LoadAllAsync(connection, load);
                progress?.Report(new WarehouseProgress("source totals", 0));
                await ReadSourceTotalsAsync(load.Totals, cancellationToken);

                if (CompactMemoryAfterLoad)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                }

                progress?.Report(new WarehouseProgress("metric views", 0));
                await MetricViews.CreateAsync(connection, cancellationToken);
                progress?.Report(new WarehouseProgress("calendar", 0));
                var calendar = await WarehouseCalendar.FillAsync(connection, OfficeCalendar.DayOf(Clock.GetUtcNow()), cancellationToken);
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
                    Calendar = calendar,
                };
                if (since is null)
                {
                    // An incremental run works on a copy of the live file: its history is already there.
                    await CarryOverHistoryAsync(connection, progress, cancellationToken);
                }

                await RecordRunAsync(connection, result, startedAt, Clock.GetUtcNow(), cancellationToken);
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
    /// One run at a time per warehouse (a nightly schedule and a run by hand, or the API's first-start build): an
    /// exclusive lock on <c>&lt;warehouse&gt;.lock</c>, held until the run ends. The operating system releases it when
    /// the process dies, so a killed run never blocks the next one. The file itself stays (deleting it would race).
    /// </summary>
    private FileStream AcquireRunLock()
    {
        var path = WarehousePath + ".lock";
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new WarehouseBusyException(
                $"Another run is building {WarehousePath} (it holds {path}); try again when it has finished.", ex);
        }
    }

    /// <summary>
    /// Staging files of runs that died (killed, power cut) before their cleanup: safe to delete while this run holds
    /// the lock, since no other run can be writing one.
    /// </summary>
    private void DeleteAbandonedStagingFiles(IProgress<WarehouseProgress>? progress)
    {
        var directory = Path.GetDirectoryName(WarehousePath)!;
        foreach (var file in Directory.EnumerateFiles(directory, Path.GetFileName(WarehousePath) + ".staging-*"))
        {
            File.Delete(file);
            progress?.Report(new WarehouseProgress($"deleted {Path.GetFileName(file)}, left by an interrupted run", 0));
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

        object? nanoseconds = null;
        string? fallback = null;
        await using (var connection = new DuckDBConnection($"Data Source={staging}"))
        {
            await connection.OpenAsync(cancellationToken);
            // A file of another format (older, or one whose rows mean something else) is rebuilt whole, not patched.
            var format = await ReadFormatAsync(connection, catalog: null, cancellationToken);
            if (format != FormatVersion)
            {
                fallback = string.Create(CultureInfo.InvariantCulture,
                    $"the live warehouse is of format {format} and this ETL writes format {FormatVersion}");
            }
            else
            {
                await using var command = connection.CreateCommand();
                command.CommandText =
                    "SELECT epoch_ns(CAST(watermark AS TIMESTAMP_NS)) FROM etl_runs ORDER BY finished_at DESC LIMIT 1";
                nanoseconds = await command.ExecuteScalarAsync(cancellationToken);
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
        // Dimensions carry their ancestors: small lookups (a few thousand regions and grids), not whole tables.
        Dictionary<int, (string Code, string Name, RegionLevel Level, int? ParentId)> regions;
        Dictionary<int, (int? ParentId, int Level)> grids;
        await using (var db = await _sources.Value.CreateDbContextAsync(load.CancellationToken))
        {
            regions = await db.Regions.AsNoTracking()
                .Select(r => new { r.Id, r.Code, r.Name, r.Level, r.ParentId })
                .ToDictionaryAsync(r => r.Id, r => (r.Code, r.Name, r.Level, r.ParentId), load.CancellationToken);
            grids = await db.Grids.AsNoTracking()
                .Select(g => new { g.Id, g.ParentId, g.Level })
                .ToDictionaryAsync(g => g.Id, g => (g.ParentId, g.Level), load.CancellationToken);
        }

        int? Ancestor(int regionId, Func<RegionLevel, bool> level)
        {
            for (int? id = regionId; id is { } current; id = regions[current].ParentId)
            {
                if (level(regions[current].Level))
                {
                    return current;
                }
            }

            return null;
        }

        var countyOf = regions.Keys.ToDictionary(id => id, id => Ancestor(id, l => l == RegionLevel.County));

        // Members' quasi-identifiers are only counted, per organization's county, township and domain.
        Dictionary<int, (int? CountyKey, int? TownshipKey, string Domain)> organizations;
        await using (var db = await _sources.Value.CreateDbContextAsync(load.CancellationToken))
        {
            organizations = (await db.PartyOrganizations.AsNoTracking().Select(o => new { o.Id, o.RegionId, o.Domain }).ToListAsync(load.CancellationToken))
                .ToDictionary(o => o.Id, o => (countyOf.GetValueOrDefault(o.RegionId), Ancestor(o.RegionId, l => l == RegionLevel.Township), o.Domain.ToString()));
        }

        var members = new MemberAggregates(organizations, regions.ToDictionary(r => r.Key, r => r.Value.Name), OfficeCalendar.DayOf(Clock.GetUtcNow()).Year);

        // Largest first, so the last table to finish is a small one (the tables run Parallelism at a time).
        var tables = new (string Table, Func<DuckDBConnection, Task> Load)[]
        {
            ("dim_member", async c =>
            {
                await LoadAsync<PartyMember, MemberRow, MemberRowMap>(c, load, "dim_member", db => db.PartyMembers, member =>
                {
                    members.Add(member);
                    return member;
                });
                await members.WriteAsync(c, load.CancellationToken);
            }),
            ("fact_case", c => LoadAsync<Case, CaseRow, CaseRowMap>(c, load, "fact_case", db => db.Cases)),
            ("fact_activity", c => LoadAsync<Activity, ActivityRow, ActivityRowMap>(c, load, "fact_activity", db => db.Activities)),
            ("fact_community_registration", c => LoadAsync<CommunityRegistration, CommunityRegistrationRow, CommunityRegistrationRowMap>(
                c, load, "fact_community_registration", db => db.CommunityRegistrations)),
            ("fact_community_attendance", c => LoadAsync<CommunityAttendance, CommunityAttendanceRow, CommunityAttendanceRowMap>(
                c, load, "fact_community_attendance", db => db.CommunityAttendances)),
            ("fact_micro_wish", c => LoadAsync<MicroWish, MicroWishRow, MicroWishRowMap>(c, load, "fact_micro_wish", db => db.MicroWishes)),
            ("dim_grid", c => LoadAsync<Grid, GridRow, GridRowMap>(c, load, "dim_grid", db => db.Grids, grid =>
            {
                var ancestors = new int?[Grid.MaxLevel + 1];
                for (int? id = grid.GridKey; id is { } current; id = grids[current].ParentId)
                {
                    ancestors[grids[current].Level] = current;
                }

                return grid with
                {
                    Level1Key = ancestors[1],
                    Level2Key = ancestors[2],
                    Level3Key = ancestors[3],
                    CountyKey = countyOf.GetValueOrDefault(grid.RegionKey),
                };
            })),
            ("fact_grid_steward", c => LoadAsync<GridSteward, GridStewardRow, GridStewardRowMap>(c, load, "fact_grid_steward", db => db.GridStewards)),
            ("dim_organization", c => LoadAsync<PartyOrganization, OrganizationRow, OrganizationRowMap>(
                c, load, "dim_organization", db => db.PartyOrganizations,
                organization => organization with { CountyKey = countyOf.GetValueOrDefault(organization.RegionKey) })),
            ("dim_region", c => LoadAsync<Region, RegionRow, RegionRowMap>(c, load, "dim_region", db => db.Regions, region =>
            {
                var county = countyOf[region.RegionKey];
                var township = Ancestor(region.RegionKey, l => l == RegionLevel.Township);
                var village = Ancestor(region.RegionKey, l => l is RegionLevel.Village or RegionLevel.Community);
                return region with
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
            })),
            ("fact_star_rating", c => LoadAsync<StarRating, StarRatingRow, StarRatingRowMap>(c, load, "fact_star_rating", db => db.StarRatings)),
            ("fact_pairing", c => LoadAsync<Pairing, PairingRow, PairingRowMap>(c, load, "fact_pairing", db => db.Pairings)),
            ("dim_enterprise", c => LoadAsync<Enterprise, EnterpriseRow, EnterpriseRowMap>(c, load, "dim_enterprise", db => db.Enterprises,
                enterprise => enterprise with { CountyKey = countyOf.GetValueOrDefault(enterprise.RegionKey) })),
            ("dim_project", c => LoadAsync<Project, ProjectRow, ProjectRowMap>(c, load, "dim_project", db => db.Projects,
                project => project with { CountyKey = countyOf.GetValueOrDefault(project.RegionKey) })),
            ("fact_collective_income", c => LoadAsync<CollectiveIncome, CollectiveIncomeRow, CollectiveIncomeRowMap>(
                c, load, "fact_collective_income", db => db.CollectiveIncomes)),
            ("fact_income_project", c => LoadAsync<IncomeProject, IncomeProjectRow, IncomeProjectRowMap>(
                c, load, "fact_income_project", db => db.IncomeProjects)),
        };

        // One DuckDB connection per table. DuckDB.NET shares one database instance between the connections of a process
        // to the same file, and appenders on different connections run side by side.
        await Parallel.ForEachAsync(
            tables,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = load.CancellationToken },
            async (table, cancellationToken) =>
            {
                await using var tableConnection = new DuckDBConnection(connection.ConnectionString);
                await tableConnection.OpenAsync(cancellationToken);
                await table.Load(tableConnection);
            });

        // Report the tables in the schema's order, whichever finished first.
        var order = WarehouseChecks.Tables.ToList();
        load.Tables.Sort((a, b) => order.IndexOf(a.Table).CompareTo(order.IndexOf(b.Table)));
    }

    /// <summary>
    /// Streams one source table (never whole in memory) into the table's appender: a reader thread runs the source
    /// query, projected by Mapster to the warehouse row (only the columns the warehouse keeps), and hands batches over
    /// a small bounded channel to this task, which appends them. Reading and appending thus overlap on two cores.
    /// </summary>
    private async Task LoadAsync<TEntity, TRow, TMap>(
        DuckDBConnection connection,
        LoadState load,
        string table,
        Func<OperationalDbContext, IQueryable<TEntity>> source,
        Func<TRow, TRow>? enrich = null)
        where TEntity : Entity
        where TRow : SourceRow
        where TMap : DuckDBAppenderMap<TRow>, new()
    {
        var cancellationToken = load.CancellationToken;
        long read = 0, written = 0, applied = 0;
        DateTimeOffset? watermark = null;
        var since = load.Since;
        load.Progress?.Report(new WarehouseProgress(table, 0));

        // Full: every row into an empty table. Incremental dimension: rebuilt whole (derived columns such as a grid's
        // county come from other rows). Incremental fact: the changed keys are deleted, their new versions appended,
        // and the keys no longer in the source deleted.
        var rebuild = since is null || table.StartsWith("dim_", StringComparison.Ordinal);
        await using var db = await _sources.Value.CreateDbContextAsync(cancellationToken);
        var query = source(db).AsNoTracking();
        if (since is { } after)
        {
            if (rebuild)
            {
                await ExecuteAsync(connection, $"DELETE FROM {table}", cancellationToken);
            }
            else
            {
                query = query.Where(e => e.UpdatedAt > after);
                var key = WarehouseChecks.KeyOf(table);
                var changed = await query.Select(e => e.Id).ToListAsync(cancellationToken);
                foreach (var chunk in changed.Chunk(DeleteChunk))
                {
                    await ExecuteAsync(connection,
                        $"DELETE FROM {table} WHERE {key} IN ({string.Join(',', chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)))})",
                        cancellationToken);
                }

                await DeleteRemovedAsync(connection, table, source(db), cancellationToken);
            }
        }

        var rows = query.OrderBy(e => e.Id).ProjectToType<TRow>(WarehouseMapping.Config);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<TRow[]>(
            new BoundedChannelOptions(ChannelBatches) { SingleReader = true, SingleWriter = true });
        var appending = new Stopwatch();
        var reader = Task.Factory.StartNew(
            () => ReadBatches(rows, enrich, batches.Writer, stop.Token),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            using var appender = connection.CreateAppender<TRow, TMap>(table);
            var kept = new List<TRow>(BatchSize);
            await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
            {
                kept.Clear();
                foreach (var row in batch)
                {
                    read++;
                    if (watermark is null || row.UpdatedAt > watermark)
                    {
                        watermark = row.UpdatedAt;
                    }

                    if (since is null || row.UpdatedAt > since)
                    {
                        applied++;
                    }

                    if (RowFilter is { } filter && !filter(table, row))
                    {
                        continue;
                    }

                    kept.Add(row);
                }

                appending.Start();
                appender.AppendRecords(kept);
                appending.Stop();
                written += kept.Count;
                load.Progress?.Report(new WarehouseProgress(table, written));
            }

            appending.Start();
            appender.Close();
            appending.Stop();
        }
        catch
        {
            // Stop the reader and wait for it: its own failure, if it had one, is the exception being rethrown.
            await stop.CancelAsync();
            await reader.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }

        var reading = await reader;

        // Reconciliation compares the warehouse with the source's own count, not with what this run read.
        var sourceRows = await source(db).LongCountAsync(cancellationToken);
        if (!rebuild)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM {table}";
            written = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        lock (load)
        {
            load.Tables.Add(new WarehouseTableLoad(table, sourceRows, written, applied));
            if (watermark is { } w && (load.Watermark is null || w > load.Watermark))
            {
                load.Watermark = w;
            }
        }

        load.Progress?.Report(new WarehouseProgress(table, written, Done: true) { Reading = reading, Appending = appending.Elapsed });
    }

    /// <summary>
    /// The reader thread: a synchronous stream (no per-row async overhead), in batches; the channel's bound keeps
    /// memory flat when appending is the slower side.
    /// </summary>
    /// <returns>The time spent reading and mapping, without the time waiting for room in the channel.</returns>
    private static TimeSpan ReadBatches<TRow>(
        IQueryable<TRow> rows, Func<TRow, TRow>? enrich, ChannelWriter<TRow[]> writer, CancellationToken cancellationToken)
    {
        var busy = Stopwatch.StartNew();
        var waiting = new Stopwatch();
        try
        {
            var batch = new TRow[BatchSize];
            var count = 0;
            foreach (var row in rows)
            {
                batch[count++] = enrich is null ? row : enrich(row);
                if (count == BatchSize)
                {
                    Hand(batch);
                    batch = new TRow[BatchSize];
                    count = 0;
                }
            }

            if (count > 0)
            {
                Hand(batch[..count]);
            }

            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex);
        }

        return busy.Elapsed - waiting.Elapsed;

        void Hand(TRow[] full)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!writer.TryWrite(full))
            {
                waiting.Start();
                writer.WriteAsync(full, cancellationToken).AsTask().GetAwaiter().GetResult();
                waiting.Stop();
            }
        }
    }

    /// <summary>
    /// Incremental fact: deletes the warehouse rows whose source row is gone. The source's keys go into a temporary
    /// table through an appender (ids only, streamed), then one anti-join delete.
    /// </summary>
    private static async Task DeleteRemovedAsync<TEntity>(
        DuckDBConnection connection, string table, IQueryable<TEntity> source, CancellationToken cancellationToken)
        where TEntity : Entity
    {
        var key = WarehouseChecks.KeyOf(table);
        var keys = $"source_keys_{table}";
        await ExecuteAsync(connection, $"CREATE OR REPLACE TEMP TABLE {keys} (id INTEGER NOT NULL)", cancellationToken);
        using (var appender = connection.CreateAppender(keys))
        {
            await foreach (var id in source.AsNoTracking().Select(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                appender.CreateRow().AppendValue(id).EndRow();
            }
        }

        await ExecuteAsync(connection, $"DELETE FROM {table} WHERE {key} NOT IN (SELECT id FROM {keys})", cancellationToken);
        await ExecuteAsync(connection, $"DROP TABLE {keys}", cancellationToken);
    }

    /// <summary>
    /// The control totals of the whole source, queried from the source itself after the load (not added up from the rows
    /// the load read), so a row lost between reading and appending shows. A source changed meanwhile makes a check fail,
    /// so nothing is published: the next run tries again.
    /// </summary>
    private async Task ReadSourceTotalsAsync(SourceTotals totals, CancellationToken cancellationToken)
    {
        await using var db = await _sources.Value.CreateDbContextAsync(cancellationToken);
        await foreach (var income in db.CollectiveIncomes.AsNoTracking().Select(i => new { i.Year, i.OperatingIncome })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            totals.OperatingIncomeByYear[income.Year] = totals.OperatingIncomeByYear.GetValueOrDefault(income.Year) + income.OperatingIncome;
        }

        totals.CadreCount = await db.Activities.SumAsync(a => (long)a.CadreCount, cancellationToken);
        totals.Members = await db.PartyMembers.LongCountAsync(cancellationToken);
        totals.MemberCadres = await db.PartyMembers.LongCountAsync(m => m.IsCadre, cancellationToken);
        totals.StarMembers = await db.PartyMembers.LongCountAsync(m => m.IsStarMember, cancellationToken);
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
        DuckDBConnection connection, WarehouseRunResult result, DateTimeOffset startedAt, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection,
            // The watermark keeps every tick (TIMESTAMP_NS through its text): a TIMESTAMP would cut it to microseconds,
            // and the next incremental run would apply again the rows changed in that last microsecond.
            "INSERT INTO etl_runs VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMP_NS), $6, $7, $8, 'Succeeded', $9)", cancellationToken,
            result.RunId, startedAt.UtcDateTime, finishedAt.UtcDateTime, result.Mode,
            result.Watermark?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture), result.TotalRows,
            result.Checks.Count(c => c.Passed), result.Checks.Count(c => !c.Passed), result.Calendar?.DataAsOf);
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

/// <summary>Control totals of the source, compared with the same totals computed in the warehouse.</summary>
public sealed class SourceTotals
{
    public SortedDictionary<int, decimal> OperatingIncomeByYear { get; } = [];
    public long ResolvedCases { get; set; }
    public long CadreCount { get; set; }
    public long Members { get; set; }
    public long MemberCadres { get; set; }
    public long StarMembers { get; set; }
}
