using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Mutations;

/// <summary>
/// Requests that once answered 500: an unsupported charset (415) and documents or JSON nested absurdly deep (400).
/// Each gets its code, writes nothing, and the server answers the next request as usual.
/// </summary>
[Collection(WritableApiCollection.Name)]
public sealed class HostileBodyTests(WritableApiFactory api)
{
    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    /// <summary>A <c>reportCase</c> of a case numbered <paramref name="code"/>, with <paramref name="extra"/> in its input.</summary>
    private static string Report(string code, string region, string extra = "") =>
        $$"""mutation { reportCase(input: { code: "{{code}}", title: "路灯不亮", regionId: "{{region}}", channel: FOUR_STEP, reporter: RESIDENT{{extra}} }) { case { id } } }""";

    public static TheoryData<string, string> Charsets => new()
    {
        { "utf-7", "UNSUPPORTED_MEDIA_TYPE" },
        { "UTF-7", "UNSUPPORTED_MEDIA_TYPE" },
        { "unicode-1-1-utf-7", "UNSUPPORTED_MEDIA_TYPE" },
        { "no-such-charset", "UNSUPPORTED_MEDIA_TYPE" },
        { "\"utf-7\"", "UNSUPPORTED_MEDIA_TYPE" },
    };

    [Theory]
    [MemberData(nameof(Charsets))]
    public async Task A_body_in_an_unsupported_charset_is_415_and_writes_nothing(string charset, string code)
    {
        var (region, caseCode) = await NewCaseAsync();
        var audited = await api.AuditCountAsync();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(new JsonObject { ["query"] = Report(caseCode, region) }.ToJsonString()));
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");

        var (status, body) = await PostAsync(content);

        Assert.Equal((415, code), (status, Code(body)));
        Assert.Contains("charset", (string?)body["errors"]![0]!["message"], StringComparison.Ordinal);
        await AssertNothingWrittenAndStillServingAsync(caseCode, audited);
    }

    [Fact]
    public async Task A_supported_non_utf8_charset_still_works()
    {
        var (region, caseCode) = await NewCaseAsync();
        using var content = new ByteArrayContent(Encoding.Unicode.GetBytes(new JsonObject { ["query"] = Report(caseCode, region) }.ToJsonString()));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-16");

        var (status, body) = await PostAsync(content);

        Assert.Equal(200, status);
        Assert.NotNull((string?)body["data"]!["reportCase"]!["case"]!["id"]);
    }

    public static TheoryData<string, string> DeepDocuments => new()
    {
        // 20,000 nested ands in a filter.
        { "{ cases(where: " + Repeat("{ and: [", 20_000) + "{ code: { eq: \"x\" } }" + Repeat("] }", 20_000) + ") { totalCount } }", "DOCUMENT_TOO_DEEP" },
        // 100,000 '[' in a mutation's input.
        { "%REPORT[%", "DOCUMENT_TOO_DEEP" },
        // 20,000 nested selections.
        { "{ " + Repeat("regions { nodes { ", 10_000) + "id" + Repeat(" } }", 10_000) + " }", "DOCUMENT_TOO_DEEP" },
    };

    [Theory]
    [MemberData(nameof(DeepDocuments))]
    public async Task A_document_nested_absurdly_deep_is_400_and_writes_nothing(string document, string code)
    {
        var (region, caseCode) = await NewCaseAsync();
        var audited = await api.AuditCountAsync();
        if (document == "%REPORT[%")
        {
            document = Report(caseCode, region, ", title: " + Repeat("[", 100_000) + Repeat("]", 100_000));
        }

        var (status, body) = await PostAsync(Json(new JsonObject { ["query"] = document }.ToJsonString()));

        Assert.Equal((400, code), (status, Code(body)));
        Assert.Contains("deep", (string?)body["errors"]![0]!["message"], StringComparison.OrdinalIgnoreCase);
        Assert.Null(body["data"]);
        await AssertNothingWrittenAndStillServingAsync(caseCode, audited);
    }

    [Fact]
    public async Task A_query_too_deep_to_parse_sent_with_GET_is_400_too()
    {
        var query = "{ cases(where: " + Repeat("{ and: [", 200) + "{ code: { eq: \"x\" } }" + Repeat("] }", 200) + ") { totalCount } }";
        var client = api.CreateOfficeClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));

        using var response = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString(query));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal((400, "DOCUMENT_TOO_DEEP"), ((int)response.StatusCode, Code(body)));
        Assert.Equal(200, (int)(await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ __typename }"))).StatusCode);
    }

    [Theory]
    [InlineData("variables")]
    [InlineData("extensions")]
    public async Task Json_nested_100000_deep_in_the_body_is_400_and_writes_nothing(string member)
    {
        var (region, caseCode) = await NewCaseAsync();
        var audited = await api.AuditCountAsync();
        var query = JsonValue.Create(Report(caseCode, region)).ToJsonString();

        var deep = Repeat("[", 100_000) + Repeat("]", 100_000);
        var (status, body) = await PostAsync(Json("{\"query\":" + query + ",\"" + member + "\":{\"x\":" + deep + "}}"));

        Assert.Equal((400, "INVALID_JSON"), (status, Code(body)));
        Assert.Contains("depth", (string?)body["errors"]![0]!["message"], StringComparison.OrdinalIgnoreCase);
        await AssertNothingWrittenAndStillServingAsync(caseCode, audited);
    }

    private async Task<(string Region, string Code)> NewCaseAsync()
    {
        var region = (string)(await api.CreateOfficeClient().PostQueryAsync("{ regions(first: 1, where: { level: { eq: VILLAGE } }, order: [{ id: ASC }]) { nodes { id } } }"))
            .AssertData()["regions"]!["nodes"]![0]!["id"]!;
        return (region, await api.NewCaseCodeAsync(region));
    }

    private static ByteArrayContent Json(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task<(int Status, JsonNode Body)> PostAsync(HttpContent content)
    {
        var client = api.CreateOfficeClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        using var response = await client.PostAsync("/graphql", content);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text)!;
        if (body["errors"] is not null)
        {
            Security.HostileRequestTests.AssertNothingLeaked(text);
        }

        return ((int)response.StatusCode, body);
    }

    private static string? Code(JsonNode body) => (string?)body["errors"]?[0]?["extensions"]?["code"];

    /// <summary>No case with the code, no audit row, and the next ordinary request is answered.</summary>
    private async Task AssertNothingWrittenAndStillServingAsync(string caseCode, int audited)
    {
        var data = (await api.CreateOfficeClient().PostQueryAsync($$"""{ cases(where: { code: { eq: "{{caseCode}}" } }) { totalCount } }""")).AssertData();
        Assert.Equal(0, (int)data["cases"]!["totalCount"]!);
        Assert.Equal(audited, await api.AuditCountAsync());
    }
}
