using System.Globalization;
using System.Text.Json.Nodes;
using Analytics.Api.Security;

namespace Analytics.Api.Tests.Dashboards;

/// <summary>
/// Signing in to the dashboard with a pasted token, as each role: who is signed in is shown, a county officer lands on
/// its own county and can choose no other, the case-study exports are offered where the download answers, signing out
/// forgets the token; without a token nothing is requested.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardSignInTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task Without_a_token_the_page_asks_for_one_and_requests_nothing()
    {
        var dashboard = await DashboardPage.OpenAsync(browser, "sign-in");
        var page = dashboard.Page;
        var graphqlRequests = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/graphql", StringComparison.Ordinal))
            {
                graphqlRequests++;
            }
        };

        await dashboard.GotoUnsignedAsync("dashboards/");
        await page.WaitForSelectorAsync("#signin:not([hidden])");
        Assert.True(await page.IsVisibleAsync("#signin-token"));
        Assert.True(await page.IsHiddenAsync("#who"));

        await page.FillAsync("#signin-token", "not-a-token");
        await page.ClickAsync("#signin-form button[type=submit]");
        Assert.Contains("不是有效的访问令牌", await page.InnerTextAsync("#signin-error"), StringComparison.Ordinal);
        Assert.Equal(0, graphqlRequests);

        await page.FillAsync("#signin-token", browser.Token);
        await page.ClickAsync("#signin-form button[type=submit]");
        await dashboard.WaitReadyAsync();
        Assert.True(await page.IsHiddenAsync("#signin"));
        Assert.Contains("分析员", await page.InnerTextAsync("#who-text"), StringComparison.Ordinal);
        Assert.True(graphqlRequests > 0);

        await page.ClickAsync("#sign-out");
        await page.WaitForSelectorAsync("#signin:not([hidden])");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('analytics.dashboards.token')"));
        dashboard.AssertNoErrors();
        await dashboard.CloseAsync();
    }

    [ChromiumFact]
    public async Task A_token_the_server_rejects_brings_the_sign_in_back()
    {
        var dashboard = await DashboardPage.OpenAsync(browser, "rejected");
        var page = dashboard.Page;
        // A JWT in form, signed with another key: the page cannot tell, the server can.
        var parts = browser.Token.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";
        await dashboard.GotoAsync("dashboards/", forged);
        await page.WaitForSelectorAsync("#signin:not([hidden])");
        Assert.Contains("令牌无效", await page.InnerTextAsync("#signin-error"), StringComparison.Ordinal);
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('analytics.dashboards.token')"));
        Assert.All(dashboard.Errors, e => Assert.Contains("401", e, StringComparison.Ordinal));
        await dashboard.CloseAsync();
    }

    [ChromiumFact]
    public async Task Each_role_sees_who_it_is_a_county_officer_its_own_county_and_exports_where_they_work()
    {
        var counties = (await DashboardPage.QueryAsync(browser, "DashboardContext", []))["analytics"]!["counties"]!.AsArray()
            .Select(c => (string)c!["regionName"]!).ToList();
        var officerCounty = counties.Last(c => c != DashboardQueries.Yongan);
        var roles = new (string Role, string? County, string Label)[]
        {
            (ApiRoles.Admin, null, "管理员"),
            (ApiRoles.Analyst, null, "分析员"),
            (ApiRoles.Publicity, null, "宣传工作人员"),
            (ApiRoles.CountyOfficer, officerCounty, "区县工作人员"),
        };

        foreach (var (role, county, roleLabel) in roles)
        {
            var token = browser.TokenFor(role, county, name: $"测试{role}");
            var dashboard = await DashboardPage.OpenAsync(browser, $"role-{role}", trace: false);
            var page = dashboard.Page;
            // The map's side of the contract: the counties' values arrive as an event.
            await page.AddInitScriptAsync("document.addEventListener('analytics:counties', (e) => { window.countiesEvents = (window.countiesEvents ?? []).concat([e.detail]); });");
            await dashboard.GotoUnsignedAsync($"dashboards/?county={Uri.EscapeDataString(DashboardQueries.Yongan)}");
            await page.FillAsync("#signin-token", token);
            await page.ClickAsync("#signin-form button[type=submit]");
            await dashboard.WaitReadyAsync();

            var who = await page.InnerTextAsync("#who-text");
            Assert.Contains(roleLabel, who, StringComparison.Ordinal);
            Assert.Contains($"测试{role}", who, StringComparison.Ordinal);
            var ready = (await page.GetAttributeAsync("body", "data-ready"))!.Split('|');
            var chosen = county ?? DashboardQueries.Yongan;
            Assert.Equal(chosen, ready[0]);
            Assert.Equal(chosen, await page.InnerTextAsync("#casestudy-county"));
            var options = await page.EvaluateAsync<string[]>("() => [...document.getElementById('county').options].map((o) => o.value)");
            if (county is not null)
            {
                Assert.Contains(county, who, StringComparison.Ordinal);
                Assert.Equal([county], options); // no 全市, no other county
                Assert.True(await page.IsDisabledAsync("#county"));
                // Asked for another county (a click on the map): stays on its own.
                await page.EvaluateAsync("c => document.dispatchEvent(new CustomEvent('analytics:choose-county', { detail: { county: c } }))", DashboardQueries.Yongan);
                Assert.Equal($"{county}|{ready[1]}|{ready[2]}|zh", await page.GetAttributeAsync("body", "data-ready"));
            }
            else
            {
                Assert.Equal(counties.Count + 1, options.Length);
                Assert.True(await page.IsEnabledAsync("#county"));
            }

            var income = await DashboardPage.QueryAsync(browser, "IncomeGrowth", new()
            {
                ["region"] = chosen, ["level"] = "COUNTY",
                ["fromYear"] = int.Parse(ready[1], CultureInfo.InvariantCulture), ["toYear"] = int.Parse(ready[2], CultureInfo.InvariantCulture),
            });
            Assert.Equal(((double)income["analytics"]!["selected"]![0]!["growth"]! * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%",
                await page.InnerTextAsync("#kpi-income-growth"));

            var events = JsonNode.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.countiesEvents ?? [])"))!.AsArray();
            var last = events[^1]!;
            Assert.Equal("incomeGrowth", (string?)last["metric"]);
            Assert.Equal(counties.Count, last["rows"]!.AsArray().Count);
            Assert.Equal(chosen, (string?)last["selected"]);
            // Values are shares as GraphQL answers them (map.js writes 0.3081 as 30.81%).
            Assert.Equal("%", (string?)last["unit"]);
            var sent = last["rows"]!.AsArray().Single(r => (string?)r!["county"] == chosen)!["value"]!;
            Assert.Equal((double)income["analytics"]!["selected"]![0]!["growth"]!, (double)sent, 6);
            // The page's own map (outlines loaded beside map.js) drew those values with the chosen county marked.
            await page.WaitForFunctionAsync("() => ['ready', 'error', 'empty'].includes(document.getElementById('map-panel').dataset.state)");
            Assert.Equal("ready", await page.GetAttributeAsync("#map-panel", "data-state"));
            Assert.Equal(chosen, await page.GetAttributeAsync("#map-panel", "data-selected"));

            // The exports are offered, and each role's download answers.
            Assert.True(await page.IsVisibleAsync(".exports"));
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(".exports button[data-format=xlsx]"));
            Assert.Equal($"casestudy-{chosen}.xlsx", download.SuggestedFilename);
            Assert.Null(await download.FailureAsync());

            if (county is null && role == ApiRoles.Analyst)
            {
                // The map asks for a county: the filter follows.
                var other = counties.First(c => c != DashboardQueries.Yongan);
                await page.EvaluateAsync("c => document.dispatchEvent(new CustomEvent('analytics:choose-county', { detail: { county: c } }))", other);
                await dashboard.WaitReadyAsync($"{other}|{ready[1]}|{ready[2]}|zh");
                Assert.Equal(other, await page.InputValueAsync("#county"));
            }

            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, $"signed-in-{role}.png") });
            dashboard.AssertNoErrors();
            await dashboard.CloseAsync();
        }
    }
}
