using System.Globalization;
using System.Net;
using System.Text;

namespace Analytics.Etl.Warehouse;

/// <summary>
/// The case study as a sheet for publicity staff: GitHub Markdown, one self-contained HTML page (which prints on A4 and
/// opens with a one-page summary for a press release), or an XLSX workbook (<see cref="CaseStudyWorkbook"/>). Every
/// label is Chinese: metric ids, periods, verdicts and views are named as an official would name them.
/// </summary>
public static class CaseStudySheets
{
    public const string HeadlineSheet = "要点";
    public const string OverviewSheet = "概况";

    /// <summary>Where the figures come from, as the sheets cite it.</summary>
    public const string DataSource = "数据来源：基层党建与网格治理数据仓库（按业务台账每日汇总）";

    private const string NoClaimsNote = "本县（市、区）暂无公开报道数据：以下数值均由数仓计算，未经刊发核验。";

    public static string Title(CaseStudy study) => $"{study.County}基层党建与网格治理典型案例数据";

    /// <summary>Two facts, each labelled: the latest day the data reaches, and when the warehouse was built.</summary>
    public static string Freshness(CaseStudy study) =>
        $"数据截至 {DataAsOf(study)}；生成时间 {CaseStudyBuilder.BeijingTime(study.WarehouseBuiltAt)}（北京时间）";

    /// <summary>数据截至 as a day (<c>2026-12-05</c>), or why there is none.</summary>
    public static string DataAsOf(CaseStudy study) =>
        study.DataAsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "（无业务数据）";

    /// <summary>The verdict in Chinese: 一致, 不符, 无法核验.</summary>
    public static string VerdictText(ClaimVerdict? verdict) => CaseStudyLabels.Verdict(verdict);

    /// <summary>The headline's metric as an official names it.</summary>
    public static string MetricName(CaseStudyHeadline headline) => CaseStudyLabels.Metric(headline.Metric).Name;

    /// <summary>The headline's period in Chinese (2021年, 截至2022年10月22日, 累计（截至…）).</summary>
    public static string PeriodText(CaseStudy study, CaseStudyHeadline headline) => CaseStudyLabels.Period(headline, study.DataAsOf);

    /// <summary>A column's heading as the sheets print it: money in 万元 (the view's yuan divided by 10 000).</summary>
    public static string ColumnLabel(CaseStudyColumn column) => column.Kind == CaseStudyValueKind.Yuan
        ? column.Label.Replace("（元）", "（万元）", StringComparison.Ordinal)
        : column.Label;

    /// <summary>
    /// A cell's value as the sheets show it, rounded to the shown precision: a share as a fraction to 4 decimals
    /// (0.00 %), yuan as 万元 to 2 decimals, a count whole, any other number to the column's decimals. Null when the cell
    /// is not a number.
    /// </summary>
    public static decimal? CellNumber(CaseStudyColumn column, string? value)
    {
        if (value is null || column.Kind is CaseStudyValueKind.Text or CaseStudyValueKind.Code
            || !decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return column.Kind switch
        {
            CaseStudyValueKind.Share => Math.Round(number, 4, MidpointRounding.AwayFromZero),
            CaseStudyValueKind.Yuan => Math.Round(number / 10_000m, 2, MidpointRounding.AwayFromZero),
            CaseStudyValueKind.Count => Math.Round(number, 0, MidpointRounding.AwayFromZero),
            _ => Math.Round(number, column.Decimals, MidpointRounding.AwayFromZero),
        };
    }

    /// <summary>A cell as people read it: shares as percentages (30.81%), 万元 and counts with separators, enum names in Chinese.</summary>
    public static string FormatCell(CaseStudyColumn column, string? value)
    {
        if (value is null)
        {
            return "—";
        }

        if (CellNumber(column, value) is not { } number)
        {
            return column.Kind == CaseStudyValueKind.Code ? CaseStudyThemes.CodeLabels.GetValueOrDefault(value, value) : value;
        }

        return column.Kind switch
        {
            CaseStudyValueKind.Share => (number * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%",
            CaseStudyValueKind.Yuan => number.ToString("#,0.00", CultureInfo.InvariantCulture),
            CaseStudyValueKind.Count => number.ToString("#,0", CultureInfo.InvariantCulture),
            _ => number.ToString("F" + column.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The sources quoted by the headlines, each document once (by its title) with its quotes in order.</summary>
    internal static IEnumerable<(string Title, List<string> Quotes)> Sources(CaseStudy study) =>
        study.Headlines
            .Where(h => h.SourceDocument is not null && h.Quote is not null)
            .GroupBy(h => h.SourceDocument!)
            .Select(g => (g.First().SourceTitle ?? g.Key, g.Select(h => h.Quote!).Distinct().ToList()));

    /// <summary>
    /// A headline figure as a press release prints it: the article's word when it printed one and the warehouse agrees
    /// (清零 rather than 0), else the computed value.
    /// </summary>
    public static string FigureText(CaseStudyHeadline headline) =>
        headline.Verdict == ClaimVerdict.Pass && headline.Printed is { } printed && !printed.Any(char.IsAsciiDigit)
            ? printed
            : headline.ComputedText;

    /// <summary>How many printed figures the warehouse reproduces, in a sentence; null without published figures.</summary>
    public static string? VerdictSummary(CaseStudy study) => study.HasPublishedClaims
        ? $"刊发数据{study.Headlines.Count}项，经数仓逐项核验，{study.Headlines.Count(h => h.Verdict == ClaimVerdict.Pass)}项一致。"
        : null;

    // ─── Markdown ─────────────────────────────────────────────────────────────────────────────────────────────────────

    public static async Task WriteMarkdownAsync(CaseStudy study, TextWriter output)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(MarkdownText(Title(study))).AppendLine();
        md.AppendLine(MarkdownText(Freshness(study))).AppendLine();
        md.AppendLine(MarkdownText(DataSource)).AppendLine();

        md.AppendLine("## 要点").AppendLine();
        foreach (var headline in study.Headlines.Where(h => h.Sentence is not null))
        {
            md.Append("- ").AppendLine(MarkdownText(headline.Sentence!));
        }

        md.AppendLine();
        if (study.HasPublishedClaims)
        {
            md.AppendLine("## 刊发数据核验").AppendLine();
            md.AppendLine(MarkdownText(VerdictSummary(study)!)).AppendLine();
            MarkdownTable(md, ["指标", "期间", "刊发", "计算", "核验", "说明"],
                study.Headlines.Select(h => new[] { MetricName(h), PeriodText(study, h), h.Printed ?? "", h.ComputedText,
                    VerdictText(h.Verdict), CaseStudyLabels.Explanation(h) }.Select(MarkdownText).ToArray()));
        }
        else
        {
            md.AppendLine("## 核心指标").AppendLine();
            md.AppendLine(MarkdownText(NoClaimsNote)).AppendLine();
            MarkdownTable(md, ["指标", "期间", "计算", "说明"],
                study.Headlines.Select(h => new[] { MetricName(h), PeriodText(study, h), h.ComputedText, CaseStudyLabels.Explanation(h) }
                    .Select(MarkdownText).ToArray()));
        }

        foreach (var table in study.Themes)
        {
            md.Append("## ").AppendLine(MarkdownText(table.Title)).AppendLine();
            if (table.Rows.Count == 0)
            {
                md.AppendLine("（暂无数据）").AppendLine();
                continue;
            }

            MarkdownTable(md, table.Columns.Select(c => MarkdownText(ColumnLabel(c))).ToArray(),
                table.Rows.Select(r => table.Columns.Select((c, i) => MarkdownText(FormatCell(c, r[i]))).ToArray()));
        }

        var sources = Sources(study).ToList();
        if (sources.Count > 0)
        {
            md.AppendLine("## 资料来源与原文").AppendLine();
            foreach (var (title, quotes) in sources)
            {
                md.Append("- 《").Append(MarkdownText(title)).AppendLine("》");
                foreach (var quote in quotes)
                {
                    md.Append("  - 「").Append(MarkdownText(quote)).AppendLine("」");
                }
            }

            md.AppendLine();
        }

        await output.WriteAsync(md.ToString());
    }

    /// <summary>A table of cells already escaped (<see cref="MarkdownText"/>).</summary>
    private static void MarkdownTable(StringBuilder md, string[] header, IEnumerable<string[]> rows)
    {
        md.Append("| ").Append(string.Join(" | ", header)).AppendLine(" |");
        md.Append('|').Append(string.Join('|', header.Select(_ => "---"))).AppendLine("|");
        foreach (var row in rows)
        {
            md.Append("| ").Append(string.Join(" | ", row)).AppendLine(" |");
        }

        md.AppendLine();
    }

    /// <summary>Text that Markdown prints as is: no HTML, no emphasis or links from the data.</summary>
    public static string MarkdownText(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    // ─── HTML ─────────────────────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>Themes with more columns than this print on a landscape page.</summary>
    private const int PortraitColumns = 7;

    /// <summary>How many headline figures the one-page summary shows as large numbers (the rest as sentences).</summary>
    public const int SummaryFigures = 6;

    // Screen: one readable column. Print (A4): the summary alone on the first page, each theme on a page of its own
    // (landscape for wide tables, via a named page), table headers repeated, rows never split across pages.
    private const string Style = """
        body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222;line-height:1.6}
        h1{color:#b71c1c;border-bottom:2px solid #b71c1c;padding-bottom:.3em}
        h2{color:#b71c1c;margin-top:1.6em}
        table{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}
        th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}
        th{background:#fbe9e7}
        td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .pass{color:#1b5e20}.fail{color:#b71c1c;font-weight:bold}.pass,.fail{white-space:nowrap}.note,.src{color:#666;font-size:.9em}
        blockquote{margin:.3em 0 .3em 1em;padding-left:.8em;border-left:3px solid #ddd}
        .summary{border:1px solid #e0c0c0;padding:0 1.2em 1em;margin-bottom:2em}
        .summary h2{margin-top:.8em}
        .figures{display:grid;grid-template-columns:repeat(3,1fr);gap:.6em;margin:1em 0}
        .figure{border-top:3px solid #b71c1c;background:#fff8f6;padding:.4em .6em}
        .figure .v{font-size:1.7em;font-weight:bold;color:#b71c1c;line-height:1.2;font-variant-numeric:tabular-nums}
        .figure .l{font-size:.9em}.figure .p{font-size:.8em;color:#666}
        @page{size:A4 portrait;margin:14mm 12mm}
        @page wide{size:A4 landscape;margin:12mm 12mm}
        @media print{
        body{max-width:none;margin:0;padding:0;font-size:10.5pt;line-height:1.45}
        .summary{break-after:page;border:none;padding:0;margin:0}
        .figures{gap:.4em}
        section.part{break-before:page}
        section.wide{page:wide}
        h2,h3{break-after:avoid}
        thead{display:table-header-group}
        tr,blockquote,.figure{break-inside:avoid}
        table{font-size:9pt}
        th{background:#fbe9e7;-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }
        """;

    public static async Task WriteHtmlAsync(CaseStudy study, TextWriter output)
    {
        var html = new StringBuilder();
        var title = Html(Title(study));
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"zh-CN\">");
        html.AppendLine("<head>");
        html.AppendLine("<meta charset=\"utf-8\">");
        html.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(title).AppendLine("</title>");
        html.Append("<style>").Append(Style).AppendLine("</style>");
        html.AppendLine("</head>");
        html.AppendLine("<body>");

        // The summary: what a press release takes (headline figures with 数据截至, ready sentences, the source), on one page.
        html.AppendLine("<section class=\"summary\" id=\"summary\">");
        html.Append("<h1>").Append(title).AppendLine("</h1>");
        html.Append("<p class=\"note\">").Append(Html(Freshness(study))).AppendLine("</p>");
        var figures = study.Headlines.Where(h => h.Computed is not null).Take(SummaryFigures).ToList();
        if (figures.Count > 0)
        {
            html.AppendLine("<div class=\"figures\">");
            foreach (var h in figures)
            {
                html.Append("<div class=\"figure\"><div class=\"v\">").Append(Html(FigureText(h))).Append("</div><div class=\"l\">")
                    .Append(Html(MetricName(h))).Append("</div><div class=\"p\">").Append(Html(PeriodText(study, h))).AppendLine("</div></div>");
            }

            html.AppendLine("</div>");
        }

        html.AppendLine("<h2>要点</h2>");
        html.AppendLine("<ul>");
        foreach (var headline in study.Headlines.Where(h => h.Sentence is not null))
        {
            html.Append("<li>").Append(Html(headline.Sentence!)).AppendLine("</li>");
        }

        html.AppendLine("</ul>");
        html.Append("<p class=\"src\">").Append(Html(DataSource)).Append('。');
        if (VerdictSummary(study) is { } verdicts)
        {
            html.Append(Html(verdicts));
        }

        var sources = Sources(study).ToList();
        if (sources.Count > 0)
        {
            html.Append("资料来源：").Append(Html(string.Join("、", sources.Select(s => $"《{s.Title}》")))).Append('。');
        }

        html.AppendLine("</p>");
        html.AppendLine("</section>");

        html.AppendLine("<section class=\"part wide\" id=\"verification\">");
        if (study.HasPublishedClaims)
        {
            html.AppendLine("<h2>刊发数据核验</h2>");
            html.Append("<p class=\"note\">").Append(Html(VerdictSummary(study)!)).AppendLine("</p>");
            html.AppendLine("<table>");
            html.AppendLine("<thead><tr><th>指标</th><th>期间</th><th>刊发</th><th>计算</th><th>核验</th><th>说明</th></tr></thead>");
            html.AppendLine("<tbody>");
            foreach (var h in study.Headlines)
            {
                var verdictClass = h.Verdict == ClaimVerdict.Pass ? "pass" : "fail";
                html.Append("<tr><td>").Append(Html(MetricName(h))).Append("</td><td>").Append(Html(PeriodText(study, h)))
                    .Append("</td><td class=\"n\">").Append(Html(h.Printed ?? "")).Append("</td><td class=\"n\">").Append(Html(h.ComputedText))
                    .Append("</td><td class=\"").Append(verdictClass).Append("\">").Append(Html(VerdictText(h.Verdict)))
                    .Append("</td><td>").Append(Html(CaseStudyLabels.Explanation(h))).AppendLine("</td></tr>");
            }

            html.AppendLine("</tbody>");
            html.AppendLine("</table>");
        }
        else
        {
            html.AppendLine("<h2>核心指标</h2>");
            html.Append("<p class=\"note\">").Append(Html(NoClaimsNote)).AppendLine("</p>");
            html.AppendLine("<table>");
            html.AppendLine("<thead><tr><th>指标</th><th>期间</th><th>计算</th><th>说明</th></tr></thead>");
            html.AppendLine("<tbody>");
            foreach (var h in study.Headlines)
            {
                html.Append("<tr><td>").Append(Html(MetricName(h))).Append("</td><td>").Append(Html(PeriodText(study, h)))
                    .Append("</td><td class=\"n\">").Append(Html(h.ComputedText)).Append("</td><td>").Append(Html(CaseStudyLabels.Explanation(h)))
                    .AppendLine("</td></tr>");
            }

            html.AppendLine("</tbody>");
            html.AppendLine("</table>");
        }

        html.AppendLine("</section>");

        foreach (var table in study.Themes)
        {
            html.Append("<section class=\"part").Append(table.Columns.Count > PortraitColumns ? " wide" : "")
                .Append("\" id=\"theme-").Append(Html(table.Id)).AppendLine("\">");
            html.Append("<h2>").Append(Html(table.Title)).AppendLine("</h2>");
            html.Append("<p class=\"src\">").Append(Html(Freshness(study))).AppendLine("</p>");
            if (table.Rows.Count == 0)
            {
                html.AppendLine("<p>（暂无数据）</p>");
                html.AppendLine("</section>");
                continue;
            }

            html.AppendLine("<table>");
            html.Append("<thead><tr>");
            foreach (var column in table.Columns)
            {
                html.Append("<th>").Append(Html(ColumnLabel(column))).Append("</th>");
            }

            html.AppendLine("</tr></thead>");
            html.AppendLine("<tbody>");
            foreach (var row in table.Rows)
            {
                html.Append("<tr>");
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var numeric = table.Columns[i].Kind is not (CaseStudyValueKind.Text or CaseStudyValueKind.Code);
                    html.Append(numeric ? "<td class=\"n\">" : "<td>").Append(Html(FormatCell(table.Columns[i], row[i]))).Append("</td>");
                }

                html.AppendLine("</tr>");
            }

            html.AppendLine("</tbody>");
            html.AppendLine("</table>");
            html.AppendLine("</section>");
        }

        if (sources.Count > 0)
        {
            html.AppendLine("<section class=\"part\" id=\"sources\">");
            html.AppendLine("<h2>资料来源与原文</h2>");
            foreach (var (sourceTitle, quotes) in sources)
            {
                html.Append("<h3>《").Append(Html(sourceTitle)).AppendLine("》</h3>");
                foreach (var quote in quotes)
                {
                    html.Append("<blockquote>").Append(Html(quote)).AppendLine("</blockquote>");
                }
            }

            html.AppendLine("</section>");
        }

        html.AppendLine("</body>");
        html.AppendLine("</html>");
        await output.WriteAsync(html.ToString());
    }

    /// <summary>Text as HTML content or attribute value: &amp;, &lt;, &gt;, quotes escaped; Chinese kept as is.</summary>
    public static string Html(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The theme's title up to its parenthesis (村集体收入): Excel allows 31 characters and no : \ / ? * [ ].</summary>
    public static string SheetName(CaseStudyTable table)
    {
        var name = table.Title.Split('（')[0];
        return name.Length > 31 ? name[..31] : name;
    }
}
