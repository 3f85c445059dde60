using System.Globalization;
using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Api.Tests.Mutations;
using Analytics.Domain;
using Analytics.Etl;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Analytics.Api.Tests.Metrics;

/// <summary>
/// The whole path under a clock set to another year: the demo city seeded, the README's own <c>reportCase</c> sent
/// ("now"), <c>etl run</c>, writes dated 1925 and 2031-01-01 (the latter only where the clock has reached it), <c>etl run
/// --incremental</c>, <c>etl verify</c>, then the analytics fields, <c>/health</c> and the warehouse's calendar. Nothing
/// may depend on the year the code was written in.
/// </summary>
public sealed partial class ClockedPathTests
{
    [System.Text.RegularExpressions.GeneratedRegex(@"regionId: \\""([^\\]+)\\""")]
    private static partial System.Text.RegularExpressions.Regex RegionId();

    [Theory]
    [InlineData("2026-12-06T02:00:00Z")]
    [InlineData("2028-02-29T16:30:00Z")] // already 1 March 2028 in Beijing
    [InlineData("2031-01-01T00:30:00Z")] // 08:30 on New Year's Day 2031 in Beijing
    public async Task Seed_write_run_incremental_verify_and_analytics_hold_in_any_year(string now)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture));
        var today = OfficeCalendar.DayOf(clock.GetUtcNow());
        await using var api = new ClockedApiFactory(clock);
        var client = api.CreateAdminClient();

        // The README's example, as the README prints it: reported now.
        var readme = await SendAsync(client, ReadmeExampleTests.ExampleBody());
        Assert.Equal("REPORTED", (string?)readme["data"]!["reportCase"]!["case"]!["status"]);
        await EtlAsync(clock, "run", "--connection", api.Connection, "--warehouse", api.WarehousePath);
        clock.Advance(TimeSpan.FromMinutes(30)); // later writes are stamped after the run's watermark, as in real time

        // Then days far from the demo city's years: the API takes 1925; 2031-01-01 only once the clock has reached it.
        var region = RegionId().Match(ReadmeExampleTests.ExampleBody()).Groups[1].Value;
        Assert.Null((await ReportAsync(client, region, "350481-1925-000001", "1925-06-01T02:00:00Z")).FirstErrorOrNull());
        var late = await ReportAsync(client, region, "350481-2031-000001", "2031-01-01T00:00:00Z");
        var has2031 = clock.GetUtcNow() >= new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(has2031 ? null : "INVALID_INPUT", (string?)late.FirstErrorOrNull()?["code"]);

        var incremental = await EtlAsync(clock, "run", "--incremental", "--connection", api.Connection, "--warehouse", api.WarehousePath);
        Assert.Contains("mode: Incremental", incremental);
        var lastYear = Math.Max(today.Year, 2031 * (has2031 ? 1 : 0));
        Assert.Contains($"calendar: 1925-01-01..{lastYear}-12-31; data as of {today:yyyy-MM-dd}", incremental);
        await EtlAsync(clock, "verify", "--warehouse", api.WarehousePath);

        // The calendar holds every day of every year the data reaches, and today's year.
        await using (var warehouse = new DuckDBConnection($"Data Source={api.WarehousePath};ACCESS_MODE=READ_ONLY"))
        {
            await warehouse.OpenAsync();
            await using var command = warehouse.CreateCommand();
            command.CommandText = "SELECT min(date), max(date), count(*) FROM dim_date";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(new DateOnly(1925, 1, 1), reader.GetFieldValue<DateOnly>(0));
            Assert.Equal(new DateOnly(lastYear, 12, 31), reader.GetFieldValue<DateOnly>(1));
            Assert.Equal(new DateOnly(lastYear, 12, 31).DayNumber - new DateOnly(1925, 1, 1).DayNumber + 1, reader.GetInt64(2));
        }

        // Two facts, each for what it is: when the file was made (the clock at the run) and the latest day of its data.
        var data = (await client.PostQueryAsync($$"""
            { analytics {
                warehouse { builtAt dataAsOf latestCompleteYear }
                thisYear: casesByMonth(region: "永安市", fromYear: {{today.Year}}, toYear: {{today.Year}}, channel: "FourStep") { year month received isComplete }
                earlier: casesByMonth(region: "永安市", fromYear: 1925, toYear: 1925, channel: "FourStep") { year month received isComplete }
                years: caseResolution(region: "永安市") { year isComplete }
            } }
            """)).AssertData()["analytics"]!;
        Assert.Equal(clock.GetUtcNow(), DateTimeOffset.Parse((string)data["warehouse"]!["builtAt"]!, CultureInfo.InvariantCulture));
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)data["warehouse"]!["dataAsOf"]);
        Assert.Equal(today.Year - 1, (int)data["warehouse"]!["latestCompleteYear"]!);
        var thisMonth = Assert.Single(data["thisYear"]!.AsArray(), r => (int)r!["month"]! == today.Month)!;
        Assert.True((int)thisMonth["received"]! >= 1);
        Assert.False((bool)thisMonth["isComplete"]!);
        var in1925 = Assert.Single(data["earlier"]!.AsArray())!;
        Assert.Equal((6, 1, true), ((int)in1925["month"]!, (int)in1925["received"]!, (bool)in1925["isComplete"]!));
        // Every year before today's is complete; today's is not, and is there (the README's case is in it).
        var years = data["years"]!.AsArray().Select(r => ((int)r!["year"]!, (bool)r["isComplete"]!)).Distinct().ToList();
        Assert.Contains((today.Year, false), years);
        Assert.All(years, y => Assert.Equal(y.Item1 < today.Year, y.Item2));

        using var health = await api.CreateClient().GetAsync("/health");
        var warehouseHealth = JsonNode.Parse(await health.Content.ReadAsStringAsync())!["checks"]!["warehouse"]!;
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)warehouseHealth["data"]!["dataAsOf"]);
        Assert.Equal(clock.GetUtcNow(), DateTimeOffset.Parse((string)warehouseHealth["data"]!["builtAt"]!, CultureInfo.InvariantCulture));
    }

    private static Task<GraphQLResponse> ReportAsync(HttpClient client, string region, string code, string reportedAt) =>
        client.PostQueryAsync($$"""
            mutation { reportCase(input: { code: "{{code}}", title: "路灯不亮", regionId: "{{region}}", channel: FOUR_STEP, reporter: RESIDENT, reportedAt: "{{reportedAt}}" }) { case { id } {{MutationResponses.CreateErrors}} } }
            """);

    private static async Task<JsonNode> SendAsync(HttpClient client, string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/graphql", content);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The ETL's command line under the test's clock; its standard output, after asserting it succeeded.</summary>
    private static async Task<string> EtlAsync(TimeProvider clock, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await EtlCli.RunAsync(args, output, error, clock);
        Assert.True(exit == 0, $"etl {string.Join(' ', args)} exited {exit}:\n{error}\n{output}");
        return output.ToString();
    }

    /// <summary>The API over its own demo city, on the given clock, with no warehouse until the test runs the ETL.</summary>
    private sealed class ClockedApiFactory(TimeProvider clock) : WebApplicationFactory<Program>
    {
        private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"analytics-api-clock-{Guid.NewGuid():N}.db");

        public string WarehousePath { get; } = Path.Combine(Path.GetTempPath(), $"analytics-api-clock-{Guid.NewGuid():N}.duckdb");

        public string Connection => $"Data Source={_databasePath}";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            ApiFactory.UseDemoCity(builder, _databasePath, WarehousePath);
            builder.UseSetting("Warehouse:BuildWhenMissing", "false");
            builder.ConfigureServices(services => services.AddSingleton(clock));
        }

        public HttpClient CreateAdminClient() =>
            CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
                .WithToken(ApiTokens.Mint(Services, Api.Security.ApiRoles.Admin, name: "clock-test"));

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm", WarehousePath, WarehousePath + ".wal", WarehousePath + ".lock" })
            {
                File.Delete(path);
            }
        }
    }
}
