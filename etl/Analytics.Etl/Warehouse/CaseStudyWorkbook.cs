using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Analytics.Etl.Warehouse;

/// <summary>
/// The case study as an XLSX workbook ready to send: 概况, 要点, then a sheet per theme. Each sheet has a title row, a
/// 数据截至 row and a header row (repeated on every printed page, frozen on screen); numbers are stored as numbers with
/// number formats (0.00%, #,##0, money in 万元 with the unit in the header) and rounded to the shown precision; columns
/// are fitted to their text; pages print on A4, landscape when the sheet is wide, fitted to the page width, with the
/// title in the header and 数据截至 in the footer.
/// </summary>
public static class CaseStudyWorkbook
{
    /// <summary>Rows above the data: title, freshness, header.</summary>
    public const int HeaderRows = 3;

    /// <summary>A sheet whose fitted columns are wider than this (in character widths) prints landscape.</summary>
    public const double PortraitWidth = 95;

    /// <summary>Widest a column is fitted to; longer text wraps.</summary>
    public const double MaxColumnWidth = 30;

    /// <summary>Widest a header makes its column: a long heading (当年办结案件办结天数中位数（天）) wraps over a column its
    /// numbers need, rather than widening it.</summary>
    public const double HeaderWidth = 16;

    /// <summary>Number formats the workbook uses, by code (custom ids from 164, as Excel numbers its own).</summary>
    public static class Formats
    {
        public const string Integer = "#,##0";
        public const string Money = "#,##0.00";
        public const string Percent2 = "0.00%";
        public const string Percent1 = "0.0%";
        public const string Percent0 = "0%";
        public const string Decimal1 = "0.0";
        public const string Decimal2 = "0.00";
        public const string Year = "0";
    }

    private static readonly string[] FormatCodes =
        [Formats.Integer, Formats.Money, Formats.Percent2, Formats.Percent1, Formats.Percent0, Formats.Decimal1, Formats.Decimal2, Formats.Year];

    // Cell style indices (cellXfs): 0 default, 1 title, 2 note, 3 header, 4 text, 5 wrapped text, then one per number format.
    private const uint TitleStyle = 1;
    private const uint NoteStyle = 2;
    private const uint HeaderStyle = 3;
    private const uint TextStyle = 4;
    private const uint WrapStyle = 5;
    private const uint FirstNumberStyle = 6;

    private static uint NumberStyle(string format) => FirstNumberStyle + (uint)Array.IndexOf(FormatCodes, format);

    /// <summary>A cell to write: text, or a number with its format.</summary>
    private readonly record struct Value(string? Text, decimal? Number, string? Format)
    {
        public static Value Of(string? text) => new(text, null, null);

        public static Value Of(decimal? number, string format) => number is null ? new(null, null, null) : new(null, number, format);
    }

    private sealed record SheetContent(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<Value>> Rows);

    public static async Task WriteAsync(CaseStudy study, Stream output, CancellationToken cancellationToken)
    {
        var sheets = new List<SheetContent> { Overview(study), Headlines(study) };
        sheets.AddRange(study.Themes.Select(Theme));

        // The SDK needs a seekable stream (a response body is not): build in memory, then copy.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            Write(document, study, sheets);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    private static SheetContent Overview(CaseStudy study)
    {
        var rows = new List<IReadOnlyList<Value>>
        {
            new[] { Value.Of("县（市、区）"), Value.Of(study.County) },
            new[] { Value.Of("标题"), Value.Of(CaseStudySheets.Title(study)) },
            new[] { Value.Of("数据截至"), Value.Of(CaseStudySheets.DataAsOf(study)) },
            new[] { Value.Of("生成时间（北京时间）"), Value.Of(CaseStudyBuilder.BeijingTime(study.WarehouseBuiltAt)) },
            new[] { Value.Of("数据来源"), Value.Of(CaseStudySheets.DataSource["数据来源：".Length..]) },
            new[] { Value.Of("资料来源"), Value.Of(string.Join("、", CaseStudySheets.Sources(study).Select(s => $"《{s.Title}》")) is { Length: > 0 } titles
                ? titles : "（无公开报道）") },
            new[] { Value.Of("说明"), Value.Of(CaseStudySheets.VerdictSummary(study) is { } summary
                ? summary + "逐项结果见“要点”。"
                : "本县（市、区）暂无公开报道数据：“要点”中的数值均由数仓计算，未经刊发核验。") },
        };
        return new SheetContent(CaseStudySheets.OverviewSheet, ["项目", "内容"], rows);
    }

    private static SheetContent Headlines(CaseStudy study)
    {
        var published = study.HasPublishedClaims;
        string[] header = published
            ? ["指标", "期间", "可用表述", "计算值", "刊发值", "核验", "说明", "原文"]
            : ["指标", "期间", "可用表述", "计算值", "说明"];
        var rows = study.Headlines.Select(h =>
        {
            var row = new List<Value>
            {
                Value.Of(CaseStudySheets.MetricName(h)),
                Value.Of(CaseStudySheets.PeriodText(study, h)),
                Value.Of(h.Sentence),
                Computed(h),
            };
            if (published)
            {
                row.Add(Value.Of(h.Printed));
                row.Add(Value.Of(CaseStudySheets.VerdictText(h.Verdict)));
            }

            row.Add(Value.Of(CaseStudyLabels.Explanation(h)));
            if (published)
            {
                row.Add(Value.Of(h.Quote));
            }

            return (IReadOnlyList<Value>)row;
        }).ToList();
        return new SheetContent(CaseStudySheets.HeadlineSheet, header, rows);
    }

    /// <summary>The computed value as a number at the precision the headline prints it (30.81% → 0.3081 as 0.00%).</summary>
    private static Value Computed(CaseStudyHeadline headline)
    {
        if (headline.Computed is not { } computed)
        {
            return Value.Of(null);
        }

        var text = headline.ComputedText;
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : text.TrimEnd('%').Length - point - 1;
        if (text.EndsWith('%'))
        {
            var format = decimals switch { 0 => Formats.Percent0, 1 => Formats.Percent1, _ => Formats.Percent2 };
            return Value.Of(Math.Round(computed, Math.Min(decimals, 2) + 2, MidpointRounding.AwayFromZero), format);
        }

        return decimals == 0
            ? Value.Of(Math.Round(computed, 0, MidpointRounding.AwayFromZero), Formats.Integer)
            : Value.Of(Math.Round(computed, 2, MidpointRounding.AwayFromZero), Formats.Money);
    }

    private static SheetContent Theme(CaseStudyTable table)
    {
        var rows = table.Rows.Select(row => (IReadOnlyList<Value>)table.Columns.Select((column, i) => Cell(column, row[i])).ToList()).ToList();
        return new SheetContent(CaseStudySheets.SheetName(table), table.Columns.Select(CaseStudySheets.ColumnLabel).ToList(), rows);
    }

    private static Value Cell(CaseStudyColumn column, string? value)
    {
        if (value is null)
        {
            return Value.Of(null);
        }

        return column.Kind switch
        {
            CaseStudyValueKind.Text when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) => Value.Of(year, Formats.Year),
            CaseStudyValueKind.Text or CaseStudyValueKind.Code => Value.Of(CaseStudySheets.FormatCell(column, value)),
            _ => CaseStudySheets.CellNumber(column, value) is { } number
                ? Value.Of(number, column.Kind switch
                {
                    CaseStudyValueKind.Share => Formats.Percent2,
                    CaseStudyValueKind.Yuan => Formats.Money,
                    CaseStudyValueKind.Count => Formats.Integer,
                    _ => column.Decimals == 1 ? Formats.Decimal1 : Formats.Decimal2,
                })
                : Value.Of(value),
        };
    }

    // ─── Open XML ─────────────────────────────────────────────────────────────────────────────────────────────────────

    private static void Write(SpreadsheetDocument document, CaseStudy study, List<SheetContent> sheets)
    {
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = Styles();
        var sharedStrings = new SharedStrings(workbookPart.AddNewPart<SharedStringTablePart>());

        var sheetList = new Sheets();
        var definedNames = new DefinedNames();
        for (var index = 0; index < sheets.Count; index++)
        {
            var content = sheets[index];
            var part = workbookPart.AddNewPart<WorksheetPart>();
            part.Worksheet = Worksheet(study, content, sharedStrings);
            sheetList.Append(new Sheet { Name = content.Name, SheetId = (uint)(index + 1), Id = workbookPart.GetIdOfPart(part) });
            // The title, freshness and header rows print on every page.
            definedNames.Append(new DefinedName($"'{content.Name}'!$1:${HeaderRows}")
            {
                Name = "_xlnm.Print_Titles",
                LocalSheetId = (uint)index,
            });
        }

        workbookPart.Workbook.Append(sheetList, definedNames);
        sharedStrings.Save();
        workbookPart.Workbook.Save();
    }

    private static Worksheet Worksheet(CaseStudy study, SheetContent content, SharedStrings strings)
    {
        var columnCount = content.Header.Count;
        var widths = Enumerable.Range(0, columnCount)
            .Select(i => Math.Clamp(
                Math.Max(Math.Min(DisplayWidth(content.Header[i]), HeaderWidth),
                    content.Rows.Select(r => DisplayWidth(Shown(r[i]))).DefaultIfEmpty(0).Max()) + 2,
                8, MaxColumnWidth))
            .ToArray();
        var wide = widths.Sum() > PortraitWidth;

        var data = new SheetData();
        var lastColumn = ColumnName(columnCount - 1);
        data.Append(TextRow(1, [$"{CaseStudySheets.Title(study)}——{content.Name}"], TitleStyle, strings));
        data.Append(TextRow(2, [$"{CaseStudySheets.Freshness(study)}。{CaseStudySheets.DataSource}"], NoteStyle, strings));
        data.Append(TextRow(3, content.Header, HeaderStyle, strings));
        var rowIndex = (uint)HeaderRows;
        foreach (var values in content.Rows)
        {
            rowIndex++;
            var row = new Row { RowIndex = rowIndex };
            for (var i = 0; i < values.Count; i++)
            {
                var reference = ColumnName(i) + rowIndex.ToString(CultureInfo.InvariantCulture);
                var value = values[i];
                if (value.Number is { } number)
                {
                    row.Append(new Cell
                    {
                        CellReference = reference,
                        DataType = CellValues.Number,
                        CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)),
                        StyleIndex = NumberStyle(value.Format!),
                    });
                }
                else if (value.Text is { Length: > 0 } text)
                {
                    row.Append(strings.Cell(reference, text, DisplayWidth(text) + 2 > MaxColumnWidth ? WrapStyle : TextStyle));
                }
            }

            data.Append(row);
        }

        var header = Escape(CaseStudySheets.Title(study));
        var worksheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = HeaderRows, // ySplit: the rows above the data stay on screen
                TopLeftCell = $"A{HeaderRows + 1}",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            })
            { WorkbookViewId = 0, TabSelected = content.Name == CaseStudySheets.OverviewSheet }),
            new Columns(widths.Select((w, i) => new Column
            {
                Min = (uint)(i + 1),
                Max = (uint)(i + 1),
                Width = Math.Round(w, 1),
                CustomWidth = true,
            })),
            data,
            new MergeCells(
                new MergeCell { Reference = $"A1:{lastColumn}1" },
                new MergeCell { Reference = $"A2:{lastColumn}2" }),
            new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 },
            new PageSetup
            {
                PaperSize = 9, // A4
                Orientation = wide ? OrientationValues.Landscape : OrientationValues.Portrait,
                FitToWidth = 1,
                FitToHeight = 0,
            },
            new HeaderFooter(
                new OddHeader($"&L{header}&R{Escape(content.Name)}"),
                new OddFooter($"&L{Escape("数据截至 " + CaseStudySheets.DataAsOf(study))}&C第 &P 页，共 &N 页&R{Escape(CaseStudySheets.DataSource)}")));
        return worksheet;
    }

    /// <summary>A row of text cells from column A, in one style.</summary>
    private static Row TextRow(uint index, IReadOnlyList<string> texts, uint style, SharedStrings strings)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < texts.Count; i++)
        {
            row.Append(strings.Cell(ColumnName(i) + index.ToString(CultureInfo.InvariantCulture), texts[i], style));
        }

        return row;
    }

    /// <summary>The text a cell shows, for fitting its column.</summary>
    private static string Shown(Value value) => value.Number is { } number
        ? value.Format switch
        {
            Formats.Percent2 or Formats.Percent1 or Formats.Percent0 => (number * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%",
            Formats.Year => number.ToString(CultureInfo.InvariantCulture),
            _ => number.ToString("#,0.00", CultureInfo.InvariantCulture),
        }
        : value.Text ?? "";

    /// <summary>Width in Excel's character units: a CJK character (or full-width mark) takes two.</summary>
    public static double DisplayWidth(string text) => text.Sum(c => c >= '\u2E80' ? 2.0 : 1.0);

    /// <summary>Excel's column letters: 0 → A, 25 → Z, 26 → AA.</summary>
    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Text for a header or footer, where '&amp;' starts a code.</summary>
    private static string Escape(string text) => text.Replace("&", "&&", StringComparison.Ordinal);

    private static Stylesheet Styles()
    {
        var numberingFormats = new NumberingFormats(FormatCodes.Select((code, i) => new NumberingFormat
        {
            NumberFormatId = (uint)(164 + i),
            FormatCode = code,
        }));
        numberingFormats.Count = (uint)FormatCodes.Length;
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new Color { Rgb = "FFB71C1C" }, new FontName { Val = "等线" }),
            new Font(new FontSize { Val = 9 }, new Color { Rgb = "FF666666" }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" }))
        { Count = 4 };
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFBE9E7" }) { PatternType = PatternValues.Solid }))
        { Count = 3 };
        var thin = () => new Border(
            new LeftBorder { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FFCCCCCC" } },
            new RightBorder { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FFCCCCCC" } },
            new TopBorder { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FFCCCCCC" } },
            new BottomBorder { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FFCCCCCC" } },
            new DiagonalBorder());
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin())
        { Count = 2 };
        var formats = new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 },
            new CellFormat { FontId = 1, FillId = 0, BorderId = 0, NumberFormatId = 0, ApplyFont = true },
            new CellFormat { FontId = 2, FillId = 0, BorderId = 0, NumberFormatId = 0, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center, Horizontal = HorizontalAlignmentValues.Center })
            { FontId = 3, FillId = 2, BorderId = 1, NumberFormatId = 0, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top })
            { FontId = 0, FillId = 0, BorderId = 1, NumberFormatId = 0, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
            { FontId = 0, FillId = 0, BorderId = 1, NumberFormatId = 0, ApplyBorder = true, ApplyAlignment = true });
        for (var i = 0; i < FormatCodes.Length; i++)
        {
            formats.Append(new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top })
            {
                FontId = 0,
                FillId = 0,
                BorderId = 1,
                NumberFormatId = (uint)(164 + i),
                ApplyNumberFormat = true,
                ApplyBorder = true,
                ApplyAlignment = true,
            });
        }

        formats.Count = (uint)formats.ChildElements.Count;
        return new Stylesheet(numberingFormats, fonts, fills, borders,
            new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 }) { Count = 1 },
            formats);
    }

    /// <summary>The workbook's shared strings: each text once, cells refer to it by index (t="s").</summary>
    private sealed class SharedStrings(SharedStringTablePart part)
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly SharedStringTable _table = new();
        private int _count;

        public Cell Cell(string reference, string text, uint style)
        {
            _count++;
            if (!_index.TryGetValue(text, out var index))
            {
                index = _index.Count;
                _index[text] = index;
                _table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            }

            return new Cell
            {
                CellReference = reference,
                DataType = CellValues.SharedString,
                CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture)),
                StyleIndex = style,
            };
        }

        public void Save()
        {
            _table.Count = (uint)_count;
            _table.UniqueCount = (uint)_index.Count;
            part.SharedStringTable = _table;
        }
    }
}
