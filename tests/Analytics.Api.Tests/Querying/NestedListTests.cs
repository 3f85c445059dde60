using Analytics.Api.Tests.Infrastructure;
using Analytics.Domain;

namespace Analytics.Api.Tests.Querying;

[Collection(ApiCollection.Name)]
public sealed class NestedListTests(ApiFactory factory)
{
    [Fact]
    public async Task Child_lists_filter_and_sort_per_parent_in_one_statement()
    {
        var regions = await factory.AllAsync<Region>();
        var client = factory.CreateGraphQLClient();
        factory.SqlCommands.Reset();

        var counties = (await client.PostQueryAsync("""
            {
              regions(first: 11, where: { level: { eq: COUNTY } }, order: [{ code: ASC }]) {
                nodes {
                  id
                  children(where: { name: { endsWith: "镇" } }, order: [{ population: DESC }]) { id }
                }
              }
            }
            """)).AssertData()["regions"]!["nodes"]!.AsArray();

        Assert.Equal(2, factory.SqlCommands.Count);
        Assert.Equal(11, counties.Count);
        foreach (var county in counties)
        {
            var expected = regions
                .Where(r => DemoCityData.Id<Region>(r.ParentId ?? 0) == (string?)county!["id"] && r.Name.EndsWith('镇'))
                .OrderByDescending(r => r.Population).ThenBy(r => r.Id)
                .Select(r => DemoCityData.Id<Region>(r.Id));
            Assert.Equal(expected, county!["children"]!.AsArray().Select(c => (string)c!["id"]!));
        }

        Assert.Contains(counties, c => c!["children"]!.AsArray().Count > 1);
    }

    [Fact]
    public async Task The_same_child_list_asked_with_different_arguments_gives_each_its_own_rows()
    {
        var data = (await factory.CreateGraphQLClient().PostQueryAsync("""
            {
              regions(first: 1, where: { name: { eq: "永安市" } }) {
                nodes {
                  towns: children(where: { name: { endsWith: "镇" } }) { name }
                  streets: children(where: { name: { endsWith: "街道" } }) { name }
                }
              }
            }
            """)).AssertData()["regions"]!["nodes"]![0]!;

        Assert.All(data["towns"]!.AsArray(), t => Assert.EndsWith("镇", (string?)t!["name"]));
        Assert.All(data["streets"]!.AsArray(), t => Assert.EndsWith("街道", (string?)t!["name"]));
        Assert.Equal(4, data["streets"]!.AsArray().Count);
    }
}
