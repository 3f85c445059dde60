using System.Globalization;
using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Api.Warehouse;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Metrics;

/// <summary><c>analytics { … }</c>: the metric views over GraphQL, compared with the same views read directly.</summary>
[Collection(ApiCollection.Name)]
public sealed class AnalyticsQueryTests(ApiFactory factory)
{
    [Fact]
    public async Task Income_growth_of_yongan_2019_to_2021_is_the_published_30_81_percent_and_carries_the_build_time()
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync(
            """{ analytics { incomeGrowth(fromYear: 2019, toYear: 2021, region: "永安市") { regionName regionLevel villages growth fromOperatingIncome toOperatingIncome } warehouse { builtAt runId } } }""");

        var row = Assert.Single(response.AssertData()["analytics"]!["incomeGrowth"]!.AsArray())!;
        Assert.Equal(("永安市", "County"), ((string?)row["regionName"], (string?)row["regionLevel"]));
        Assert.Equal(0.3081, Math.Round((double)row["growth"]!, 4));
        Assert.Equal((decimal)row["toOperatingIncome"]! / (decimal)row["fromOperatingIncome"]! - 1, (decimal)(double)row["growth"]!, 10);

        var warehouse = response.Data["analytics"]!["warehouse"]!;
        await using var session = await Warehouse.OpenAsync();
        Assert.Equal(session.RunId, (string?)warehouse["runId"]);
        var builtAt = DateTimeOffset.Parse((string)response.Body["extensions"]!["warehouseBuiltAt"]!, CultureInfo.InvariantCulture);
        Assert.Equal(session.BuiltAt!.Value, builtAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(builtAt, DateTimeOffset.Parse((string)warehouse["builtAt"]!, CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(1));
        Assert.Equal((long)(int)row["villages"]!, await ScalarAsync<long>(
            "SELECT to_villages FROM metric_income_growth WHERE region_name = '永安市' AND from_year = 2019 AND to_year = 2021"));
    }

    [Fact]
    public async Task Answers_kept_for_the_build_are_kept_per_arguments()
    {
        var client = factory.CreateGraphQLClient();
        async Task<(string Name, double Growth)> GrowthAsync(string region, int fromYear)
        {
            var response = await client.PostQueryAsync(
                $$"""{ analytics { incomeGrowth(fromYear: {{fromYear}}, toYear: 2021, region: "{{region}}") { regionName growth } } }""");
            var row = Assert.Single(response.AssertData()["analytics"]!["incomeGrowth"]!.AsArray())!;
            return ((string)row["regionName"]!, (double)row["growth"]!);
        }

        async Task<double> ViewAsync(string region, int fromYear) => await ScalarAsync<double>(
            $"SELECT growth FROM metric_income_growth WHERE region_name = '{region}' AND from_year = {fromYear} AND to_year = 2021");

        // Each question twice: the second answer is the kept one and must still be this question's.
        foreach (var (region, fromYear) in new[] { ("永安市", 2019), ("三元区", 2019), ("永安市", 2020), ("永安市", 2019), ("三元区", 2019), ("永安市", 2020) })
        {
            var (name, growth) = await GrowthAsync(region, fromYear);
            Assert.Equal(region, name);
            Assert.Equal(await ViewAsync(region, fromYear), growth, 9);
        }
    }

    [Fact]
    public async Task Grid_coverage_per_county_equals_the_view()
    {
        var rows = (await factory.CreateGraphQLClient().PostQueryAsync(
            "{ analytics { gridCoverage { regionCode regionName level4Grids householdCoverage cadreStewards crossVillageShare } } }"))
            .AssertData()["analytics"]!["gridCoverage"]!.AsArray();

        Assert.Equal(11, rows.Count);
        var sanyuan = rows.Single(r => (string?)r!["regionName"] == "三元区")!;
        Assert.Equal(2454, (int)sanyuan["level4Grids"]!);
        foreach (var row in rows)
        {
            var code = (string)row!["regionCode"]!;
            Assert.Equal(await ScalarAsync<long>($"SELECT level4_grids FROM metric_grid_coverage WHERE region_code = '{code}'"), (int)row["level4Grids"]!);
            Assert.Equal(await ScalarAsync<double>($"SELECT household_coverage FROM metric_grid_coverage WHERE region_code = '{code}'"),
                (double)row["householdCoverage"]!, 12);
        }
    }

    [Fact]
    public async Task Cases_by_month_sum_to_the_view_for_a_region_a_year_and_a_channel()
    {
        var rows = (await factory.CreateGraphQLClient().PostQueryAsync(
            """{ analytics { casesByMonth(region: "永安市", fromYear: 2021, toYear: 2021, channel: "FourStep") { year month channel received resolved } } }"""))
            .AssertData()["analytics"]!["casesByMonth"]!.AsArray();

        Assert.InRange(rows.Count, 1, 12);
        const string Of = "FROM metric_cases WHERE region_name = '永安市' AND region_level = 'County' AND year = 2021 AND channel = 'FourStep'";
        Assert.Equal(await ScalarAsync<long>($"SELECT COUNT(DISTINCT month) {Of}"), rows.Count); // one row per month the view has
        Assert.Equal(await ScalarAsync<long>($"SELECT CAST(SUM(received) AS BIGINT) {Of}"), rows.Sum(r => (int)r!["received"]!));
        Assert.Equal(await ScalarAsync<long>($"SELECT CAST(SUM(resolved) AS BIGINT) {Of}"), rows.Sum(r => (int)r!["resolved"]!));
        Assert.Equal(
            await RowsAsync($"SELECT CAST(month AS BIGINT) AS month, CAST(SUM(received) AS BIGINT) AS received, CAST(SUM(resolved) AS BIGINT) AS resolved {Of} GROUP BY month ORDER BY month"),
            rows.Select(r => new object?[] { (long)(int)r!["month"]!, (long)(int)r["received"]!, (long)(int)r["resolved"]! }).ToList());
        Assert.All(rows, r => Assert.Equal((2021, "FourStep"), ((int)r!["year"]!, (string?)r["channel"])));
        Assert.Equal(rows.Select(r => (int)r!["month"]!).Order(), rows.Select(r => (int)r!["month"]!));
        Assert.Equal(await ScalarAsync<long>(
                "SELECT CAST(SUM(resolved) AS BIGINT) FROM metric_cases WHERE region_name = '永安市' AND region_level = 'County' AND year = 2021 AND channel = 'FourStep'"),
            rows.Sum(r => (int)r!["resolved"]!));
    }

    [Fact]
    public async Task Rows_at_township_level_inside_a_county_are_its_townships()
    {
        var rows = (await factory.CreateGraphQLClient().PostQueryAsync(
            """{ analytics { gridCoverage(region: "350481", level: TOWNSHIP) { regionLevel countyName } } }"""))
            .AssertData()["analytics"]!["gridCoverage"]!.AsArray();

        Assert.Equal(await ScalarAsync<long>("SELECT COUNT(*) FROM metric_region WHERE region_level = 'Township' AND county_name = '永安市'"), rows.Count);
        Assert.All(rows, r => Assert.Equal(("Township", "永安市"), ((string?)r!["regionLevel"], (string?)r["countyName"])));
    }

    [Fact]
    public async Task The_league_table_ranks_every_county()
    {
        var rows = (await factory.CreateGraphQLClient().PostQueryAsync(
            """{ analytics { leagueTable(metric: "cases.resolution_rate", fromYear: 2023, toYear: 2023) { countyName value rank higherIsBetter } } }"""))
            .AssertData()["analytics"]!["leagueTable"]!.AsArray();

        Assert.Equal(11, rows.Count);
        Assert.Equal(Enumerable.Range(1, 11), rows.Select(r => (int)r!["rank"]!).Order());
        var values = rows.OrderBy(r => (int)r!["rank"]!).Select(r => (double)r!["value"]!).ToList();
        Assert.Equal(values.OrderDescending(), values); // higher is better: rank 1 has the highest rate
    }

    /// <summary>
    /// Each case: the field as asked, one column of its first row read directly, and every row and every asked column
    /// read directly from the view (<c>viewSql</c> selects the asked columns, in the asked order, under their GraphQL names).
    /// </summary>
    [Theory]
    [InlineData("""lowIncomeVillages(region: "永安市", fromYear: 2021, toYear: 2021) { villagesBelow cleared selfOperatedShare }""",
        "SELECT villages_below FROM metric_income_threshold WHERE region_name = '永安市' AND year = 2021", "villagesBelow",
        "SELECT villages_below AS villagesBelow, cleared, self_operated_share AS selfOperatedShare FROM metric_income_threshold WHERE region_name = '永安市' AND region_level = 'County' AND year = 2021")]
    [InlineData("""caseResolution(region: "三元区", fromYear: 2022, toYear: 2022, channel: "All") { received resolutionRate medianDaysToResolve }""",
        "SELECT received FROM metric_cases_by_year WHERE region_name = '三元区' AND year = 2022 AND channel = 'All'", "received",
        "SELECT received, resolution_rate AS resolutionRate, median_days_to_resolve AS medianDaysToResolve FROM metric_cases_by_year WHERE region_name = '三元区' AND region_level = 'County' AND year = 2022 AND channel = 'All'")]
    [InlineData("""caseBacklog(region: "永安市", channel: "Hotline12345") { ageBand openCases }""",
        "SELECT open_cases FROM metric_case_backlog WHERE region_name = '永安市' AND channel = 'Hotline12345' ORDER BY age_order LIMIT 1", "openCases",
        "SELECT age_band AS ageBand, open_cases AS openCases FROM metric_case_backlog WHERE region_name = '永安市' AND region_level = 'County' AND channel = 'Hotline12345' ORDER BY age_order")]
    [InlineData("""pairingCompliance(region: "永安市", fromYear: 2021, toYear: 2021) { agencies allFourShare }""",
        "SELECT agencies FROM metric_pairing_summary WHERE region_name = '永安市' AND year = 2021", "agencies",
        "SELECT agencies, all_four_share AS allFourShare FROM metric_pairing_summary WHERE region_name = '永安市' AND region_level = 'County' AND year = 2021")]
    [InlineData("""activities(region: "三元区", kind: "NightTalk", fromYear: 2021, toYear: 2021) { activities cadreAttendances }""",
        "SELECT CAST(SUM(activities) AS BIGINT) FROM metric_activities WHERE region_name = '三元区' AND kind = 'NightTalk' AND year = 2021", "activities",
        "SELECT CAST(SUM(activities) AS BIGINT) AS activities, CAST(SUM(cadre_attendances) AS BIGINT) AS cadreAttendances FROM metric_activities WHERE region_name = '三元区' AND region_level = 'County' AND kind = 'NightTalk' AND year = 2021")]
    [InlineData("""starRatings(region: "永安市", fromYear: 2023, toYear: 2023) { domain stars organizations }""",
        "SELECT organizations FROM metric_star_ratings WHERE region_name = '永安市' AND year = 2023 ORDER BY domain, stars LIMIT 1", "organizations",
        "SELECT domain, stars, organizations FROM metric_star_ratings WHERE region_name = '永安市' AND region_level = 'County' AND year = 2023 ORDER BY domain, stars")]
    [InlineData("""rectificationList(region: "永安市", fromYear: 2023, toYear: 2023) { organizationName countyRank }""",
        "SELECT county_rank FROM metric_rectification WHERE county_name = '永安市' AND year = 2023 ORDER BY county_rank LIMIT 1", "countyRank",
        "SELECT organization_name AS organizationName, county_rank AS countyRank FROM metric_rectification WHERE county_name = '永安市' AND year = 2023 ORDER BY county_rank")]
    [InlineData("""microWishes(region: "三元区", fromYear: 2022, toYear: 2022) { posted fulfilmentRate }""",
        "SELECT CAST(SUM(posted) AS BIGINT) FROM metric_micro_wishes WHERE region_name = '三元区' AND year = 2022", "posted",
        // The rate of the summed months and beneficiaries (Σ fulfilled / Σ posted), not an average of the view's rates.
        "SELECT CAST(SUM(posted) AS BIGINT) AS posted, CAST(SUM(fulfilled) AS DOUBLE) / SUM(posted) AS fulfilmentRate FROM metric_micro_wishes WHERE region_name = '三元区' AND region_level = 'County' AND year = 2022")]
    [InlineData("""microWishes(region: "三元区", fromYear: 2023, toYear: 2024) { year posted claimed fulfilled fulfilmentRate meanDaysToFulfil }""",
        "SELECT CAST(SUM(posted) AS BIGINT) FROM metric_micro_wishes WHERE region_name = '三元区' AND year = 2023", "posted",
        // 2024 has wishes still open (in 2022 every wish was fulfilled, where a rate of 1 cannot tell Σ/Σ from a mean of rates).
        "SELECT CAST(year AS BIGINT) AS year, CAST(SUM(posted) AS BIGINT) AS posted, CAST(SUM(claimed) AS BIGINT) AS claimed, CAST(SUM(fulfilled) AS BIGINT) AS fulfilled, "
        + "CAST(SUM(fulfilled) AS DOUBLE) / SUM(posted) AS fulfilmentRate, CAST(SUM(days_to_fulfil_sum) AS DOUBLE) / NULLIF(SUM(fulfilled), 0) AS meanDaysToFulfil "
        + "FROM metric_micro_wishes WHERE region_name = '三元区' AND region_level = 'County' AND year BETWEEN 2023 AND 2024 GROUP BY year ORDER BY year")]
    public async Task Each_field_answers_what_its_view_holds(string field, string sql, string column, string viewSql)
    {
        var name = field[..field.IndexOf('(', StringComparison.Ordinal)];
        var asked = field[(field.IndexOf('{', StringComparison.Ordinal) + 1)..field.LastIndexOf('}')]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var rows = (await factory.CreateGraphQLClient().PostQueryAsync($"{{ analytics {{ {field} }} }}")).AssertData()["analytics"]![name]!.AsArray();

        Assert.NotEmpty(rows);
        Assert.Equal(await ScalarAsync<long>(sql), (long)rows[0]![column]!);

        var (names, expected) = await NamedRowsAsync(viewSql);
        Assert.Equal(asked, names); // the view query answers exactly the asked columns, in order
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i]!.AsObject();
            Assert.Equal(asked, row.Select(p => p.Key)); // no more, no fewer columns than asked
            for (var j = 0; j < asked.Length; j++)
            {
                AssertSameValue(expected[i][j], row[asked[j]], $"{name}[{i}].{asked[j]}");
            }
        }
    }

    /// <summary>A view's value (as DuckDB reads it) and the JSON the API gave for it: the same number, text, flag or null.</summary>
    private static void AssertSameValue(object? expected, JsonNode? actual, string where)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{where}: expected null, got {actual?.ToJsonString()}");
                break;
            case string text:
                Assert.Equal(text, (string?)actual);
                break;
            case bool flag:
                Assert.Equal(flag, (bool)actual!);
                break;
            case double or float or decimal:
                Assert.NotNull(actual);
                Assert.True(Math.Abs(Convert.ToDouble(expected, CultureInfo.InvariantCulture) - (double)actual) < 1e-12,
                    $"{where}: the view has {expected}, the API {actual.ToJsonString()}");
                break;
            default:
                Assert.NotNull(actual);
                Assert.True(Convert.ToInt64(expected, CultureInfo.InvariantCulture) == (long)actual, $"{where}: the view has {expected}, the API {actual.ToJsonString()}");
                break;
        }
    }

    [Fact]
    public async Task The_whole_league_table_includes_the_metrics_without_a_year()
    {
        var rows = (await factory.CreateGraphQLClient().PostQueryAsync("{ analytics { leagueTable { metricId year rank } } }"))
            .AssertData()["analytics"]!["leagueTable"]!.AsArray();

        Assert.Equal(await ScalarAsync<long>("SELECT COUNT(*) FROM metric_league_table"), rows.Count);
        Assert.Contains(rows, r => r!["year"] is null);
    }

    [Theory]
    [InlineData("""gridCoverage(region: "不存在的县")""", "REGION_NOT_FOUND")]
    [InlineData("""casesByMonth(fromYear: 2022, toYear: 2021)""", "INVALID_ARGUMENT")]
    [InlineData("""lowIncomeVillages(threshold: -1)""", "INVALID_ARGUMENT")]
    public async Task Bad_arguments_get_a_coded_error(string field, string code)
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync($"{{ analytics {{ {field} {{ regionName }} }} }}");

        Assert.Equal(code, (string?)response.Errors![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Every_field_with_years_refuses_a_fromYear_after_its_toYear_whether_range_or_growth()
    {
        var analytics = (IComplexGraphType)factory.Services.GetRequiredService<ISchema>().AllTypes["Analytics"]!;
        var withYears = analytics.Fields
            .Where(f => f.Arguments?.Find("fromYear") is not null && f.Arguments.Find("toYear") is not null)
            .Select(f => f.Name).ToList();

        var answers = new Dictionary<string, string?>();
        foreach (var field in withYears)
        {
            var response = await factory.CreateGraphQLClient().PostQueryAsync(
                $"{{ analytics {{ {field}(fromYear: 2021, toYear: 2019) {{ __typename }} }} }}");
            answers[field] = (string?)response.Errors?[0]?["extensions"]?["code"];
        }

        Assert.Contains("incomeGrowth", withYears);
        Assert.Contains("casesByMonth", withYears);
        Assert.All(answers, a => Assert.True(a.Value == "INVALID_ARGUMENT", $"{a.Key}(fromYear: 2021, toYear: 2019) answered {a.Value ?? "without an error"}"));
    }

    [Fact]
    public async Task A_region_name_shared_by_several_regions_asks_for_a_code()
    {
        var name = await ScalarAsync<string>(
            "SELECT region_name FROM metric_region GROUP BY region_name HAVING COUNT(*) > 1 ORDER BY region_name LIMIT 1");

        var response = await factory.CreateGraphQLClient().PostQueryAsync($$"""{ analytics { gridCoverage(region: "{{name}}") { regionName } } }""");

        var error = response.Errors![0]!;
        Assert.Equal("AMBIGUOUS_REGION", (string?)error["extensions"]!["code"]);
        Assert.Contains("give the code of one", (string?)error["message"]);
    }

    private WarehouseConnections Warehouse => factory.Services.GetRequiredService<WarehouseConnections>();

    private async Task<List<object?[]>> RowsAsync(string sql) => (await NamedRowsAsync(sql)).Rows;

    private async Task<(string[] Names, List<object?[]> Rows)> NamedRowsAsync(string sql)
    {
        await using var session = await Warehouse.OpenAsync();
        await using var command = session.Connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        }

        return (names, rows);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var session = await Warehouse.OpenAsync();
        await using var command = session.Connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }
}
