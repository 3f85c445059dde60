using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Analytics.Api.Tests.Dashboards;

/// <summary>
/// The dashboard opened in a fresh browser context (the browser tests' shared steps): every console error or warning,
/// page error, failed request and HTTP error is collected in <see cref="Errors"/>, which a test asserts empty.
/// </summary>
public sealed class DashboardPage
{
    private readonly BrowserFixture _browser;

    private DashboardPage(BrowserFixture browser, IBrowserContext context, IPage page)
    {
        _browser = browser;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    private bool _tracing;

    public IPage Page { get; }

    public List<string> Errors { get; } = [];

    /// <summary>
    /// Whether dashboards/map.js (the map panel, written separately) is in this checkout: until it is, the page's
    /// <c>&lt;script src="map.js"&gt;</c> answers 404, which is the one error tolerated.
    /// </summary>
    public static bool HasMapScript { get; } = File.Exists(Path.Combine(RepositoryPaths.Root, "dashboards", "map.js"));

    public static async Task<DashboardPage> OpenAsync(BrowserFixture browser, string name, int width = 1400, int height = 1000, bool trace = true)
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            AcceptDownloads = true,
        });
        if (trace)
        {
            await context.Tracing.StartAsync(new() { Title = name, Screenshots = true, Snapshots = true });
        }

        var page = new DashboardPage(browser, context, await context.NewPageAsync()) { _tracing = trace };
        page.Page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning" && !IsMissingMapScript(message.Text))
            {
                page.Errors.Add($"console.{message.Type}: {message.Text}");
            }
        };
        page.Page.PageError += (_, error) => page.Errors.Add($"page error: {error}");
        page.Page.RequestFailed += (_, request) =>
        {
            if (!IsMissingMapScript(request.Url))
            {
                page.Errors.Add($"request failed: {request.Url} {request.Failure}");
            }
        };
        page.Page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !IsMissingMapScript(response.Url))
            {
                page.Errors.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
        return page;
    }

    private static bool IsMissingMapScript(string text) =>
        !HasMapScript && (text.EndsWith("/dashboards/map.js", StringComparison.Ordinal)
            || text.Contains("'http", StringComparison.Ordinal) && text.Contains("/dashboards/map.js'", StringComparison.Ordinal)
            || text.StartsWith("Failed to load resource: the server responded with a status of 404", StringComparison.Ordinal));

    /// <summary>Opens <paramref name="path"/> signed in with <paramref name="token"/> (default: the fixture's analyst) as <c>?token=</c>.</summary>
    public async Task GotoAsync(string path, string? token = null)
    {
        // The page keeps the token for the tab and drops it from the address bar (dashboards/README.md).
        var signedIn = path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "token=" + Uri.EscapeDataString(token ?? _browser.Token);
        await GotoUnsignedAsync(signedIn);
    }

    public async Task GotoUnsignedAsync(string path)
    {
        var response = await Page.GotoAsync(new Uri(_browser.BaseAddress, path).ToString());
        Assert.True(response?.Status == 200,
            $"GET {path} answered {response?.Status}: 503 means the API was built without npm, so ECharts is missing (see dashboards/README.md).");
    }

    /// <summary>Waits until every panel has drawn the answers for these filters (app.js marks the body).</summary>
    public Task WaitReadyAsync(string filters) =>
        Page.WaitForSelectorAsync($"body[data-ready=\"{filters}\"]", new() { Timeout = 30_000 });

    /// <summary>Waits until every panel has finished, whatever the filters.</summary>
    public Task WaitReadyAsync() => Page.WaitForSelectorAsync("body[data-ready]", new() { Timeout = 30_000 });

    /// <summary>The ECharts option of the chart drawn in <c>#id</c>, as JSON (functions dropped).</summary>
    public async Task<JsonNode> ChartOptionAsync(string id) =>
        JsonNode.Parse(await Page.EvaluateAsync<string>(
            "id => JSON.stringify(echarts.getInstanceByDom(document.getElementById(id)).getOption())", id))!;

    /// <summary>Fails listing every error the page logged or met.</summary>
    public void AssertNoErrors() => Assert.True(Errors.Count == 0, string.Join(Environment.NewLine, Errors));

    public async Task CloseAsync(string? traceName = null)
    {
        if (_tracing)
        {
            await Context.Tracing.StopAsync(traceName is null ? new() : new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, traceName) });
        }

        await Context.CloseAsync();
    }

    /// <summary>Runs a dashboard operation over HTTP as the page does (by documentId), with the fixture's token.</summary>
    public static async Task<JsonNode> QueryAsync(BrowserFixture browser, string name, JsonObject variables, string? token = null)
    {
        using var client = new HttpClient { BaseAddress = browser.BaseAddress }.WithToken(token ?? browser.Token);
        using var response = await client.PostAsJsonAsync("graphql", new JsonObject
        {
            ["documentId"] = "sha256:" + Api.Security.FolderPersistedDocumentLoader.Hash(DashboardQueries.Text(name)),
            ["operationName"] = name,
            ["variables"] = variables.DeepClone(),
        });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["errors"] is null, body["errors"]?.ToJsonString());
        return body["data"]!;
    }
}
