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
    public async Task A_missing_warehouse_says_to_run_the_etl()
    {
        await using var connections = new WarehouseConnections(
            Options.Create(new WarehouseOptions { Path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.duckdb") }), new WarehouseBuildState());

        var error = await Assert.ThrowsAsync<WarehouseUnavailableException>(() => connections.OpenAsync());

        Assert.Contains("etl/Analytics.Etl -- run", error.Message);
    }
}
