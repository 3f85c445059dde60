using System.Globalization;
using System.Text.Json.Nodes;

namespace Analytics.Api.Tests.Dashboards;

/// <summary>
/// The comparisons and filters of the dashboard, against the GraphQL answers: the period before and the city average
/// beside the chosen region's growth, each county's rank change, the year-on-year change of cases; the township, channel
/// and domain filters.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardFilterTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task Comparisons_show_the_period_before_the_city_average_and_rank_changes()
    {
        var dashboard = await DashboardPage.OpenAsync(browser, "comparisons");
        var page = dashboard.Page;
        await dashboard.GotoAsync($"dashboards/?county={Uri.EscapeDataString(DashboardQueries.Yongan)}");
        await dashboard.WaitReadyAsync();
        var (from, to) = await PeriodAsync(dashboard);
        var length = Math.Max(1, to - from);
        var income = (await DashboardPage.QueryAsync(browser, "IncomeGrowth", new()
        {
            ["region"] = DashboardQueries.Yongan, ["level"] = "COUNTY", ["fromYear"] = from, ["toYear"] = to,
            ["previousFromYear"] = from - length, ["previousToYear"] = from,
        }))["analytics"]!;

        // The city's growth as the dashed line on the county chart, its CAGR beside the county's.
        var city = (double)income["city"]![0]!["growth"]!;
        var chart = await dashboard.ChartOptionAsync("chart-income-growth");
        Assert.Equal(city, (double)chart["series"]![0]!["markLine"]!["data"]![0]!["xAxis"]!, 10);
        Assert.Equal($"全市 {Percent(income["city"]![0]!["cagr"])}", await page.InnerTextAsync("#kpi-income-city"));

        var previous = income["previousSelected"]!.AsArray();
        var previousCounties = income["previousCounties"]!.AsArray();
        if (previous.Count > 0 && previous[0]!["growth"] is not null)
        {
            Assert.Equal($"上一期间（{from - length}–{from}）{Percent(previous[0]!["growth"])}", await page.InnerTextAsync("#kpi-income-growth-delta"));

            // Rank change: the county's place in the period before minus its place now (↑ climbed, ↓ fell).
            var now = income["counties"]!.AsArray().OrderByDescending(r => (double?)r!["growth"] ?? double.MinValue).Select(r => (string)r!["regionCode"]!).ToList();
            var before = previousCounties.Where(r => r!["growth"] is not null).OrderByDescending(r => (double)r!["growth"]!).Select(r => (string)r!["regionCode"]!).ToList();
            var names = income["counties"]!.AsArray().ToDictionary(r => (string)r!["regionCode"]!, r => (string)r!["regionName"]!);
            var rows = await page.Locator("#table-income-league tbody tr").AllAsync();
            Assert.Equal(now.Count, rows.Count);
            Assert.Equal("名次变化", await page.InnerTextAsync("#table-income-league thead th:last-child"));
            for (var i = 0; i < now.Count; i++)
            {
                var cells = await rows[i].Locator("td").AllInnerTextsAsync();
                Assert.Equal(names[now[i]], cells[1]);
                var change = before.IndexOf(now[i]) - i;
                Assert.Equal(change > 0 ? $"↑{change}" : change < 0 ? $"↓{-change}" : "持平", cells[^1]);
            }
        }
        else
        {
            Assert.Equal("", await page.InnerTextAsync("#kpi-income-growth-delta"));
        }

        // Cases: the last year against the year before.
        var cases = (await DashboardPage.QueryAsync(browser, "CaseResolution", new()
        {
            ["region"] = DashboardQueries.Yongan, ["level"] = "COUNTY", ["fromYear"] = from, ["toYear"] = to, ["previousYear"] = to - 1,
        }))["analytics"]!;
        var last = cases["caseResolution"]!.AsArray().Single(r => (int)r!["year"]! == to)!;
        var prior = cases["previousYear"]!.AsArray().Single()!;
        var growth = ((double)(int)last["received"]! / (int)prior["received"]! - 1) * 100;
        Assert.Equal($"较{to - 1}年 {(growth > 0 ? "+" : growth < 0 ? "−" : "±")}{Math.Abs(growth).ToString("0.00", CultureInfo.InvariantCulture)}%",
            await page.InnerTextAsync("#kpi-received-delta"));
        dashboard.AssertNoErrors();
        await dashboard.CloseAsync();
    }

    [ChromiumFact]
    public async Task The_township_channel_and_domain_filters_narrow_the_panels()
    {
        var dashboard = await DashboardPage.OpenAsync(browser, "filters");
        var page = dashboard.Page;
        await dashboard.GotoAsync($"dashboards/?county={Uri.EscapeDataString(DashboardQueries.Yongan)}");
        await dashboard.WaitReadyAsync();
        var (from, to) = await PeriodAsync(dashboard);

        // Township: its own growth, and the grid panel drills to its villages.
        var township = (await DashboardPage.QueryAsync(browser, "GridCoverage", DashboardQueries.DemoVariables["GridCoverage"]))["analytics"]!["gridCoverage"]!.AsArray()[^1]!;
        var code = (string)township["regionCode"]!;
        await page.SelectOptionAsync("#township", code);
        await dashboard.WaitReadyAsync();
        var income = await DashboardPage.QueryAsync(browser, "IncomeGrowth", new() { ["region"] = code, ["level"] = "TOWNSHIP", ["fromYear"] = from, ["toYear"] = to });
        Assert.Equal(Percent(income["analytics"]!["selected"]![0]!["growth"]), await page.InnerTextAsync("#kpi-income-growth"));
        var villages = (await DashboardPage.QueryAsync(browser, "GridCoverage", new() { ["region"] = code, ["level"] = "VILLAGE" }))["analytics"]!["gridCoverage"]!.AsArray();
        Assert.Equal(villages.Select(v => (string)v!["regionName"]!), await page.Locator("#table-grid tbody tr td:first-child").AllInnerTextsAsync());
        Assert.Equal("返回全区县", await page.InnerTextAsync("#grid-up"));
        await page.ClickAsync("#grid-up");
        await dashboard.WaitReadyAsync();
        Assert.Equal("", await page.InputValueAsync("#township"));

        // Channel: the cases panel counts that channel only.
        var channels = await page.EvaluateAsync<string[]>("() => [...document.getElementById('channel').options].map((o) => o.value).filter(Boolean)");
        Assert.True(channels.Length > 1);
        var channel = channels[0];
        await page.SelectOptionAsync("#channel", channel);
        await dashboard.WaitReadyAsync();
        var cases = (await DashboardPage.QueryAsync(browser, "CaseResolution", new()
        {
            ["region"] = DashboardQueries.Yongan, ["level"] = "COUNTY", ["fromYear"] = from, ["toYear"] = to, ["previousYear"] = to - 1,
            ["channel"] = channel, ["resolutionChannel"] = channel,
        }))["analytics"]!;
        var last = cases["caseResolution"]!.AsArray().Single(r => (int)r!["year"]! == to)!;
        Assert.Equal($"{((int)last["received"]!).ToString("N0", CultureInfo.InvariantCulture)} 件", await page.InnerTextAsync("#kpi-received"));
        Assert.Equal(Percent(last["resolutionRate"]), await page.InnerTextAsync("#kpi-resolution-rate"));
        var monthly = await dashboard.ChartOptionAsync("chart-cases-monthly");
        Assert.Single(monthly["series"]!.AsArray());

        // Domain: the star chart shows that domain only.
        var domains = await page.EvaluateAsync<string[]>("() => [...document.getElementById('domain').options].map((o) => o.value).filter(Boolean)");
        Assert.True(domains.Length > 1);
        await page.SelectOptionAsync("#domain", domains[0]);
        await dashboard.WaitReadyAsync();
        var stars = await dashboard.ChartOptionAsync("chart-stars");
        Assert.Single(stars["xAxis"]![0]!["data"]!.AsArray());
        dashboard.AssertNoErrors();
        await dashboard.CloseAsync();
    }

    private static async Task<(int From, int To)> PeriodAsync(DashboardPage dashboard)
    {
        var ready = (await dashboard.Page.GetAttributeAsync("body", "data-ready"))!.Split('|');
        return (int.Parse(ready[1], CultureInfo.InvariantCulture), int.Parse(ready[2], CultureInfo.InvariantCulture));
    }

    private static string Percent(JsonNode? share) =>
        ((double)share! * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
