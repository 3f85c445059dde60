using System.Globalization;
using System.Text.Json;
using Analytics.Bench;
using Microsoft.Playwright;

// usage: Analytics.DashboardBench load        --url http://127.0.0.1:5183/ --signing-key KEY [--loads 5] [--chromium /usr/bin/chromium]
//        Analytics.DashboardBench screenshots --url http://127.0.0.1:5183/ --signing-key KEY --output dashboards/screenshots
// The dashboard in Debian's Chromium (headless, driven by Playwright; never a downloaded browser) against an API that is
// already running (bench/dashboard.sh and dashboards/screenshots.sh start one), signed in as an analyst with a token
// minted with the API's signing key and handed to the page once as ?token=.
//
// load: "load to all charts drawn": from navigation start to the page's `dashboard-ready` performance mark (set when every
//   panel has drawn; document.body.dataset.ready is set at the same moment), for the whole city at 1920×1080. One load
//   first, not counted, warms the API (its warehouse answers, its compressed files); then --loads loads each in a new
//   browser context (cold cache: nothing cached, nothing in sessionStorage), then as many again in one context (warm
//   cache: the fingerprinted files come from the browser's cache). Bytes: what went over the wire (Resource Timing
//   transferSize, headers included) and the bodies decoded. Any HTTP error or console error fails the run (exit 1).
// screenshots: /dashboards at 390×844, 768×1024, 1366×768 and 1920×1080 (whole page), and /dashboards/wall.html at
//   1920×1080 when the API serves one, as PNGs in --output.
var command = args.FirstOrDefault();
var options = Arguments(args.Skip(1).ToArray());
if (command is not ("load" or "screenshots") || !options.TryGetValue("url", out var urlText) || !options.TryGetValue("signing-key", out var key))
{
    Console.Error.WriteLine("usage: Analytics.DashboardBench load|screenshots --url http://127.0.0.1:PORT/ --signing-key KEY [--loads 5] [--output FOLDER] [--chromium PATH]");
    return 2;
}

var baseUrl = new Uri(urlText.TrimEnd('/') + "/");
var chromium = options.GetValueOrDefault("chromium") ?? Environment.GetEnvironmentVariable("ANALYTICS_CHROMIUM") ?? "/usr/bin/chromium";
if (!File.Exists(chromium))
{
    Console.Error.WriteLine($"error: Chromium is not installed at {chromium}: `apt-get install -y chromium fonts-wqy-zenhei`, or pass --chromium PATH.");
    return 1;
}

var token = BenchTokens.Mint(key, "analyst", "dashboard-bench");
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
var problems = new List<string>();

return command == "load" ? await LoadAsync() : await ScreenshotsAsync();

async Task<int> LoadAsync()
{
    var loads = int.Parse(options.GetValueOrDefault("loads") ?? "5", CultureInfo.InvariantCulture);
    var viewport = new ViewportSize { Width = 1920, Height = 1080 };

    await using (var warmUp = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport }))
    {
        var first = await MeasureAsync(await warmUp.NewPageAsync(), withToken: true);
        Console.WriteLine($"warm-up load (API just started, not counted): ready {first.ReadyMs:0} ms");
    }

    var cold = new List<Load>();
    for (var i = 0; i < loads; i++)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport });
        cold.Add(await MeasureAsync(await context.NewPageAsync(), withToken: true));
    }

    var warm = new List<Load>();
    await using (var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport }))
    {
        var page = await context.NewPageAsync();
        await MeasureAsync(page, withToken: true); // fills the cache and sessionStorage
        for (var i = 0; i < loads; i++)
        {
            warm.Add(await MeasureAsync(page, withToken: false));
        }
    }

    Console.WriteLine();
    Console.WriteLine("| browser cache | loads | ready median ms | min | max | DOMContentLoaded median ms | requests | transferred KB | decoded KB |");
    Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
    Row("cold (new context each)", cold);
    Row("warm (same context)", warm);
    Console.WriteLine();
    Console.WriteLine("each load, ms: cold " + string.Join(", ", cold.Select(l => l.ReadyMs.ToString("0", CultureInfo.InvariantCulture)))
        + "; warm " + string.Join(", ", warm.Select(l => l.ReadyMs.ToString("0", CultureInfo.InvariantCulture))));
    Console.WriteLine("largest transfers (cold, first load): " + string.Join(", ", cold[0].Largest));
    return Finish();

    static void Row(string name, List<Load> loads) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {loads.Count} | **{Median(loads.Select(l => l.ReadyMs)):0}** | {loads.Min(l => l.ReadyMs):0} | {loads.Max(l => l.ReadyMs):0} | "
        + $"{Median(loads.Select(l => l.DomContentLoadedMs)):0} | {Median(loads.Select(l => (double)l.Requests)):0} | "
        + $"{Median(loads.Select(l => l.TransferredBytes)) / 1024:0.0} | {Median(loads.Select(l => l.DecodedBytes)) / 1024:0.0} |"));
}

async Task<Load> MeasureAsync(IPage page, bool withToken)
{
    Watch(page);
    var url = new Uri(baseUrl, "dashboards/" + (withToken ? "?token=" + Uri.EscapeDataString(token) : ""));
    await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
    await page.WaitForFunctionAsync("() => document.body && document.body.dataset.ready", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
    var json = await page.EvaluateAsync<JsonElement>(
        """
        () => {
          const navigation = performance.getEntriesByType('navigation')[0];
          const resources = performance.getEntriesByType('resource');
          const mark = performance.getEntriesByName('dashboard-ready')[0];
          const all = [navigation, ...resources];
          return {
            ready: mark ? mark.startTime : performance.now(),
            domContentLoaded: navigation.domContentLoadedEventEnd,
            requests: all.length,
            transferred: all.reduce((sum, e) => sum + e.transferSize, 0),
            decoded: all.reduce((sum, e) => sum + e.decodedBodySize, 0),
            largest: all.sort((a, b) => b.transferSize - a.transferSize).slice(0, 3)
              .map((e) => `${new URL(e.name).pathname.split('/').pop()} ${(e.transferSize / 1024).toFixed(1)} KB (${(e.decodedBodySize / 1024).toFixed(1)} KB decoded)`),
          };
        }
        """);
    return new Load(
        json.GetProperty("ready").GetDouble(),
        json.GetProperty("domContentLoaded").GetDouble(),
        json.GetProperty("requests").GetInt32(),
        json.GetProperty("transferred").GetDouble(),
        json.GetProperty("decoded").GetDouble(),
        json.GetProperty("largest").EnumerateArray().Select(e => e.GetString()!).ToArray());
}

async Task<int> ScreenshotsAsync()
{
    var output = Directory.CreateDirectory(options.GetValueOrDefault("output") ?? "dashboards/screenshots").FullName;
    (int Width, int Height)[] sizes = [(390, 844), (768, 1024), (1366, 768), (1920, 1080)];
    foreach (var (width, height) in sizes)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = width < 1024,
            HasTouch = width < 1024,
        });
        var page = await context.NewPageAsync();
        await MeasureAsync(page, withToken: true);
        await SettleAsync(page);
        var file = Path.Combine(output, $"dashboard-{width}x{height}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Console.WriteLine($"{file} ({new FileInfo(file).Length / 1024} KB)");
    }

    // The wall screen (大屏), when this version has one.
    using var http = new HttpClient();
    using var wall = await http.GetAsync(new Uri(baseUrl, "dashboards/wall.html"));
    if (wall.IsSuccessStatusCode)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        Watch(page);
        await page.GotoAsync(new Uri(baseUrl, "dashboards/wall.html?token=" + Uri.EscapeDataString(token)).ToString(), new PageGotoOptions { Timeout = 120_000 });
        await page.WaitForFunctionAsync("() => document.body && document.body.dataset.ready", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        await SettleAsync(page);
        var file = Path.Combine(output, "wall-1920x1080.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
        Console.WriteLine($"{file} ({new FileInfo(file).Length / 1024} KB)");
    }
    else
    {
        Console.WriteLine($"no wall screen: GET dashboards/wall.html answered {(int)wall.StatusCode}");
    }

    return Finish();
}

// ECharts animates for about a second after the data arrives; fonts load on first use.
static async Task SettleAsync(IPage page)
{
    await page.EvaluateAsync("() => document.fonts.ready");
    await page.WaitForTimeoutAsync(1500);
}

void Watch(IPage page)
{
    page.Console += (_, message) =>
    {
        if (message.Type == "error")
        {
            problems.Add($"console error: {message.Text}");
        }
    };
    page.Response += (_, response) =>
    {
        if (response.Status >= 400)
        {
            problems.Add($"HTTP {response.Status}: {response.Url}");
        }
    };
}

int Finish()
{
    foreach (var problem in problems.Distinct())
    {
        Console.Error.WriteLine("error: " + problem);
    }

    return problems.Count == 0 ? 0 : 1;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static Dictionary<string, string> Arguments(string[] args)
{
    var values = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        values[args[i].TrimStart('-')] = args[i + 1];
    }

    return values;
}

/// <summary>One load: ms from navigation start to every chart drawn, to DOMContentLoaded; what it fetched.</summary>
internal sealed record Load(double ReadyMs, double DomContentLoadedMs, int Requests, double TransferredBytes, double DecodedBytes, string[] Largest);
