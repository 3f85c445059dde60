using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Analytics.Etl.Commands;
using Analytics.Etl.Warehouse;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Analytics.Etl.Tests;

/// <summary>
/// The case study as handed on: Chinese only (no keys, no English), the xlsx ready to send (numbers as numbers with
/// formats, fitted columns, A4 print setup), and the PDF printed by Chromium (or said to be unavailable).
/// </summary>
public sealed partial class CaseStudyPrintTests(DemoWarehouseFixture fixture) : IClassFixture<DemoWarehouseFixture>
{
    /// <summary>The counties of the two articles, and one without published figures (its headlines are computed only).</summary>
    public static TheoryData<string, string> CountiesAndFormats => new()
    {
        { "永安市", "md" }, { "永安市", "html" }, { "永安市", "xlsx" },
        { "三元区", "md" }, { "三元区", "html" }, { "三元区", "xlsx" },
        { "沙县区", "md" }, { "沙县区", "html" }, { "沙县区", "xlsx" },
    };

    [Theory]
    [MemberData(nameof(CountiesAndFormats))]
    public async Task The_chinese_sheet_has_no_latin_letters_and_no_internal_key(string county, string format)
    {
        var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, county);
        using var stream = new MemoryStream();
        await CaseStudyCommand.WriteAsync(study, format, stream, CancellationToken.None);

        var texts = format switch
        {
            "xlsx" => WorkbookTexts(stream),
            "html" => [HtmlText(Encoding.UTF8.GetString(stream.ToArray()))],
            _ => [Encoding.UTF8.GetString(stream.ToArray())],
        };

        Assert.NotEmpty(texts);
        foreach (var text in texts)
        {
            // Digits, %, dates and punctuation are fine; no letter of the Latin alphabet (Pass, to date, metric_income, ids).
            Assert.False(LatinLetter().IsMatch(text), $"{format} of {county}: Latin letters in “{LatinLetter().Match(text).Value}” of: {text[..Math.Min(text.Length, 300)]}");
        }

        var all = string.Join("\n", texts);
        foreach (var claim in ClaimVerifier.LoadClaims())
        {
            Assert.DoesNotContain(claim.Id, all, StringComparison.Ordinal);
            Assert.DoesNotContain(claim.Metric, all, StringComparison.Ordinal);
        }

        foreach (var table in study.Themes)
        {
            Assert.DoesNotContain(table.View, all, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(study.RunId, all, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_headline_metric_of_the_claims_file_has_a_chinese_name()
    {
        foreach (var metric in ClaimVerifier.LoadClaims().Select(c => c.Metric).Distinct())
        {
            Assert.True(CaseStudyLabels.Metrics.TryGetValue(metric, out var label), $"{metric} has no Chinese name");
            Assert.DoesNotMatch(LatinLetter(), label.Name);
        }
    }

    [Fact]
    public async Task A_stock_reads_as_of_the_articles_day_and_a_sum_over_time_reads_cumulative()
    {
        var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, "永安市");
        var claims = ClaimVerifier.LoadClaims().Where(c => c.County == "永安市").ToDictionary(c => c.Id);

        foreach (var headline in study.Headlines)
        {
            var claim = claims[headline.ClaimId!];
            var period = CaseStudySheets.PeriodText(study, headline);
            var day = $"{claim.AsOf.Year}年{claim.AsOf.Month}月{claim.AsOf.Day}日";
            if (claim.Period != "to date")
            {
                Assert.DoesNotContain("截至", period, StringComparison.Ordinal);
                Assert.EndsWith("年", period, StringComparison.Ordinal);
                Assert.StartsWith(claim.Years.First!.Value.ToString(CultureInfo.InvariantCulture), period, StringComparison.Ordinal);
            }
            else if (CaseStudyLabels.Metric(claim.Metric).Measure == CaseStudyMeasure.Flow)
            {
                Assert.Equal($"累计（截至{day}）", period);
            }
            else
            {
                Assert.Equal($"截至{day}", period);
            }
        }

        // What the articles count over time is cumulative; what stands on a day is not.
        Assert.Equal(CaseStudyMeasure.Flow, CaseStudyLabels.Metric("cases.resolved.four_step").Measure);
        Assert.Equal(CaseStudyMeasure.Stock, CaseStudyLabels.Metric("region.villages").Measure);

        // A county no article speaks of: its figures run to the end of the data.
        var other = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, "沙县区");
        var villages = Assert.Single(other.Headlines, h => h.Metric == "region.villages");
        var end = other.DataAsOf!.Value;
        Assert.Equal($"截至{end.Year}年{end.Month}月{end.Day}日", CaseStudySheets.PeriodText(other, villages));
    }

    [Fact]
    public async Task The_sentence_says_qingling_where_the_article_does_and_only_when_none_is_left()
    {
        var claim = Assert.Single(ClaimVerifier.LoadClaims(), c => c.Printed == "清零");
        // The claim's county, and every county nobody printed figures for (its headlines are the claims file's metrics).
        var claimed = ClaimVerifier.LoadClaims().Select(c => c.County).ToHashSet();
        var counties = (await CountiesAsync()).Where(c => c == claim.County || !claimed.Contains(c)).ToList();
        Assert.True(counties.Count > 1);
        var seen = new HashSet<bool>();
        foreach (var county in counties)
        {
            var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, county);
            var headline = Assert.Single(study.Headlines, h => h.Metric == claim.Metric && h.Period == claim.Period);
            var none = headline.Computed == 0;
            seen.Add(none);
            Assert.Equal(none, headline.Sentence!.Contains("清零", StringComparison.Ordinal));
            if (!none)
            {
                Assert.Contains(headline.ComputedText + "个", headline.Sentence, StringComparison.Ordinal);
            }
        }

        Assert.Contains(true, seen); // 永安市 printed 清零 and the warehouse agrees
        Assert.Equal("2021年，全市经营性收入10万元以下的低收入村实现“清零”",
            (await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, claim.County)).Headlines.Single(h => h.ClaimId == claim.Id).Sentence);
    }

    [Theory]
    [InlineData("176个", "175", ClaimVerdict.Fail, "计算值为175，刊发“176个”即176，与刊发不符")]
    [InlineData("1700余件", "1650", ClaimVerdict.Fail, "计算值为1650，不在“1700余件”所指的1700至1799之间，与刊发不符")]
    [InlineData("1600余件", "1650", ClaimVerdict.Pass, "计算值为1650，在“1600余件”所指的1600至1699之间，与刊发一致")]
    [InlineData("100人以上", "99", ClaimVerdict.Fail, "计算值为99，低于刊发的100，与刊发不符")]
    [InlineData("30.82%", "0.308104", ClaimVerdict.Fail, "计算值为30.8104%，按刊发精度（两位小数）四舍五入为30.81%，与刊发不符")]
    [InlineData("100%", "0.996", ClaimVerdict.Fail, "计算值为99.6%，刊发“100%”指全部，与刊发不符")]
    public void A_verdict_is_explained_in_chinese_with_what_the_print_admits(string printed, string computed, ClaimVerdict verdict, string expected)
    {
        var headline = new CaseStudyHeadline("some.claim", "region.villages", "to date", decimal.Parse(computed, CultureInfo.InvariantCulture),
            computed, null, printed, verdict, "English detail of verify", null, null, null);

        Assert.Equal(expected, CaseStudyLabels.Explanation(headline));
        Assert.Equal(verdict == ClaimVerdict.Pass ? "一致" : "不符", CaseStudySheets.VerdictText(verdict));
        Assert.Equal("数仓无该期间数据", CaseStudyLabels.Explanation(headline with { Computed = null }));
        Assert.Equal("数仓无此项数据，无法核验", CaseStudyLabels.Explanation(headline with { Verdict = ClaimVerdict.Unverifiable }));
    }

    [Theory]
    [InlineData("永安市")]
    [InlineData("沙县区")]
    public async Task The_workbook_is_ready_to_send(string county)
    {
        var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, county);
        using var stream = new MemoryStream();
        await CaseStudyCommand.WriteAsync(study, "xlsx", stream, CancellationToken.None);
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var strings = workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        var formats = workbook.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>()
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!);
        var cellFormats = workbook.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        var printTitles = workbook.Workbook.DefinedNames!.Elements<DefinedName>().Where(d => d.Name == "_xlnm.Print_Titles").ToList();
        var dataAsOf = CaseStudySheets.DataAsOf(study);

        string FormatOf(Cell cell) => formats.GetValueOrDefault(cellFormats[(int)(cell.StyleIndex?.Value ?? 0)].NumberFormatId!.Value, "General");

        for (var index = 0; index < sheets.Count; index++)
        {
            var sheet = sheets[index];
            var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
            var name = sheet.Name!.Value!;

            // Print: A4, fitted to the page width, title/freshness/header rows on every page, 数据截至 in the footer.
            var setup = worksheet.GetFirstChild<PageSetup>()!;
            Assert.Equal(9u, setup.PaperSize!.Value);
            Assert.Equal(1u, setup.FitToWidth!.Value);
            Assert.Single(printTitles, d => d.LocalSheetId!.Value == (uint)index && d.Text == $"'{name}'!$1:$3");
            var footer = worksheet.GetFirstChild<HeaderFooter>()!;
            Assert.Contains($"数据截至 {dataAsOf}", footer.OddFooter!.Text, StringComparison.Ordinal);
            Assert.Contains(study.County, footer.OddHeader!.Text, StringComparison.Ordinal);

            var rows = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
            Assert.Contains($"数据截至 {dataAsOf}", strings[int.Parse(rows[1].Elements<Cell>().First().CellValue!.Text, CultureInfo.InvariantCulture)], StringComparison.Ordinal);
            var header = rows[2].Elements<Cell>().Select(c => strings[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)]).ToList();

            // Columns fitted: as wide as their widest text (up to the wrap width) and a header's first line (a longer
            // header wraps); wide sheets landscape.
            var widths = worksheet.GetFirstChild<Columns>()!.Elements<Column>().Select(c => c.Width!.Value).ToList();
            Assert.Equal(header.Count, widths.Count);
            var texts = rows.Skip(3).Select(r => r.Elements<Cell>()
                    .Where(c => c.DataType?.Value == CellValues.SharedString)
                    .ToDictionary(c => Regex.Replace(c.CellReference!.Value!, @"\d", ""), c => strings[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)]))
                .ToList();
            for (var i = 0; i < header.Count; i++)
            {
                var letter = ((char)('A' + i)).ToString();
                var widest = texts.Select(t => t.TryGetValue(letter, out var text) ? CaseStudyWorkbook.DisplayWidth(text) : 0).DefaultIfEmpty(0).Max();
                var needed = Math.Min(Math.Max(widest, Math.Min(CaseStudyWorkbook.DisplayWidth(header[i]), CaseStudyWorkbook.HeaderWidth)), CaseStudyWorkbook.MaxColumnWidth);
                Assert.True(widths[i] >= needed, $"{name}: column {header[i]} is {widths[i]} wide, its text needs {needed}");
                Assert.True(widths[i] <= CaseStudyWorkbook.MaxColumnWidth, $"{name}: column {header[i]} is {widths[i]} wide");
            }

            Assert.Equal(widths.Sum() > CaseStudyWorkbook.PortraitWidth ? OrientationValues.Landscape : OrientationValues.Portrait, setup.Orientation!.Value);

            var table = study.Themes.SingleOrDefault(t => CaseStudySheets.SheetName(t) == name);
            if (table is null)
            {
                continue;
            }

            Assert.Equal(table.Columns.Select(CaseStudySheets.ColumnLabel), header);
            Assert.All(table.Columns.Where(c => c.Kind == CaseStudyValueKind.Yuan), c => Assert.EndsWith("（万元）", CaseStudySheets.ColumnLabel(c), StringComparison.Ordinal));
            var data = rows.Skip(3).ToList();
            Assert.Equal(table.Rows.Count, data.Count);
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var cells = data[r].Elements<Cell>().ToDictionary(c => Regex.Replace(c.CellReference!.Value!, @"\d", ""));
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var column = table.Columns[c];
                    var value = table.Rows[r][c];
                    var letter = ((char)('A' + c)).ToString();
                    if (value is null)
                    {
                        Assert.False(cells.ContainsKey(letter), $"{name} {letter}{r + 4}: NULL is an empty cell");
                        continue;
                    }

                    var cell = cells[letter];
                    if (column.Kind is CaseStudyValueKind.Code || (column.Kind is CaseStudyValueKind.Text && !int.TryParse(value, out _)))
                    {
                        Assert.Equal(CellValues.SharedString, cell.DataType!.Value);
                        continue;
                    }

                    // A number, stored as a number, rounded to what its format shows.
                    Assert.Equal(CellValues.Number, cell.DataType!.Value);
                    var stored = decimal.Parse(cell.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                    var view = decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
                    var (expected, format) = column.Kind switch
                    {
                        CaseStudyValueKind.Share => (Math.Round(view, 4, MidpointRounding.AwayFromZero), "0.00%"),
                        CaseStudyValueKind.Yuan => (Math.Round(view / 10_000m, 2, MidpointRounding.AwayFromZero), "#,##0.00"),
                        CaseStudyValueKind.Count => (view, "#,##0"),
                        CaseStudyValueKind.Number => (Math.Round(view, column.Decimals, MidpointRounding.AwayFromZero), column.Decimals == 1 ? "0.0" : "0.00"),
                        _ => (view, "0"),
                    };
                    Assert.Equal(expected, stored);
                    Assert.Equal(format, FormatOf(cell));
                }
            }
        }

        // The headline sheet: each computed value a number at the headline's precision (30.81% → 0.3081 as 0.00%).
        var headlineSheet = (WorksheetPart)workbook.GetPartById(sheets.Single(s => s.Name == CaseStudySheets.HeadlineSheet).Id!);
        var headlineRows = headlineSheet.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Skip(3).ToList();
        Assert.Equal(study.Headlines.Count, headlineRows.Count);
        for (var i = 0; i < study.Headlines.Count; i++)
        {
            var headline = study.Headlines[i];
            var cell = headlineRows[i].Elements<Cell>().SingleOrDefault(c => c.CellReference!.Value!.StartsWith('D'));
            if (headline.Computed is null)
            {
                Assert.Null(cell);
                continue;
            }

            Assert.Equal(CellValues.Number, cell!.DataType!.Value);
            var stored = decimal.Parse(cell.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (headline.ComputedText.EndsWith('%'))
            {
                var decimals = headline.ComputedText.Contains('.') ? headline.ComputedText.Length - headline.ComputedText.IndexOf('.') - 2 : 0;
                Assert.Equal(headline.ComputedText, (stored * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%");
                Assert.Equal(decimals switch { 0 => "0%", 1 => "0.0%", _ => "0.00%" }, FormatOf(cell));
            }
            else
            {
                Assert.Equal(decimal.Parse(headline.ComputedText, CultureInfo.InvariantCulture), stored);
                Assert.Equal("#,##0", FormatOf(cell));
            }
        }
    }

    [Fact]
    public async Task The_html_prints_on_a4_with_a_summary_page_and_a_page_per_theme()
    {
        var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, "永安市");
        var writer = new StringWriter();
        await CaseStudySheets.WriteHtmlAsync(study, writer);
        var html = writer.ToString();

        Assert.Contains("@page{size:A4 portrait", html, StringComparison.Ordinal);
        Assert.Contains("@page wide{size:A4 landscape", html, StringComparison.Ordinal);
        Assert.Matches(@"@media print\{[^@]*\.summary\{break-after:page", html);
        Assert.Matches(@"@media print\{[^@]*section\.part\{break-before:page\}", html);

        // The summary comes first and holds the headline figures, 数据截至 and the source.
        var summary = Regex.Match(html, "<section class=\"summary\" id=\"summary\">(.*?)</section>", RegexOptions.Singleline);
        Assert.True(summary.Success);
        Assert.True(summary.Index < html.IndexOf("<section class=\"part", StringComparison.Ordinal));
        Assert.Contains($"数据截至 {CaseStudySheets.DataAsOf(study)}", summary.Value, StringComparison.Ordinal);
        Assert.Contains(CaseStudySheets.Html(CaseStudySheets.DataSource), summary.Value, StringComparison.Ordinal);
        Assert.Contains("《永安市：夯基铸魂推动基层党建提质增效》", summary.Value, StringComparison.Ordinal);
        var figures = Regex.Matches(summary.Value, "<div class=\"v\">(.*?)</div>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(study.Headlines.Where(h => h.Computed is not null).Take(CaseStudySheets.SummaryFigures).Select(CaseStudySheets.FigureText), figures);
        Assert.Contains("清零", figures); // the article's word, which the warehouse reproduces

        // Every theme is a section of its own (a page when printed), landscape where its table is wide.
        foreach (var table in study.Themes)
        {
            var section = Regex.Match(html, $"<section class=\"part( wide)?\" id=\"theme-{table.Id}\">");
            Assert.True(section.Success, table.Id);
            Assert.Equal(table.Columns.Count > 7, section.Groups[1].Success);
        }
    }

    // ─── PDF ──────────────────────────────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public async Task Pdf_without_chromium_exits_3_saying_so_and_writes_nothing()
    {
        var directory = NewDirectory();
        var missing = Path.Combine(directory, "no-chromium");

        var (exit, output, error) = await RunAsync(directory,
            "casestudy", "永安市", "--format", "pdf", "--chromium", missing, "--output", Path.Combine(directory, "yongan.pdf"), "--warehouse", fixture.WarehousePath);

        Assert.Equal(CaseStudyCommand.PdfUnavailable, exit);
        Assert.Equal("", output);
        Assert.StartsWith($"error: PDF is unavailable: no Chromium at {missing}", error.Trim(), StringComparison.Ordinal);
        Assert.Contains("md, html and xlsx are available", error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }

    [Fact]
    public async Task Pdf_runs_chromium_headless_on_the_html_sheet_with_its_own_profile()
    {
        var directory = NewDirectory();
        var log = Path.Combine(directory, "arguments.txt");
        // A stand-in for Chromium: records its arguments and the page it was given, and "prints" a PDF.
        var chromium = FakeChromium(directory, $$"""
            printf '%s\n' "$@" > '{{log}}'
            for a in "$@"; do
              case "$a" in
                --print-to-pdf=*) out="${a#--print-to-pdf=}" ;;
                --user-data-dir=*) profile="${a#--user-data-dir=}" ;;
                file://*) page="${a#file://}" ;;
              esac
            done
            cp "$page" '{{directory}}/page.html'
            [ -n "$profile" ] && mkdir -p "$profile"
            printf '%%PDF-1.4 fake' > "$out"
            """);
        var target = Path.Combine(directory, "yongan.pdf");

        var (exit, _, error) = await RunAsync(directory,
            "casestudy", "永安市", "--format", "pdf", "--chromium", chromium, "--output", target, "--warehouse", fixture.WarehousePath);

        Assert.True(exit == 0, error);
        Assert.Equal("%PDF-1.4 fake", await File.ReadAllTextAsync(target));
        var arguments = await File.ReadAllLinesAsync(log);
        Assert.Contains("--headless", arguments);
        Assert.Contains("--no-sandbox", arguments);
        Assert.Contains("--disable-gpu", arguments);
        Assert.Contains(arguments, a => a.StartsWith("--user-data-dir=" + Path.GetTempPath(), StringComparison.Ordinal));
        Assert.StartsWith("file://", arguments[^1], StringComparison.Ordinal);
        var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, "永安市");
        var expected = new StringWriter();
        await CaseStudySheets.WriteHtmlAsync(study, expected);
        Assert.Equal(expected.ToString(), await File.ReadAllTextAsync(Path.Combine(directory, "page.html")));
        // The temporary page and profile are gone.
        Assert.False(Directory.Exists(Path.GetDirectoryName(new Uri(arguments[^1]).LocalPath)));
    }

    [Fact]
    public async Task A_chromium_that_hangs_is_stopped_and_one_that_fails_is_reported()
    {
        var directory = NewDirectory();
        var study = await new CaseStudyBuilder().BuildAsync(fixture.WarehousePath, "永安市");

        var hanging = FakeChromium(directory, "sleep 30", "hanging");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var timeout = await Assert.ThrowsAsync<CaseStudyPdfException>(() =>
            CaseStudyPdf.WriteAsync(study, new MemoryStream(), hanging, TimeSpan.FromSeconds(1)));
        Assert.Equal(CaseStudyPdf.FailedCode, timeout.Code);
        Assert.Contains("within 1 s", timeout.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"took {started.Elapsed}");

        var failing = FakeChromium(directory, "echo 'cannot open display' >&2; exit 21", "failing");
        var failed = await Assert.ThrowsAsync<CaseStudyPdfException>(() => CaseStudyPdf.WriteAsync(study, new MemoryStream(), failing));
        Assert.Equal(CaseStudyPdf.FailedCode, failed.Code);
        Assert.Contains("exited with code 21 without a PDF: cannot open display", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chromium_comes_from_the_option_then_the_environment_then_debian()
    {
        Assert.Equal("/opt/x/chrome", CaseStudyPdf.ChromiumPath("/opt/x/chrome"));
        Assert.Equal(Environment.GetEnvironmentVariable(CaseStudyPdf.ChromiumVariable) is { Length: > 0 } set ? set : CaseStudyPdf.DefaultChromium,
            CaseStudyPdf.ChromiumPath());
        Assert.Null(CaseStudyPdf.Unavailable("/bin/sh"));
        Assert.NotNull(CaseStudyPdf.Unavailable("/no/such/chromium"));
    }

    // ─── helpers ──────────────────────────────────────────────────────────────────────────────────────────────────────

    [GeneratedRegex("[A-Za-z]")]
    private static partial Regex LatinLetter();

    /// <summary>What a reader sees of a page: its text, without markup, the style sheet or attribute values.</summary>
    private static string HtmlText(string html)
    {
        var body = Regex.Replace(html, "<style>.*?</style>", "", RegexOptions.Singleline);
        body = Regex.Replace(body, "<!DOCTYPE[^>]*>|<[^>]+>", " ");
        return WebUtility.HtmlDecode(body);
    }

    /// <summary>Every text of a workbook a reader sees: sheet names, cells (shared strings) and printed header/footer.</summary>
    private static List<string> WorkbookTexts(MemoryStream stream)
    {
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var texts = workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
        texts.AddRange(workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText));
        foreach (var part in workbook.WorksheetParts)
        {
            var headerFooter = part.Worksheet.GetFirstChild<HeaderFooter>()!;
            // Codes (&L, &C, &R, &P, &N) are the format's, not text.
            texts.AddRange(new[] { headerFooter.OddHeader!.Text, headerFooter.OddFooter!.Text }.Select(t => Regex.Replace(t, "&[LCRPN]", "")));
            Assert.DoesNotContain(part.Worksheet.Descendants<Cell>(), c => c.DataType?.Value == CellValues.InlineString);
        }

        return texts;
    }

    private async Task<List<string>> CountiesAsync()
    {
        await using var connection = await WarehouseReader.OpenReadOnlyAsync(fixture.WarehousePath, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT region_name FROM metric_region WHERE region_level = 'County' AND valid_to IS NULL ORDER BY region_code";
        await using var reader = await command.ExecuteReaderAsync();
        var counties = new List<string>();
        while (await reader.ReadAsync())
        {
            counties.Add(reader.GetString(0));
        }

        return counties;
    }

    private static string FakeChromium(string directory, string script, string name = "chromium")
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, "#!/bin/sh\n" + script.ReplaceLineEndings("\n") + "\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The stand-in Chromium is a shell script.");
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private string NewDirectory()
    {
        var directory = Path.Combine(fixture.Directory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string directory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await EtlCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
