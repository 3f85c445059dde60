using System.Security.Cryptography;
using Analytics.Data;
using Analytics.Domain;
using Analytics.Etl.Warehouse;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Activity = Analytics.Domain.Activity;

namespace Analytics.Etl.Tests;

public sealed class WarehouseBuilderTests(DemoWarehouseFixture fixture) : IClassFixture<DemoWarehouseFixture>
{
    private static readonly string[] Tables =
    [
        "dim_date", "dim_region", "dim_grid", "dim_organization", "dim_enterprise", "dim_project", "dim_member", "member_counts", "member_joins", "member_profile", "fact_collective_income", "fact_case",
        "fact_activity", "fact_pairing", "fact_grid_steward", "fact_star_rating", "fact_micro_wish",
        "fact_community_registration", "fact_community_attendance", "fact_income_project", "etl_format", "etl_runs", "etl_run_tables", "etl_run_checks",
        "compliance_rule", // written with the metric views, from the rules the live complianceStatus evaluates
    ];

    [Fact]
    public async Task Schema_has_every_table_and_key_column_commented()
    {
        var commented = await QueryAsync(fixture.WarehousePath,
            "SELECT table_name FROM duckdb_tables() WHERE comment IS NOT NULL AND comment <> ''");
        // The star schema's tables, and the metric views materialized at load (each a table now, with its view's comment).
        Assert.Equal(Tables.Concat(MetricViews.Materialized).Order(), commented.Select(r => (string)r[0]!).Order());
        var definitions = await QueryAsync(fixture.WarehousePath,
            $"SELECT view_name FROM duckdb_views() WHERE view_name LIKE '%{MetricViews.DefinitionSuffix}'");
        Assert.Equal(MetricViews.Materialized.Select(n => n + MetricViews.DefinitionSuffix).Order(), definitions.Select(r => (string)r[0]!).Order());

        var uncommentedKeys = await QueryAsync(fixture.WarehousePath,
            "SELECT table_name || '.' || column_name FROM duckdb_columns() "
            + "WHERE NOT internal AND (column_name LIKE '%\\_key' ESCAPE '\\' OR column_name = 'run_id') AND (comment IS NULL OR comment = '') "
            // The metric views (metrics.sql) share one set of region columns, documented once in each view's comment.
            + "AND table_name IN (SELECT table_name FROM duckdb_tables()) "
            + $"AND table_name NOT IN ({string.Join(", ", MetricViews.Materialized.Select(n => $"'{n}'"))})");
        Assert.Empty(uncommentedKeys.Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task Each_materialized_metric_holds_exactly_what_its_definition_computes()
    {
        foreach (var name in MetricViews.Materialized)
        {
            var definition = name + MetricViews.DefinitionSuffix;
            var differences = await QueryAsync(fixture.WarehousePath,
                $"SELECT (SELECT COUNT(*) FROM (FROM {name} EXCEPT ALL FROM {definition})), "
                + $"(SELECT COUNT(*) FROM (FROM {definition} EXCEPT ALL FROM {name})), (SELECT COUNT(*) FROM {name})");
            Assert.True((long)differences[0][0]! == 0 && (long)differences[0][1]! == 0, $"{name} differs from {definition}");
            Assert.True((long)differences[0][2]! > 0, $"{name} is empty");
        }
    }

    [Fact]
    public async Task The_reading_contexts_parse_dates_themselves_and_read_what_the_store_model_reads()
    {
        var reading = SourceContexts.ForReading(fixture.Contexts);
        await using var store = await fixture.Contexts.CreateDbContextAsync();
        await using var etl = await reading.CreateDbContextAsync();

        // Only the ETL's copy of the model changes: the store's (the API's, the migrations') keeps its DateOnly columns.
        Assert.Null(store.Model.FindEntityType(typeof(PartyMember))!.FindProperty(nameof(PartyMember.JoinedOn))!.GetValueConverter());
        Assert.IsType<DateOnlyAsIsoTextConverter>(
            etl.Model.FindEntityType(typeof(Pairing))!.FindProperty(nameof(Pairing.To))!.GetValueConverter());
        Assert.Equal(store.PartyMembers.OrderBy(m => m.Id).Select(m => m.JoinedOn).ToQueryString(),
            etl.PartyMembers.OrderBy(m => m.Id).Select(m => m.JoinedOn).ToQueryString());

        Assert.Equal(
            await store.Pairings.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.From, p.To }).ToListAsync(),
            await etl.Pairings.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.From, p.To }).ToListAsync());
        var since = new DateOnly(2020, 1, 1);
        Assert.Equal(
            await store.Activities.CountAsync(a => a.Date >= since),
            await etl.Activities.CountAsync(a => a.Date >= since));
    }

    [Fact]
    public async Task Member_dimension_holds_no_name_id_number_or_phone()
    {
        var columns = (await QueryAsync(fixture.WarehousePath,
            "SELECT column_name FROM duckdb_columns() WHERE table_name = 'dim_member'")).Select(r => (string)r[0]!).ToList();

        Assert.Contains("member_key", columns);
        Assert.DoesNotContain(columns, c => c.Contains("name", StringComparison.Ordinal)
            || c.Contains("id_number", StringComparison.Ordinal) || c.Contains("phone", StringComparison.Ordinal)
            || c.Contains("birth_date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_full_run_passes_every_check_and_holds_every_source_row()
    {
        Assert.NotEmpty(fixture.Result.Checks);
        Assert.All(fixture.Result.Checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));

        await using var db = await fixture.Contexts.CreateDbContextAsync();
        var expected = new Dictionary<string, long>
        {
            ["dim_region"] = await db.Regions.CountAsync(),
            ["dim_grid"] = await db.Grids.CountAsync(),
            ["dim_organization"] = await db.PartyOrganizations.CountAsync(),
            ["dim_member"] = await db.PartyMembers.CountAsync(),
            ["fact_collective_income"] = await db.CollectiveIncomes.CountAsync(),
            ["fact_activity"] = await db.Activities.CountAsync(),
            ["fact_case"] = await db.Cases.CountAsync(),
            ["fact_pairing"] = await db.Pairings.CountAsync(),
            ["fact_grid_steward"] = await db.GridStewards.CountAsync(),
            ["fact_star_rating"] = await db.StarRatings.CountAsync(),
            ["fact_micro_wish"] = await db.MicroWishes.CountAsync(),
            ["fact_community_registration"] = await db.CommunityRegistrations.CountAsync(),
            ["fact_income_project"] = await db.IncomeProjects.CountAsync(),
        };
        foreach (var (table, rows) in expected)
        {
            var actual = (await QueryAsync(fixture.WarehousePath, $"SELECT COUNT(*) FROM {table}")).Single()[0];
            Assert.True(rows == Convert.ToInt64(actual), $"{table}: source {rows}, warehouse {actual}");
        }

        var run = (await QueryAsync(fixture.WarehousePath, "SELECT outcome, checks_failed, checks_passed FROM etl_runs")).Single();
        Assert.Equal("Succeeded", run[0]);
        Assert.Equal(0, Convert.ToInt32(run[1]));
        Assert.Equal(fixture.Result.Checks.Count, Convert.ToInt32(run[2]));
        Assert.Empty(Directory.GetFiles(fixture.Directory, "*.staging-*"));
    }

    [Fact]
    public async Task Growth_of_yongan_2019_to_2021_is_30_81_percent_over_175_villages()
    {
        var row = (await QueryAsync(fixture.WarehousePath, """
            SELECT COUNT(DISTINCT f.village_key),
                   round(SUM(f.operating_income) FILTER (WHERE f.year = 2021)
                       / SUM(f.operating_income) FILTER (WHERE f.year = 2019) - 1, 4)
            FROM fact_collective_income f JOIN dim_region r ON r.region_key = f.village_key
            WHERE r.county_name = '永安市' AND r.level = 'Village'
            """)).Single();

        Assert.Equal(175, Convert.ToInt64(row[0]));
        Assert.Equal(0.3081m, Convert.ToDecimal(row[1]));
    }

    [Fact]
    public async Task A_load_that_loses_a_case_fails_reconciliation_and_leaves_the_previous_warehouse()
    {
        var live = fixture.CopyWarehouse();
        var before = await WarehouseQuery.HashAsync(live);
        var dropped = false;
        var builder = new WarehouseBuilder(fixture.Contexts, live)
        {
            RowFilter = (table, _) => table != "fact_case" || dropped || !(dropped = true),
        };

        var failure = await Assert.ThrowsAsync<WarehouseCheckFailedException>(() => builder.BuildAsync());

        Assert.Contains("reconcile.fact_case.rows", failure.Message);
        Assert.Contains(failure.Failed, c => c.Name == "reconcile.fact_case.rows");
        Assert.Equal(before, await WarehouseQuery.HashAsync(live));
        // Only the warehouse and the run lock (kept: see WarehouseBuilder.AcquireRunLock); no staging file, no WAL.
        Assert.Equal(["warehouse.duckdb", "warehouse.duckdb.lock"], Directory.GetFiles(Path.GetDirectoryName(live)!).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_repeated_or_missing_key_fails_its_own_rules_and_nothing_else_of_the_key_checks()
    {
        var copy = fixture.CopyWarehouse();
        await using var connection = new DuckDBConnection($"Data Source={copy}");
        await connection.OpenAsync();
        await using (var corrupt = connection.CreateCommand())
        {
            // One member twice; one grid steward without a key (the schema forbids it, so the rule is lifted first).
            corrupt.CommandText = """
                INSERT INTO dim_member SELECT * FROM dim_member LIMIT 1;
                ALTER TABLE fact_grid_steward ALTER COLUMN steward_key DROP NOT NULL;
                INSERT INTO fact_grid_steward SELECT * REPLACE (NULL AS steward_key) FROM fact_grid_steward LIMIT 1;
                """;
            await corrupt.ExecuteNonQueryAsync();
        }

        var checks = (await WarehouseChecks.RunAsync(connection, fixture.Result.Tables, new SourceTotals(), CancellationToken.None))
            .Where(c => c.Name.EndsWith(".rows", StringComparison.Ordinal) || c.Name.EndsWith(".distinct_keys", StringComparison.Ordinal)
                || c.Name.EndsWith(".unique", StringComparison.Ordinal) || c.Name.EndsWith(".not_null", StringComparison.Ordinal))
            .ToList();

        var members = fixture.Result.Tables.Single(t => t.Table == "dim_member").SourceRows;
        var stewards = fixture.Result.Tables.Single(t => t.Table == "fact_grid_steward").SourceRows;
        var repeatedMember = (await QueryAsync(copy, "SELECT member_key FROM dim_member GROUP BY member_key HAVING count(*) > 1")).Single()[0];
        // Each failure says which table, how many rows and which keys, not only the rule's name.
        Assert.Equal(
            [
                ("dq.dim_member.member_key.unique", $"expected 0, got 1: dim_member: 1 more row than distinct member_keys; e.g. {repeatedMember} (2 rows)"),
                ("dq.fact_grid_steward.steward_key.not_null", "expected 0, got 1: fact_grid_steward: 1 row without a steward_key"),
                ("reconcile.dim_member.rows", $"expected {members}, got {members + 1}: dim_member holds {members + 1:N0} rows where the source has {members:N0} (1 too many); if the source changed during the run, run again"),
                ("reconcile.fact_grid_steward.rows", $"expected {stewards}, got {stewards + 1}: fact_grid_steward holds {stewards + 1:N0} rows where the source has {stewards:N0} (1 too many); if the source changed during the run, run again"),
            ],
            checks.Where(c => !c.Passed).Select(c => (c.Name, c.Detail)).OrderBy(c => c.Name, StringComparer.Ordinal));
        // Four per loaded table (rows, distinct keys, unique, not null) and two for dim_date; the rest pass, with the
        // distinct keys unchanged by a repeated or a missing key.
        Assert.Equal((fixture.Result.Tables.Count * 4) + 2, checks.Count);
        Assert.Contains(checks, c => c is { Name: "reconcile.dim_member.distinct_keys", Passed: true });
        Assert.Contains(checks, c => c is { Name: "reconcile.fact_grid_steward.distinct_keys", Passed: true });
    }

    [Fact]
    public async Task Each_rebuild_keeps_the_run_history_of_the_warehouse_it_replaces()
    {
        var live = fixture.CopyWarehouse();

        var second = await new WarehouseBuilder(fixture.Contexts, live).BuildAsync();
        var third = await new WarehouseBuilder(fixture.Contexts, live).BuildAsync();

        var runs = await QueryAsync(live, "SELECT run_id FROM etl_runs ORDER BY started_at");
        Assert.Equal([fixture.Result.RunId, second.RunId, third.RunId], runs.Select(r => (string?)r[0]));
        var checks = await QueryAsync(live, "SELECT run_id, count(*) FROM etl_run_checks GROUP BY run_id");
        Assert.Equal(3, checks.Count);
        Assert.All(checks, c => Assert.Equal(third.Checks.Count, Convert.ToInt32(c[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Cancelling_mid_load_leaves_the_previous_warehouse_readable_and_no_staging_file()
    {
        var live = fixture.CopyWarehouse();
        using var cancellation = new CancellationTokenSource();
        var progress = new Analytics.Data.SynchronousProgress<WarehouseProgress>(p =>
        {
            if (p.Step == "fact_case")
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new WarehouseBuilder(fixture.Contexts, live).BuildAsync(progress, cancellation.Token));

        var runs = await QueryAsync(live, "SELECT run_id FROM etl_runs");
        Assert.Equal(fixture.Result.RunId, Assert.Single(runs)[0]);
        // Only the warehouse and the run lock (kept: see WarehouseBuilder.AcquireRunLock); no staging file, no WAL.
        Assert.Equal(["warehouse.duckdb", "warehouse.duckdb.lock"], Directory.GetFiles(Path.GetDirectoryName(live)!).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Sql_command_prints_what_a_direct_connection_reads()
    {
        const string query = "SELECT region_key, code, name, level, households FROM dim_region ORDER BY region_key LIMIT 50";
        var direct = await QueryAsync(fixture.WarehousePath, query);
        var expected = "region_key,code,name,level,households\n"
            + string.Concat(direct.Select(r => string.Join(',', r.Select(SqlCommandFormat)) + "\n"));

        var (exit, output, error) = await RunAsync("sql", query, "--format", "csv", "--warehouse", fixture.WarehousePath);

        Assert.True(exit == 0, error);
        Assert.Equal(expected, output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Sql_command_prints_json_and_a_table()
    {
        var (exit, json, _) = await RunAsync("sql", "SELECT 1 AS one, 'a' AS letter", "--format", "json", "--warehouse", fixture.WarehousePath);
        Assert.Equal(0, exit);
        Assert.Equal("""[{"one":1,"letter":"a"}]""", System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(json)));

        var (_, table, _) = await RunAsync("sql", "SELECT 1 AS one", "--warehouse", fixture.WarehousePath);
        Assert.Equal("one\n---\n1\n(1 row)\n", table.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Bad_sql_exits_1_with_the_duckdb_message_on_one_line()
    {
        var (exit, output, error) = await RunAsync("sql", "SELEC 1", "--warehouse", fixture.WarehousePath);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.StartsWith("error: Parser Error", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Sql_on_a_missing_warehouse_exits_1_and_says_to_run_etl_run()
    {
        var (exit, _, error) = await RunAsync("sql", "SELECT 1", "--warehouse", Path.Combine(fixture.Directory, "missing.duckdb"));

        Assert.Equal(1, exit);
        Assert.Contains("etl run", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Sql_cannot_write_to_the_warehouse()
    {
        var (exit, _, error) = await RunAsync("sql", "DELETE FROM fact_case", "--warehouse", fixture.WarehousePath);

        Assert.Equal(1, exit);
        Assert.Contains("read-only", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Run_command_replaces_the_warehouse_and_prints_rows_and_checks()
    {
        var live = fixture.CopyWarehouse();
        // A WAL left by a crashed writer of the old file must not be replayed onto the new one.
        await File.WriteAllTextAsync(live + ".wal", "stale");

        var (exit, output, error) = await RunAsync("run", "--connection", fixture.Connection, "--warehouse", live);

        Assert.True(exit == 0, error);
        Assert.Contains("fact_case", output);
        Assert.Contains("ok    reconcile.fact_case.rows", output);
        Assert.DoesNotContain("FAIL", output);
        Assert.False(File.Exists(live + ".wal"));
        var runs = await QueryAsync(live, "SELECT run_id FROM etl_runs ORDER BY started_at");
        Assert.Equal(2, runs.Count);
        Assert.Equal(fixture.Result.RunId, runs[0][0]);
        Assert.NotEqual(fixture.Result.RunId, runs[1][0]);
        // Only the warehouse and the run lock (kept: see WarehouseBuilder.AcquireRunLock); no staging file, no WAL.
        Assert.Equal(["warehouse.duckdb", "warehouse.duckdb.lock"], Directory.GetFiles(Path.GetDirectoryName(live)!).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_second_run_while_one_holds_the_lock_exits_1_and_changes_nothing()
    {
        var live = fixture.CopyWarehouse();
        var before = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(live)));

        int exit;
        string output, error;
        await using (new FileStream(live + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            (exit, output, error) = await RunAsync("run", "--connection", fixture.Connection, "--warehouse", live);
        }

        Assert.Equal(1, exit);
        Assert.Equal($"error: Another run is building {live} (it holds {live}.lock); try again when it has finished.", error.Trim().Split('\n')[^1]);
        Assert.Equal(before, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(live))));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(live)!, "*.staging-*"));
        Assert.DoesNotContain("fact_", output);
    }

    [Fact]
    public async Task Run_on_a_missing_store_exits_1_and_creates_nothing()
    {
        var directory = Path.GetDirectoryName(fixture.CopyWarehouse())!;
        var store = Path.Combine(directory, "missing.db");

        var (exit, _, error) = await RunAsync("run", "--connection", $"Data Source={store}", "--warehouse", Path.Combine(directory, "new.duckdb"));

        Assert.Equal(1, exit);
        Assert.Contains("etl seed", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(["warehouse.duckdb"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Incremental_run_after_source_changes_equals_a_full_rebuild()
    {
        // The fixture's store is shared: change a private copy of it, and of the warehouse built from it.
        var directory = Path.GetDirectoryName(fixture.CopyWarehouse())!;
        var incremental = Path.Combine(directory, "warehouse.duckdb");
        var full = Path.Combine(directory, "full.duckdb");
        var contexts = await fixture.CopyStoreAsync(directory);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var inProgress = await db.Cases.Where(c => c.Status == CaseStatus.InProgress && c.StartedAt != null)
                .OrderBy(c => c.Id).Take(5).ToListAsync();
            Assert.Equal(5, inProgress.Count);
            foreach (var @case in inProgress)
            {
                @case.Status = CaseStatus.Resolved;
                @case.ResolvedAt = @case.StartedAt!.Value.AddHours(1);
            }

            var income = await db.CollectiveIncomes.OrderBy(i => i.Id).FirstAsync();
            income.OperatingIncome += 1234.56m;
            income.TotalIncome += 1234.56m;

            // Renaming a county changes the county_name of every region below it.
            var county = await db.Regions.Where(r => r.Level == RegionLevel.County).OrderBy(r => r.Id).FirstAsync();
            county.Name += "（新）";

            var template = await db.Activities.OrderBy(a => a.Id).FirstAsync();
            var activity = new Activity
            {
                Kind = template.Kind, Title = "incremental test activity", Date = template.Date,
                OrganizationId = template.OrganizationId, RegionId = template.RegionId, GridId = template.GridId,
                Participants = 12, CadreCount = 3,
            };
            db.Activities.Add(activity);
            var model = inProgress[0];
            db.Cases.Add(new Case
            {
                Code = "INCR-TEST-0001", Title = "incremental test case", RegionId = model.RegionId, GridId = model.GridId,
                Channel = model.Channel, Category = model.Category, Reporter = model.Reporter, Status = CaseStatus.Reported,
                ReportedAt = model.ReportedAt, Activity = activity,
            });
            // Deletions: an incremental run must remove what the source no longer holds.
            db.Cases.Remove(await db.Cases.Where(c => c.Status == CaseStatus.Evaluated).OrderByDescending(c => c.Id).FirstAsync());
            // A registration goes with its quarterly attendance (the store restricts deleting a referenced row).
            var registration = await db.CommunityRegistrations.Where(r => db.CommunityAttendances.Any(a => a.RegistrationId == r.Id)).OrderBy(r => r.Id).FirstAsync();
            db.CommunityAttendances.RemoveRange(await db.CommunityAttendances.Where(a => a.RegistrationId == registration.Id).ToListAsync());
            db.CommunityRegistrations.Remove(registration);
            await db.SaveChangesAsync();
        }

        var result = await new WarehouseBuilder(contexts, incremental).BuildIncrementalAsync();
        var rebuilt = await new WarehouseBuilder(contexts, full).BuildAsync();

        Assert.Equal(WarehouseBuilder.IncrementalMode, result.Mode);
        Assert.All(result.Checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
        Assert.Equal(rebuilt.Checks.Select(c => c.Name), result.Checks.Select(c => c.Name));
        var applied = result.Tables.ToDictionary(t => t.Table, t => t.AppliedRows);
        Assert.Equal(6, applied["fact_case"]);
        Assert.Equal(1, applied["fact_activity"]);
        Assert.Equal(1, applied["fact_collective_income"]);
        Assert.Equal(1, applied["dim_region"]);
        Assert.Equal(0, applied["fact_pairing"]);
        Assert.Equal(rebuilt.Watermark, result.Watermark);

        await using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"ATTACH '{incremental}' AS a (READ_ONLY); ATTACH '{full}' AS b (READ_ONLY)";
        await command.ExecuteNonQueryAsync();
        // The star schema and the metric tables materialized from it: an incremental run must leave neither stale.
        foreach (var table in Tables.Where(t => !t.StartsWith("etl_", StringComparison.Ordinal)).Concat(MetricViews.Materialized))
        {
            command.CommandText = $"SELECT (SELECT COUNT(*) FROM (SELECT * FROM a.{table} EXCEPT ALL SELECT * FROM b.{table})), "
                + $"(SELECT COUNT(*) FROM (SELECT * FROM b.{table} EXCEPT ALL SELECT * FROM a.{table})), (SELECT COUNT(*) FROM b.{table})";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.True(reader.GetInt64(0) == 0 && reader.GetInt64(1) == 0,
                $"{table}: {reader.GetInt64(0)} rows only in the incremental warehouse, {reader.GetInt64(1)} only in the full one");
            Assert.True(reader.GetInt64(2) > 0, table);
        }

        command.CommandText = "SELECT county_name FROM b.dim_region WHERE county_name LIKE '%（新）' LIMIT 1";
        Assert.NotNull(await command.ExecuteScalarAsync());
        var modes = await QueryAsync(incremental, "SELECT mode FROM etl_runs ORDER BY started_at");
        Assert.Equal(["Full", "Incremental"], modes.Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task A_live_warehouse_of_another_format_is_rebuilt_whole_not_patched()
    {
        // A file built before the format was recorded (version 1: UTC days): no etl_format table.
        var live = fixture.CopyWarehouse();
        await using (var connection = new DuckDBConnection($"Data Source={live}"))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE etl_format";
            await drop.ExecuteNonQueryAsync();
        }

        var (exit, output, error) = await RunAsync("run", "--incremental", "--connection", fixture.Connection, "--warehouse", live);

        Assert.True(exit == 0, error);
        Assert.Contains($"mode: Full (incremental not possible: the live warehouse is of format 1 and this ETL writes format {WarehouseBuilder.FormatVersion})", output);
        Assert.Equal(WarehouseBuilder.FormatVersion, (await QueryAsync(live, "SELECT version FROM etl_format")).Single()[0]);
        Assert.Equal(["Full", "Full"], (await QueryAsync(live, "SELECT mode FROM etl_runs ORDER BY started_at")).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task Incremental_run_without_changes_applies_no_row_and_passes_every_check()
    {
        var live = fixture.CopyWarehouse();

        var result = await new WarehouseBuilder(fixture.Contexts, live).BuildIncrementalAsync();

        Assert.Equal(WarehouseBuilder.IncrementalMode, result.Mode);
        Assert.Equal(fixture.Result.Watermark, result.PreviousWatermark);
        Assert.Equal(fixture.Result.Watermark, result.Watermark);
        Assert.Equal(0, result.Tables.Sum(t => t.AppliedRows));
        Assert.Equal(fixture.Result.Checks.Count, result.Checks.Count);
        Assert.All(result.Checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
        Assert.Equal(fixture.Result.TotalRows, result.TotalRows);
        var runs = await QueryAsync(live, "SELECT mode, checks_failed FROM etl_runs ORDER BY started_at");
        Assert.Equal(["Full", "Incremental"], runs.Select(r => (string)r[0]!));
        // Only the warehouse and the run lock (kept: see WarehouseBuilder.AcquireRunLock); no staging file, no WAL.
        Assert.Equal(["warehouse.duckdb", "warehouse.duckdb.lock"], Directory.GetFiles(Path.GetDirectoryName(live)!).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Run_incremental_prints_the_mode_and_falls_back_to_full_without_a_live_warehouse()
    {
        var live = fixture.CopyWarehouse();

        var (exit, output, error) = await RunAsync("run", "--incremental", "--connection", fixture.Connection, "--warehouse", live);

        Assert.True(exit == 0, error);
        Assert.Contains("mode: Incremental", output);
        Assert.Contains("applied", output);
        Assert.DoesNotContain("FAIL", output);

        var fresh = Path.Combine(Path.GetDirectoryName(live)!, "fresh.duckdb");
        (exit, output, error) = await RunAsync("run", "--incremental", "--connection", fixture.Connection, "--warehouse", fresh);

        Assert.True(exit == 0, error);
        Assert.Contains("mode: Full (incremental not possible: no live warehouse", output);
        Assert.Equal("Full", (await QueryAsync(fresh, "SELECT mode FROM etl_runs")).Single()[0]);
    }

    private static string SqlCommandFormat(object? value) => Commands.SqlCommand.Format(value);

    [Fact]
    public async Task Days_are_Beijing_days_in_the_date_keys_and_the_case_metrics()
    {
        var directory = Path.GetDirectoryName(fixture.CopyWarehouse())!;
        var warehouse = Path.Combine(directory, "warehouse.duckdb");
        var contexts = await fixture.CopyStoreAsync(directory);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            // 01:00 and 02:00 on New Year's Day in Sanming: still 31 December in UTC. The demo city ends with 2024.
            var model = await db.Cases.OrderBy(c => c.Id).FirstAsync();
            db.Cases.Add(new Case
            {
                Code = "NEW-YEAR-0001", Title = "new year's night case", RegionId = model.RegionId, Channel = model.Channel,
                Category = model.Category, Reporter = model.Reporter, Status = CaseStatus.Resolved,
                ReportedAt = new DateTimeOffset(2024, 12, 31, 17, 0, 0, TimeSpan.Zero),
                ResolvedAt = new DateTimeOffset(2024, 12, 31, 18, 0, 0, TimeSpan.Zero),
            });
            await db.SaveChangesAsync();
        }

        var result = await new WarehouseBuilder(contexts, warehouse).BuildAsync();

        Assert.Contains(result.Checks, c => c.Name == "dq.fact_case.reported_date_key.office_day" && c.Passed);
        var row = (await QueryAsync(warehouse,
            "SELECT reported_date_key, resolved_date_key, office_day(reported_at), year(reported_at) FROM fact_case WHERE code = 'NEW-YEAR-0001'")).Single();
        Assert.Equal([20250101, 20250101, new DateOnly(2025, 1, 1), 2024L], [row[0], row[1], row[2], row[3]]);
        var in2025 = (await QueryAsync(warehouse,
            "SELECT SUM(received), SUM(resolved) FROM metric_cases WHERE year = 2025 AND month = 1 AND region_level = 'City'")).Single();
        Assert.Equal([1m, 1m], in2025.Select(v => Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture)));
        var byYear = await QueryAsync(warehouse,
            "SELECT received, resolved FROM metric_cases_by_year WHERE year = 2025 AND region_level = 'City' AND channel = 'All'");
        Assert.Equal([1L, 1L], [byYear.Single()[0], byYear.Single()[1]]);
    }

    [Fact]
    public async Task The_calendar_spans_the_whole_years_of_the_data_and_today_and_an_incremental_run_extends_it()
    {
        var directory = Path.GetDirectoryName(fixture.CopyWarehouse())!;
        var warehouse = Path.Combine(directory, "warehouse.duckdb");
        var contexts = await fixture.CopyStoreAsync(directory);
        var firstYear = (int)(await QueryAsync(fixture.WarehousePath, "SELECT min(year) FROM dim_date")).Single()[0]!;
        // 1 March 2033 in Beijing, long after the demo city's years.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2033, 2, 28, 17, 0, 0, TimeSpan.Zero));

        var full = await new WarehouseBuilder(contexts, warehouse) { Clock = clock }.BuildAsync();

        Assert.Equal(new WarehouseCalendarSpan(new DateOnly(firstYear, 1, 1), new DateOnly(2033, 12, 31), full.Calendar!.DataAsOf), full.Calendar);
        var maxEvent = (await QueryAsync(warehouse, "SELECT max(office_day(reported_at)) FROM fact_case")).Single()[0];
        Assert.True(full.Calendar.DataAsOf >= (DateOnly)maxEvent!);
        Assert.Equal([clock.GetUtcNow().UtcDateTime, full.Calendar.DataAsOf],
            (await QueryAsync(warehouse, $"SELECT finished_at, data_as_of FROM etl_runs WHERE run_id = '{full.RunId}'")).Single());

        clock.Advance(TimeSpan.FromDays(1));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var model = await db.Cases.OrderBy(c => c.Id).FirstAsync();
            foreach (var (code, at) in new[] { ("OLD-1925", new DateTimeOffset(1925, 3, 1, 2, 0, 0, TimeSpan.Zero)), ("NEW-2033", clock.GetUtcNow()) })
            {
                db.Cases.Add(new Case
                {
                    Code = code, Title = "calendar test case", RegionId = model.RegionId, Channel = model.Channel,
                    Category = model.Category, Reporter = model.Reporter, Status = CaseStatus.Reported, ReportedAt = at,
                });
            }

            await db.SaveChangesAsync();
        }

        var incremental = await new WarehouseBuilder(contexts, warehouse) { Clock = clock }.BuildIncrementalAsync();

        Assert.Equal(WarehouseBuilder.IncrementalMode, incremental.Mode);
        Assert.Equal(new WarehouseCalendarSpan(new DateOnly(1925, 1, 1), new DateOnly(2033, 12, 31), new DateOnly(2033, 3, 2)), incremental.Calendar);
        var days = (await QueryAsync(warehouse, "SELECT count(*), count(DISTINCT date_key), min(date), max(date) FROM dim_date")).Single();
        var expected = new DateOnly(2033, 12, 31).DayNumber - new DateOnly(1925, 1, 1).DayNumber + 1;
        Assert.Equal([(long)expected, (long)expected, new DateOnly(1925, 1, 1), new DateOnly(2033, 12, 31)], days);
    }

    [Fact]
    public async Task A_day_missing_from_the_calendar_fails_with_the_table_the_rows_and_the_days()
    {
        var copy = fixture.CopyWarehouse();
        await using var connection = new DuckDBConnection($"Data Source={copy}");
        await connection.OpenAsync();
        await using (var corrupt = connection.CreateCommand())
        {
            corrupt.CommandText = "DELETE FROM dim_date WHERE year = (SELECT max(year(office_day(reported_at))) FROM fact_case)";
            await corrupt.ExecuteNonQueryAsync();
        }

        var checks = await WarehouseChecks.RunAsync(connection, fixture.Result.Tables, new SourceTotals(), CancellationToken.None);

        var failed = Assert.Single(checks, c => c.Name == "dq.fact_case.reported_date_key.exists");
        var missing = (await QueryAsync(copy,
            "SELECT count(*) FROM fact_case f WHERE NOT EXISTS (SELECT 1 FROM dim_date d WHERE d.date_key = f.reported_date_key)")).Single()[0];
        var first = (await QueryAsync(copy,
            "SELECT reported_date_key, case_key FROM fact_case f WHERE NOT EXISTS (SELECT 1 FROM dim_date d WHERE d.date_key = f.reported_date_key) "
            + "ORDER BY reported_date_key, case_key LIMIT 1")).Single();
        var span = (await QueryAsync(copy, "SELECT min(date) || '..' || max(date) FROM dim_date")).Single()[0];
        Assert.False(failed.Passed);
        Assert.StartsWith(
            $"expected 0, got {missing}: fact_case: {missing:N0} rows with a reported_date_key missing from dim_date (which holds {span}); e.g. {first[0]} (case_key {first[1]}), ",
            failed.Detail);
    }

    private static Task<List<object?[]>> QueryAsync(string path, string sql) => WarehouseQuery.RowsAsync(path, sql);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await EtlCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
