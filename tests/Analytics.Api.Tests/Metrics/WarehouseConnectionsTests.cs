using Analytics.Api.Warehouse;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Tests.Metrics;

public sealed class WarehouseConnectionsTests
{
    [Fact]
    public async Task A_warehouse_of_an_older_version_is_refused_with_how_to_rebuild_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"analytics-old-{Guid.NewGuid():N}.duckdb");
        try
        {
            await using (var old = new DuckDBConnection($"Data Source={path}"))
            {
                await old.OpenAsync();
                await using var command = old.CreateCommand();
                command.CommandText = "CREATE TABLE etl_runs (run_id VARCHAR, finished_at TIMESTAMP); CREATE TABLE fact_case (case_key INTEGER)";
                await command.ExecuteNonQueryAsync();
            }

            await using var connections = new WarehouseConnections(Options.Create(new WarehouseOptions { Path = path }), new WarehouseBuildState());
            var error = await Assert.ThrowsAsync<WarehouseUnavailableException>(() => connections.OpenAsync());

            Assert.Contains("built by an older version", error.Message);
            Assert.Contains("etl/Analytics.Etl -- run", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_warehouse_of_another_format_is_refused_though_it_has_every_table()
    {
        var path = Path.Combine(Path.GetTempPath(), $"analytics-format1-{Guid.NewGuid():N}.duckdb");
        try
        {
            await WriteWarehouseAsync(path, "run-utc-days", format: 1);
            await using var connections = new WarehouseConnections(Options.Create(new WarehouseOptions { Path = path }), new WarehouseBuildState());

            var error = await Assert.ThrowsAsync<WarehouseUnavailableException>(() => connections.OpenAsync());

            Assert.Contains($"format 1, this API reads format {Analytics.Etl.Warehouse.WarehouseBuilder.FormatVersion}", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_refused_file_is_refused_from_memory_until_a_new_one_is_published()
    {
        var directory = Directory.CreateTempSubdirectory("analytics-refused-");
        var path = Path.Combine(directory.FullName, "warehouse.duckdb");
        try
        {
            await WriteWarehouseAsync(path, "run-utc-days", format: 1);
            await using var connections = new WarehouseConnections(Options.Create(new WarehouseOptions { Path = path }), new WarehouseBuildState());

            var first = await Assert.ThrowsAsync<WarehouseUnavailableException>(() => connections.OpenAsync());
            var second = await Assert.ThrowsAsync<WarehouseUnavailableException>(() => connections.OpenAsync());
            Assert.Same(first, second); // the same file is not attached and probed again

            // A publication renames a new file over the refused one: that one is opened.
            var next = Path.Combine(directory.FullName, "next.duckdb");
            await WriteWarehouseAsync(next, "run-beijing-days");
            File.Move(next, path, overwrite: true);
            await using var session = await connections.OpenAsync();
            Assert.Equal("run-beijing-days", session.RunId);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_warehouse_says_to_run_the_etl()
    {
        await using var connections = new WarehouseConnections(
            Options.Create(new WarehouseOptions { Path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.duckdb") }), new WarehouseBuildState());

        var error = await Assert.ThrowsAsync<WarehouseUnavailableException>(() => connections.OpenAsync());

        Assert.Contains("etl/Analytics.Etl -- run", error.Message);
    }

    [Fact]
    public async Task An_answer_is_kept_for_its_build_and_computed_anew_after_a_publication()
    {
        var path = Path.Combine(Path.GetTempPath(), $"analytics-kept-{Guid.NewGuid():N}.duckdb");
        try
        {
            await WriteWarehouseAsync(path, "run-1");
            await using var connections = new WarehouseConnections(Options.Create(new WarehouseOptions { Path = path }), new WarehouseBuildState());
            var computed = 0;
            async Task<string> AskAsync()
            {
                await using var session = await connections.OpenAsync();
                return await session.RememberAsync("latest run", async () =>
                {
                    computed++;
                    await using var command = session.Connection.CreateCommand();
                    command.CommandText = "SELECT run_id FROM etl_runs";
                    return (string)(await command.ExecuteScalarAsync())!;
                });
            }

            Assert.Equal("run-1", await AskAsync());
            Assert.Equal("run-1", await AskAsync());
            Assert.Equal(1, computed);

            // The ETL publishes by renaming a new file over the live one.
            await WriteWarehouseAsync(path + ".new", "run-2");
            File.Move(path + ".new", path, overwrite: true);

            Assert.Equal("run-2", await AskAsync());
            Assert.Equal("run-2", await AskAsync());
            Assert.Equal(2, computed);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Every_session_of_a_request_reads_the_build_its_first_one_read()
    {
        var directory = Directory.CreateTempSubdirectory("analytics-request-");
        var path = Path.Combine(directory.FullName, "warehouse.duckdb");
        try
        {
            await WriteWarehouseAsync(path, "run-1");
            await using var connections = new WarehouseConnections(Options.Create(new WarehouseOptions { Path = path }), new WarehouseBuildState());
            using var request = new WarehouseRequest(connections);
            await using (var first = await request.OpenAsync())
            {
                Assert.Equal("run-1", await LatestRunAsync(first));
            }

            // A publication lands while the request is still resolving fields.
            await PublishAsync(path, "run-2");

            await using (var later = await request.OpenAsync())
            {
                Assert.Equal("run-1", later.RunId);
                Assert.Equal("run-1", await LatestRunAsync(later));
            }

            // The next request reads the new build.
            using var next = new WarehouseRequest(connections);
            await using var fresh = await next.OpenAsync();
            Assert.Equal("run-2", fresh.RunId);
            Assert.Equal("run-2", await LatestRunAsync(fresh));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_request_whose_build_was_replaced_twice_is_told_to_ask_again()
    {
        var directory = Directory.CreateTempSubdirectory("analytics-retired-");
        var path = Path.Combine(directory.FullName, "warehouse.duckdb");
        try
        {
            await WriteWarehouseAsync(path, "run-1");
            await using var connections = new WarehouseConnections(Options.Create(new WarehouseOptions { Path = path }), new WarehouseBuildState());
            using var request = new WarehouseRequest(connections);
            await (await request.OpenAsync()).DisposeAsync();

            // Two publications, each opened by another reader: the first build is retired, then closed.
            foreach (var run in new[] { "run-2", "run-3" })
            {
                await PublishAsync(path, run);
                await using var other = await connections.OpenAsync();
                Assert.Equal(run, await LatestRunAsync(other));
            }

            await using var late = await request.OpenAsync();
            var error = Assert.Throws<WarehouseUnavailableException>(() => late.Connection);
            Assert.Equal("The warehouse was republished twice while this request read it; send it again.", error.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public Task A_failed_answer_is_not_kept_and_the_kept_answers_are_bounded() => WithWarehouseAsync(keptAnswers: 1, async session =>
    {
        var computed = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => session.RememberAsync<string>("a", () => throw new InvalidOperationException("failed")));
        Assert.Equal("a1", await session.RememberAsync("a", () => Task.FromResult($"a{++computed}")));
        Assert.Equal("a1", await session.RememberAsync("a", () => Task.FromResult($"a{++computed}")));

        // Full (one answer): another question is answered every time, never kept.
        Assert.Equal("b2", await session.RememberAsync("b", () => Task.FromResult($"b{++computed}")));
        Assert.Equal("b3", await session.RememberAsync("b", () => Task.FromResult($"b{++computed}")));
    });

    [Fact]
    public Task No_answer_is_kept_when_kept_answers_is_zero() => WithWarehouseAsync(keptAnswers: 0, async session =>
    {
        var computed = 0;

        Assert.Equal(1, await session.RememberAsync("a", () => Task.FromResult(++computed)));
        Assert.Equal(2, await session.RememberAsync("a", () => Task.FromResult(++computed)));
    });

    private static async Task WithWarehouseAsync(int keptAnswers, Func<WarehouseSession, Task> test)
    {
        var path = Path.Combine(Path.GetTempPath(), $"analytics-answers-{Guid.NewGuid():N}.duckdb");
        try
        {
            await WriteWarehouseAsync(path, "run-1");
            await using var connections = new WarehouseConnections(
                Options.Create(new WarehouseOptions { Path = path, KeptAnswers = keptAnswers }), new WarehouseBuildState());
            await using var session = await connections.OpenAsync();
            await test(session);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>What the session's own connection reads, not the build it was labelled with.</summary>
    private static async Task<string> LatestRunAsync(WarehouseSession session)
    {
        await using var command = session.Connection.CreateCommand();
        command.CommandText = "SELECT run_id FROM etl_runs";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>As the ETL publishes: a new file renamed over the live one.</summary>
    private static async Task PublishAsync(string path, string runId)
    {
        await WriteWarehouseAsync(path + ".new", runId);
        File.Move(path + ".new", path, overwrite: true);
    }

    // The least a published warehouse has for the connections: its runs and its format.
    private static async Task WriteWarehouseAsync(string path, string runId, int format = Analytics.Etl.Warehouse.WarehouseBuilder.FormatVersion)
    {
        await using var connection = new DuckDBConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE etl_runs (run_id VARCHAR, finished_at TIMESTAMP, data_as_of DATE); "
            + $"INSERT INTO etl_runs VALUES ('{runId}', TIMESTAMP '2026-11-23 02:00:00', DATE '2026-11-22'); CREATE TABLE etl_format AS SELECT {format} AS version";
        await command.ExecuteNonQueryAsync();
    }
}
