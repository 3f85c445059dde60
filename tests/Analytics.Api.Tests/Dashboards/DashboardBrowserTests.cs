using Analytics.Api.Tests.Infrastructure;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Analytics.Api.Tests.Dashboards;

/// <summary>
/// The dashboard in a real browser: the figures it shows are the GraphQL answers, the county filter updates every
/// panel, nothing logs an error. Saves a screenshot per panel (and a Playwright trace) under
/// <see cref="BrowserFixture.ArtifactsFolder"/> for people to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string[] Panels = ["income", "grid", "cases", "pairing", "casestudy"];

    [ChromiumFact]
    public async Task Choosing_yongan_shows_its_graphql_figures_in_every_panel()
    {
        var (page, errors, context) = await OpenAsync("yongan");

        await GotoAsync(page, "dashboards/");
        // By default the latest complete year the data reaches, against two years before it: from the data, not fixed.
        var dashboardContext = (await QueryAsync("DashboardContext", new JsonObject()))["analytics"]!;
        var latest = (int)dashboardContext["warehouse"]!["latestCompleteYear"]!;
        var from = dashboardContext["years"]!.AsArray().Select(r => (int)r!["year"]!).First(y => y >= latest - 2);
        await WaitReadyAsync(page, $"|{from}|{latest}|zh");
        Assert.Equal((string?)dashboardContext["warehouse"]!["dataAsOf"], await page.InnerTextAsync("#data-as-of"));
        var loadMs = await page.EvaluateAsync<double>("performance.getEntriesByName('dashboard-ready')[0].startTime");
        output.WriteLine($"Dashboard ready {loadMs:0} ms after navigation start (whole city, every panel drawn).");
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ArtifactsFolder, "load-time.txt"),
            string.Create(CultureInfo.InvariantCulture, $"{browser.BaseAddress} whole city: ready {loadMs:0} ms after navigation start\n"));

        // The published period (2019→2021) chosen by hand.
        await GotoAsync(page, "dashboards/?from=2019&to=2021");
        await WaitReadyAsync(page, "|2019|2021|zh");
        var city = await QueryAsync("IncomeGrowth", new JsonObject { ["level"] = "CITY", ["fromYear"] = 2019, ["toYear"] = 2021, ["previousFromYear"] = 2017, ["previousToYear"] = 2019 });
        Assert.Equal(Percent(city["analytics"]!["selected"]![0]!["growth"]), await page.InnerTextAsync("#kpi-income-growth"));
        Assert.True(await page.IsHiddenAsync("#casestudy-body"));

        await page.SelectOptionAsync("#county", DashboardQueries.Yongan);
        await WaitReadyAsync(page, $"{DashboardQueries.Yongan}|2019|2021|zh");

        var income = await QueryAsync("IncomeGrowth", DashboardQueries.DemoVariables["IncomeGrowth"]);
        Assert.Equal("30.81%", await page.InnerTextAsync("#kpi-income-growth")); // the published figure
        Assert.Equal(Percent(income["analytics"]!["selected"]![0]!["growth"]), await page.InnerTextAsync("#kpi-income-growth"));
        Assert.Equal(Percent(income["analytics"]!["selected"]![0]!["cagr"]), await page.InnerTextAsync("#kpi-income-cagr"));
        Assert.Equal("0", await page.InnerTextAsync("#kpi-low-income")); // 清零 in 2021
        var league = await page.Locator("#table-income-league tr.selected td").AllInnerTextsAsync();
        Assert.Equal(DashboardQueries.Yongan, league[1]);

        var grid = await QueryAsync("GridCoverage", DashboardQueries.DemoVariables["GridCoverage"]);
        var townships = grid["analytics"]!["gridCoverage"]!.AsArray().Select(r => (string)r!["regionName"]!).ToList();
        Assert.Equal(townships, await page.Locator("#table-grid tbody tr td:first-child").AllInnerTextsAsync());
        Assert.True(await page.IsVisibleAsync("#grid-up"));

        var cases = await QueryAsync("CaseResolution", new JsonObject { ["region"] = DashboardQueries.Yongan, ["level"] = "COUNTY", ["fromYear"] = 2019, ["toYear"] = 2021, ["previousYear"] = 2020 });
        var lastYear = cases["analytics"]!["caseResolution"]!.AsArray().Single(r => (int)r!["year"]! == 2021)!;
        Assert.Equal(Percent(lastYear["resolutionRate"]), await page.InnerTextAsync("#kpi-resolution-rate"));
        var backlog = cases["analytics"]!["caseBacklog"]!.AsArray().Sum(r => (int)r!["openCases"]!);
        Assert.Equal($"{backlog.ToString("N0", CultureInfo.GetCultureInfo("zh-CN"))} 件", await page.InnerTextAsync("#kpi-backlog"));

        var pairing = await QueryAsync("PairingAndStars", DashboardQueries.DemoVariables["PairingAndStars"]);
        var pairing2021 = pairing["analytics"]!["pairingCompliance"]!.AsArray().Single(r => (int)r!["year"]! == 2021)!;
        Assert.Equal(Percent(pairing2021["allFourShare"]), await page.InnerTextAsync("#kpi-all-four"));

        var study = await QueryAsync("CaseStudy", DashboardQueries.DemoVariables["CaseStudy"]);
        var headlines = study["caseStudy"]!["headlines"]!.AsArray();
        var rows = page.Locator("#table-casestudy tbody tr");
        Assert.Equal(headlines.Count, await rows.CountAsync());
        Assert.Equal("2019年至2021年，全市村集体经营性收入增长30.81%", await rows.Nth(0).Locator("td").Nth(5).InnerTextAsync());
        Assert.Equal(["30.81%", "30.81%", "一致"], (await rows.Nth(0).Locator("td").AllInnerTextsAsync()).Skip(2).Take(3));
        // Each figure under its Chinese name and period (as the case-study files print them), never its metric id.
        var names = await page.Locator("#table-casestudy tbody tr td:nth-child(1)").AllInnerTextsAsync();
        Assert.Equal(headlines.Select(h => (string)h!["label"]!), names);
        Assert.Equal("村集体经营性收入增长率", names[0]);
        Assert.DoesNotContain(names, n => n.Any(char.IsAsciiLetter));
        Assert.Equal(headlines.Select(h => (string)h!["periodText"]!), await page.Locator("#table-casestudy tbody tr td:nth-child(2)").AllInnerTextsAsync());
        Assert.Equal("2019—2021年", await rows.Nth(0).Locator("td").Nth(1).InnerTextAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(".exports button[data-format=xlsx]"));
        Assert.Equal("casestudy-永安市.xlsx", download.SuggestedFilename);
        // This host has Chromium (the test drives it), so the PDF is offered, and it is one.
        await page.WaitForSelectorAsync(".exports button[data-format=pdf][data-available=true]");
        var pdf = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(".exports button[data-format=pdf]"), new() { Timeout = 60_000 });
        Assert.Equal("casestudy-永安市.pdf", pdf.SuggestedFilename);
        var pdfBytes = await File.ReadAllBytesAsync(await pdf.PathAsync());
        Assert.Equal("%PDF-"u8.ToArray(), pdfBytes[..5]);

        foreach (var panel in Panels)
        {
            await page.Locator($"#panel-{panel}").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, $"panel-{panel}.png") });
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "dashboard-yongan.png"), FullPage = true });
        await context.Tracing.StopAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "trace-yongan.zip") });
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task Where_the_host_cannot_make_a_pdf_the_page_offers_none()
    {
        var (page, errors, context) = await OpenAsync("no-pdf");
        // The API's answer on a host without Chromium (CaseStudyDownloadTests asks a host configured so).
        await page.RouteAsync("**/dashboards/casestudy/formats", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Body = """{"formats":[{"format":"md","available":true},{"format":"html","available":true},{"format":"xlsx","available":true},{"format":"pdf","available":false,"code":"PDF_UNAVAILABLE","message":"no Chromium"}]}""",
        }));

        await GotoAsync(page, $"dashboards/?county={Uri.EscapeDataString(DashboardQueries.Yongan)}");
        await _dashboard!.WaitReadyAsync();
        await page.WaitForSelectorAsync(".exports button[data-format=pdf][data-available]", new() { State = WaitForSelectorState.Attached });

        Assert.True(await page.IsVisibleAsync(".exports button[data-format=xlsx]"));
        Assert.Equal("false", await page.GetAttributeAsync(".exports button[data-format=pdf]", "data-available"));
        Assert.True(await page.IsHiddenAsync(".exports button[data-format=pdf]"));
        await context.CloseAsync();
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task The_language_switch_relabels_the_page_in_english_and_back()
    {
        var (page, errors, context) = await OpenAsync("english");
        await GotoAsync(page, "dashboards/?county=三元区&from=2020&to=2023");
        await WaitReadyAsync(page, "三元区|2020|2023|zh");
        Assert.Equal("三明市基层党建与网格治理数据看板", await page.InnerTextAsync("h1"));

        await page.ClickAsync("#language");
        await WaitReadyAsync(page, "三元区|2020|2023|en");

        Assert.Equal("Sanming party building and grid governance dashboard", await page.InnerTextAsync("h1"));
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Village collective operating income", await page.InnerTextAsync("#panel-income h2"), StringComparison.Ordinal);
        var income = await QueryAsync("IncomeGrowth", new JsonObject { ["region"] = "三元区", ["level"] = "COUNTY", ["fromYear"] = 2020, ["toYear"] = 2023, ["previousFromYear"] = 2017, ["previousToYear"] = 2020 });
        Assert.Equal(Percent(income["analytics"]!["selected"]![0]!["growth"]), await page.InnerTextAsync("#kpi-income-growth"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "dashboard-english.png"), FullPage = true });

        await page.ClickAsync("#language");
        await WaitReadyAsync(page, "三元区|2020|2023|zh");
        Assert.Equal("三明市基层党建与网格治理数据看板", await page.InnerTextAsync("h1"));
        await context.Tracing.StopAsync();
        Assert.Empty(errors);
    }

    private async Task<(IPage Page, List<string> Errors, IBrowserContext Context)> OpenAsync(string name)
    {
        var dashboard = await DashboardPage.OpenAsync(browser, name);
        _dashboard = dashboard;
        return (dashboard.Page, dashboard.Errors, dashboard.Context);
    }

    private DashboardPage? _dashboard;

    private Task GotoAsync(IPage page, string path) => _dashboard!.GotoAsync(path);

    private Task WaitReadyAsync(IPage page, string filters) => _dashboard!.WaitReadyAsync(filters);

    private Task<JsonNode> QueryAsync(string name, JsonObject variables) => DashboardPage.QueryAsync(browser, name, variables);

    /// <summary>As app.js shows a share: two decimals and a percent sign.</summary>
    private static string Percent(JsonNode? share) =>
        ((double)share! * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
