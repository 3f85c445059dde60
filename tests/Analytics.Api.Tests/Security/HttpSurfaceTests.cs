using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Analytics.Api.Security;
using Analytics.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Security;

/// <summary>
/// What every endpoint shares, whatever answers it: the security headers, the per-caller rate limit, the allow-list
/// for every transport, and anonymous answers that name no file and quote no database error.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HttpSurfaceTests(ApiFactory factory)
{
    private WebApplicationFactory<Program> Production(params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Auth:SigningKey", factory.Services.GetRequiredService<AuthOptions>().SigningKey);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    public static TheoryData<string, string, string?, string> Requests => new()
    {
        { "POST", "/graphql", ApiRoles.Admin, "{\"query\":\"{ regions(first: 1) { totalCount } }\"}" },
        { "POST", "/graphql", null, "{\"query\":\"{ __typename }\"}" },
        { "POST", "/graphql", ApiRoles.Admin, "{\"query\":\"{ nope }\"}" },
        { "GET", "/graphql?query=%7B__typename%7D", ApiRoles.Analyst, "" },
        { "GET", "/graphql", ApiRoles.Admin, "text/html" },
        { "GET", "/health", null, "" },
        { "GET", "/dashboards", null, "" },
        { "GET", "/dashboards/", null, "" },
        { "GET", "/dashboards/app.js", null, "" },
        { "GET", "/dashboards/casestudy/永安市.md", ApiRoles.Analyst, "" },
        { "GET", "/dashboards/casestudy/永安市.xlsx", ApiRoles.Publicity, "" },
        { "GET", "/dashboards/casestudy/永安市.md", null, "" },
        { "GET", "/dashboards/casestudy/永安市.pdf", ApiRoles.Analyst, "" },
        { "GET", "/nowhere", null, "" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Every_response_carries_the_security_headers(string method, string path, string? role, string bodyOrAccept)
    {
        var client = factory.CreateGraphQLClient().WithToken(role is null ? null : ApiTokens.Mint(factory.Services, role));
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent(bodyOrAccept, System.Text.Encoding.UTF8, "application/json");
        }
        else if (bodyOrAccept.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept", bodyOrAccept);
        }

        using var response = await client.SendAsync(request);

        foreach (var (name, value) in SecurityHeaders.Values)
        {
            Assert.True(response.Headers.TryGetValues(name, out var values), $"{method} {path} → {(int)response.StatusCode} has no {name}");
            if (name == "Content-Security-Policy")
            {
                // Pages keep their own stricter policy; every policy forbids framing.
                Assert.Contains("frame-ancestors 'none'", Assert.Single(values), StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(value, Assert.Single(values));
            }
        }

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task In_allow_list_mode_a_query_sent_by_get_is_refused_like_one_sent_by_post()
    {
        using var production = Production(
            ("GraphQL:PersistedDocuments:Path", Path.Combine(RepositoryPaths.Root, "dashboards", "queries")),
            ("GraphQL:PersistedDocuments:Required", "true"));
        var client = production.CreateClient();
        factory.SqlCommands.Reset();

        var post = await client.PostQueryAsync("{ regions { totalCount } }");
        using var get = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ regions { totalCount } }"));
        var getBody = JsonNode.Parse(await get.Content.ReadAsStringAsync())!;
        var anonymous = await production.CreateClient().WithToken(null).GetAsync("/graphql?query=%7B__typename%7D");

        Assert.Equal(400, post.Status);
        Assert.Equal(400, (int)get.StatusCode);
        Assert.Equal(PersistedDocumentsOnlyInterceptor.Code, (string?)post.Errors![0]!["extensions"]!["code"]);
        Assert.Equal(PersistedDocumentsOnlyInterceptor.Code, (string?)getBody["errors"]![0]!["extensions"]!["code"]);
        Assert.Null(getBody["data"]);
        Assert.Equal(0, factory.SqlCommands.Count);
        Assert.Equal(401, (int)anonymous.StatusCode); // who is calling is still asked first
    }

    [Fact]
    public async Task Case_study_downloads_are_rate_limited_per_caller_like_queries()
    {
        using var limited = Production(("GraphQL:RateLimit:PermitsPerSecond", "1"), ("GraphQL:RateLimit:Burst", "3"));
        var client = limited.CreateClient().WithToken(ApiTokens.Mint(factory.Services, ApiRoles.Analyst, name: "下载者"));
        var other = limited.CreateClient().WithToken(ApiTokens.Mint(factory.Services, ApiRoles.Analyst, name: "另一位"));

        var statuses = new List<int>();
        for (var sent = 0; sent < 20 && !statuses.Contains(429); sent++)
        {
            using var response = await client.GetAsync("/dashboards/casestudy/永安市.md");
            statuses.Add((int)response.StatusCode);
            if ((int)response.StatusCode == 429)
            {
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.Equal(RateLimits.RateLimitedCode, (string?)body["errors"]![0]!["extensions"]!["code"]);
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        using var others = await other.GetAsync("/dashboards/casestudy/永安市.md");

        Assert.Contains(429, statuses);
        Assert.All(statuses.Where(status => status != 429), status => Assert.Equal(200, status));
        Assert.Equal(200, (int)others.StatusCode); // another caller has its own bucket
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("missing")]
    public async Task Anonymous_health_and_warehouse_errors_name_no_path_and_quote_no_database_error(string kind)
    {
        var directory = Directory.CreateTempSubdirectory("analytics-hidden-path-");
        var path = Path.Combine(directory.FullName, "secret-warehouse.duckdb");
        try
        {
            if (kind == "garbage")
            {
                await File.WriteAllBytesAsync(path, System.Text.Encoding.ASCII.GetBytes(new string('x', 64 * 1024)));
            }

            using var host = Production(("Warehouse:Path", path), ("Warehouse:BuildWhenMissing", "false"));
            using var health = await host.CreateClient().WithToken(null).GetAsync("/health");
            var healthText = await health.Content.ReadAsStringAsync();
            var analytics = await host.CreateClient().PostQueryAsync("{ analytics { warehouse { builtAt } } }");
            using var download = await host.CreateClient().GetAsync("/dashboards/casestudy/永安市.md");
            var downloadText = await download.Content.ReadAsStringAsync();

            Assert.Equal("Degraded", (string?)JsonNode.Parse(healthText)!["checks"]!["warehouse"]!["status"]);
            Assert.Equal("WAREHOUSE_UNAVAILABLE", (string?)analytics.Errors![0]!["extensions"]!["code"]);
            Assert.Equal(503, (int)download.StatusCode);
            foreach (var text in new[] { healthText, analytics.Body.ToJsonString(), downloadText })
            {
                Assert.DoesNotContain(directory.Name, text, StringComparison.Ordinal);
                Assert.DoesNotContain("secret-warehouse", text, StringComparison.Ordinal);
                Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), text, StringComparison.Ordinal);
                Assert.DoesNotContain("Error:", text, StringComparison.Ordinal); // DuckDB's "IO Error: …"
                Assert.DoesNotContain("DuckDB", text, StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
