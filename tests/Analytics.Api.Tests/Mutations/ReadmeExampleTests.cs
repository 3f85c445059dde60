using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Mutations;

/// <summary>The README's mutation example, copied from the README and sent as it stands.</summary>
[Collection(WritableApiCollection.Name)]
public sealed partial class ReadmeExampleTests(WritableApiFactory api)
{
    [Fact]
    public async Task The_readme_mutation_reports_a_case_and_a_second_send_is_a_duplicate()
    {
        var body = ExampleBody();
        var village = (await api.CreateOfficeClient().PostQueryAsync(
            "{ regions(first: 1, where: { level: { eq: VILLAGE }, parent: { parent: { name: { eq: \"永安市\" } } } }, order: [{ id: ASC }]) { nodes { id } } }"))
            .AssertData()["regions"]!["nodes"]![0]!["id"]!.ToString();
        Assert.True(body.Contains(village, StringComparison.Ordinal), $"The README should name the first village of 永安市, {village}.");

        var first = await SendAsync(body);
        var second = await SendAsync(body);

        Assert.Equal("REPORTED", (string?)first["data"]!["reportCase"]!["case"]!["status"]);
        Assert.Null(first["data"]!["reportCase"]!["errors"]);
        // The mutation conventions: an expected failure is a typed error in the payload, not a top-level error.
        Assert.Null(second["errors"]);
        Assert.Null(second["data"]!["reportCase"]!["case"]);
        Assert.Equal(("DuplicateError", "DUPLICATE"), ((string?)second["data"]!["reportCase"]!["errors"]![0]!["__typename"], (string?)second["data"]!["reportCase"]!["errors"]![0]!["code"]));
    }

    private async Task<JsonNode> SendAsync(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await api.CreateClient().PostAsync("/graphql", content);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The JSON body of the curl command after the README's example marker.</summary>
    internal static string ExampleBody()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var example = readme[readme.IndexOf("<!-- README example:", StringComparison.Ordinal)..];
        return CurlBody().Match(example).Groups[1].Value;
    }

    [GeneratedRegex("-d '([^']*)'")]
    private static partial Regex CurlBody();
}
