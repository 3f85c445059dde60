using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Analytics.Api.GraphQL.Ide;
using Analytics.Api.Tests.Infrastructure;
using static Analytics.Api.Tests.Http.GraphQLTestHost;

namespace Analytics.Api.Tests.Http;

public sealed partial class IdeTests : IDisposable
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private static readonly string[] _assetNames =
        ["react.production.min.js", "react-dom.production.min.js", "graphiql.min.js", "graphiql.min.css"];

    private readonly string _assets = Directory.CreateTempSubdirectory("graphiql-test-").FullName;

    public void Dispose() => Directory.Delete(_assets, recursive: true);

    [Fact]
    public async Task A_browser_gets_the_GraphiQL_page_as_html()
    {
        WriteFakeAssets();
        await using var host = await StartAsync("Development", configureOptions: options => options.IdeAssetsPath = _assets);

        var response = await host.GetAsync("/graphql", BrowserAccept);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("GraphiQL.createFetcher", html, StringComparison.Ordinal);
        foreach (var asset in _assetNames)
        {
            // By the hash of its content, so it can be cached for good (see The_page_loads_its_files_by_content_hash…).
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_assets, asset))))[..16];
            Assert.Contains($"/graphql/ide/{Path.GetFileNameWithoutExtension(asset)}.{hash}{Path.GetExtension(asset)}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_page_loads_its_files_by_content_hash_cached_for_a_year_and_compressed()
    {
        foreach (var asset in _assetNames)
        {
            File.WriteAllText(Path.Combine(_assets, asset), $"/* {asset} */ " + string.Concat(Enumerable.Repeat("var graphiql = 1; ", 200)));
        }

        await using var host = await StartAsync("Development", configureOptions: options => options.IdeAssetsPath = _assets);
        var html = await (await host.GetAsync("/graphql", BrowserAccept)).Content.ReadAsStringAsync();
        var url = Regex.Match(html, @"/graphql/ide/graphiql\.min\.[0-9a-f]{16}\.js").Value;

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        var script = await host.Client.SendAsync(request);
        var plain = await host.Client.GetAsync("/graphql/ide/graphiql.min.js");

        Assert.Equal(200, (int)script.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", script.Headers.CacheControl?.ToString());
        Assert.Equal("br", Assert.Single(script.Content.Headers.ContentEncoding));
        using var decoder = new System.IO.Compression.BrotliStream(await script.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var decompressed = new MemoryStream();
        await decoder.CopyToAsync(decompressed);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_assets, "graphiql.min.js")), decompressed.ToArray());
        // By its plain name: revalidated, sent as it is to a client that accepts no compression.
        Assert.Equal("no-cache", plain.Headers.CacheControl?.ToString());
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal("/* graphiql.min.js */ ", (await plain.Content.ReadAsStringAsync())[..22]);
    }

    [Fact]
    public async Task The_page_references_no_external_url_and_its_policy_allows_none()
    {
        WriteFakeAssets();
        await using var host = await StartAsync("Development", configureOptions: options => options.IdeAssetsPath = _assets);

        var response = await host.GetAsync("/graphql", BrowserAccept);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Empty(ExternalUrl().Matches(html));
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_assets_are_served_under_graphql_ide()
    {
        WriteFakeAssets();
        await using var host = await StartAsync("Development", configureOptions: options => options.IdeAssetsPath = _assets);

        var script = await host.Client.GetAsync("/graphql/ide/graphiql.min.js");
        var style = await host.Client.GetAsync("/graphql/ide/graphiql.min.css");

        Assert.Equal(200, (int)script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/* graphiql.min.js */", await script.Content.ReadAsStringAsync());
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unchanged_asset_is_304()
    {
        WriteFakeAssets();
        await using var host = await StartAsync("Development", configureOptions: options => options.IdeAssetsPath = _assets);
        var first = await host.Client.GetAsync("/graphql/ide/graphiql.min.js");

        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql/ide/graphiql.min.js");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await host.Client.SendAsync(request);

        Assert.Equal(304, (int)second.StatusCode);
    }

    [Theory]
    [InlineData("/graphql/ide/package.json")]
    [InlineData("/graphql/ide/..%2F..%2Fappsettings.json")]
    [InlineData("/graphql/ide/")]
    public async Task Only_the_listed_assets_are_served(string path)
    {
        WriteFakeAssets();
        File.WriteAllText(Path.Combine(_assets, "package.json"), "{}");
        await using var host = await StartAsync("Development", configureOptions: options => options.IdeAssetsPath = _assets);

        var response = await host.Client.GetAsync(path);

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Without_the_npm_files_a_browser_gets_an_html_page_saying_how_to_get_them()
    {
        await using var host = await StartAsync("Development", configureOptions: options => options.IdeAssetsPath = _assets);

        var response = await host.GetAsync("/graphql", BrowserAccept);

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("GraphiQL is not installed", html, StringComparison.Ordinal);
        Assert.Contains("npm ci", html, StringComparison.Ordinal);
        Assert.Contains("POST", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_npm_files_POST_still_works()
    {
        await using var host = await StartAsync("Development", configureOptions: options => options.IdeAssetsPath = _assets);

        var response = await host.PostAsync(new { query = "{ hello }" });

        await response.AssertDataAsync();
    }

    [Fact]
    public async Task A_client_that_does_not_ask_for_html_gets_json_not_the_page()
    {
        WriteFakeAssets();
        await using var host = await StartAsync("Development", configureOptions: options => options.IdeAssetsPath = _assets);

        var response = await host.GetAsync("/graphql", "*/*");

        await response.AssertErrorAsync(400, GraphQLResponseJson, "MISSING_QUERY");
    }

    [Fact]
    public async Task The_IDE_can_be_turned_off()
    {
        WriteFakeAssets();
        await using var host = await StartAsync("Development", configureOptions: options =>
        {
            options.IdeAssetsPath = _assets;
            options.EnableIde = false;
        });

        var page = await host.GetAsync("/graphql", BrowserAccept);
        var asset = await host.Client.GetAsync("/graphql/ide/graphiql.min.js");

        await page.AssertErrorAsync(400, GraphQLResponseJson, "MISSING_QUERY");
        Assert.Equal(404, (int)asset.StatusCode);
    }

    [Fact]
    public void The_build_copies_exactly_the_files_the_page_loads()
    {
        var csproj = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "Analytics.Api", "Analytics.Api.csproj"));

        var copied = csproj.Descendants("GraphiQLAsset").Select(asset => Path.GetFileName(asset.Attribute("Include")!.Value));

        Assert.Equal(GraphiQLIde.Assets.Keys.Order(), copied.Order());
        Assert.Equal(_assetNames.Order(), GraphiQLIde.Assets.Keys.Order());
    }

    private void WriteFakeAssets()
    {
        foreach (var asset in _assetNames)
        {
            File.WriteAllText(Path.Combine(_assets, asset), $"/* {asset} */");
        }
    }

    [GeneratedRegex(@"(?:src|href)\s*=\s*[""']?(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
