using System.Net.Http.Json;
using System.Text;
using Analytics.Api.Dashboards;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Api.Warehouse;
using Analytics.Etl.Warehouse;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Dashboards;

/// <summary>/dashboards: the page, its files, the case-study downloads, and the page shown when ECharts is missing.</summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardEndpointTests(ApiFactory factory)
{
    [Fact]
    public async Task The_dashboard_is_served_with_its_operations_and_a_same_origin_policy()
    {
        var client = factory.CreateGraphQLClient();

        using var redirect = await client.GetAsync("/dashboards?county=永安市");
        Assert.Equal(302, (int)redirect.StatusCode);
        Assert.Equal("/dashboards/?county=永安市", Uri.UnescapeDataString(redirect.Headers.Location!.OriginalString));

        using var page = await client.GetAsync("/dashboards/");
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self';", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Matches(@"src=""vendor/echarts\.min\.[0-9a-f]{16}\.js""", html);
        Assert.DoesNotContain("http", html.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal);

        foreach (var name in DashboardQueries.Names)
        {
            Assert.Equal(DashboardQueries.Text(name), await client.GetStringAsync($"/dashboards/queries/{name}.graphql"));
        }
    }

    [Fact]
    public async Task The_page_learns_each_operations_persisted_document_id_and_the_api_runs_it()
    {
        var client = factory.CreateGraphQLClient();

        var ids = (await client.GetFromJsonAsync<Dictionary<string, string>>("/dashboards/queries/documents.json"))!;

        Assert.Equal(DashboardQueries.Names.Order(StringComparer.Ordinal), ids.Keys.Order(StringComparer.Ordinal));
        foreach (var name in DashboardQueries.Names)
        {
            Assert.Equal("sha256:" + Api.Security.FolderPersistedDocumentLoader.Hash(DashboardQueries.Text(name)), ids[name]);
        }

        // The API persists the same folder the page's operations come from (the default path, from the repository root).
        await using var api = factory.WithWebHostBuilder(builder => builder.UseSetting(
            "GraphQL:PersistedDocuments:Path", Path.Combine(RepositoryPaths.Root, "dashboards", "queries")));
        using var byId = await api.CreateClient().PostAsJsonAsync("/graphql", new { documentId = ids["DashboardContext"], operationName = "DashboardContext" });
        var body = System.Text.Json.Nodes.JsonNode.Parse(await byId.Content.ReadAsStringAsync())!;
        Assert.Null(body["errors"]);
        Assert.NotEmpty(body["data"]!["analytics"]!["counties"]!.AsArray());
    }

    [Theory]
    [InlineData("/dashboards/../appsettings.json")]
    [InlineData("/dashboards/index.html")]
    [InlineData("/dashboards/queries/Nope.graphql")]
    [InlineData("/dashboards/%2e%2e/%2e%2e/Analytics.sln")]
    [InlineData("/dashboards/casestudy/永安市.docx")]
    [InlineData("/dashboards/casestudy/永安县.md")]
    public async Task Anything_else_is_not_found(string path)
    {
        using var response = await factory.CreateGraphQLClient().GetAsync(path);

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task The_case_study_downloads_are_the_etl_writers_output()
    {
        var client = factory.CreateGraphQLClient();
        await using var session = await factory.Services.GetRequiredService<WarehouseConnections>().OpenAsync();
        var study = await new CaseStudyBuilder().BuildAsync(session.Connection, DashboardQueries.Yongan);
        var expected = new StringWriter();
        await CaseStudySheets.WriteMarkdownAsync(study, expected);

        using var markdown = await client.GetAsync("/dashboards/casestudy/永安市.md");
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("casestudy-永安市.md", markdown.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(await markdown.Content.ReadAsByteArrayAsync()));

        using var html = await client.GetAsync("/dashboards/casestudy/永安市.html");
        Assert.Equal("attachment", html.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("30.81%", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var xlsx = await client.GetAsync("/dashboards/casestudy/永安市.xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
        using var workbook = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        // The headline sheet holds the growth 永安市 printed, as the warehouse computes it.
        var headlines = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: CaseStudySheets.HeadlineSheet, startCell: "A3")
            .Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(study.Headlines.Count, headlines.Count);
        // The computed share is a number (formatted 0.00% in the sheet), at the printed precision.
        Assert.Contains(headlines, row => (string?)row["刊发值"] == "30.81%" && Convert.ToDecimal(row["计算值"], System.Globalization.CultureInfo.InvariantCulture) == 0.3081m);
    }

    [Theory]
    [InlineData("/dashboards/casestudy/永安市.md")]
    [InlineData("/dashboards/casestudy/永安县.md")]
    public async Task An_anonymous_download_needs_a_token_whether_or_not_the_county_exists(string path)
    {
        using var response = await factory.CreateGraphQLClient().WithToken(null).GetAsync(path);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_token_with_a_role_the_api_does_not_know_may_not_download_as_it_may_not_query()
    {
        // Signed with the host's key, so only the role is wrong (the issuer itself refuses to mint such a token).
        var issuer = factory.Services.GetRequiredService<Api.Security.TokenIssuer>();
        var options = factory.Services.GetRequiredService<Api.Security.AuthOptions>();
        var now = DateTime.UtcNow;
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(Api.Security.ApiRoles.RoleClaim, "visitor")]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = issuer.Credentials,
        });
        var client = factory.CreateGraphQLClient().WithToken(token);

        using var download = await client.GetAsync("/dashboards/casestudy/永安市.md");
        var graphql = await client.PostQueryAsync("""{ caseStudy(county: "永安市") { county } }""");

        Assert.Equal(403, graphql.Status);
        Assert.Equal(403, (int)download.StatusCode);
        Assert.Contains("role is not one of", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../appsettings.json")]
    [InlineData("../../Analytics.sln")]
    [InlineData("queries/../../index.html")]
    [InlineData("/etc/passwd")]
    public void A_path_that_leaves_the_dashboard_folder_is_not_served(string path)
    {
        // Straight to the site: an HTTP client would normalize "/../" away before the request reached the endpoint.
        var site = new DashboardSite(Path.Combine(RepositoryPaths.Root, "dashboards"));

        Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.NotFound>(site.GetAsset(path));
        Assert.IsNotType<Microsoft.AspNetCore.Http.HttpResults.NotFound>(site.GetAsset("app.js"));
    }

    [Fact]
    public async Task A_published_case_study_downloads_without_a_token_and_nothing_else_does()
    {
        await using var published = factory.WithWebHostBuilder(builder => builder.UseSetting("Dashboards:PublishedCaseStudies:0", "永安市"));
        var anonymous = published.CreateClient().WithToken(null);
        await using var session = await factory.Services.GetRequiredService<WarehouseConnections>().OpenAsync();
        var expected = new StringWriter();
        await CaseStudySheets.WriteMarkdownAsync(await new CaseStudyBuilder().BuildAsync(session.Connection, DashboardQueries.Yongan), expected);

        using var yongan = await anonymous.GetAsync("/dashboards/casestudy/永安市.md");
        Assert.Equal(200, (int)yongan.StatusCode);
        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(await yongan.Content.ReadAsByteArrayAsync()));

        using var sanyuan = await anonymous.GetAsync("/dashboards/casestudy/三元区.md");
        Assert.Equal(401, (int)sanyuan.StatusCode);
        var graphql = await anonymous.PostQueryAsync("""{ caseStudy(county: "永安市") { county } }""");
        Assert.Equal(401, graphql.Status);
    }

    [Fact]
    public async Task Without_echarts_the_page_says_how_to_get_it()
    {
        var empty = Directory.CreateTempSubdirectory("dashboards-test-");
        try
        {
            var context = new DefaultHttpContext();
            context.Response.Body = new MemoryStream();

            await new DashboardSite(empty.FullName).WritePageAsync(context);

            Assert.Equal(503, context.Response.StatusCode);
            var text = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
            Assert.Contains("Install Node.js", text, StringComparison.Ordinal);
            Assert.Contains("npm ci", text, StringComparison.Ordinal);
            Assert.Contains("dashboards/queries/*.graphql", text, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
