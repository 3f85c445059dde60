using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Analytics.Api.Dashboards;
using Analytics.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Dashboards;

/// <summary>
/// The dashboard's files as a browser gets them: brotli or gzip as it accepts, exactly the file once decompressed;
/// fingerprinted URLs in the page, cached for a year; the page and the files fetched by plain name revalidated by ETag.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class DashboardAssetTests(ApiFactory factory)
{
    private const string Immutable = "public, max-age=31536000, immutable";

    private string AssetsDirectory => Api.Hosting.WebAssets.Directory(null, "dashboards", factory.Services.GetRequiredService<IWebHostEnvironment>());

    private static string Sha256Prefix(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..16];

    private async Task<string> PageAsync()
    {
        using var page = await factory.CreateGraphQLClient().GetAsync("/dashboards/");
        Assert.Equal(200, (int)page.StatusCode);
        return await page.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? acceptEncoding = null, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return await client.SendAsync(request);
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br, zstd", "br")] // Chromium's header
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("gzip;q=0.5, br;q=0.4", "gzip")]
    public async Task Echarts_comes_compressed_as_the_browser_accepts_and_decompresses_to_exactly_the_file(string acceptEncoding, string expected)
    {
        var file = await File.ReadAllBytesAsync(Path.Combine(AssetsDirectory, "vendor", "echarts.min.js"));

        using var response = await GetAsync(factory.CreateGraphQLClient(), "/dashboards/vendor/echarts.min.js", acceptEncoding);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(expected, Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.True(body.Length < file.Length / 3, $"{expected}: {body.Length:N0} bytes for a {file.Length:N0}-byte file");
        Assert.Equal(file, Decompress(body, expected));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("identity")]
    [InlineData("br;q=0, gzip;q=0")]
    [InlineData("deflate")]
    public async Task Without_an_accepted_encoding_the_file_comes_as_it_is(string? acceptEncoding)
    {
        var file = await File.ReadAllBytesAsync(Path.Combine(AssetsDirectory, "vendor", "echarts.min.js"));

        using var response = await GetAsync(factory.CreateGraphQLClient(), "/dashboards/vendor/echarts.min.js", acceptEncoding);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(file.Length, response.Content.Headers.ContentLength);
        Assert.Equal(file, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_page_names_each_local_file_by_its_content_hash_and_those_urls_are_cached_for_a_year()
    {
        var html = await PageAsync();
        var client = factory.CreateGraphQLClient();

        // Every <script src> and stylesheet of the page, fingerprinted with the hash of the very file.
        var references = LocalReference().Matches(html).Select(match => match.Groups["url"].Value)
            .Where(url => !url.EndsWith(".html", StringComparison.Ordinal)).ToList();
        Assert.Contains(references, url => url.StartsWith("vendor/echarts.min.", StringComparison.Ordinal));
        Assert.Contains(references, url => url.StartsWith("app.", StringComparison.Ordinal));
        Assert.Contains(references, url => url.StartsWith("style.", StringComparison.Ordinal));
        foreach (var url in references)
        {
            var match = Fingerprinted().Match(url);
            Assert.True(match.Success, $"{url} is not fingerprinted");
            var original = match.Groups["stem"].Value + match.Groups["extension"].Value;
            Assert.Equal(Sha256Prefix(await File.ReadAllBytesAsync(Path.Combine(AssetsDirectory, original))), match.Groups["hash"].Value);

            using var response = await GetAsync(client, "/dashboards/" + url, "gzip");
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(Immutable, response.Headers.CacheControl?.ToString());
        }

        // By its plain name (as app.js imports i18n.js and fetches queries/*) a file is revalidated every time.
        using var plain = await GetAsync(client, "/dashboards/i18n.js", "gzip");
        Assert.Equal("no-cache", plain.Headers.CacheControl?.ToString());
        Assert.NotNull(plain.Headers.ETag);
    }

    [Fact]
    public async Task A_hash_that_is_not_the_files_gets_its_content_but_is_not_cached_for_good()
    {
        var file = await File.ReadAllBytesAsync(Path.Combine(AssetsDirectory, "app.js"));

        using var response = await GetAsync(factory.CreateGraphQLClient(), "/dashboards/app.0123456789abcdef.js");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal(file, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_page_is_revalidated_by_its_etag_and_unchanged_it_is_304()
    {
        var client = factory.CreateGraphQLClient();
        using var first = await GetAsync(client, "/dashboards/", "br");
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
        Assert.Equal("br", Assert.Single(first.Content.Headers.ContentEncoding));
        var etag = first.Headers.ETag!;

        using var again = await GetAsync(client, "/dashboards/", "br", etag);
        using var otherEncoding = await GetAsync(client, "/dashboards/", null, etag);
        using var changed = await GetAsync(client, "/dashboards/", "br", new EntityTagHeaderValue("\"0123456789abcdef-br\""));

        Assert.Equal(304, (int)again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.Headers.ETag);
        // The same content as sent uncompressed: still not modified, with the tag of that form.
        Assert.Equal(304, (int)otherEncoding.StatusCode);
        Assert.NotEqual(etag, otherEncoding.Headers.ETag);
        Assert.Equal(200, (int)changed.StatusCode);
        // The page's policy comes with the page, however it is encoded.
        Assert.Contains("script-src 'self';", first.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documents_json_is_compressed_and_revalidated()
    {
        var client = factory.CreateGraphQLClient();
        using var plain = await GetAsync(client, "/dashboards/queries/documents.json");
        using var gzip = await GetAsync(client, "/dashboards/queries/documents.json", "gzip");
        using var notModified = await GetAsync(client, "/dashboards/queries/documents.json", "gzip", gzip.Headers.ETag);

        Assert.Equal("application/json", plain.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), Decompress(await gzip.Content.ReadAsByteArrayAsync(), "gzip"));
        Assert.Equal("no-cache", gzip.Headers.CacheControl?.ToString());
        Assert.Equal(304, (int)notModified.StatusCode);
    }

    [Fact]
    public async Task A_changed_file_gets_a_new_hash_in_the_page_and_its_old_url_is_no_longer_immutable()
    {
        var folder = FakeSite();
        try
        {
            var site = new DashboardSite(folder.FullName);
            var appJs = Path.Combine(folder.FullName, "app.js");
            var before = Encoding.UTF8.GetString(site.Page("index.html").Content);
            var oldHash = Sha256Prefix(File.ReadAllBytes(appJs));

            File.AppendAllText(appJs, "console.log('changed');");
            var after = Encoding.UTF8.GetString(site.Page("index.html").Content);
            var newHash = Sha256Prefix(File.ReadAllBytes(appJs));

            Assert.Contains($"src=\"app.{oldHash}.js\"", before, StringComparison.Ordinal);
            Assert.Contains($"src=\"app.{newHash}.js\"", after, StringComparison.Ordinal);
            Assert.NotEqual(oldHash, newHash);
            // Unchanged files keep their names; "./" is dropped; absolute URLs, pages and other attributes are left alone.
            var echartsHash = Sha256Prefix(File.ReadAllBytes(Path.Combine(folder.FullName, "vendor", "echarts.min.js")));
            Assert.Contains($"src=\"vendor/echarts.min.{echartsHash}.js\"", before, StringComparison.Ordinal);
            Assert.Contains($"src=\"vendor/echarts.min.{echartsHash}.js\"", after, StringComparison.Ordinal);
            Assert.Contains("href=\"wall.html\"", after, StringComparison.Ordinal);
            Assert.Contains("data-src=\"style.css\"", after, StringComparison.Ordinal);
            Assert.Contains("src=\"/dashboards/app.js\"", after, StringComparison.Ordinal);

            var (oldStatus, oldCaching, oldBody) = await ExecuteAsync(site.GetAsset($"app.{oldHash}.js"));
            var (newStatus, newCaching, newBody) = await ExecuteAsync(site.GetAsset($"app.{newHash}.js"));
            Assert.Equal((200, "no-cache"), (oldStatus, oldCaching));
            Assert.Equal((200, Immutable), (newStatus, newCaching));
            Assert.Equal(File.ReadAllBytes(appJs), newBody);
            Assert.Equal(newBody, oldBody);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_page_beside_index_html_such_as_the_wall_screen_is_served_as_a_page_by_its_name()
    {
        var folder = FakeSite();
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "wall.html"), """<html><head><script type="module" src="app.js"></script></head></html>""");
            var site = new DashboardSite(folder.FullName);
            var hash = Sha256Prefix(File.ReadAllBytes(Path.Combine(folder.FullName, "app.js")));

            var (status, caching, body, context) = await ExecuteWithContextAsync(site.GetAsset("wall.html"));
            var (missingStatus, _, _) = await ExecuteAsync(site.GetAsset("nope.html"));
            var (indexStatus, _, _) = await ExecuteAsync(site.GetAsset("index.html"));

            Assert.Equal((200, "no-cache"), (status, caching));
            Assert.Equal("text/html; charset=utf-8", context.Response.ContentType);
            Assert.Contains("script-src 'self';", context.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
            Assert.Contains($"src=\"app.{hash}.js\"", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
            Assert.Equal(404, missingStatus);
            Assert.Equal(404, indexStatus); // only at the folder's own URL
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A folder with the files the site requires, compressible, and an index.html with references of every kind.</summary>
    private static DirectoryInfo FakeSite()
    {
        var folder = Directory.CreateTempSubdirectory("dashboards-assets-test-");
        foreach (var name in DashboardSite.RequiredAssets)
        {
            var target = Path.Combine(folder.FullName, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, name == "index.html"
                ? """<html><head><link rel="stylesheet" href="style.css"><script src="./vendor/echarts.min.js"></script><script type="module" src="app.js"></script></head><body><a href="wall.html">wall</a> <img data-src="style.css"> <script src="/dashboards/app.js"></script></body></html>"""
                : $"/* {name} */ " + string.Concat(Enumerable.Repeat("const answer = 42; ", 100)));
        }

        return folder;
    }

    private static async Task<(int Status, string CacheControl, byte[] Body)> ExecuteAsync(IResult result)
    {
        var (status, caching, body, _) = await ExecuteWithContextAsync(result);
        return (status, caching, body);
    }

    private static async Task<(int Status, string CacheControl, byte[] Body, HttpContext Context)> ExecuteWithContextAsync(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, context.Response.Headers.CacheControl.ToString(), ((MemoryStream)context.Response.Body).ToArray(), context);
    }

    [Fact]
    public async Task GraphQL_answers_are_compressed_when_accepted()
    {
        var client = factory.CreateGraphQLClient();
        const string query = """{"query":"{ regions(first: 1) { nodes { name children { name code } } } }"}""";

        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(query, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        using var compressed = await client.SendAsync(request);
        using var plain = await client.PostAsync("/graphql", new StringContent(query, Encoding.UTF8, "application/json"));

        Assert.Equal(200, (int)compressed.StatusCode);
        Assert.Equal("br", Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var text = Encoding.UTF8.GetString(Decompress(await compressed.Content.ReadAsByteArrayAsync(), "br"));
        Assert.Equal(await plain.Content.ReadAsStringAsync(), text);
        Assert.Contains("永安市", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<![\w-])(?:src|href)=""(?<url>[A-Za-z][^"":]*)""")]
    private static partial Regex LocalReference();

    [GeneratedRegex(@"^(?<stem>.+)\.(?<hash>[0-9a-f]{16})(?<extension>\.[a-z]+)$")]
    private static partial Regex Fingerprinted();
}

/// <summary>What Chromium makes of it: ECharts arrives compressed, and a second visit takes it from the cache unasked.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardCachingBrowserTests(BrowserFixture browser)
{
    // Resource Timing of ECharts: bytes over the wire (0 from the cache, without a request), on the wire and decoded.
    private const string EchartsTiming =
        "() => performance.getEntriesByType('resource').filter((e) => /echarts\\.min\\.[0-9a-f]{16}\\.js$/.test(e.name))"
        + ".map((e) => [e.transferSize, e.encodedBodySize, e.decodedBodySize])[0] ?? null";

    [ChromiumFact]
    public async Task Echarts_arrives_compressed_and_a_second_visit_takes_it_from_the_cache()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(browser.BaseAddress, "dashboards/?token=" + Uri.EscapeDataString(browser.Token)).ToString());
        await page.WaitForFunctionAsync("() => document.body.dataset.ready", null, new() { Timeout = 60_000 });
        var first = await page.EvaluateAsync<long[]?>(EchartsTiming);
        await page.GotoAsync(new Uri(browser.BaseAddress, "dashboards/").ToString()); // the token stays in sessionStorage
        await page.WaitForFunctionAsync("() => document.body.dataset.ready", null, new() { Timeout = 60_000 });
        var second = await page.EvaluateAsync<long[]?>(EchartsTiming);

        Assert.NotNull(first);
        Assert.True(first[1] < first[2] / 3, $"ECharts took {first[1]:N0} bytes on the wire for {first[2]:N0}");
        Assert.NotNull(second);
        // From the cache without asking the server: a revalidation (304) would have transferred its headers.
        Assert.Equal(0, second[0]);
        Assert.Equal(first[2], second[2]);
    }
}
