using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Analytics.Etl.Commands;
using Analytics.Etl.Warehouse;
using DuckDB.NET.Data;
using MiniExcelLibs;

namespace Analytics.Etl.Tests;

/// <summary>
/// <c>casestudy</c> on the demo city: the published claims of 永安市 with their verdicts, computed headlines for a county
/// without claims, theme tables equal to their metric views, and the md / html / xlsx sheets.
/// </summary>
public sealed class CaseStudyTests(DemoWarehouseFixture fixture) : IClassFixture<DemoWarehouseFixture>
{
    private const string GrowthSentence = "2019年至2021年，全市村集体经营性收入增长30.81%";

    [Fact]
    public async Task Yongan_case_study_holds_the_30_81_percent_growth_claim_with_verdict_pass()
    {
        var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, "永安市");

        Assert.True(study.HasPublishedClaims);
        var growth = Assert.Single(study.Headlines, h => h.ClaimId == "yongan.income-growth");
        Assert.Equal(ClaimVerdict.Pass, growth.Verdict);
        Assert.Equal(GrowthSentence, growth.Sentence);
        Assert.Equal("30.81%", growth.Printed);
        Assert.Equal("30.81%", growth.ComputedText);
        Assert.Equal("001_5bc6a8d6376a05c2.txt", growth.SourceDocument);
        Assert.Equal("永安市：夯基铸魂推动基层党建提质增效", growth.SourceTitle); // the document's first line
        Assert.Equal("2019年至2021年，全市村集体经营性收入增长30.81%", growth.Quote);
    }

    [Fact]
    public async Task The_headlines_of_a_county_with_claims_are_its_claims_as_verify_checks_them()
    {
        var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, "永安市");
        var verified = (await ClaimVerifier.VerifyAsync(fixture.WarehousePath)).Where(r => r.County == "永安市").ToList();

        Assert.Equal(verified.Select(r => r.Claim.Id), study.Headlines.Select(h => h.ClaimId));
        // The sentence is verify's, except that a claim with the article's own words says them when the warehouse
        // computes exactly the printed figure (低收入村实现“清零”, not …的村0个).
        Assert.Equal(
            verified.Select(r => (r.Computed, r.ComputedText, r.Verdict == ClaimVerdict.Pass && r.Claim.SentenceAsPrinted is { } words ? words : r.Sentence,
                r.Verdict, r.Printed, r.Claim.Quote, (DateOnly?)r.Claim.AsOf)),
            study.Headlines.Select(h => (h.Computed, h.ComputedText, h.Sentence, (ClaimVerdict)h.Verdict!, h.Printed!, h.Quote!, h.AsOf)));
    }

    [Fact]
    public async Task The_data_freshness_is_the_newest_etl_run()
    {
        var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, "永安市");

        Assert.Equal(fixture.Result.RunId.ToString(), study.RunId);
        await using var connection = await OpenAsync();
        var finishedAt = (DateTime)(await ScalarAsync(connection, "SELECT MAX(finished_at) FROM etl_runs"))!;
        Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(finishedAt, DateTimeKind.Utc)), study.WarehouseBuiltAt);
        // Data as of is the latest business day, a fact apart from the build time: each labelled for what it is.
        Assert.Equal(fixture.Result.Calendar!.DataAsOf, study.DataAsOf);
        Assert.StartsWith($"数据截至 {study.DataAsOf:yyyy-MM-dd}；生成时间 {CaseStudyBuilder.BeijingTime(study.WarehouseBuiltAt)}", CaseStudySheets.Freshness(study));
    }

    [Theory]
    [InlineData("永安市")]
    [InlineData("沙县区")]
    public async Task Every_theme_table_is_non_empty_and_equals_a_direct_query_of_its_view(string county)
    {
        var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, county);
        await using var connection = await OpenAsync();

        Assert.Equal(["income", "grids", "cases", "pairing", "stars", "wishes"], study.Themes.Select(t => t.Id));
        foreach (var table in study.Themes)
        {
            var (columns, rows) = await QueryAsync(connection, ExpectedQueries[table.Id], county);
            Assert.True(rows.Count > 0, $"{table.Id}: the view has no row for {county}");
            Assert.Equal(columns, table.Columns.Select(c => c.Name));
            Assert.Equal(rows, table.Rows.Select(r => r.ToArray()));
            Assert.All(table.Rows, r => Assert.Equal(table.Columns.Count, r.Count));
        }
    }

    [Fact]
    public async Task Every_row_of_the_case_table_is_one_cohort_whose_resolved_never_exceed_received_and_whose_rate_is_their_ratio()
    {
        var theme = CaseStudyThemes.All.Single(t => t.Id == "cases");
        await using var connection = await OpenAsync();
        var counties = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT region_name FROM metric_region WHERE region_level = 'County' ORDER BY region_code";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                counties.Add(reader.GetString(0));
            }
        }

        var rows = 0;
        foreach (var county in counties)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = theme.Sql;
            command.Parameters.Add(new DuckDBParameter(county));
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var received = Convert.ToInt64(reader["received"]);
                var resolved = Convert.ToInt64(reader["received_resolved"]);
                var where = $"{county} {reader["year"]} {reader["channel"]}";
                Assert.True(resolved <= received, $"{where}: {resolved} resolved of {received} received");
                Assert.True(Math.Abs((double)resolved / received - Convert.ToDouble(reader["resolution_rate"])) < 1e-12, where);
                rows++;
            }
        }

        Assert.True(rows > counties.Count);
        // The table reads left to right as one cohort, then the other cohort under a label that says so.
        Assert.Equal(["received", "received_resolved", "resolution_rate", "resolved"], theme.Columns.Skip(2).Take(4).Select(c => c.Name));
        Assert.Contains("其中", theme.Columns.Single(c => c.Name == "received_resolved").Label, StringComparison.Ordinal);
        Assert.Contains("含往年受理", theme.Columns.Single(c => c.Name == "resolved").Label, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_year_that_had_not_ended_when_the_warehouse_was_built_is_marked_incomplete_and_the_years_before_are_not()
    {
        var copy = fixture.CopyWarehouse();
        int lastYear;
        await using (var connection = new DuckDBConnection($"Data Source={copy}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT max(year) FROM metric_cases_by_year";
            lastYear = Convert.ToInt32(await command.ExecuteScalarAsync());
            // As if the file had been built on 1 July of the data's last year (Beijing time).
            command.CommandText = $"UPDATE etl_runs SET finished_at = TIMESTAMP '{lastYear}-06-30 16:00:00'";
            await command.ExecuteNonQueryAsync();
        }

        var study = await new CaseStudyBuilder().BuildAsync(copy, "永安市");

        var cases = Assert.Single(study.Themes, t => t.Id == "cases");
        var years = cases.Rows.Select(r => r[0]).Distinct().ToList();
        Assert.Equal($"{lastYear}{CaseStudyBuilder.IncompleteYear}", years[^1]);
        Assert.All(years.SkipLast(1), y => Assert.Matches(@"^\d{4}$", y));
        var income = Assert.Single(study.Themes, t => t.Id == "income");
        Assert.DoesNotContain(income.Rows, r => r[0] == lastYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_unverifiable_claim_does_not_hide_a_verifiable_one_of_the_same_metric_and_period()
    {
        // The shipped claims with, first, an unverifiable claim of the first claim's metric and period.
        var shipped = JsonNode.Parse(await File.ReadAllTextAsync(ClaimVerifier.DefaultClaimsPath))!;
        var claims = shipped["claims"]!.AsArray();
        var first = claims[0]!.DeepClone();
        first["id"] = "test.unverifiable-first";
        first["unverifiable"] = "printed without a source the warehouse can compute from";
        claims.Insert(0, first);
        var path = Path.Combine(Path.GetTempPath(), $"claims-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, shipped.ToJsonString());
        try
        {
            var study = await new CaseStudyBuilder(path).BuildAsync(fixture.WarehousePath, "沙县区");

            var metric = ((string)first["metric"]!, (string)first["period"]!);
            Assert.Single(study.Headlines, h => (h.Metric, h.Period) == metric);
            Assert.NotNull(study.Headlines.Single(h => (h.Metric, h.Period) == metric).Computed);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_county_without_claims_gets_the_headline_metrics_computed_without_printed_values()
    {
        var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, "沙县区");

        Assert.False(study.HasPublishedClaims);
        var claims = ClaimVerifier.LoadClaims();
        // Every (metric, period) some verifiable claim has, once.
        Assert.Equal(claims.Where(c => c.Unverifiable is null).Select(c => (c.Metric, c.Period)).Distinct().Order(),
            study.Headlines.Select(h => (h.Metric, h.Period)).Order());
        Assert.All(study.Headlines, h =>
        {
            Assert.Null(h.ClaimId);
            Assert.Null(h.Printed);
            Assert.Null(h.Verdict);
            Assert.Null(h.SourceDocument);
            Assert.Null(h.Quote);
        });

        // The figure is the warehouse's own, straight from published_figure, in a sentence about 沙县区 (全区, not 全市).
        await using var connection = await OpenAsync();
        var expected = Convert.ToDecimal(await ScalarAsync(connection,
            "SELECT value FROM published_figure('沙县区', first_year := 2019, last_year := 2021) WHERE metric_id = 'income.operating_growth'"));
        var growth = Assert.Single(study.Headlines, h => h.Metric == "income.operating_growth");
        Assert.Equal(expected, growth.Computed);
        Assert.Equal($"2019年至2021年，全区村集体经营性收入增长{Math.Round(expected * 100, 2):0.00}%", growth.Sentence);
        Assert.All(study.Headlines, h => Assert.Contains(h.ComputedText, h.Sentence));
        Assert.DoesNotContain(study.Headlines, h => h.Sentence!.Contains("全市", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_county_sentence_speaks_of_the_county()
    {
        var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, "明溪县");

        Assert.StartsWith("2019年至2021年，全县村集体经营性收入增长", Assert.Single(study.Headlines, h => h.Metric == "income.operating_growth").Sentence);
    }

    [Fact]
    public async Task An_open_connection_whose_default_catalog_is_the_warehouse_gives_the_same_case_study()
    {
        // As the API reads the warehouse: an in-memory database that attaches the file read-only and uses it.
        await using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"ATTACH '{fixture.WarehousePath}' AS warehouse (READ_ONLY); USE warehouse;";
            await command.ExecuteNonQueryAsync();
        }

        var builder = new CaseStudyBuilder();
        var fromConnection = await builder.BuildAsync(connection, "永安市", CancellationToken.None);
        var fromPath = await builder.BuildAsync(fixture.WarehousePath, "永安市");

        Assert.Equal(fromPath.Headlines, fromConnection.Headlines);
        Assert.Equal(fromPath.RunId, fromConnection.RunId);
        Assert.Equal(
            fromPath.Themes.Select(t => t.Rows.SelectMany(r => r).ToArray()),
            fromConnection.Themes.Select(t => t.Rows.SelectMany(r => r).ToArray()));
    }

    [Fact]
    public async Task An_unknown_county_is_an_error_listing_the_counties()
    {
        var error = await Assert.ThrowsAsync<EtlException>(() => new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, "永安县"));

        Assert.StartsWith("No county-level unit named '永安县' in the warehouse; use one of: ", error.Message);
        await using var connection = await OpenAsync();
        // Today's county-level units: 梅列区, merged into 三元区 in 2021, is no longer one.
        var (_, counties) = await QueryAsync(connection, "SELECT region_name FROM metric_region WHERE region_level = 'County' AND valid_to IS NULL", null);
        Assert.Equal(11, counties.Count);
        Assert.All(counties, c => Assert.Contains(c[0]!, error.Message));
        Assert.DoesNotContain("梅列区", error.Message);
    }

    [Fact]
    public async Task Markdown_holds_the_sentence_the_verdicts_and_a_table_per_theme()
    {
        var directory = NewDirectory();

        var (exit, output, error) = await RunInAsync(directory, "casestudy", "永安市", "--format", "md", "--warehouse", fixture.WarehousePath);

        Assert.True(exit == 0, error);
        var path = Path.Combine(directory, "casestudy-永安市.md");
        Assert.Contains(path, output);
        var markdown = await File.ReadAllTextAsync(path);
        Assert.StartsWith("# 永安市", markdown);
        Assert.Contains("数据截至 ", markdown);
        Assert.Contains($"- {GrowthSentence}\n", markdown.ReplaceLineEndings("\n"));
        Assert.Contains("| 村集体经营性收入增长率 | 2019—2021年 | 30.81% | 30.81% | 一致 | 计算值为30.8100%，按刊发精度（两位小数）四舍五入为30.81%，与刊发一致 |", markdown);
        var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, "永安市");
        foreach (var table in study.Themes)
        {
            // Heading, header row with every label, the delimiter row, then one line per row.
            var header = "| " + string.Join(" | ", table.Columns.Select(CaseStudySheets.ColumnLabel)) + " |";
            var lines = markdown.ReplaceLineEndings("\n").Split('\n');
            var at = Array.IndexOf(lines, header);
            Assert.True(at > 0, $"{table.Id}: no header row {header}");
            Assert.Equal("|" + string.Join('|', table.Columns.Select(_ => "---")) + "|", lines[at + 1]);
            Assert.All(lines.Skip(at + 2).Take(table.Rows.Count), l => Assert.StartsWith("| ", l));
            Assert.Equal("", lines[at + 2 + table.Rows.Count]);
        }

        Assert.Contains("《永安市：夯基铸魂推动基层党建提质增效》", markdown);
    }

    [Fact]
    public async Task Html_is_one_self_contained_utf8_page_with_every_text_escaped()
    {
        var directory = NewDirectory();
        var claims = WriteClaimsWithQuote("yongan.income-growth", "<script>alert('x')</script> & 1<2");
        var file = Path.Combine(directory, "yongan.html");

        var (exit, _, error) = await RunInAsync(directory,
            "casestudy", "永安市", "--format", "html", "--output", file, "--warehouse", fixture.WarehousePath, "--claims", claims);

        Assert.True(exit == 0, error);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.False(bytes.AsSpan().StartsWith("\uFEFF"u8), "no byte-order mark");
        var html = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("<meta charset=\"utf-8\">", html);
        Assert.Contains(GrowthSentence, html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 1&lt;2", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotMatch(@"(src|href)\s*=|@import|url\(", html); // nothing loaded from elsewhere
        foreach (var tag in new[] { "html", "head", "body", "table", "thead", "tbody", "tr", "td", "th", "ul", "li", "h1", "h2", "h3", "p", "blockquote", "style", "title" })
        {
            Assert.True(Regex.Count(html, $"<{tag}[ >]") == Regex.Count(html, $"</{tag}>"), $"<{tag}> is not closed as often as opened");
        }
    }

    [Fact]
    public void Escaping_helpers_leave_no_markup_from_the_data()
    {
        Assert.Equal("&lt;b&gt;“清零” &amp; 30.81%&lt;/b&gt; &quot;x&quot;", CaseStudySheets.Html("<b>“清零” & 30.81%</b> \"x\""));
        Assert.Equal(@"a \| b \<i\> \*c\* \[d\](e)", CaseStudySheets.MarkdownText("a | b <i> *c* [d](e)"));
        Assert.Equal("一 二", CaseStudySheets.MarkdownText("一\n二"));
    }

    [Fact]
    public async Task Xlsx_reads_back_with_the_same_headlines_and_a_sheet_per_theme()
    {
        var directory = NewDirectory();

        var (exit, _, error) = await RunInAsync(directory, "casestudy", "永安市", "--format", "xlsx", "--warehouse", fixture.WarehousePath);

        Assert.True(exit == 0, error);
        var path = Path.Combine(directory, "casestudy-永安市.xlsx");
        var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, "永安市");
        Assert.Equal(
            new[] { CaseStudySheets.OverviewSheet, CaseStudySheets.HeadlineSheet }.Concat(study.Themes.Select(CaseStudySheets.SheetName)),
            MiniExcel.GetSheetNames(path));
        // Title and 数据截至 rows stand above the header row (A3).
        var headlines = MiniExcel.Query(path, useHeaderRow: true, sheetName: CaseStudySheets.HeadlineSheet, startCell: "A3")
            .Cast<IDictionary<string, object?>>()
            .Select(r => (Metric: r["指标"]?.ToString(), Sentence: r["可用表述"]?.ToString(), Printed: r["刊发值"]?.ToString(),
                Verdict: r["核验"]?.ToString(), Quote: r["原文"]?.ToString()))
            .ToList();
        Assert.Equal(
            study.Headlines.Select(h => ((string?)CaseStudySheets.MetricName(h), h.Sentence, h.Printed, (string?)CaseStudySheets.VerdictText(h.Verdict), h.Quote)),
            headlines);
        Assert.Contains(headlines, h => h.Sentence == GrowthSentence && h.Verdict == "一致");
        foreach (var table in study.Themes)
        {
            var rows = MiniExcel.Query(path, useHeaderRow: true, sheetName: CaseStudySheets.SheetName(table), startCell: "A3")
                .Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(table.Rows.Count, rows.Count);
            Assert.Equal(table.Columns.Select(CaseStudySheets.ColumnLabel), rows[0].Keys);
        }

        // Numbers stay numbers: the income sheet's operating income is the view's, in 万元.
        var income = study.Themes.Single(t => t.Id == "income");
        var operating = income.Columns.ToList().FindIndex(c => c.Name == "operating_income");
        var firstRow = MiniExcel.Query(path, useHeaderRow: true, sheetName: CaseStudySheets.SheetName(income), startCell: "A3")
            .Cast<IDictionary<string, object?>>().First();
        Assert.Equal(Math.Round(decimal.Parse(income.Rows[0][operating]!, System.Globalization.CultureInfo.InvariantCulture) / 10_000m, 2),
            Convert.ToDecimal(firstRow["经营性收入（万元）"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_unknown_county_exits_1_listing_the_counties_and_writes_nothing()
    {
        var directory = NewDirectory();

        var (exit, _, error) = await RunInAsync(directory, "casestudy", "永安县", "--warehouse", fixture.WarehousePath);

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: No county-level unit named '永安县' in the warehouse; use one of: 三元区, ", line);
        Assert.Contains("永安市", line);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }

    [Fact]
    public async Task An_existing_file_is_kept_without_force_and_replaced_with_it()
    {
        var directory = NewDirectory();
        var path = Path.Combine(directory, "casestudy-永安市.md");
        await File.WriteAllTextAsync(path, "an article draft");

        var (exit, _, error) = await RunInAsync(directory, "casestudy", "永安市", "--warehouse", fixture.WarehousePath);

        Assert.Equal(1, exit);
        Assert.Equal($"error: {path} exists; use --force to replace it.", error.Trim());
        Assert.Equal("an article draft", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(directory));

        var (forced, _, forcedError) = await RunInAsync(directory, "casestudy", "永安市", "--warehouse", fixture.WarehousePath, "--force");

        Assert.True(forced == 0, forcedError);
        Assert.Contains(GrowthSentence, await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(directory)); // no temporary file left beside it
    }

    [Fact]
    public async Task A_missing_warehouse_exits_1_and_writes_nothing()
    {
        var directory = NewDirectory();

        var (exit, _, error) = await RunInAsync(directory, "casestudy", "永安市", "--warehouse", Path.Combine(directory, "none.duckdb"));

        Assert.Equal(1, exit);
        Assert.StartsWith("error: No warehouse at ", error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }

    [Fact]
    public async Task An_unwritable_target_exits_1_and_leaves_no_temporary_file()
    {
        var directory = NewDirectory();
        var target = Path.Combine(directory, "no-such-folder", "yongan.html");

        var (exit, _, error) = await RunInAsync(directory,
            "casestudy", "永安市", "--format", "html", "--output", target, "--warehouse", fixture.WarehousePath);

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: Cannot write {target}: ", error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("casestudy", "永安市", "--format", "docx")]
    [InlineData("casestudy", "永安市", "--format", "MD")]
    [InlineData("casestudy")]
    [InlineData("casestudy", "永安市", "--no-such-option")]
    public async Task A_bad_command_line_is_a_usage_error_with_exit_code_2(params string[] args)
    {
        var directory = NewDirectory();

        var (exit, _, error) = await RunInAsync(directory, [.. args, "--warehouse", fixture.WarehousePath]);

        Assert.Equal(EtlCli.UsageError, exit);
        Assert.All(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("error: ", l));
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }

    /// <summary>The test's own reading of each theme: the county's row(s) of the view, queried here independently.</summary>
    private static readonly Dictionary<string, string> ExpectedQueries = new()
    {
        ["income"] = """
            SELECT year, villages, operating_income, self_operated_income, total_income, median_operating_income
            FROM metric_income WHERE region_name = $1 AND region_level = 'County' ORDER BY year
            """,
        ["grids"] = """
            SELECT level1_grids, level2_grids, level3_grids, level4_grids, household_coverage, level4_in_standard_share,
                   grids_with_steward, cadre_stewards, grid_branches, cross_village_organizations, cross_village_share
            FROM metric_grid_coverage WHERE region_name = $1 AND region_level = 'County'
            """,
        ["cases"] = """
            SELECT year, channel, received, received_resolved, resolution_rate, resolved, median_days_to_resolve, mean_satisfaction
            FROM metric_cases_by_year WHERE region_name = $1 AND region_level = 'County'
            ORDER BY year, CASE WHEN channel = 'All' THEN 1 ELSE 0 END, channel
            """,
        ["pairing"] = """
            SELECT year, agencies, with_village, with_community, with_enterprise, with_project, with_all_four,
                   all_four_share, leader_visit_compliance, joint_activities_per_pairing
            FROM metric_pairing_summary WHERE region_name = $1 AND region_level = 'County' ORDER BY year
            """,
        ["stars"] = """
            WITH county AS (SELECT * FROM metric_star_ratings WHERE region_name = $1 AND region_level = 'County')
            SELECT year, domain, stars, organizations, share_of_domain FROM county
            WHERE year = (SELECT max(year) FROM county) ORDER BY domain, stars DESC
            """,
        ["wishes"] = """
            WITH yearly AS (
                SELECT county_key, year, sum(posted) AS posted, sum(claimed) AS claimed, sum(fulfilled) AS fulfilled
                FROM metric_micro_wishes WHERE region_name = $1 AND region_level = 'County' GROUP BY county_key, year)
            SELECT y.year, y.posted, y.claimed, y.fulfilled, l.value AS fulfilment_rate, l.rank AS county_rank, l.counties
            FROM yearly y LEFT JOIN metric_league_table l
              ON l.metric_id = 'wishes.fulfilment_rate' AND l.county_key = y.county_key AND l.year = y.year
            ORDER BY y.year
            """,
    };

    private async Task<DuckDBConnection> OpenAsync() => await WarehouseReader.OpenReadOnlyAsync(fixture.WarehousePath, CancellationToken.None);

    private static async Task<object?> ScalarAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task<(List<string> Columns, List<string?[]> Rows)> QueryAsync(DuckDBConnection connection, string sql, string? county)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (county is not null)
        {
            command.Parameters.Add(new DuckDBParameter(county));
        }

        await using var reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : SqlCommand.Format(reader.GetValue(i))).ToArray());
        }

        return (columns, rows);
    }

    private string NewDirectory()
    {
        var directory = Path.Combine(fixture.Directory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>A copy of the shipped claims file with one claim's quote changed.</summary>
    private string WriteClaimsWithQuote(string id, string quote)
    {
        var document = JsonNode.Parse(File.ReadAllText(ClaimVerifier.DefaultClaimsPath))!;
        document["claims"]!.AsArray().Single(c => (string?)c!["id"] == id)!["quote"] = quote;
        var path = Path.Combine(NewDirectory(), "claims.json");
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }

    /// <summary>Runs the CLI with the current folder set to <paramref name="directory"/>, where the default file name lands.</summary>
    private static async Task<(int Exit, string Output, string Error)> RunInAsync(string directory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        await CurrentDirectory.WaitAsync();
        var previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = directory;
            var exit = await EtlCli.RunAsync(args, output, error);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            CurrentDirectory.Release();
        }
    }

    /// <summary>The current folder is per process: tests that change it take turns.</summary>
    private static readonly SemaphoreSlim CurrentDirectory = new(1, 1);
}
