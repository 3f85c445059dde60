using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Security;

/// <summary>
/// Hostile requests against the real API (the transport's own cases on a test schema are in Http/, hostile list
/// arguments in Querying/HostileQueryTests): each gets its status and extensions.code, never a 500, never a stack
/// trace or exception text, and runs no SQL when refused.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HostileRequestTests(ApiFactory factory)
{
    private static string Nested(int depth)
    {
        var query = "name";
        for (var i = 0; i < depth; i++)
        {
            query = $"children {{ {query} }}";
        }

        return $"{{ regions(first: 1) {{ nodes {{ {query} }} }} }}";
    }

    public static TheoryData<string, string> RefusedDocuments => new()
    {
        { Nested(50), "QUERY_TOO_DEEP" },
        { "{ " + string.Join(" ", Enumerable.Range(0, 1000).Select(i => $"a{i}: __typename")) + " }", "TOO_MANY_ALIASES" },
        { "{ " + string.Join(" ", Enumerable.Range(0, 1001).Select(_ => "__typename")) + " }", "TOO_MANY_FIELDS" },
        // Nested lists, first: 50 at the top: 50 × 10⁶ estimated rows.
        { "{ partyOrganizations(first: 50) { nodes { children { children { children { children { children { children { name } } } } } } } } }", "QUERY_TOO_COMPLEX" },
        { "{ cases(first: 50) { nodes { id } } regions(first: 50) { nodes { children { children { children { children { grids { stewards { personName } } } } } } } } }", "QUERY_TOO_COMPLEX" },
    };

    [Theory]
    [MemberData(nameof(RefusedDocuments))]
    public async Task Oversized_documents_are_refused_before_any_sql(string query, string code)
    {
        factory.SqlCommands.Reset();

        var response = await factory.CreateGraphQLClient().PostQueryAsync(query);

        Assert.Equal(400, response.Status);
        Assert.Equal(code, (string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.Null(response.Body["data"]);
        Assert.Equal(0, factory.SqlCommands.Count);
    }

    [Fact]
    public async Task A_dashboard_sized_query_stays_within_the_limits()
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync(
            "{ cases(first: 50, order: [{ reportedAt: DESC }]) { totalCount nodes { code status region { name parent { name } } } } "
            + "regions(first: 11, where: { level: { eq: COUNTY } }) { nodes { name children { name children { name grids { code } } } } } }");

        response.AssertData();
    }

    public static TheoryData<string, string, string, int, string> RefusedRequests => new()
    {
        { "POST", "application/json", "{\"query\": \"{ regions { totalCount } }\"", 400, "INVALID_JSON" },
        { "POST", "text/plain", "{ regions { totalCount } }", 415, "UNSUPPORTED_MEDIA_TYPE" },
        { "POST", "application/json", "[" + string.Join(",", Enumerable.Range(0, 100).Select(i => $"{{\"query\":\"query Q{i} {{ __typename }}\"}}")) + "]", 400, "BATCH_NOT_SUPPORTED" },
        { "POST", "application/json", "{\"query\":\"" + string.Join(" ", Enumerable.Range(0, 100).Select(i => $"query Q{i} {{ __typename }}")) + "\"}", 400, "" },
        { "GET", "", "?query=" + Uri.EscapeDataString("mutation { withdrawCase(input: { id: \"Q2FzZTox\", version: 1 }) { case { id } } }"), 405, "METHOD_NOT_ALLOWED" },
    };

    [Theory]
    [MemberData(nameof(RefusedRequests))]
    public async Task Malformed_requests_get_their_status_and_code(string method, string contentType, string body, int status, string code)
    {
        factory.SqlCommands.Reset();
        var client = factory.CreateGraphQLClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));

        using var response = method == "GET"
            ? await client.GetAsync("/graphql" + body)
            : await client.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, contentType));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        var actual = (string?)JsonNode.Parse(text)!["errors"]![0]!["extensions"]!["code"];
        Assert.False(string.IsNullOrEmpty(actual), text);
        if (code.Length > 0)
        {
            Assert.Equal(code, actual);
        }

        AssertNothingLeaked(text);
        Assert.Equal(0, factory.SqlCommands.Count);
    }

    [Fact]
    public async Task A_10_mb_body_is_refused_with_413()
    {
        var body = "{\"query\":\"{ __typename }\",\"variables\":{\"x\":\"" + new string('x', 10 * 1024 * 1024) + "\"}}";

        using var response = await factory.CreateGraphQLClient().PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("REQUEST_TOO_LARGE", (string?)JsonNode.Parse(text)!["errors"]![0]!["extensions"]!["code"]);
    }

    [Theory]
    [InlineData("{ cases(where: { code: { contains: \"%' OR 1=1 --\" } }) { totalCount } }")]
    [InlineData("{ cases(where: { code: { startsWith: \"%\" } }) { totalCount } }")]
    [InlineData("{ cases(where: { title: { endsWith: \"_\" } }) { totalCount } }")]
    [InlineData("{ regions(where: { name: { in: [\"'; DROP TABLE Regions; --\", \"x\\\" OR \\\"1\\\"=\\\"1\"] } }) { totalCount } }")]
    public async Task Sql_looking_and_wildcard_text_in_filters_matches_literally(string query)
    {
        var data = (await factory.CreateGraphQLClient().PostQueryAsync(query)).AssertData();

        Assert.Equal(0, (int)((JsonObject)data).First().Value!["totalCount"]!);
    }

    [Theory]
    [InlineData("Q2FzZTox' OR 1=1 --")]
    [InlineData("Tm9wZToxMjM")] // "Nope:123": a type this API does not serve
    [InlineData("Q2FzZTotMQ")] // "Case:-1"
    public async Task Forged_ids_are_invalid_ids(string id)
    {
        factory.SqlCommands.Reset();

        var response = await factory.CreateGraphQLClient().PostQueryAsync("query($id: ID!) { node(id: $id) { id } }", new { id });

        Assert.Equal("INVALID_ID", (string?)response.Errors![0]!["extensions"]!["code"]);
        AssertNothingLeaked(response.Body.ToJsonString());
        Assert.Equal(0, factory.SqlCommands.Count);
    }

    /// <summary>
    /// Messages name no exception, stack frame or SQL. (Development adds extensions.details for developers;
    /// ProductionHostTests checks that Production sends none.)
    /// </summary>
    internal static void AssertNothingLeaked(string body)
    {
        foreach (var error in JsonNode.Parse(body)!["errors"]!.AsArray())
        {
            var message = (string?)error!["message"] ?? "";
            Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
            Assert.DoesNotContain("SELECT", message, StringComparison.Ordinal);
        }
    }
}
