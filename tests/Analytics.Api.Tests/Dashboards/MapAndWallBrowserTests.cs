using Analytics.Api.Tests.Infrastructure;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Analytics.Api.Tests.Dashboards;

/// <summary>
/// map.js (the 三明市 county map) against the API's own regions, and the 大屏 for a county officer: Chromium reaches the
/// in-memory API through a Playwright route (http://analytics.test/…), so the test can ask GraphQL anything and sign
/// in with any role. The map is driven through its DOM contract alone: an <c>analytics:counties</c> event in, an
/// <c>analytics:choose-county</c> event out, on a page that holds nothing but <c>#map-panel</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MapBrowserTests(ApiFactory api, ITestOutputHelper output)
{
    private const string Origin = "http://analytics.test";

    private const string HarnessPage =
        """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>map harness</title><link rel="icon" href="data:,">
        <script src="/dashboards/vendor/echarts.min.js"></script>
        <script src="/dashboards/vendor/fu2_jian4_san1_ming2.js"></script>
        <script src="/dashboards/map.js" defer></script>
        </head><body style="margin:0; width:900px">
        <section id="map-panel" class="panel"></section>
        </body></html>
        """;

    [ChromiumFact]
    public async Task Every_current_county_has_one_outline_coloured_by_its_value_and_a_click_chooses_it()
    {
        // Today's county-level units, as the API answers them: the map must draw each, and nothing else.
        var regions = (await api.CreateGraphQLClient().PostQueryAsync(
            "{ regions(first: 50, where: { level: { eq: COUNTY }, validTo: { eq: null } }) { nodes { name } } }")).AssertData();
        var counties = regions["regions"]!["nodes"]!.AsArray().Select(n => (string)n!["name"]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(11, counties.Count); // 三明市's eleven county-level units since 2021

        await using var session = await OpenAsync(1000, 800, token: null);
        var page = session.Page;
        await page.GotoAsync($"{Origin}/harness.html");
        await page.WaitForFunctionAsync("() => window.AnalyticsMap");

        // The outlines registered as 'sanming': one per current county, named as GraphQL names them.
        var features = (await page.EvaluateAsync<JsonElement>(
            "() => window.AnalyticsMap.ensureRegistered().features.map(f => ({ name: f.properties.name, type: f.geometry.type, outlines: f.properties.outlines }))"))
            .EnumerateArray().ToList();
        Assert.Equal(counties, features.Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        // 梅列区 (abolished 2021) is dissolved into 三元区: one ring, no 12th region, no old boundary inside.
        var sanyuan = features.Single(f => f.GetProperty("name").GetString() == "三元区");
        Assert.Equal(["三元区", "梅列区"], sanyuan.GetProperty("outlines").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("Polygon", sanyuan.GetProperty("type").GetString());
        Assert.Equal(["沙县"], features.Single(f => f.GetProperty("name").GetString() == "沙县区").GetProperty("outlines").EnumerateArray().Select(e => e.GetString()));

        // Values: each county a different one, the largest to 永安市 so the test knows where to look.
        var values = counties.Select((c, i) => (County: c, Value: c == "永安市" ? 0.5 : 0.1 + i * 0.01)).ToList();
        var min = values.MinBy(v => v.Value).County;
        await Dispatch(page, values, selected: "三元区");
        var seriesNames = await page.EvaluateAsync<string[]>(
            "() => echarts.getInstanceByDom(document.querySelector('#map-panel .map-chart')).getOption().series[0].data.map(d => d.name)");
        Assert.Equal(counties, seriesNames.Order(StringComparer.Ordinal));

        // The colour of each county is the visualMap's for its value: the top colour for the largest, the bottom for the smallest.
        var colours = await page.EvaluateAsync<Dictionary<string, string>>(
            """
            () => {
              const chart = echarts.getInstanceByDom(document.querySelector('#map-panel .map-chart'));
              const range = chart.getOption().visualMap[0].inRange.color;
              const out = { top: range[range.length - 1], bottom: range[0] };
              chart.getOption().series[0].data.forEach((d, dataIndex) => { out[d.name] = chart.getVisual({ seriesIndex: 0, dataIndex }, 'color'); });
              return out;
            }
            """);
        Assert.Equal(Normalize(colours["top"]), Normalize(colours["永安市"]));
        Assert.Equal(Normalize(colours["bottom"]), Normalize(colours[min]));
        Assert.All(counties.Where(c => c != "永安市" && c != min), c => Assert.DoesNotContain(Normalize(colours[c]), new[] { Normalize(colours["top"]), Normalize(colours["bottom"]) }));

        // And on the screen: the pixel at 永安市's label point, drawn in the top colour (labels off for this).
        await page.EvaluateAsync("() => { const c = echarts.getInstanceByDom(document.querySelector('#map-panel .map-chart')); c.setOption({ series: [{ label: { show: false }, emphasis: { disabled: true } }] }); }");
        var (x, y) = await CountyPoint(page, "永安市");
        var pixel = await page.EvaluateAsync<int[]>(
            """
            ({ x, y }) => {
              const canvas = document.querySelector('#map-panel .map-chart canvas');
              const box = canvas.getBoundingClientRect();
              const ratio = canvas.width / box.width;
              return Array.from(canvas.getContext('2d').getImageData(Math.round((x - box.left) * ratio), Math.round((y - box.top) * ratio), 1, 1).data);
            }
            """, new { x = (double)x, y = (double)y });
        Assert.Equal(Normalize(colours["top"]), $"#{pixel[0]:x2}{pixel[1]:x2}{pixel[2]:x2}");

        // The selected county stands out (its own border); the panel names the metric.
        var selectedBorder = await page.EvaluateAsync<double>(
            "() => echarts.getInstanceByDom(document.querySelector('#map-panel .map-chart')).getOption().series[0].data.find(d => d.name === '三元区').itemStyle.borderWidth");
        Assert.True(selectedBorder >= 3, $"selected border {selectedBorder}");
        Assert.Equal("三元区", await page.GetAttributeAsync("#map-panel", "data-selected"));
        Assert.Contains("测试指标", await page.InnerTextAsync("#map-panel .map-title"), StringComparison.Ordinal);

        // A click on a county asks for it; a click on the county already chosen asks for the whole city ('').
        await page.EvaluateAsync("() => { window.chosen = []; document.addEventListener('analytics:choose-county', e => window.chosen.push(e.detail.county)); }");
        await page.Mouse.ClickAsync(x, y);
        var (sx, sy) = await CountyPoint(page, "三元区");
        await page.Mouse.ClickAsync(sx, sy);
        Assert.Equal(["永安市", ""], await page.EvaluateAsync<string[]>("() => window.chosen"));

        // No values: the panel says 无数据 rather than drawing last time's colours.
        await Dispatch(page, [], selected: null);
        Assert.Equal("empty", await page.GetAttributeAsync("#map-panel", "data-state"));
        Assert.Equal("无数据", await page.InnerTextAsync("#map-panel .map-note"));
        // In English when the page is (the dashboard's language switch sets <html lang>).
        await page.EvaluateAsync("() => { document.documentElement.lang = 'en'; }");
        await Dispatch(page, [], selected: null);
        Assert.Equal("No data", await page.InnerTextAsync("#map-panel .map-note"));
        Assert.EndsWith("· by county", await page.InnerTextAsync("#map-panel .map-title"), StringComparison.Ordinal);
        await page.EvaluateAsync("() => { document.documentElement.lang = 'zh-CN'; }");

        await Dispatch(page, values, selected: "永安市");
        await page.Locator("#map-panel").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "map-panel.png") });
        Assert.Empty(session.Errors);
    }

    [ChromiumFact]
    public async Task A_county_officer_sees_its_own_county_on_the_wall()
    {
        var token = ApiTokens.Mint(api.Services, Api.Security.ApiRoles.CountyOfficer, county: DashboardQueries.Yongan, name: "王芳");
        await using var session = await OpenAsync(1920, 1080, token);
        var page = session.Page;
        var response = await page.GotoAsync($"{Origin}/dashboards/wall.html?rotate=0&token={Uri.EscapeDataString(token)}");
        Assert.Equal(200, response!.Status);
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 60_000 });

        Assert.Equal(DashboardQueries.Yongan, await page.InnerTextAsync("#scope"));
        Assert.Contains(DashboardQueries.Yongan, await page.InnerTextAsync("#who"), StringComparison.Ordinal);
        Assert.Equal(DashboardQueries.Yongan, await page.GetAttributeAsync("#wall-map", "data-selected"));
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);

        // Its KPIs are its county's: the growth GraphQL answers for 永安市 over the wall's period.
        var period = (await page.InnerTextAsync("#kpi-growth-period")).TrimEnd('年').Split('–').Select(int.Parse).ToArray();
        var income = (await api.CreateClientAs(Api.Security.ApiRoles.CountyOfficer, DashboardQueries.Yongan).PostQueryAsync(
            "query($r: String, $f: Int!, $t: Int!) { analytics { incomeGrowth(region: $r, level: COUNTY, fromYear: $f, toYear: $t) { growth } } }",
            new { r = DashboardQueries.Yongan, f = period[0], t = period[1] })).AssertData();
        Assert.Equal(Percent(income["analytics"]!["incomeGrowth"]![0]!["growth"]), await page.InnerTextAsync("#kpi-growth"));

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "wall-county-officer.png") });
        Assert.Empty(session.Errors);
    }

    private static async Task Dispatch(IPage page, IEnumerable<(string County, double Value)> rows, string? selected)
    {
        var detail = new JsonObject
        {
            ["metric"] = "test.metric",
            ["label"] = "测试指标",
            ["unit"] = "%",
            ["selected"] = selected,
            ["rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject { ["county"] = r.County, ["value"] = r.Value }).ToArray()),
        };
        await page.EvaluateAsync("json => document.dispatchEvent(new CustomEvent('analytics:counties', { detail: JSON.parse(json) }))", detail.ToJsonString());
    }

    /// <summary>A county's label point (the outline's own, inside it) in page pixels.</summary>
    private static async Task<(float X, float Y)> CountyPoint(IPage page, string county)
    {
        var point = await page.EvaluateAsync<float[]>(
            """
            county => {
              const element = document.querySelector('#map-panel .map-chart');
              const chart = echarts.getInstanceByDom(element);
              const cp = window.AnalyticsMap.ensureRegistered().features.find(f => f.properties.name === county).properties.cp;
              const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, cp);
              const box = element.getBoundingClientRect();
              return [box.left + x, box.top + y];
            }
            """, county);
        return (point[0], point[1]);
    }

    private static string Normalize(string colour)
    {
        colour = colour.Trim().ToLowerInvariant();
        if (colour.StartsWith("rgb", StringComparison.Ordinal))
        {
            var parts = colour[(colour.IndexOf('(') + 1)..colour.IndexOf(')')].Split(',').Take(3).Select(p => (int)Math.Round(double.Parse(p, CultureInfo.InvariantCulture))).ToArray();
            return $"#{parts[0]:x2}{parts[1]:x2}{parts[2]:x2}";
        }

        return colour;
    }

    private static string Percent(JsonNode? share) =>
        ((double)share! * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private sealed class Session(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page) : IAsyncDisposable
    {
        public IPage Page { get; } = page;

        public List<string> Errors { get; } = [];

        public async ValueTask DisposeAsync()
        {
            await context.DisposeAsync();
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    /// <summary>Chromium whose requests to <see cref="Origin"/> are answered by the in-memory API (the harness page aside).</summary>
    private async Task<Session> OpenAsync(int width, int height, string? token)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await BrowserFixture.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var client = api.CreateGraphQLClient().WithToken(null);
        await context.RouteAsync($"{Origin}/**", async route =>
        {
            var request = route.Request;
            var url = new Uri(request.Url);
            if (url.AbsolutePath == "/harness.html")
            {
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = HarnessPage });
                return;
            }

            using var message = new HttpRequestMessage(new HttpMethod(request.Method), url.PathAndQuery);
            if (request.PostDataBuffer is { } body)
            {
                // This API has no persisted-document folder: the route resolves the page's documentId to the file's text,
                // as the allow-list would (the browser-collection tests run against the real allow-list).
                if (url.AbsolutePath == "/graphql" && JsonNode.Parse(body) is JsonObject { } graphQLRequest
                    && (string?)graphQLRequest["documentId"] is { } documentId && (string?)graphQLRequest["operationName"] is { } operation
                    && DashboardQueries.Names.Contains(operation)
                    && documentId == "sha256:" + Api.Security.FolderPersistedDocumentLoader.Hash(File.ReadAllBytes(Path.Combine(DashboardQueries.Folder, $"{operation}.graphql"))))
                {
                    graphQLRequest.Remove("documentId");
                    graphQLRequest["query"] = DashboardQueries.Text(operation);
                    body = System.Text.Encoding.UTF8.GetBytes(graphQLRequest.ToJsonString());
                }

                message.Content = new ByteArrayContent(body);
                if (request.Headers.TryGetValue("content-type", out var contentType))
                {
                    message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                }
            }

            foreach (var name in new[] { "authorization", "accept" })
            {
                if (request.Headers.TryGetValue(name, out var value))
                {
                    message.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using var response = await client.SendAsync(message);
            await route.FulfillAsync(new()
            {
                Status = (int)response.StatusCode,
                ContentType = response.Content.Headers.ContentType?.ToString(),
                BodyBytes = await response.Content.ReadAsByteArrayAsync(),
            });
        });
        var page = await context.NewPageAsync();
        var session = new Session(playwright, browser, context, page);
        BrowserErrors.Watch(page, session.Errors);
        output.WriteLine($"Chromium {browser.Version}, {width}×{height}, token: {(token is null ? "none" : "yes")}");
        return session;
    }
}

/// <summary>
/// The 大屏 (wall.html) on the API in allow-list mode, as a county office's wall shows it: a fixed 1920×1080 canvas,
/// scaled to the screen, dark, with panels and the map's metric rotating.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WallBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string[] Boxes = ["#wall-header", "#kpis", "#wall-map", "#wall-footer", "#wall-income", "#wall-grid", "#wall-cases", "#wall-pairing"];

    [ChromiumFact]
    public async Task The_wall_fills_1920_by_1080_without_scrollbars_dark_and_rotates_its_panels()
    {
        var (page, errors, context) = await OpenAsync(1920, 1080);
        await GotoAsync(page, "dashboards/wall.html?rotate=1");

        // Every box inside the screen; nothing to scroll.
        foreach (var selector in Boxes)
        {
            var box = await page.Locator(selector).BoundingBoxAsync();
            Assert.True(box is not null, $"{selector} is not laid out");
            Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= 1920.5 && box.Y + box.Height <= 1080.5,
                $"{selector} at {box.X},{box.Y} {box.Width}×{box.Height} leaves the 1920×1080 screen");
        }

        var scroll = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight, document.body.scrollWidth, document.body.scrollHeight]");
        Assert.True(scroll[0] <= 1920 && scroll[2] <= 1920 && scroll[1] <= 1080 && scroll[3] <= 1080, $"scroll sizes {string.Join(", ", scroll)}");

        // Dark: the page and the canvas behind the panels.
        Assert.True(await Luminance(page, "body") < 0.1, "the wall's page is not dark");
        Assert.True(await Luminance(page, "#wall-income") < 0.15, "the panels are not dark");

        // Its figures: 数据截至 and the map's counties are GraphQL's.
        var dashboardContext = (await QueryAsync("DashboardContext", new JsonObject()))["analytics"]!;
        Assert.Equal((string?)dashboardContext["warehouse"]!["dataAsOf"], await page.InnerTextAsync("#data-as-of"));
        var counties = dashboardContext["counties"]!.AsArray().Select(c => (string)c!["regionName"]!).Order(StringComparer.Ordinal).ToList();
        var drawn = await page.EvaluateAsync<string[]>("() => echarts.getInstanceByDom(document.querySelector('#wall-map .map-chart')).getOption().series[0].data.filter(d => d.value !== null).map(d => d.name)");
        Assert.Equal(counties, drawn.Order(StringComparer.Ordinal));
        var latest = (int)dashboardContext["warehouse"]!["latestCompleteYear"]!;
        var from = dashboardContext["years"]!.AsArray().Select(r => (int)r!["year"]!).First(y => y >= latest - 2);
        var city = await QueryAsync("IncomeGrowth", new JsonObject { ["level"] = "CITY", ["fromYear"] = from, ["toYear"] = latest });
        Assert.Equal(((double)city["analytics"]!["selected"]![0]!["growth"]! * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%", await page.InnerTextAsync("#kpi-growth"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "wall-1920x1080.png") });

        // After the interval, each side shows its next panel and the map its next metric; each panel, shown, is inside too.
        // Read in one poll of the page (a slow machine cannot see half of one step and half of the next): the step, what
        // each side shows, the map's metric, and whether the two left panels are visible.
        const string State = """
            () => [document.body.dataset.step,
              document.getElementById('left').dataset.active, document.getElementById('right').dataset.active,
              document.getElementById('wall-map').dataset.metric,
              getComputedStyle(document.getElementById('wall-income')).visibility, getComputedStyle(document.getElementById('wall-grid')).visibility]
            """;
        const string AtStep = "step => document.body.dataset.step === step && (" + State + ")()";
        string[] Expected(int step) => step % 2 == 0
            ? ["wall-income", "wall-cases", "visible", "hidden"]
            : ["wall-grid", "wall-pairing", "hidden", "visible"];
        var now = await page.EvaluateAsync<string[]>(State);
        var step = int.Parse(now[0], CultureInfo.InvariantCulture);
        Assert.Equal(Expected(step), new[] { now[1], now[2], now[4], now[5] });
        var metrics = new List<string> { now[3] };
        for (var next = step + 1; next <= step + 2; next++)
        {
            var state = await (await page.WaitForFunctionAsync(AtStep, next.ToString(CultureInfo.InvariantCulture), new() { Timeout = 5_000 })).JsonValueAsync<string[]>();
            Assert.Equal(Expected(next), new[] { state[1], state[2], state[4], state[5] });
            Assert.NotEqual(metrics[^1], state[3]); // the map shows the next metric
            metrics.Add(state[3]);
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "wall-1920x1080-rotated.png") });

        // A click on a county of the map shows that county.
        var point = await page.EvaluateAsync<float[]>(
            """
            () => {
              const element = document.querySelector('#wall-map .map-chart');
              const cp = window.AnalyticsMap.ensureRegistered().features.find(f => f.properties.name === '永安市').properties.cp;
              const [x, y] = echarts.getInstanceByDom(element).convertToPixel({ seriesIndex: 0 }, cp);
              const box = element.getBoundingClientRect();
              return [box.left + x, box.top + y];
            }
            """);
        await page.Mouse.ClickAsync(point[0], point[1]);
        await page.WaitForFunctionAsync("() => document.getElementById('scope').textContent === '永安市'", null, new() { Timeout = 10_000 });
        await page.WaitForFunctionAsync("() => document.getElementById('wall-map').dataset.selected === '永安市'", null, new() { Timeout = 10_000 });

        await context.CloseAsync();
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task The_wall_scales_to_4k_and_to_smaller_screens_keeping_its_aspect()
    {
        foreach (var (width, height, rotate) in new[] { (3840, 2160, "0"), (1366, 768, "abc") })
        {
            var (page, errors, context) = await OpenAsync(width, height);
            await GotoAsync(page, $"dashboards/wall.html?rotate={rotate}");
            // A rotation that is no number of seconds is said on the screen, and the default used.
            Assert.Equal(rotate == "0" ? "不轮播" : "每 15 秒轮播", await page.InnerTextAsync("#rotation-note"));
            Assert.Equal(rotate != "0", await page.IsVisibleAsync("#wall-message"));
            if (rotate != "0")
            {
                Assert.Contains("rotate=abc 无效", await page.InnerTextAsync("#wall-message"), StringComparison.Ordinal);
            }

            var stage = await page.EvaluateAsync<double[]>("() => { const r = document.getElementById('stage').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }");
            var scale = Math.Min(width / 1920.0, height / 1080.0);
            output.WriteLine($"{width}×{height}: stage {string.Join(", ", stage.Select(v => v.ToString("0.#", CultureInfo.InvariantCulture)))}");
            Assert.Equal(1920 * scale, stage[2], 0.5);
            Assert.Equal(1080 * scale, stage[3], 0.5);
            Assert.Equal((width - stage[2]) / 2, stage[0], 0.5); // centred
            Assert.True(stage[1] >= -0.5 && stage[1] + stage[3] <= height + 0.5);
            var scroll = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
            Assert.True(scroll[0] <= width && scroll[1] <= height, $"scroll sizes {scroll[0]}×{scroll[1]} at {width}×{height}");
            foreach (var selector in Boxes.Take(4))
            {
                var box = (await page.Locator(selector).BoundingBoxAsync())!;
                Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= width + 0.5 && box.Y + box.Height <= height + 0.5, $"{selector} leaves the {width}×{height} screen");
            }

            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, $"wall-{width}x{height}.png") });
            await context.CloseAsync();
            Assert.Empty(errors);
        }
    }

    private static Task<double> Luminance(IPage page, string selector) => page.EvaluateAsync<double>(
        """
        selector => {
          const [r, g, b] = getComputedStyle(document.querySelector(selector)).backgroundColor.match(/[\d.]+/g).map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        }
        """, selector);

    private async Task<(IPage Page, List<string> Errors, IBrowserContext Context)> OpenAsync(int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        BrowserErrors.Watch(page, errors);
        return (page, errors, context);
    }

    private async Task GotoAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(new Uri(browser.BaseAddress, $"{path}&token={Uri.EscapeDataString(browser.Token)}").ToString());
        Assert.True(response?.Status == 200, $"GET {path} answered {response?.Status}: 503 means the API was built without npm (dashboards/README.md).");
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 60_000 });
    }

    private async Task<JsonNode> QueryAsync(string name, JsonObject variables)
    {
        using var client = new HttpClient { BaseAddress = browser.BaseAddress }.WithToken(browser.Token);
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

/// <summary>The 大屏 page and the county outlines as the API serves them (no browser needed).</summary>
[Collection(ApiCollection.Name)]
public sealed class WallPageEndpointTests(ApiFactory api)
{
    [Fact]
    public async Task The_wall_is_a_page_like_the_dashboard_and_only_sanmings_outlines_are_shipped()
    {
        var client = api.CreateGraphQLClient();

        using var wall = await client.GetAsync("/dashboards/wall.html");
        Assert.Equal(200, (int)wall.StatusCode);
        Assert.Equal("text/html", wall.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self';", wall.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-cache", wall.Headers.CacheControl?.ToString());
        var html = await wall.Content.ReadAsStringAsync();
        // Named by its content hash, as every local file of the pages (cached for a year).
        var outlinesUrl = System.Text.RegularExpressions.Regex.Match(html, @"vendor/fu2_jian4_san1_ming2\.[0-9a-f]{16}\.js").Value;
        Assert.NotEmpty(outlinesUrl);
        Assert.DoesNotContain("http", html.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal); // nothing from a CDN

        // The package's file for 三明 alone (about 120 KB), not the 300 MB of every Chinese city it ships.
        using var outlines = await client.GetAsync("/dashboards/" + outlinesUrl);
        Assert.Equal(200, (int)outlines.StatusCode);
        Assert.Contains("immutable", outlines.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var script = await outlines.Content.ReadAsStringAsync();
        Assert.Contains("registerMap(\"三明\"", script, StringComparison.Ordinal);
        Assert.InRange(script.Length, 10_000, 300_000);

        // Other pages are not served just because they end in .html.
        using var other = await client.GetAsync("/dashboards/wall2.html");
        Assert.Equal(404, (int)other.StatusCode);
    }
}

/// <summary>What a page must never do: log an error or warning, throw, fail a request or get an HTTP error.</summary>
internal static class BrowserErrors
{
    public static void Watch(IPage page, List<string> errors)
    {
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                errors.Add($"console.{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"page error: {error}");
        page.RequestFailed += (_, request) => errors.Add($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
    }
}
