using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Domain;

namespace Analytics.Api.Tests.Querying;

[Collection(ApiCollection.Name)]
public sealed class SortingAndPagingTests(ApiFactory factory)
{
    // Level has five values and households repeat, so most rows tie on the sort keys: only the id breaks ties.
    private const string Order = "[{ level: ASC }, { households: DESC }]";

    [Fact]
    public async Task Multi_key_sort_with_ties_walks_forward_over_every_row_exactly_once_in_order()
    {
        var expected = await ExpectedOrderAsync();

        var walked = new List<string>();
        string? after = null;
        do
        {
            var page = await PageAsync($"first: 50, after: {Quote(after)}");
            walked.AddRange(Ids(page));
            after = (bool)page["pageInfo"]!["hasNextPage"]! ? (string?)page["pageInfo"]!["endCursor"] : null;
        }
        while (after is not null);

        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task Walking_backward_from_the_end_visits_the_same_rows_in_the_same_order()
    {
        var expected = await ExpectedOrderAsync();

        var pages = new List<List<string>>();
        string? before = null;
        bool hasPrevious;
        do
        {
            var page = await PageAsync(before is null ? "last: 50" : $"last: 50, before: {Quote(before)}");
            pages.Add(Ids(page));
            hasPrevious = (bool)page["pageInfo"]!["hasPreviousPage"]!;
            before = (string?)page["pageInfo"]!["startCursor"];
        }
        while (hasPrevious);

        pages.Reverse();
        Assert.Equal(expected, pages.SelectMany(p => p));
    }

    [Fact]
    public async Task Nested_sort_orders_by_the_referenced_rows_fields()
    {
        var regions = await factory.AllAsync<Region>();
        var byId = regions.ToDictionary(r => r.Id);
        var expected = regions.Where(r => r.Level == RegionLevel.Township)
            .OrderBy(r => byId[r.ParentId!.Value].Code, StringComparer.Ordinal)
            .ThenByDescending(r => r.Population)
            .ThenBy(r => r.Id)
            .Take(40)
            .Select(r => DemoCityData.Id<Region>(r.Id));

        var data = (await factory.CreateGraphQLClient().PostQueryAsync(
            "{ regions(first: 40, where: { level: { eq: TOWNSHIP } }, order: [{ parent: { code: ASC } }, { population: DESC }]) { nodes { id } } }"))
            .AssertData();

        Assert.Equal(expected, data["regions"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
    }

    [Fact]
    public async Task Page_info_is_right_at_both_ends()
    {
        var first = await PageAsync("first: 5");
        var last = await PageAsync("last: 5");

        Assert.False((bool)first["pageInfo"]!["hasPreviousPage"]!);
        Assert.True((bool)first["pageInfo"]!["hasNextPage"]!);
        Assert.True((bool)last["pageInfo"]!["hasPreviousPage"]!);
        Assert.False((bool)last["pageInfo"]!["hasNextPage"]!);
        Assert.Equal((await ExpectedOrderAsync())[^5..], Ids(last));
    }

    private async Task<List<string>> ExpectedOrderAsync() =>
        (await factory.AllAsync<Region>())
            .OrderBy(r => r.Level).ThenByDescending(r => r.Households).ThenBy(r => r.Id)
            .Select(r => DemoCityData.Id<Region>(r.Id))
            .ToList();

    private async Task<JsonNode> PageAsync(string paging) =>
        (await factory.CreateGraphQLClient().PostQueryAsync(
            $"{{ regions({paging}, order: {Order}) {{ pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} nodes {{ id }} }} }}"))
        .AssertData()["regions"]!;

    private static List<string> Ids(JsonNode page) => page["nodes"]!.AsArray().Select(n => (string)n!["id"]!).ToList();

    private static string Quote(string? cursor) => cursor is null ? "null" : $"\"{cursor}\"";
}
