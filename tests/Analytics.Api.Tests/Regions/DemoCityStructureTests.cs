using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Regions;

/// <summary>The published structure of 永安市 and 三元区, asked for through HTTP as a BI tool would.</summary>
[Collection(ApiCollection.Name)]
public sealed class DemoCityStructureTests(ApiFactory factory)
{
    private const string CountiesQuery = """
        {
          regions(first: 1) {
            nodes {
              name
              level
              children(where: { validTo: { eq: null } }) {
                id
                name
                code
                level
                townships: childCount(level: TOWNSHIP)
                villages: descendantCount(level: VILLAGE)
                communities: descendantCount(level: COMMUNITY)
                unitGrids: gridCount(level: 4)
                areaGrids: gridCount(level: 3)
                gridBranches: partyOrganizationCount(domain: GRID_BRANCH)
                residentialBranches: partyOrganizationCount(domain: RESIDENTIAL_AREA)
              }
            }
          }
        }
        """;

    [Fact]
    public async Task The_city_is_sanming_with_its_eleven_county_level_units()
    {
        var city = await CityAsync();

        Assert.Equal("三明市", (string?)city["name"]);
        Assert.Equal("CITY", (string?)city["level"]);
        var names = city["children"]!.AsArray().Select(c => (string?)c!["name"]).Order().ToList();
        Assert.Equal(
            new[] { "三元区", "大田县", "宁化县", "尤溪县", "建宁县", "明溪县", "永安市", "沙县区", "泰宁县", "清流县", "将乐县" }.Order(),
            names);
        Assert.All(city["children"]!.AsArray(), c => Assert.Equal("COUNTY", (string?)c!["level"]));
    }

    [Fact]
    public async Task Meilie_was_a_county_level_unit_until_2_february_2021_and_holds_nothing_today()
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync(
            """
            {
              regions(where: { level: { eq: COUNTY }, validTo: { neq: null } }) {
                nodes { name code validFrom validTo parent { name } childCount }
              }
            }
            """);

        var meilie = Assert.Single(response.AssertData()["regions"]!["nodes"]!.AsArray())!;
        Assert.Equal(("梅列区", "350402", (string?)null, "2021-02-02", "三明市"),
            ((string?)meilie["name"], (string?)meilie["code"], (string?)meilie["validFrom"], (string?)meilie["validTo"], (string?)meilie["parent"]!["name"]));
        Assert.Equal(0, (int)meilie["childCount"]!);
    }

    [Fact]
    public async Task Yongan_has_175_villages_26_communities_195_grid_party_branches_and_1775_unit_grids()
    {
        var yongan = await CountyAsync("永安市");

        Assert.Equal("350481", (string?)yongan["code"]);
        Assert.Equal(175, (int)yongan["villages"]!);
        Assert.Equal(26, (int)yongan["communities"]!);
        Assert.Equal(195, (int)yongan["gridBranches"]!);
        Assert.Equal(1775, (int)yongan["unitGrids"]!);
        Assert.Equal(178, (int)yongan["residentialBranches"]!);
    }

    [Fact]
    public async Task Sanyuan_has_12_townships_58_communities_74_villages_and_2454_grids()
    {
        var sanyuan = await CountyAsync("三元区");

        Assert.Equal("350404", (string?)sanyuan["code"]);
        Assert.Equal(12, (int)sanyuan["townships"]!);
        Assert.Equal(58, (int)sanyuan["communities"]!);
        Assert.Equal(74, (int)sanyuan["villages"]!);
        Assert.Equal(2454, (int)sanyuan["unitGrids"]!);
        Assert.Equal(278, (int)sanyuan["residentialBranches"]!);
    }

    [Fact]
    public async Task Every_grid_party_branch_of_yongan_sits_on_one_of_its_level_3_grids()
    {
        var yongan = await CountyAsync("永安市");

        // 195 branches on 195 distinct level-3 grids would need at least that many level-3 grids.
        Assert.True((int)yongan["areaGrids"]! >= (int)yongan["gridBranches"]!);
    }

    [Fact]
    public async Task Children_can_be_narrowed_to_one_level_and_agree_with_child_counts()
    {
        var yongan = await CountyAsync("永安市");
        var response = await factory.CreateGraphQLClient().PostQueryAsync(
            """
            query($id: ID!) {
              node(id: $id) {
                ... on Region {
                  townships: children(level: TOWNSHIP) {
                    name
                    parent { name }
                    villages: children(level: VILLAGE) { level }
                    villageCount: childCount(level: VILLAGE)
                    all: childCount
                  }
                }
              }
            }
            """,
            new { id = (string?)yongan["id"] });

        var townships = response.AssertData()["node"]!["townships"]!.AsArray();
        Assert.Equal((int)yongan["townships"]!, townships.Count);
        Assert.All(townships, t => Assert.Equal("永安市", (string?)t!["parent"]!["name"]));
        Assert.All(townships, t => Assert.Equal((int)t!["villageCount"]!, t["villages"]!.AsArray().Count));
        Assert.All(townships, t => Assert.All(t!["villages"]!.AsArray(), v => Assert.Equal("VILLAGE", (string?)v!["level"])));
        Assert.Equal(175, townships.Sum(t => (int)t!["villageCount"]!));
    }

    private async Task<JsonNode> CityAsync()
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync(CountiesQuery);
        return response.AssertData()["regions"]!["nodes"]![0]!;
    }

    private async Task<JsonNode> CountyAsync(string name)
    {
        var city = await CityAsync();
        return city["children"]!.AsArray().Single(c => (string?)c!["name"] == name)!;
    }
}
