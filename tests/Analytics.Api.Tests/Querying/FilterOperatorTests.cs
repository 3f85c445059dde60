using Analytics.Api.Tests.Infrastructure;
using Analytics.Domain;

namespace Analytics.Api.Tests.Querying;

/// <summary>Each filter operator against expectations computed in memory from the same rows.</summary>
[Collection(ApiCollection.Name)]
public sealed class FilterOperatorTests(ApiFactory factory)
{
    [Theory]
    [InlineData("{ name: { eq: \"永安市\" } }")]
    [InlineData("{ name: { neq: \"永安市\" } }")]
    [InlineData("{ name: { contains: \"溪\" } }")]
    [InlineData("{ name: { ncontains: \"村\" } }")]
    [InlineData("{ name: { startsWith: \"上\" } }")]
    [InlineData("{ name: { nstartsWith: \"上\" } }")]
    [InlineData("{ name: { endsWith: \"街道\" } }")]
    [InlineData("{ name: { nendsWith: \"村\" } }")]
    [InlineData("{ name: { in: [\"永安市\", \"三元区\", \"nowhere\"] } }")]
    [InlineData("{ name: { nin: [\"永安市\", \"三元区\"] }, level: { eq: COUNTY } }")]
    public async Task String_operators_match_in_memory_string_tests(string where)
    {
        var regions = await factory.AllAsync<Region>();
        Func<Region, bool> expected = where switch
        {
            _ when where.Contains("ncontains") => r => !r.Name.Contains('村'),
            _ when where.Contains("contains") => r => r.Name.Contains('溪'),
            _ when where.Contains("nstartsWith") => r => !r.Name.StartsWith('上'),
            _ when where.Contains("startsWith") => r => r.Name.StartsWith('上'),
            _ when where.Contains("nendsWith") => r => !r.Name.EndsWith('村'),
            _ when where.Contains("endsWith") => r => r.Name.EndsWith("街道", StringComparison.Ordinal),
            _ when where.Contains("nin") => r => r.Name is not ("永安市" or "三元区") && r.Level == RegionLevel.County,
            _ when where.Contains(" in:") => r => r.Name is "永安市" or "三元区",
            _ when where.Contains("neq") => r => r.Name != "永安市",
            _ => r => r.Name == "永安市",
        };

        await AssertSameRowsAsync("regions", where, regions.Where(expected));
    }

    [Theory]
    [InlineData("eq", 500)]
    [InlineData("neq", 500)]
    [InlineData("gt", 2000)]
    [InlineData("ngt", 2000)]
    [InlineData("gte", 2000)]
    [InlineData("ngte", 2000)]
    [InlineData("lt", 300)]
    [InlineData("nlt", 300)]
    [InlineData("lte", 300)]
    [InlineData("nlte", 300)]
    public async Task Comparison_operators_on_ints_match(string op, int value)
    {
        var regions = await factory.AllAsync<Region>();
        var pivot = op is "eq" or "neq" ? regions[100].Households : value;
        Func<int, bool> test = op switch
        {
            "eq" => h => h == pivot,
            "neq" => h => h != pivot,
            "gt" => h => h > pivot,
            "ngt" => h => !(h > pivot),
            "gte" => h => h >= pivot,
            "ngte" => h => !(h >= pivot),
            "lt" => h => h < pivot,
            "nlt" => h => !(h < pivot),
            "lte" => h => h <= pivot,
            _ => h => !(h <= pivot),
        };

        await AssertSameRowsAsync("regions", $"{{ households: {{ {op}: {pivot} }} }}", regions.Where(r => test(r.Households)));
    }

    [Fact]
    public async Task In_and_nin_on_ints_match()
    {
        var regions = await factory.AllAsync<Region>();
        var values = regions.Take(30).Select(r => r.Households).Distinct().ToList();

        await AssertSameRowsAsync("regions", $"{{ households: {{ in: [{string.Join(",", values)}] }} }}", regions.Where(r => values.Contains(r.Households)));
        await AssertSameRowsAsync("regions", $"{{ households: {{ nin: [{string.Join(",", values)}] }} }}", regions.Where(r => !values.Contains(r.Households)));
    }

    [Fact]
    public async Task Decimal_comparisons_are_exact_to_the_fen()
    {
        var incomes = await factory.AllAsync<CollectiveIncome>();
        var pivot = incomes[500].OperatingIncome;

        await AssertSameRowsAsync("collectiveIncomes", $"{{ operatingIncome: {{ gt: {pivot} }}, year: {{ eq: 2021 }} }}",
            incomes.Where(i => i.OperatingIncome > pivot && i.Year == 2021));
        await AssertSameRowsAsync("collectiveIncomes", $"{{ operatingIncome: {{ eq: {pivot} }} }}", incomes.Where(i => i.OperatingIncome == pivot));
        await AssertSameRowsAsync("collectiveIncomes", "{ operatingIncome: { lt: 100000 } }", incomes.Where(i => i.OperatingIncome < 100_000m));
    }

    [Fact]
    public async Task DateTime_and_null_checks_on_case_steps_match()
    {
        var cases = await factory.AllAsync<Case>();
        var from = new DateTimeOffset(2023, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2023, 8, 1, 0, 0, 0, TimeSpan.Zero);

        await AssertSameRowsAsync("cases", "{ reportedAt: { gte: \"2023-07-01T00:00:00Z\", lt: \"2023-08-01T00:00:00Z\" } }",
            cases.Where(c => c.ReportedAt >= from && c.ReportedAt < to));
        await AssertSameRowsAsync("cases", "{ resolvedAt: { eq: null }, reportedAt: { gte: \"2024-06-01T00:00:00Z\" } }",
            cases.Where(c => c.ResolvedAt is null && c.ReportedAt >= new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        await AssertSameRowsAsync("cases", "{ satisfaction: { neq: null, lte: 2 } }", cases.Where(c => c.Satisfaction is not null && c.Satisfaction <= 2));
    }

    [Fact]
    public async Task Date_bool_and_enum_operators_match()
    {
        var grids = await factory.AllAsync<Grid>();
        var stewards = await factory.AllAsync<GridSteward>();
        var cases = await factory.AllAsync<Case>();

        await AssertSameRowsAsync("grids", "{ createdOn: { gte: \"2021-01-01\", nlt: \"2021-03-01\" } }",
            grids.Where(g => g.CreatedOn >= new DateOnly(2021, 1, 1) && !(g.CreatedOn < new DateOnly(2021, 3, 1))));
        await AssertSameRowsAsync("gridStewards", "{ isCadre: { eq: true }, employment: { eq: FULL_TIME } }",
            stewards.Where(s => s.IsCadre && s.Employment == StewardEmployment.FullTime));
        await AssertSameRowsAsync("gridStewards", "{ isCadre: { neq: true } }", stewards.Where(s => !s.IsCadre));
        await AssertSameRowsAsync("cases", "{ status: { in: [REJECTED, WITHDRAWN] }, channel: { nin: [GRID_VISIT, HOTLINE_12345] } }",
            cases.Where(c => c.Status is CaseStatus.Rejected or CaseStatus.Withdrawn && c.Channel is not (CaseChannel.GridVisit or CaseChannel.Hotline12345)));
    }

    [Fact]
    public async Task And_or_and_operator_level_or_combine_like_boolean_logic()
    {
        var regions = await factory.AllAsync<Region>();

        await AssertSameRowsAsync("regions",
            "{ or: [{ name: { startsWith: \"上\" } }, { and: [{ level: { eq: COMMUNITY } }, { households: { gt: 3000 } }] }] }",
            regions.Where(r => r.Name.StartsWith('上') || (r.Level == RegionLevel.Community && r.Households > 3000)));
        await AssertSameRowsAsync("regions", "{ households: { or: [{ lt: 200 }, { gt: 5000 }] } }",
            regions.Where(r => r.Households < 200 || r.Households > 5000));
    }

    [Fact]
    public async Task Global_ids_filter_by_key()
    {
        var cases = await factory.AllAsync<Case>();
        var picked = new[] { cases[3].Id, cases[77].Id, cases[1234].Id };
        var ids = string.Join(", ", picked.Select(id => $"\"{DemoCityData.Id<Case>(id)}\""));

        await AssertSameRowsAsync("cases", $"{{ id: {{ in: [{ids}] }} }}", cases.Where(c => picked.Contains(c.Id)));
        await AssertSameRowsAsync("cases", $"{{ id: {{ eq: \"{DemoCityData.Id<Case>(picked[1])}\" }} }}", cases.Where(c => c.Id == picked[1]));
    }

    [Fact]
    public async Task Navigation_filters_follow_references_to_any_depth()
    {
        var regions = (await factory.AllAsync<Region>()).ToDictionary(r => r.Id);
        var cases = await factory.AllAsync<Case>();
        string? County(int regionId)
        {
            for (var region = regions[regionId]; region is not null; region = region.ParentId is { } p ? regions[p] : null)
            {
                if (region.Level == RegionLevel.County)
                {
                    return region.Name;
                }
            }

            return null;
        }

        await AssertSameRowsAsync("cases",
            "{ channel: { eq: FOUR_STEP }, region: { parent: { parent: { name: { eq: \"永安市\" } } } } }",
            cases.Where(c => c.Channel == CaseChannel.FourStep && regions[c.RegionId].Level is RegionLevel.Village or RegionLevel.Community
                && County(c.RegionId) == "永安市"));
    }

    [Fact]
    public async Task Collection_filters_some_all_none_any_match()
    {
        var regions = await factory.AllAsync<Region>();
        var children = regions.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!.Value);

        await AssertSameRowsAsync("regions", "{ children: { some: { level: { eq: COMMUNITY } } } }",
            regions.Where(r => children[r.Id].Any(c => c.Level == RegionLevel.Community)));
        await AssertSameRowsAsync("regions", "{ level: { eq: TOWNSHIP }, children: { all: { level: { eq: VILLAGE } } } }",
            regions.Where(r => r.Level == RegionLevel.Township && children[r.Id].All(c => c.Level == RegionLevel.Village)));
        await AssertSameRowsAsync("regions", "{ level: { eq: TOWNSHIP }, children: { none: { level: { eq: VILLAGE } } } }",
            regions.Where(r => r.Level == RegionLevel.Township && !children[r.Id].Any(c => c.Level == RegionLevel.Village)));
        await AssertSameRowsAsync("regions", "{ children: { any: false } }", regions.Where(r => !children[r.Id].Any()));
    }

    [Fact]
    public async Task Through_an_optional_reference_a_missing_one_reads_as_nulls()
    {
        var cases = await factory.AllAsync<Case>();
        var grids = (await factory.AllAsync<Grid>()).ToDictionary(g => g.Id);
        Assert.Contains(cases, c => c.GridId is null); // the demo city has cases outside any grid

        await AssertSameRowsAsync("cases", "{ grid: { level: { neq: 4 } } }",
            cases.Where(c => c.GridId is null || grids[c.GridId.Value].Level != 4));
        await AssertSameRowsAsync("cases", "{ grid: { id: { eq: null } } }", cases.Where(c => c.GridId is null));
        await AssertSameRowsAsync("cases", "{ grid: { level: { eq: 4 } } }",
            cases.Where(c => c.GridId is not null && grids[c.GridId.Value].Level == 4));
        await AssertSameRowsAsync("cases", "{ grid: { name: { nin: [\"nowhere\"] } } }", cases);
    }

    /// <summary>Same count, and the same first 50 ids in key order.</summary>
    private async Task AssertSameRowsAsync<T>(string listField, string where, IEnumerable<T> expected)
        where T : Entity
    {
        var expectedList = expected.ToList();
        var response = await factory.CreateGraphQLClient().PostQueryAsync(
            $"{{ {listField}(where: {where}, order: [{{ id: ASC }}], first: 50) {{ totalCount nodes {{ id }} }} }}");

        var data = response.AssertData()[listField]!;
        Assert.Equal(expectedList.Count, (int)data["totalCount"]!);
        Assert.Equal(
            expectedList.Take(50).Select(x => DemoCityData.Id<T>(x.Id)),
            data["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
    }
}
