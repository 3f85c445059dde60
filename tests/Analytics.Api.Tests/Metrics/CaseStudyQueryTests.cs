using System.Globalization;
using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Api.Warehouse;
using Analytics.Etl.Warehouse;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Metrics;

/// <summary><c>caseStudy(county:)</c>: the case study of <c>etl casestudy</c>, over GraphQL.</summary>
[Collection(ApiCollection.Name)]
public sealed class CaseStudyQueryTests(ApiFactory factory)
{
    [Fact]
    public async Task Yongan_reproduces_every_printed_figure_with_its_sentence_and_the_same_content_as_the_export()
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync(
            """{ caseStudy(county: "永安市") { county warehouseBuiltAt runId hasPublishedClaims headlines { claimId computedText printed verdict sentence quote } themes { id title view columns { name label kind } rows } } }""");

        var study = response.AssertData()["caseStudy"]!;
        Assert.True((bool)study["hasPublishedClaims"]!);
        var headlines = study["headlines"]!.AsArray();
        Assert.Equal(18, headlines.Count);
        Assert.All(headlines, h => Assert.Equal("Pass", (string?)h!["verdict"]));
        var growth = headlines.Single(h => (string?)h!["claimId"] == "yongan.income-growth")!;
        Assert.Equal("2019年至2021年，全市村集体经营性收入增长30.81%", (string?)growth["sentence"]);
        Assert.Equal(("30.81%", "30.81%"), ((string?)growth["printed"], (string?)growth["computedText"]));

        // The same builder as `etl casestudy`, over the same published file.
        await using var session = await factory.Services.GetRequiredService<WarehouseConnections>().OpenAsync();
        var expected = await new CaseStudyBuilder().BuildAsync(session.Connection, "永安市");
        Assert.Equal(expected.RunId, (string?)study["runId"]);
        Assert.Equal(expected.Themes.Select(t => t.Id), study["themes"]!.AsArray().Select(t => (string?)t!["id"]));
        Assert.Equal(expected.Themes.Select(t => t.Rows.Count), study["themes"]!.AsArray().Select(t => t!["rows"]!.AsArray().Count));
        Assert.All(study["themes"]!.AsArray(), t => Assert.NotEmpty(t!["rows"]!.AsArray()));
        AssertSameThemes(expected, study["themes"]!.AsArray());
        Assert.Equal(
            expected.Headlines.Select(h => (h.ClaimId, h.ComputedText, h.Printed, h.Verdict?.ToString(), h.Sentence, h.Quote)),
            headlines.Select(h => ((string?)h!["claimId"], (string)h["computedText"]!, (string?)h["printed"], (string?)h["verdict"], (string?)h["sentence"], (string?)h["quote"])));
    }

    [Fact]
    public async Task Headlines_carry_the_chinese_name_period_verdict_and_reason_the_files_print()
    {
        var study = (await factory.CreateGraphQLClient().PostQueryAsync(
            """{ caseStudy(county: "永安市") { headlines { metric label period periodText verdict verdictText detailText } } }""")).AssertData()["caseStudy"]!;

        await using var session = await factory.Services.GetRequiredService<WarehouseConnections>().OpenAsync();
        var expected = await new CaseStudyBuilder().BuildAsync(session.Connection, "永安市");
        var headlines = study["headlines"]!.AsArray();
        Assert.Equal(
            expected.Headlines.Select(h => (CaseStudySheets.MetricName(h), CaseStudySheets.PeriodText(expected, h), CaseStudySheets.VerdictText(h.Verdict), CaseStudyLabels.Explanation(h))),
            headlines.Select(h => ((string)h!["label"]!, (string)h["periodText"]!, (string)h["verdictText"]!, (string)h["detailText"]!)));
        var growth = headlines.Single(h => (string?)h!["metric"] == "income.operating_growth")!;
        Assert.Equal(("村集体经营性收入增长率", "2019—2021年", "一致"), ((string)growth["label"]!, (string)growth["periodText"]!, (string)growth["verdictText"]!));
        Assert.Equal("计算值为30.8100%，按刊发精度（两位小数）四舍五入为30.81%，与刊发一致", (string)growth["detailText"]!);
        // A figure of the whole record reads 截至 a day (a count) or 累计（截至…） (a sum), never "to date".
        Assert.All(headlines.Where(h => (string?)h!["period"] == "to date"), h => Assert.Contains("截至", (string)h!["periodText"]!, StringComparison.Ordinal));
    }

    /// <summary>Every theme as the builder reads it: id, title, view, each column (name, label, kind) and every cell, in order.</summary>
    private static void AssertSameThemes(CaseStudy expected, JsonArray themes)
    {
        Assert.Equal(expected.Themes.Count, themes.Count);
        foreach (var (want, got) in expected.Themes.Zip(themes))
        {
            Assert.Equal((want.Id, want.Title, want.View), ((string?)got!["id"], (string?)got["title"], (string?)got["view"]));
            Assert.Equal(
                want.Columns.Select(c => (c.Name, c.Label, c.Kind.ToString())),
                got["columns"]!.AsArray().Select(c => ((string)c!["name"]!, (string)c["label"]!, (string)c["kind"]!)));
            var rows = got["rows"]!.AsArray();
            Assert.Equal(want.Rows.Count, rows.Count);
            foreach (var (wantRow, gotRow) in want.Rows.Zip(rows))
            {
                Assert.Equal(want.Columns.Count, wantRow.Count);
                Assert.Equal(wantRow, gotRow!.AsArray().Select(cell => (string?)cell));
            }
        }
    }

    [Fact]
    public async Task A_county_without_published_figures_gets_computed_headlines_only()
    {
        var study = (await factory.CreateGraphQLClient().PostQueryAsync(
            """{ caseStudy(county: "沙县区") { hasPublishedClaims headlines { claimId metric period printed verdict sentence computedText } themes { id title view columns { name label kind } rows } } }""")).AssertData()["caseStudy"]!;

        Assert.False((bool)study["hasPublishedClaims"]!);
        Assert.NotEmpty(study["headlines"]!.AsArray());
        Assert.All(study["headlines"]!.AsArray(), h => Assert.True(h!["printed"] is null && h["verdict"] is null));

        // One headline per (metric, period) of the claims file's verifiable claims: 36 claims, 5 of them a second
        // county's claim on the same metric and period.
        var headlines = study["headlines"]!.AsArray();
        await using var session = await factory.Services.GetRequiredService<WarehouseConnections>().OpenAsync();
        var expected = await new CaseStudyBuilder().BuildAsync(session.Connection, "沙县区");
        Assert.Equal(31, headlines.Count);
        Assert.Equal(expected.Headlines.Count, headlines.Count);
        Assert.All(headlines, h => Assert.Null((string?)h!["claimId"]));
        Assert.Equal(
            expected.Headlines.Select(h => (h.Metric, h.Period, h.ComputedText, h.Sentence)),
            headlines.Select(h => ((string)h!["metric"]!, (string)h["period"]!, (string)h["computedText"]!, (string?)h["sentence"])));
        AssertSameThemes(expected, study["themes"]!.AsArray());

        // The income growth, computed for 沙县区 from the view and worded for a 区 (全市 → 全区).
        var growth = headlines.Single(h => (string?)h!["metric"] == "income.operating_growth" && (string?)h["period"] == "2019-2021")!;
        var percent = (decimal)await ScalarAsync<double>(session,
            "SELECT growth FROM metric_income_growth WHERE region_level = 'County' AND region_name = '沙县区' AND from_year = 2019 AND to_year = 2021") * 100;
        var shown = Math.Round(percent, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture) + "%";
        Assert.Equal(shown, (string?)growth["computedText"]);
        Assert.Equal($"2019年至2021年，全区村集体经营性收入增长{shown}", (string?)growth["sentence"]);
    }

    private static async Task<T> ScalarAsync<T>(WarehouseSession session, string sql)
    {
        await using var command = session.Connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_unknown_county_is_a_coded_error_listing_the_counties()
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync("""{ caseStudy(county: "永安县") { county } }""");

        var error = response.Errors![0]!;
        Assert.Equal("UNKNOWN_COUNTY", (string?)error["extensions"]!["code"]);
        Assert.Contains("三元区", (string?)error["message"]);
    }
}
