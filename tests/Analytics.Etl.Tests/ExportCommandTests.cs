using DuckDB.NET.Data;

namespace Analytics.Etl.Tests;

public sealed class ExportCommandTests(DemoWarehouseFixture fixture) : IClassFixture<DemoWarehouseFixture>
{
    [Fact]
    public async Task Export_writes_every_dimension_and_fact_with_the_warehouse_row_counts()
    {
        var directory = NewPath();

        var (exit, output, error) = await RunAsync("export", directory, "--warehouse", fixture.WarehousePath);

        Assert.True(exit == 0, error);
        await using var warehouse = new DuckDBConnection($"Data Source={fixture.WarehousePath};ACCESS_MODE=READ_ONLY");
        await warehouse.OpenAsync();
        var tables = await ColumnAsync<string>(warehouse,
            "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'dim%' OR table_name LIKE 'fact%' OR table_name LIKE 'member\\_%' ESCAPE '\\' ORDER BY 1");
        Assert.Equal(20, tables.Count); // 6 dimensions besides dim_date, 10 facts, 3 counts of members
        foreach (var table in tables)
        {
            var expected = await ScalarAsync<long>(warehouse, $"SELECT count(*) FROM {table}");
            var exported = await ScalarAsync<long>(warehouse,
                $"SELECT count(*) FROM read_parquet('{directory}/{table}/**/*.parquet', hive_partitioning = true)");
            Assert.True(expected == exported, $"{table}: warehouse {expected}, Parquet {exported}");
            Assert.Contains(table, output);
            if (!table.StartsWith("fact_", StringComparison.Ordinal))
            {
                Assert.Equal([Path.Combine(directory, table, table + ".parquet")], Directory.GetFiles(Path.Combine(directory, table)));
            }
        }

        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(directory)!, $".{Path.GetFileName(directory)}.*"));
    }

    [Fact]
    public async Task Facts_are_partitioned_by_county_code_and_year_and_carry_the_county_name()
    {
        var directory = NewPath();
        var (exit, _, error) = await RunAsync("export", directory, "--warehouse", fixture.WarehousePath);
        Assert.True(exit == 0, error);

        await using var connection = await InMemoryAsync();
        var code = await ScalarAsync<string>(connection,
            $"SELECT code FROM read_parquet('{directory}/dim_region/*.parquet') WHERE name = '永安市' AND level = 'County'");
        var partition = Path.Combine(directory, "fact_collective_income", $"county_code={code}", "year=2021");
        Assert.True(Directory.Exists(partition), partition);
        Assert.NotEmpty(Directory.GetFiles(partition, "*.parquet"));
        Assert.Equal(["永安市"], await ColumnAsync<string>(connection,
            $"SELECT DISTINCT county_name FROM read_parquet('{partition}/*.parquet')"));

        // Every fact row has a year partition; the few pairings of city-level organizations have no county (NULL).
        Assert.Equal(0L, await ScalarAsync<long>(connection,
            $"SELECT count(*) FROM read_parquet('{directory}/fact_*/**/*.parquet', hive_partitioning = true, union_by_name = true) WHERE year IS NULL"));
    }

    [Fact]
    public async Task Growth_of_yongan_2019_to_2021_from_the_parquet_files_alone_is_30_81_percent()
    {
        var directory = NewPath();
        var (exit, _, error) = await RunAsync("export", directory, "--warehouse", fixture.WarehousePath);
        Assert.True(exit == 0, error);

        await using var connection = await InMemoryAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT r.county_name,
                   COUNT(DISTINCT f.village_key) AS villages,
                   round(SUM(f.operating_income) FILTER (WHERE f.year = 2021)
                       / SUM(f.operating_income) FILTER (WHERE f.year = 2019) - 1, 4) AS growth
            FROM read_parquet('{directory}/fact_collective_income/**/*.parquet', hive_partitioning = true) f
            JOIN read_parquet('{directory}/dim_region/*.parquet') r ON r.region_key = f.village_key
            WHERE r.level = 'Village' AND f.county_name = '永安市'
            GROUP BY r.county_name
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("永安市", reader.GetString(0));
        Assert.Equal(175L, Convert.ToInt64(reader.GetValue(1)));
        Assert.Equal(0.3081m, Convert.ToDecimal(reader.GetValue(2)));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task An_existing_folder_is_refused_without_force_and_left_untouched()
    {
        var directory = NewPath();
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "keep.txt"), "mine");

        var (exit, _, error) = await RunAsync("export", directory, "--warehouse", fixture.WarehousePath);

        Assert.Equal(1, exit);
        Assert.StartsWith("error:", error);
        Assert.Contains("--force", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal([Path.Combine(directory, "keep.txt")], Directory.GetFileSystemEntries(directory));
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(directory, "keep.txt")));
    }

    [Fact]
    public async Task Force_replaces_an_existing_folder_and_leaves_no_sibling_behind()
    {
        var directory = NewPath();
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "old.txt"), "old");

        var (exit, _, error) = await RunAsync("export", directory, "--warehouse", fixture.WarehousePath, "--force");

        Assert.True(exit == 0, error);
        Assert.False(File.Exists(Path.Combine(directory, "old.txt")));
        Assert.True(Directory.Exists(Path.Combine(directory, "fact_case")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(directory)!, $".{Path.GetFileName(directory)}.*"));
    }

    [Fact]
    public async Task A_missing_warehouse_exits_1_and_writes_nothing()
    {
        var directory = NewPath();

        var (exit, _, error) = await RunAsync("export", directory, "--warehouse", Path.Combine(fixture.Directory, "missing.duckdb"));

        Assert.Equal(1, exit);
        Assert.Contains("etl run", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(directory));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(directory)!, $".{Path.GetFileName(directory)}.*"));
    }

    [Fact]
    public async Task An_unwritable_folder_exits_1_on_one_line()
    {
        var file = NewPath();
        await File.WriteAllTextAsync(file, "not a folder");

        var (exit, _, error) = await RunAsync("export", Path.Combine(file, "export"), "--warehouse", fixture.WarehousePath);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: Cannot write", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    /// <summary>A path in a fresh folder of the fixture's directory, not yet created.</summary>
    private string NewPath()
    {
        var parent = Path.Combine(fixture.Directory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(parent);
        return Path.Combine(parent, "export");
    }

    private static async Task<DuckDBConnection> InMemoryAsync()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<T> ScalarAsync<T>(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<T>> ColumnAsync<T>(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await EtlCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
