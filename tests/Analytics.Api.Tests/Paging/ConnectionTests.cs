using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Paging;

[Collection(ApiCollection.Name)]
public sealed class ConnectionTests(ApiFactory factory)
{
    [Fact]
    public async Task Walking_all_pages_forward_returns_every_row_exactly_once()
    {
        var client = factory.CreateGraphQLClient();
        var seen = new List<string>();
        string? after = null;
        int total;
        do
        {
            var page = (await client.PostQueryAsync(
                "query($after: String) { regions(first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }",
                new { after })).AssertData()["regions"]!;
            total = (int)page["totalCount"]!;
            seen.AddRange(page["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
            after = (bool)page["pageInfo"]!["hasNextPage"]! ? (string?)page["pageInfo"]!["endCursor"] : null;
        }
        while (after is not null);

        Assert.True(total > 1000, $"expected dozens of pages of regions, got {total} rows");
        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());
    }

    [Fact]
    public async Task Backward_paging_from_the_end_mirrors_forward_paging()
    {
        var client = factory.CreateGraphQLClient();
        var first = (await client.PostQueryAsync(
            "{ regions(first: 7) { pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }")).AssertData()["regions"]!;
        var endCursor = (string?)first["pageInfo"]!["endCursor"];

        var back = (await client.PostQueryAsync(
            "query($before: String) { regions(last: 3, before: $before) { pageInfo { hasNextPage hasPreviousPage } nodes { id } } }",
            new { before = endCursor })).AssertData()["regions"]!;

        var forwardIds = first["edges"]!.AsArray().Select(e => (string)e!["node"]!["id"]!).ToList();
        Assert.Equal(forwardIds.Skip(3).Take(3), back["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
        Assert.True((bool)first["pageInfo"]!["hasNextPage"]!);
        Assert.False((bool)first["pageInfo"]!["hasPreviousPage"]!);
        Assert.True((bool)back["pageInfo"]!["hasNextPage"]!);
        Assert.True((bool)back["pageInfo"]!["hasPreviousPage"]!);
    }

    [Fact]
    public async Task Without_first_or_last_a_page_holds_the_default_ten()
    {
        var page = (await factory.CreateGraphQLClient().PostQueryAsync("{ cases { nodes { code } } }")).AssertData();

        Assert.Equal(10, page["cases"]!["nodes"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("{ cases(first: 51) { nodes { code } } }", "PAGE_SIZE_TOO_LARGE")]
    [InlineData("{ cases(last: 1000) { nodes { code } } }", "PAGE_SIZE_TOO_LARGE")]
    [InlineData("{ cases(first: -1) { nodes { code } } }", "INVALID_PAGING_ARGUMENTS")]
    [InlineData("{ cases(first: 5, last: 5) { nodes { code } } }", "INVALID_PAGING_ARGUMENTS")]
    [InlineData("{ cases(first: 5, after: \"not-a-cursor\") { nodes { code } } }", "INVALID_CURSOR")]
    [InlineData("{ cases(first: 5, after: \"' OR 1=1 --\") { nodes { code } } }", "INVALID_CURSOR")]
    public async Task Bad_paging_arguments_get_a_coded_error_and_no_data(string query, string code)
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync(query);

        Assert.Equal(200, response.Status);
        Assert.Equal(code, (string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.Null(response.Body["data"]);
    }

    [Fact]
    public async Task Nested_selections_cost_one_statement_per_level_however_many_parents()
    {
        const string query = """
            {
              regions(first: 1) {
                nodes {
                  children {
                    children {
                      name
                      parent { name parent { name } }
                    }
                  }
                }
              }
            }
            """;
        var client = factory.CreateGraphQLClient();
        factory.SqlCommands.Reset();

        var data = (await client.PostQueryAsync(query)).AssertData();

        var townships = data["regions"]!["nodes"]![0]!["children"]!.AsArray().SelectMany(c => c!["children"]!.AsArray()).ToList();
        Assert.True(townships.Count > 100, $"expected the city's townships, got {townships.Count}");
        Assert.All(townships, t => Assert.Equal("三明市", (string?)t!["parent"]!["parent"]!["name"]));

        // page of regions, counties, townships, their parents, the parents' parent: five levels, five statements.
        Assert.Equal(5, factory.SqlCommands.Count);
    }
}
