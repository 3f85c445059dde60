using Analytics.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Etl.Tests;

public sealed class SeedCommandTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"analytics-etl-seed-{Guid.NewGuid():N}.db");

    private string Connection => $"Data Source={_path}";

    [Fact]
    public async Task Seed_fills_an_empty_store_and_lists_rows_per_table()
    {
        var (exit, output, error) = await RunAsync("seed", "--connection", Connection);

        Assert.True(exit == 0, error);
        Assert.Contains("Regions", output);
        Assert.Contains("Cases", output);
        var db = OperationalStoreExtensions.CreateFactory(DatabaseProvider.Sqlite, Connection).CreateDbContext();
        await using (db)
        {
            // The city and its eleven county-level units of today (梅列区, closed in 2021, is the thirteenth region).
            Assert.Equal(12, await db.Regions.CountAsync(r => r.Level <= Domain.RegionLevel.County && r.ValidTo == null));
            Assert.True(await db.Cases.AnyAsync());
        }
    }

    [Fact]
    public async Task Seed_refuses_a_store_that_holds_data_and_changes_nothing()
    {
        Assert.Equal(0, (await RunAsync("seed", "--connection", Connection)).Exit);
        var before = await CountCasesAsync();

        var (exit, _, error) = await RunAsync("seed", "--connection", Connection, "--seed", "7");

        Assert.Equal(1, exit);
        Assert.StartsWith("error: The operational store already holds data", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(before, await CountCasesAsync());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("many")]
    public async Task Seed_rejects_a_bad_scale_without_touching_the_store(string scale)
    {
        var (exit, _, error) = await RunAsync("seed", "--connection", Connection, "--scale", scale);

        Assert.NotEqual(0, exit);
        Assert.Contains("--scale", error);
        Assert.False(File.Exists(_path), "a rejected command must not create the store");
    }

    [Fact]
    public async Task An_unknown_provider_is_refused_with_the_choices()
    {
        var (exit, _, error) = await RunAsync("seed", "--provider", "Oracle");

        Assert.NotEqual(0, exit);
        Assert.Contains("Sqlite", error);
        Assert.Contains("SqlServer", error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    private async Task<int> CountCasesAsync()
    {
        await using var db = OperationalStoreExtensions.CreateFactory(DatabaseProvider.Sqlite, Connection).CreateDbContext();
        return await db.Cases.CountAsync();
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await EtlCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
