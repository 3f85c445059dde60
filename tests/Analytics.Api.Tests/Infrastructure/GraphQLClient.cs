using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Analytics.Api.Tests.Infrastructure;

/// <summary>Posts GraphQL requests the way a BI tool does and hands back the parsed response.</summary>
public static class GraphQLClient
{
    public static async Task<GraphQLResponse> PostQueryAsync(this HttpClient client, string query, object? variables = null)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(body)!);
    }
}

public sealed record GraphQLResponse(int Status, string? ContentType, JsonNode Body)
{
    public JsonNode Data => Body["data"] ?? throw new InvalidOperationException($"No data in response: {Body.ToJsonString()}");

    public JsonArray? Errors => Body["errors"] as JsonArray;

    /// <summary>The data, after asserting there were no errors.</summary>
    public JsonNode AssertData()
    {
        Assert.True(Errors is null, $"GraphQL errors: {Errors?.ToJsonString(new JsonSerializerOptions { WriteIndented = true })}");
        return Data;
    }
}
