using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Querying;

[Collection(ApiCollection.Name)]
public sealed class StatementAndProjectionTests(ApiFactory factory)
{
    [Fact]
    public async Task A_deep_nested_query_costs_one_statement_per_level_however_many_parents()
    {
        const string query = """
            {
              regions(first: 11, where: { level: { eq: COUNTY } }) {
                totalCount
                nodes {
                  name
                  children {
                    name
                    children {
                      name
                      grids { code stewards { personName member { name organization { name } } } }
                    }
                  }
                }
              }
            }
            """;
        var client = factory.CreateGraphQLClient();
        factory.SqlCommands.Reset();

        var counties = (await client.PostQueryAsync(query)).AssertData()["regions"]!["nodes"]!.AsArray();

        var villages = counties.SelectMany(c => c!["children"]!.AsArray()).SelectMany(t => t!["children"]!.AsArray()).ToList();
        var stewards = villages.SelectMany(v => v!["grids"]!.AsArray()).SelectMany(g => g!["stewards"]!.AsArray()).ToList();
        Assert.Equal(11, counties.Count);
        Assert.True(villages.Count > 1500, $"expected the city's villages and communities, got {villages.Count}");
        Assert.True(stewards.Count > 1000, $"expected thousands of stewards, got {stewards.Count}");

        // count, page, townships, villages, grids, stewards, members, organizations.
        Assert.Equal(8, factory.SqlCommands.Count);
    }

    [Fact]
    public async Task Subtree_counts_for_every_county_cost_one_statement_per_count()
    {
        var client = factory.CreateGraphQLClient();
        factory.SqlCommands.Reset();

        var counties = (await client.PostQueryAsync(Analytics.Api.GraphQL.Ide.GraphiQLIde.DefaultQuery))
            .AssertData()["regions"]!["nodes"]![0]!["children"]!.AsArray();

        Assert.Equal(11, counties.Count);
        Assert.All(counties, c => Assert.True((int)c!["unitGrids"]! > 0));

        // the city, its counties, then villages, communities, unit grids and grid branches: one GROUP BY each.
        Assert.Equal(6, factory.SqlCommands.Count);
    }

    [Fact]
    public async Task The_sql_selects_only_the_columns_asked_for()
    {
        var client = factory.CreateGraphQLClient();
        factory.SqlCommands.Reset();

        (await client.PostQueryAsync("{ cases(first: 5) { nodes { code region { name } } } }")).AssertData();

        var page = Assert.Single(factory.SqlCommands.Commands, c => c.Contains("FROM \"Cases\"", StringComparison.Ordinal));
        var selected = page[..page.IndexOf("FROM", StringComparison.Ordinal)];
        Assert.Contains("\"Code\"", selected);
        Assert.Contains("\"RegionId\"", selected);
        Assert.DoesNotContain("\"Title\"", selected);
        Assert.DoesNotContain("\"ReportedAt\"", selected);
        var regions = Assert.Single(factory.SqlCommands.Commands, c => c.Contains("FROM \"Regions\"", StringComparison.Ordinal));
        Assert.DoesNotContain("\"Path\"", regions[..regions.IndexOf("FROM", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task Fields_that_need_more_than_they_show_load_what_they_need()
    {
        // isOnTime is computed from dueFrom and registeredOn, which the query does not select: the projection must read them.
        var registrations = await factory.AllAsync<Analytics.Domain.CommunityRegistration>();
        factory.SqlCommands.Reset();

        var nodes = (await factory.CreateGraphQLClient().PostQueryAsync(
            "{ communityRegistrations(first: 50, order: [{ id: ASC }]) { nodes { isOnTime } } }"))
            .AssertData()["communityRegistrations"]!["nodes"]!.AsArray();

        Assert.Equal(registrations.Take(50).Select(r => r.IsOnTime), nodes.Select(n => (bool)n!["isOnTime"]!));
        Assert.Contains(false, nodes.Select(n => (bool)n!["isOnTime"]!));
        var page = Assert.Single(factory.SqlCommands.Commands);
        Assert.Contains("\"DueFrom\"", page);
        Assert.DoesNotContain("\"ActivitiesAttended\"", page[..page.IndexOf("FROM", StringComparison.Ordinal)]);
    }
}
