using System.Text.Json.Nodes;
using Analytics.Api.Security;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Domain;

namespace Analytics.Api.Tests.Security;

/// <summary>
/// What a county officer reads about a region outside the county (the city, reached as its county's <c>parent</c>)
/// agrees with the lists it sees there: list filters (<c>all</c>, <c>some</c>, <c>none</c>, <c>any</c>) judge only
/// the visible children, and every subtree count counts the visible part of the subtree. Expectations are SQL over
/// the store, restricted to the county's path.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CountyVisiblePartTests(ApiFactory factory)
{
    private const string County = "永安市";

    /// <summary>The region paths lying in the subtree of <c>$p0</c>, as SQL: <c>Below("c.Path")</c>.</summary>
    private static string Below(string path, string prefixParameter = "$p0") => $"substr({path}, 1, length({prefixParameter})) = {prefixParameter}";

    private Task<string> PathOfAsync(string name) =>
        factory.SqlAsync("SELECT Path FROM Regions WHERE Name = $p0 AND Level <= 2", name).ContinueWith(t => (string)t.Result.Single()[0]!);

    [Theory]
    [InlineData("all", "population: { gte: $county }", "c.Population >= $p1")]
    [InlineData("all", "population: { gte: $least }", "c.Population >= $p2")]
    [InlineData("all", "population: { gt: $county }", "c.Population > $p1")]
    [InlineData("some", "population: { lt: $county }", "c.Population < $p1")]
    [InlineData("none", "population: { lt: $county }", "c.Population < $p1")]
    [InlineData("none", "population: { gte: $county }", "c.Population >= $p1")]
    public async Task List_operators_through_the_city_judge_only_the_children_the_officer_sees(string op, string condition, string sqlCondition)
    {
        var path = await PathOfAsync(County);
        var countyPopulation = (long)(await factory.SqlAsync("SELECT Population FROM Regions WHERE Path = $p0", path)).Single()[0]!;
        var least = await factory.SqlNumberAsync("SELECT MIN(Population) FROM Regions WHERE Level = 2");
        var literal = condition.Replace("$county", $"{countyPopulation}", StringComparison.Ordinal).Replace("$least", $"{least}", StringComparison.Ordinal);
        var query = $"{{ regions(where: {{ level: {{ eq: COUNTY }}, parent: {{ children: {{ {op}: {{ {literal} }} }} }} }}) {{ totalCount }} }}";

        var officer = (await factory.CreateClientAs(ApiRoles.CountyOfficer, County).PostQueryAsync(query)).AssertData();
        var admin = (await factory.CreateGraphQLClient().PostQueryAsync(query)).AssertData();

        // The counties (the officer's own, if it can see it) whose parent's children — those visible — satisfy op.
        string Expected(bool scoped)
        {
            var visible = scoped ? $" AND {Below("c.Path")}" : "";
            var own = scoped ? $" AND {Below("r.Path")}" : "";
            var test = op switch
            {
                "all" => $"NOT EXISTS (SELECT 1 FROM Regions c WHERE c.ParentId = r.ParentId{visible} AND NOT ({sqlCondition}))",
                "some" => $"EXISTS (SELECT 1 FROM Regions c WHERE c.ParentId = r.ParentId{visible} AND {sqlCondition})",
                _ => $"NOT EXISTS (SELECT 1 FROM Regions c WHERE c.ParentId = r.ParentId{visible} AND {sqlCondition})",
            };
            return $"SELECT COUNT(*) FROM Regions r WHERE r.Level = 2{own} AND {test}";
        }

        Assert.Equal(await factory.SqlNumberAsync(Expected(scoped: true), path, countyPopulation, least), (long)officer["regions"]!["totalCount"]!);
        Assert.Equal(await factory.SqlNumberAsync(Expected(scoped: false), path, countyPopulation, least), (long)admin["regions"]!["totalCount"]!);
    }

    [Fact]
    public async Task All_differs_from_the_administrators_answer_exactly_where_other_counties_would_spoil_it()
    {
        // 永安市 passes "every child at least as populous as 永安市" among what its officer sees, while the city's
        // other counties (smaller ones) make it false for an administrator; before, the officer's answer was the
        // administrator's.
        var path = await PathOfAsync(County);
        var population = (long)(await factory.SqlAsync("SELECT Population FROM Regions WHERE Path = $p0", path)).Single()[0]!;
        var smaller = await factory.SqlNumberAsync("SELECT COUNT(*) FROM Regions WHERE Level = 2 AND Population < $p0", population);
        Assert.True(smaller > 0, "the demo city should hold a county smaller than 永安市");
        var query = $"{{ regions(where: {{ level: {{ eq: COUNTY }}, parent: {{ children: {{ all: {{ population: {{ gte: {population} }} }} }} }} }}) {{ nodes {{ name }} }} }}";

        var officer = (await factory.CreateClientAs(ApiRoles.CountyOfficer, County).PostQueryAsync(query)).AssertData();

        Assert.Equal([County], officer["regions"]!["nodes"]!.AsArray().Select(n => (string?)n!["name"]));
    }

    [Theory]
    [InlineData("any: true", "EXISTS")]
    [InlineData("any: false", "NOT EXISTS")]
    public async Task Any_through_the_city_looks_at_the_children_the_officer_sees(string any, string exists)
    {
        // (The demo data has no row outside a county, reachable from inside, whose list lies wholly outside it, so the
        // scoped and unscoped answers coincide here; this pins the semantics, the list tests above tell them apart.)
        var query = $"{{ regions(where: {{ level: {{ eq: TOWNSHIP }}, parent: {{ parent: {{ children: {{ {any} }} }} }} }}) {{ totalCount }} }}";
        var path = await PathOfAsync(County);
        var expected = await factory.SqlNumberAsync(
            $"SELECT COUNT(*) FROM Regions r JOIN Regions p ON r.ParentId = p.Id WHERE r.Level = 3 AND {Below("r.Path")} AND {exists} "
            + $"(SELECT 1 FROM Regions c WHERE c.ParentId = p.ParentId AND {Below("c.Path")})",
            path);

        var officer = (await factory.CreateClientAs(ApiRoles.CountyOfficer, County).PostQueryAsync(query)).AssertData();

        Assert.Equal(expected, (long)officer["regions"]!["totalCount"]!);
    }

    [Fact]
    public async Task Subtree_counts_read_through_the_city_count_the_part_the_officer_sees()
    {
        const string counts = "childCount descendantCount(level: VILLAGE) communities: descendantCount(level: COMMUNITY) gridCount "
            + "unitGrids: gridCount(level: 4) partyOrganizationCount gridBranches: partyOrganizationCount(domain: GRID_BRANCH)";
        var query = $"{{ regions(where: {{ level: {{ eq: COUNTY }} }}) {{ nodes {{ name {counts} parent {{ name {counts} children {{ name {counts} }} }} }} }} }}";
        var county = await PathOfAsync(County);
        var city = (string)(await factory.SqlAsync("SELECT Path FROM Regions WHERE Level = 1")).Single()[0]!;

        var officer = (await factory.CreateClientAs(ApiRoles.CountyOfficer, County).PostQueryAsync(query)).AssertData()["regions"]!["nodes"]!.AsArray();
        var admin = (await factory.CreateGraphQLClient().PostQueryAsync(query)).AssertData()["regions"]!["nodes"]![0]!["parent"]!;

        var seen = Assert.Single(officer)!;
        var parent = seen["parent"]!;
        Assert.Equal(County, (string?)seen["name"]);
        Assert.Equal(await ExpectedAsync(city, county), Counts(parent));
        Assert.Equal(await ExpectedAsync(county, county), Counts(seen));

        // The counts agree with the list beside them: the city's visible children are the county, whose counts they are
        // (less the county itself as the city's one child), and an administrator still counts the whole city.
        var child = Assert.Single(parent["children"]!.AsArray())!;
        Assert.Equal(County, (string?)child["name"]);
        Assert.Equal(Counts(seen), Counts(child));
        Assert.Equal(Counts(seen)["descendantCount"], Counts(parent)["descendantCount"]);
        Assert.Equal(Counts(seen)["gridCount"], Counts(parent)["gridCount"]);
        Assert.Equal(Counts(seen)["partyOrganizationCount"], Counts(parent)["partyOrganizationCount"]);
        Assert.True(Counts(parent).Values.All(v => v > 0), $"every count should be positive: {string.Join(", ", Counts(parent))}");
        Assert.Equal(await ExpectedAsync(city, scope: null), Counts(admin));
    }

    private static Dictionary<string, long> Counts(JsonNode region) =>
        new[] { "childCount", "descendantCount", "communities", "gridCount", "unitGrids", "partyOrganizationCount", "gridBranches" }
            .ToDictionary(name => name, name => (long)region[name]!);

    /// <summary>The counts of the region at <paramref name="path"/>, over the rows in <paramref name="scope"/>'s subtree (all when null).</summary>
    private async Task<Dictionary<string, long>> ExpectedAsync(string path, string? scope)
    {
        var visible = scope is null ? "" : $" AND {Below("r.Path", "$p1")}";
        async Task<long> Count(string sql) => await factory.SqlNumberAsync(sql, path, scope ?? "");
        return new Dictionary<string, long>
        {
            ["childCount"] = await Count($"SELECT COUNT(*) FROM Regions r JOIN Regions a ON r.ParentId = a.Id WHERE a.Path = $p0{visible}"),
            ["descendantCount"] = await Count($"SELECT COUNT(*) FROM Regions r WHERE r.Level = {(int)RegionLevel.Village} AND r.Path <> $p0 AND {Below("r.Path")}{visible}"),
            ["communities"] = await Count($"SELECT COUNT(*) FROM Regions r WHERE r.Level = {(int)RegionLevel.Community} AND r.Path <> $p0 AND {Below("r.Path")}{visible}"),
            ["gridCount"] = await Count($"SELECT COUNT(*) FROM Grids g JOIN Regions r ON g.RegionId = r.Id WHERE {Below("r.Path")}{visible}"),
            ["unitGrids"] = await Count($"SELECT COUNT(*) FROM Grids g JOIN Regions r ON g.RegionId = r.Id WHERE g.Level = 4 AND {Below("r.Path")}{visible}"),
            ["partyOrganizationCount"] = await Count(
                $"SELECT COUNT(*) FROM PartyOrganizations o JOIN Regions r ON o.RegionId = r.Id WHERE o.DissolvedOn IS NULL AND {Below("r.Path")}{visible}"),
            ["gridBranches"] = await Count(
                $"SELECT COUNT(*) FROM PartyOrganizations o JOIN Regions r ON o.RegionId = r.Id WHERE o.DissolvedOn IS NULL AND o.Domain = {(int)OrganizationDomain.GridBranch} AND {Below("r.Path")}{visible}"),
        };
    }
}
