using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Domain;

namespace Analytics.Api.Tests.Querying;

/// <summary>
/// An order object with several keys sorts by them in the order the document writes them, as Hot Chocolate does,
/// whether the object is written in the query or sent as a variable; the pages are compared with SQL's ORDER BY.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OrderKeyOrderTests(ApiFactory factory)
{
    private const string ByLevel = "SELECT Id FROM Regions ORDER BY Level DESC, Population DESC, Id LIMIT 50";
    private const string ByPopulation = "SELECT Id FROM Regions ORDER BY Population DESC, Level DESC, Id LIMIT 50";

    [Theory]
    [InlineData("{ level: DESC, population: DESC }", ByLevel)]
    [InlineData("{ population: DESC, level: DESC }", ByPopulation)]
    [InlineData("[{ level: DESC, population: DESC }]", ByLevel)]
    [InlineData("[{ population: DESC, level: DESC }]", ByPopulation)]
    [InlineData("[{ population: DESC }, { level: DESC }]", ByPopulation)]
    [InlineData("[{ level: DESC }, { population: DESC }]", ByLevel)]
    public async Task Keys_written_in_the_query_sort_in_the_order_written(string order, string sql)
    {
        var data = (await factory.CreateGraphQLClient().PostQueryAsync($"{{ regions(first: 50, order: {order}) {{ nodes {{ id }} }} }}")).AssertData();

        await AssertSameOrderAsync(sql, data["regions"]!);
    }

    [Fact]
    public async Task Keys_sent_as_a_variable_sort_in_the_order_of_the_json_object()
    {
        const string query = "query($order: [RegionSortInput!]) { regions(first: 50, order: $order) { nodes { id } } }";
        var client = factory.CreateGraphQLClient();

        // JSON objects written key by key, so the order on the wire is the one shown.
        var byLevel = (await client.PostQueryAsync(query, JsonNode.Parse("""{ "order": { "level": "DESC", "population": "DESC" } }"""))).AssertData();
        var byPopulation = (await client.PostQueryAsync(query, JsonNode.Parse("""{ "order": [{ "population": "DESC", "level": "DESC" }] }"""))).AssertData();

        await AssertSameOrderAsync(ByLevel, byLevel["regions"]!);
        await AssertSameOrderAsync(ByPopulation, byPopulation["regions"]!);
        Assert.NotEqual(await factory.SqlIdsAsync(ByLevel), await factory.SqlIdsAsync(ByPopulation)); // the two orders tell apart
    }

    [Fact]
    public async Task A_variable_inside_a_written_order_and_a_variables_default_keep_their_order_too()
    {
        var client = factory.CreateGraphQLClient();
        var inside = (await client.PostQueryAsync(
            "query($key: RegionSortInput!) { regions(first: 50, order: [$key, { id: ASC }]) { nodes { id } } }",
            JsonNode.Parse("""{ "key": { "population": "DESC", "level": "DESC" } }"""))).AssertData();
        var byDefault = (await client.PostQueryAsync(
            "query($order: [RegionSortInput!] = [{ level: DESC, population: DESC }]) { regions(first: 50, order: $order) { nodes { id } } }")).AssertData();

        await AssertSameOrderAsync(ByPopulation, inside["regions"]!);
        await AssertSameOrderAsync(ByLevel, byDefault["regions"]!);
    }

    [Fact]
    public async Task Nested_references_and_child_lists_keep_the_written_order()
    {
        var data = (await factory.CreateGraphQLClient().PostQueryAsync(
            "{ regions(first: 50, order: { parent: { households: DESC, name: ASC } }) { nodes { id } } "
            + "cities: regions(where: { level: { eq: CITY } }) { nodes { id children(order: { households: ASC, population: DESC }) { id } } } }")).AssertData();

        await AssertSameOrderAsync(
            "SELECT r.Id FROM Regions r LEFT JOIN Regions p ON p.Id = r.ParentId ORDER BY p.Households DESC, p.Name, r.Id LIMIT 50",
            data["regions"]!);
        var city = data["cities"]!["nodes"]![0]!;
        var cityId = GlobalIdNumber((string)city["id"]!);
        var expected = await factory.SqlIdsAsync("SELECT Id FROM Regions WHERE ParentId = $p0 ORDER BY Households, Population DESC, Id", cityId);
        Assert.True(expected.Count > 5, $"expected the city's counties, got {expected.Count}");
        Assert.Equal(expected.Select(DemoCityData.Id<Region>), city["children"]!.AsArray().Select(c => (string)c!["id"]!));
    }

    [Theory]
    [InlineData("{ regions(order: { level: null }) { nodes { id } } }")]
    [InlineData("{ regions(order: [{ level: DESC, name: null }]) { nodes { id } } }")]
    [InlineData("{ regions(order: { parent: null }) { nodes { id } } }")]
    public async Task A_null_sort_key_is_refused_not_ignored(string query)
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync(query);

        Assert.Equal("INVALID_SORT", (string?)response.Errors?[0]?["extensions"]?["code"]);
    }

    private async Task AssertSameOrderAsync(string sql, JsonNode connection)
    {
        var expected = (await factory.SqlIdsAsync(sql)).Select(DemoCityData.Id<Region>).ToList();
        Assert.Equal(50, expected.Count);
        Assert.Equal(expected, connection["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
    }

    private static int GlobalIdNumber(string id) =>
        Analytics.Api.GraphQL.GlobalId.DecodeFor("Region", id);
}
