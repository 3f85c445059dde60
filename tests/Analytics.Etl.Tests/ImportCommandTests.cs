using Analytics.Data;
using Analytics.Data.DemoData;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Etl.Tests;

/// <summary>The demo city seeded once; each test imports into its own copy of the store.</summary>
public sealed class DemoStoreFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"analytics-etl-import-{Guid.NewGuid():N}");

    public string StorePath => Path.Combine(Directory, "operational.db");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var contexts = OperationalStoreExtensions.CreateFactory(DatabaseProvider.Sqlite, $"Data Source={StorePath}", new UpdatedAtInterceptor(TimeProvider.System));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        await DemoCity.SeedAsync(contexts, new DemoCityOptions());
        SqliteConnection.ClearAllPools();
    }

    /// <summary>A private copy of the seeded store; its connection string.</summary>
    public string CopyStore()
    {
        var copy = Path.Combine(Directory, $"{Guid.NewGuid():N}.db");
        File.Copy(StorePath, copy);
        return $"Data Source={copy}";
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class ImportCommandTests(DemoStoreFixture demo) : IClassFixture<DemoStoreFixture>
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Ledgers", "samples", name);

    [Theory]
    [InlineData("members.csv", "members", 3)]
    [InlineData("pairings.csv", "pairings", 4)]
    [InlineData("cases.csv", "cases", 3)]
    [InlineData("members.xlsx", "members", 3)]
    [InlineData("pairings.xlsx", "pairings", 4)]
    [InlineData("cases.xlsx", "cases", 3)]
    public async Task A_sample_ledger_imports_with_exit_0_and_importing_it_again_changes_nothing(string sample, string kind, int rows)
    {
        var connection = demo.CopyStore();
        var before = await CountsAsync(connection);

        var first = await RunAsync("import", Sample(sample), "--connection", connection);
        var afterFirst = await CountsAsync(connection);
        var second = await RunAsync("import", Sample(sample), "--connection", connection);

        Assert.True(first.Exit == 0, first.Error);
        Assert.StartsWith($"Imported the {kind} ledger", first.Output);
        Assert.Contains($"{rows} rows read, {rows} inserted, 0 updated, 0 unchanged.", first.Output);
        Assert.Equal(before.Sum + rows, afterFirst.Sum);
        Assert.Equal(0, second.Exit);
        Assert.Contains($"{rows} rows read, 0 inserted, 0 updated, {rows} unchanged.", second.Output);
        Assert.Equal(afterFirst, await CountsAsync(connection));
    }

    [Fact]
    public async Task A_ledger_with_bad_rows_exits_1_printing_every_problem_and_writes_nothing()
    {
        var connection = demo.CopyStore();
        var before = await CountsAsync(connection);
        var ledger = await WriteTempAsync("members.csv",
            File.ReadAllText(Sample("members.csv"))
                .Replace("1980-01-02,13812345678", "1980-01-02,1381234567", StringComparison.Ordinal)
                .Replace("李秀英,女", "李秀英,未知", StringComparison.Ordinal));

        var (exit, output, error) = await RunAsync("import", ledger, "--connection", connection, "--kind", "members");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal(
            [
                "row 2, 联系电话: 联系电话 138***4567 is not an 11-digit mobile number. [INVALID_PHONE]",
                "row 3, 性别: 性别 '未知' is not one of: 男、女. [INVALID_VALUE]",
                "error: the members ledger (CSV, UTF-8) members.csv has 2 problems in 2 rows of 3; nothing was imported.",
            ],
            error.TrimEnd().Split('\n'));
        Assert.Equal(before, await CountsAsync(connection));
    }

    [Fact]
    public async Task A_50_mb_file_exits_1_refused_by_the_size_limit()
    {
        var path = Path.Combine(demo.Directory, $"{Guid.NewGuid():N}.csv");
        await using (var file = File.Create(path))
        {
            file.SetLength(50L * 1024 * 1024); // sparse: nothing is written to disk
        }

        var (exit, _, error) = await RunAsync("import", path, "--connection", demo.CopyStore());

        Assert.Equal(1, exit);
        Assert.StartsWith("file: The file is 50 MB; the limit is 10 MB. Split the register into several files. [FILE_TOO_LARGE]", error);
    }

    [Fact]
    public async Task The_size_limit_is_an_option()
    {
        var (exit, output, error) = await RunAsync("import", Sample("members.csv"), "--connection", demo.CopyStore(), "--max-size-mb", "1");
        Assert.True(exit == 0, error);
        Assert.Contains("3 inserted", output);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import|{sample}|--kind|people")]
    [InlineData("import|/no/such/ledger.csv")]
    [InlineData("import|{sample}|--max-size-mb|0")]
    public async Task Usage_errors_exit_2_and_touch_nothing(string args)
    {
        var connection = demo.CopyStore();
        var before = await CountsAsync(connection);

        var (exit, _, error) = await RunAsync([.. args.Replace("{sample}", Sample("members.csv"), StringComparison.Ordinal).Split('|'), "--connection", connection]);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", error);
        Assert.Equal(before, await CountsAsync(connection));
    }

    [Fact]
    public async Task A_store_that_was_never_created_exits_1_saying_what_to_do()
    {
        var (exit, _, error) = await RunAsync("import", Sample("members.csv"), "--connection", $"Data Source={Path.Combine(demo.Directory, "missing.db")}");

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: There is no operational store at {Path.Combine(demo.Directory, "missing.db")}: run `etl seed`", error);
        Assert.False(File.Exists(Path.Combine(demo.Directory, "missing.db")));
    }

    [Fact]
    public async Task An_import_that_overwrites_a_stored_record_names_the_rows_it_changed()
    {
        var connection = demo.CopyStore();
        await RunAsync("import", Sample("cases.csv"), "--connection", connection);
        await using (var db = OperationalStoreExtensions.CreateFactory(DatabaseProvider.Sqlite, connection, OperationalStoreExtensions.WriteInterceptors(TimeProvider.System)).CreateDbContext())
        {
            // As an office would through the API after the ledger was first imported: the third row's case is retitled.
            var third = await db.Cases.SingleAsync(c => c.Code == "350481-2025-900003");
            third.Title = "企业招工难（已电话回访）";
            await db.SaveChangesAsync();
        }

        var (exit, output, _) = await RunAsync("import", Sample("cases.csv"), "--connection", connection);

        Assert.Equal(0, exit);
        Assert.Contains("3 rows read, 0 inserted, 1 updated (row 4), 2 unchanged.", output, StringComparison.Ordinal);
    }

    private async Task<string> WriteTempAsync(string name, string text)
    {
        var folder = Path.Combine(demo.Directory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private static async Task<(int Members, int Pairings, int Cases, int Sum)> CountsAsync(string connection)
    {
        await using var db = OperationalStoreExtensions.CreateFactory(DatabaseProvider.Sqlite, connection).CreateDbContext();
        var (members, pairings, cases) = (await db.PartyMembers.CountAsync(), await db.Pairings.CountAsync(), await db.Cases.CountAsync());
        return (members, pairings, cases, members + pairings + cases);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await EtlCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}

public sealed class LedgerDocumentationTests
{
    [Theory]
    [InlineData(Data.Ledgers.LedgerKind.Members, "### 党员花名册")]
    [InlineData(Data.Ledgers.LedgerKind.Pairings, "### 结对共建台账")]
    [InlineData(Data.Ledgers.LedgerKind.Cases, "### 民情诉求台账")]
    public void The_readme_lists_every_column_of_each_ledger_in_order_and_which_are_required(Data.Ledgers.LedgerKind kind, string heading)
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "etl", "Analytics.Etl", "README.md"));
        var documented = readme.SkipWhile(l => !l.StartsWith(heading, StringComparison.Ordinal)).Skip(1)
            .SkipWhile(l => !l.StartsWith("| column", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Select(cells => (Header: cells[1], Required: cells[2] == "yes"))
            .ToList();

        Assert.Equal(Data.Ledgers.LedgerImporter.ColumnsOf(kind).Select(c => (c.Header, c.Required)), documented);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Analytics.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Analytics.sln not found above " + AppContext.BaseDirectory);
    }
}
