using System.Globalization;
using System.Net;
using System.Text;
using MiniExcelLibs;

namespace Analytics.Etl.Warehouse;

/// <summary>The case study as a sheet for publicity staff: GitHub Markdown, one self-contained HTML page, or an XLSX workbook.</summary>
public static class CaseStudySheets
{
    public const string HeadlineSheet = "要点";
    public const string OverviewSheet = "概况";

    private const string NoClaimsNote = "本县（市、区）暂无公开报道数据：以下数值均由数仓计算，未经刊发核验。";

    public static string Title(CaseStudy study) => $"{study.County}基层党建与网格治理典型案例数据";

    /// <summary>Two facts, each labelled: the latest day the data reaches, and when the warehouse was built.</summary>
    public static string Freshness(CaseStudy study) =>
        $"数据截至 {DataAsOf(study)}；生成时间 {CaseStudyBuilder.BeijingTime(study.WarehouseBuiltAt)}（北京时间，数仓构建批次 {study.RunId}）";

    private static string DataAsOf(CaseStudy study) =>
        study.DataAsOf?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "（无业务数据）";

    public static string VerdictText(ClaimVerdict? verdict) => verdict switch
    {
        ClaimVerdict.Pass => "通过 (Pass)",
        ClaimVerdict.Fail => "不符 (Fail)",
        ClaimVerdict.Unverifiable => "无法核验 (Unverifiable)",
        _ => "",
    };

    /// <summary>A cell as people read it: shares as percentages, yuan with separators, enum names in Chinese.</summary>
    public static string FormatCell(CaseStudyColumn column, string? value)
    {
        if (value is null)
        {
            return "—";
        }

        var isNumber = decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
        return column.Kind switch
        {
            CaseStudyValueKind.Code => CaseStudyThemes.CodeLabels.GetValueOrDefault(value, value),
            CaseStudyValueKind.Share when isNumber => (number * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%",
            CaseStudyValueKind.Yuan when isNumber => number.ToString("#,0", CultureInfo.InvariantCulture),
            CaseStudyValueKind.Count when isNumber => number.ToString("0", CultureInfo.InvariantCulture),
            CaseStudyValueKind.Number when isNumber => number.ToString("0.##", CultureInfo.InvariantCulture),
            _ => value,
        };
    }

    /// <summary>The sources quoted by the headlines, each document once with its quotes in order.</summary>
    private static IEnumerable<(string Document, string Title, List<string> Quotes)> Sources(CaseStudy study) =>
        study.Headlines
            .Where(h => h.SourceDocument is not null && h.Quote is not null)
            .GroupBy(h => h.SourceDocument!)
            .Select(g => (g.Key, g.First().SourceTitle ?? g.Key, g.Select(h => h.Quote!).Distinct().ToList()));

    // ─── Markdown ─────────────────────────────────────────────────────────────────────────────────────────────────────

    public static async Task WriteMarkdownAsync(CaseStudy study, TextWriter output)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(MarkdownText(Title(study))).AppendLine();
        md.AppendLine(MarkdownText(Freshness(study))).AppendLine();

        md.AppendLine("## 要点").AppendLine();
        foreach (var headline in study.Headlines.Where(h => h.Sentence is not null))
        {
            md.Append("- ").AppendLine(MarkdownText(headline.Sentence!));
        }

        md.AppendLine();
        if (study.HasPublishedClaims)
        {
            md.AppendLine("## 刊发数据核验").AppendLine();
            MarkdownTable(md, ["数据", "期间", "刊发", "计算", "核验", "说明"],
                study.Headlines.Select(h => new[] { Code(h.ClaimId ?? h.Metric), MarkdownText(h.Period), MarkdownText(h.Printed ?? ""),
                    MarkdownText(h.ComputedText), MarkdownText(VerdictText(h.Verdict)), MarkdownText(h.Detail ?? "") }));
        }
        else
        {
            md.AppendLine("## 核心指标").AppendLine();
            md.AppendLine(MarkdownText(NoClaimsNote)).AppendLine();
            MarkdownTable(md, ["指标", "期间", "计算", "说明"],
                study.Headlines.Select(h => new[] { Code(h.Metric), MarkdownText(h.Period), MarkdownText(h.ComputedText), MarkdownText(h.Detail ?? "") }));
        }

        foreach (var table in study.Themes)
        {
            md.Append("## ").AppendLine(MarkdownText(table.Title)).AppendLine();
            md.Append("数据来源：视图 `").Append(table.View).AppendLine("`").AppendLine();
            if (table.Rows.Count == 0)
            {
                md.AppendLine("（暂无数据）").AppendLine();
                continue;
            }

            MarkdownTable(md, table.Columns.Select(c => MarkdownText(c.Label)).ToArray(),
                table.Rows.Select(r => table.Columns.Select((c, i) => MarkdownText(FormatCell(c, r[i]))).ToArray()));
        }

        var sources = Sources(study).ToList();
        if (sources.Count > 0)
        {
            md.AppendLine("## 资料来源与原文").AppendLine();
            foreach (var (document, title, quotes) in sources)
            {
                md.Append("- 《").Append(MarkdownText(title)).Append("》（").Append(MarkdownText(document)).AppendLine("）");
                foreach (var quote in quotes)
                {
                    md.Append("  - 「").Append(MarkdownText(quote)).AppendLine("」");
                }
            }

            md.AppendLine();
        }

        await output.WriteAsync(md.ToString());
    }

    /// <summary>A table of cells already escaped (<see cref="MarkdownText"/>) or code spans (<see cref="Code"/>).</summary>
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

    /// <summary>An identifier as a code span (ids and file names read as typed; a '|' would still end a table cell).</summary>
    private static string Code(string text) => text.Contains('`', StringComparison.Ordinal) || text.Contains('|', StringComparison.Ordinal)
        ? MarkdownText(text)
        : $"`{text}`";

    // ─── HTML ─────────────────────────────────────────────────────────────────────────────────────────────────────────

    private const string Style = """
        body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222;line-height:1.6}
        h1{color:#b71c1c;border-bottom:2px solid #b71c1c;padding-bottom:.3em}
        h2{color:#b71c1c;margin-top:1.6em}
        table{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}
        th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}
        th{background:#fbe9e7}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        .pass{color:#1b5e20}.fail{color:#b71c1c;font-weight:bold}.note,.src{color:#666;font-size:.9em}
        blockquote{margin:.3em 0 .3em 1em;padding-left:.8em;border-left:3px solid #ddd}
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
        html.Append("<h1>").Append(title).AppendLine("</h1>");
        html.Append("<p class=\"note\">").Append(Html(Freshness(study))).AppendLine("</p>");

        html.AppendLine("<h2>要点</h2>");
        html.AppendLine("<ul>");
        foreach (var headline in study.Headlines.Where(h => h.Sentence is not null))
        {
            html.Append("<li>").Append(Html(headline.Sentence!)).AppendLine("</li>");
        }

        html.AppendLine("</ul>");
        if (study.HasPublishedClaims)
        {
            html.AppendLine("<h2>刊发数据核验</h2>");
            html.AppendLine("<table>");
            html.AppendLine("<thead><tr><th>数据</th><th>期间</th><th>刊发</th><th>计算</th><th>核验</th><th>说明</th></tr></thead>");
            html.AppendLine("<tbody>");
            foreach (var h in study.Headlines)
            {
                var verdictClass = h.Verdict == ClaimVerdict.Pass ? "pass" : "fail";
                html.Append("<tr><td>").Append(Html(h.ClaimId ?? h.Metric)).Append("</td><td>").Append(Html(h.Period))
                    .Append("</td><td class=\"n\">").Append(Html(h.Printed ?? "")).Append("</td><td class=\"n\">").Append(Html(h.ComputedText))
                    .Append("</td><td class=\"").Append(verdictClass).Append("\">").Append(Html(VerdictText(h.Verdict)))
                    .Append("</td><td>").Append(Html(h.Detail ?? "")).AppendLine("</td></tr>");
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
                html.Append("<tr><td>").Append(Html(h.Metric)).Append("</td><td>").Append(Html(h.Period))
                    .Append("</td><td class=\"n\">").Append(Html(h.ComputedText)).Append("</td><td>").Append(Html(h.Detail ?? ""))
                    .AppendLine("</td></tr>");
            }

            html.AppendLine("</tbody>");
            html.AppendLine("</table>");
        }

        foreach (var table in study.Themes)
        {
            html.Append("<h2>").Append(Html(table.Title)).AppendLine("</h2>");
            html.Append("<p class=\"src\">数据来源：视图 <code>").Append(Html(table.View)).AppendLine("</code></p>");
            if (table.Rows.Count == 0)
            {
                html.AppendLine("<p>（暂无数据）</p>");
                continue;
            }

            html.AppendLine("<table>");
            html.Append("<thead><tr>");
            foreach (var column in table.Columns)
            {
                html.Append("<th>").Append(Html(column.Label)).Append("</th>");
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
        }

        var sources = Sources(study).ToList();
        if (sources.Count > 0)
        {
            html.AppendLine("<h2>资料来源与原文</h2>");
            foreach (var (document, sourceTitle, quotes) in sources)
            {
                html.Append("<h3>《").Append(Html(sourceTitle)).Append("》<span class=\"src\">（").Append(Html(document)).AppendLine("）</span></h3>");
                foreach (var quote in quotes)
                {
                    html.Append("<blockquote>").Append(Html(quote)).AppendLine("</blockquote>");
                }
            }
        }

        html.AppendLine("</body>");
        html.AppendLine("</html>");
        await output.WriteAsync(html.ToString());
    }

    /// <summary>Text as HTML content or attribute value: &amp;, &lt;, &gt;, quotes escaped; Chinese kept as is.</summary>
    public static string Html(string text) => WebUtility.HtmlEncode(text);

    // ─── XLSX ─────────────────────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>
    /// A workbook: 概况 (county, freshness), 要点 (one row per headline with sentence, printed, computed, verdict, source and
    /// quote), then one sheet per theme named by its title. Numbers stay numbers; shares are written as percentages, as printed.
    /// </summary>
    public static async Task WriteXlsxAsync(CaseStudy study, Stream output, CancellationToken cancellationToken)
    {
        var sheets = new Dictionary<string, object>
        {
            [OverviewSheet] = new List<Dictionary<string, object?>>
            {
                new() { ["项目"] = "县（市、区）", ["内容"] = study.County },
                new() { ["项目"] = "标题", ["内容"] = Title(study) },
                new() { ["项目"] = "数据截至", ["内容"] = DataAsOf(study) },
                new() { ["项目"] = "生成时间（北京时间）", ["内容"] = CaseStudyBuilder.BeijingTime(study.WarehouseBuiltAt) },
                new() { ["项目"] = "数仓构建批次", ["内容"] = study.RunId },
                new() { ["项目"] = "说明", ["内容"] = study.HasPublishedClaims ? "刊发数据逐条与数仓计算值核验，见“要点”。" : NoClaimsNote },
            },
            [HeadlineSheet] = study.Headlines.Select(h => new Dictionary<string, object?>
            {
                ["数据编号"] = h.ClaimId ?? "",
                ["指标"] = h.Metric,
                ["期间"] = h.Period,
                ["句子"] = h.Sentence ?? "",
                ["计算值"] = h.ComputedText,
                ["刊发值"] = h.Printed ?? "",
                ["核验"] = VerdictText(h.Verdict),
                ["说明"] = h.Detail ?? "",
                ["来源文件"] = h.SourceDocument ?? "",
                ["来源标题"] = h.SourceTitle ?? "",
                ["原文"] = h.Quote ?? "",
            }).ToList(),
        };
        foreach (var table in study.Themes)
        {
            sheets[SheetName(table)] = table.Rows.Select(row => table.Columns
                .Select((c, i) => (c.Label, Value: XlsxCell(c, row[i])))
                .ToDictionary(x => x.Label, x => x.Value)).ToList();
        }

        await MiniExcel.SaveAsAsync(output, sheets, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
    }

    /// <summary>The theme's title up to its parenthesis (村集体收入): Excel allows 31 characters and no : \ / ? * [ ].</summary>
    public static string SheetName(CaseStudyTable table)
    {
        var name = table.Title.Split('（')[0];
        return name.Length > 31 ? name[..31] : name;
    }

    private static object? XlsxCell(CaseStudyColumn column, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return column.Kind switch
        {
            CaseStudyValueKind.Count or CaseStudyValueKind.Yuan or CaseStudyValueKind.Number
                when decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            CaseStudyValueKind.Text when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) => year,
            _ => FormatCell(column, value),
        };
    }
}
