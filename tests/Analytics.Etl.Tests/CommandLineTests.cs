using Microsoft.Data.Sqlite;

namespace Analytics.Etl.Tests;

/// <summary>A mistake on the command line, or a store that is not set up: one <c>error:</c> line with the next step.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("analytics-etl-cli-").FullName;

    [Fact]
    public async Task An_unknown_command_is_one_line_naming_the_nearest_command_and_listing_them_all()
    {
        var (exit, output, error) = await RunAsync("runn");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal(
            "error: unknown command 'runn' (did you mean 'run'?); the commands are seed, import, run, sql, verify, export, "
            + "casestudy, schedule (`etl --help` describes them)." + Environment.NewLine, error);
    }

    [Fact]
    public async Task No_command_at_all_lists_the_commands()
    {
        var (exit, _, error) = await RunAsync();

        Assert.Equal(1, exit);
        Assert.StartsWith("error: no command given; the commands are seed, import, run,", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Sql_without_a_query_is_one_line_with_the_usage()
    {
        var (exit, output, error) = await RunAsync("sql");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("Usage: etl sql <query> [options] (`etl sql --help` lists them).", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_against_an_empty_file_says_to_seed_it_and_writes_no_warehouse()
    {
        var store = Path.Combine(_folder, "empty.db");
        await File.WriteAllBytesAsync(store, []);
        var warehouse = Path.Combine(_folder, "warehouse.duckdb");

        var (exit, _, error) = await RunAsync("run", "--connection", $"Data Source={store}", "--warehouse", warehouse);

        Assert.Equal(1, exit);
        Assert.Equal(
            $"error: The operational store at {store} is not set up (no migrations applied: an empty or foreign file): run `etl seed` "
            + "to create the demo city there (or start the API once, which migrates and seeds data/operational.db), or point "
            + "--connection at the operational store." + Environment.NewLine, error);
        Assert.False(File.Exists(warehouse));
    }

    [Fact]
    public async Task Run_against_a_file_of_another_application_says_the_same()
    {
        var store = Path.Combine(_folder, "other.db");
        await using (var connection = new SqliteConnection($"Data Source={store}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE Regions (Id INTEGER PRIMARY KEY)";
            await command.ExecuteNonQueryAsync();
        }

        var (exit, _, error) = await RunAsync("run", "--connection", $"Data Source={store}", "--warehouse", Path.Combine(_folder, "w.duckdb"));

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: The operational store at {store} is not set up", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await EtlCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
