using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Contract;

/// <summary>The real API's answers to the mistakes BI developers make most, per the GraphQL-over-HTTP spec.</summary>
[Collection(ApiCollection.Name)]
public sealed class HttpContractTests(ApiFactory factory)
{
    private const string GraphQLResponse = "application/graphql-response+json";

    [Fact]
    public async Task Malformed_json_is_400_INVALID_JSON()
    {
        var (status, body) = await PostRawAsync("{\"query\": \"{ regions { totalCount } }\"", GraphQLResponse);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_JSON", Code(body));
    }

    [Fact]
    public async Task An_unknown_field_is_400_with_a_suggestion()
    {
        var (status, body) = await PostRawAsync("""{"query": "{ regions { nodes { nmae } } }"}""", GraphQLResponse);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", Code(body));
        Assert.Contains("Did you mean 'name'?", (string?)body["errors"]![0]!["message"]);
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task A_variable_of_the_wrong_type_is_400()
    {
        var (status, body) = await PostRawAsync(
            """{"query": "query($n: Int) { regions(first: $n) { totalCount } }", "variables": {"n": "ten"}}""", GraphQLResponse);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_VALUE", Code(body));
    }

    [Fact]
    public async Task A_mutation_over_GET_is_405_and_points_to_POST()
    {
        using var response = await factory.CreateGraphQLClient().GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { x }"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
        Assert.Equal("METHOD_NOT_ALLOWED", Code(JsonNode.Parse(await response.Content.ReadAsStringAsync())!));
    }

    [Fact]
    public async Task A_query_over_GET_answers_with_data()
    {
        using var response = await factory.CreateGraphQLClient().GetAsync(
            "/graphql?query=" + Uri.EscapeDataString("{ regions(first: 1) { nodes { name } } }"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("三明市", (string?)body["data"]!["regions"]!["nodes"]![0]!["name"]);
    }

    [Fact]
    public async Task Chinese_text_is_sent_as_is_not_as_unicode_escapes()
    {
        var (_, raw) = await PostRawTextAsync("""{"query": "{ regions(first: 1) { nodes { name } } }"}""");

        Assert.Contains("三明市", raw);
        Assert.DoesNotContain("\\u", raw);
        var (_, withTimes) = await PostRawTextAsync("""{"query": "{ cases(first: 1) { nodes { reportedAt } } }"}""");
        Assert.DoesNotContain("\\u", withTimes); // instants are written with Z (InstantFormatTests), numbers and text as they are
    }

    [Fact]
    public async Task A_browser_gets_the_graphql_ide()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await factory.CreateGraphQLClient().SendAsync(request);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("GraphiQL", page);
        Assert.Contains("descendantCount(level: VILLAGE)", page);
    }

    [Fact]
    public async Task The_ides_starting_query_runs_and_shows_the_counties()
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync(Analytics.Api.GraphQL.Ide.GraphiQLIde.DefaultQuery);

        var counties = response.AssertData()["regions"]!["nodes"]![0]!["children"]!.AsArray();
        Assert.Equal(11, counties.Count);
    }

    [Fact]
    public async Task Health_reports_the_store_and_the_warehouse_with_its_build_time()
    {
        using var response = await factory.CreateGraphQLClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", (string?)body["status"]);
        Assert.Equal("Healthy", (string?)body["checks"]!["store"]!["status"]);
        Assert.Equal("Healthy", (string?)body["checks"]!["warehouse"]!["status"]);
        var builtAt = DateTimeOffset.Parse((string)body["checks"]!["warehouse"]!["data"]!["builtAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(builtAt, DateTimeOffset.UtcNow.AddMinutes(-30), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_newly_published_warehouse_is_seen_without_restarting_the_api()
    {
        var client = factory.CreateGraphQLClient();
        var before = await BuiltAtAsync(client);
        var contexts = factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Analytics.Data.OperationalDbContext>>();
        var warehouse = factory.Services.GetRequiredService<Analytics.Api.Warehouse.WarehouseConnections>();

        // A reader busy on the old file during the publication (under traffic there always is one).
        await using var reading = await warehouse.OpenAsync();
        Assert.Equal(reading.RunId, await LatestRunAsync(reading));
        var published = await new Analytics.Etl.Warehouse.WarehouseBuilder(contexts, factory.WarehousePath).BuildAsync();

        Assert.True(await BuiltAtAsync(client) > before);
        await using (var next = await warehouse.OpenAsync())
        {
            Assert.Equal(published.RunId, next.RunId);
            Assert.Equal(published.RunId, await LatestRunAsync(next));
        }

        // The reader that was open goes on reading the file it started on.
        Assert.NotEqual(published.RunId, reading.RunId);
        Assert.Equal(reading.RunId, await LatestRunAsync(reading));
    }

    private static async Task<string> LatestRunAsync(Analytics.Api.Warehouse.WarehouseSession session)
    {
        await using var command = session.Connection.CreateCommand();
        command.CommandText = "SELECT run_id FROM etl_runs ORDER BY finished_at DESC LIMIT 1";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<DateTimeOffset> BuiltAtAsync(HttpClient client)
    {
        var body = JsonNode.Parse(await client.GetStringAsync("/health"))!;
        return DateTimeOffset.Parse((string)body["checks"]!["warehouse"]!["data"]!["builtAt"]!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostRawAsync(string json, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await factory.CreateGraphQLClient().SendAsync(request);
        Assert.Equal(accept, response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private async Task<(HttpStatusCode Status, string Raw)> PostRawTextAsync(string json)
    {
        using var response = await factory.CreateGraphQLClient().PostAsync(
            "/graphql", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string? Code(JsonNode body) => (string?)body["errors"]![0]!["extensions"]!["code"];
}
