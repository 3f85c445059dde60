namespace Analytics.Etl.Warehouse;

/// <summary>
/// A county's case study (典型案例材料) for publicity staff: headline figures with ready sentences, printed figures checked
/// against the warehouse, and a small table per theme. Plain records, so the GraphQL <c>caseStudy(county:)</c> field and
/// the <c>etl casestudy</c> export serve the same content.
/// </summary>
/// <param name="County">County-level unit as named in the warehouse (永安市).</param>
/// <param name="WarehouseBuiltAt">生成时间: when the newest ETL run that built the warehouse finished (UTC), not how far its data reaches.</param>
/// <param name="RunId">That run's id (<c>etl_runs.run_id</c>).</param>
/// <param name="HasPublishedClaims">Whether the headlines are the county's published claims (printed value and verdict).</param>
public sealed record CaseStudy(
    string County,
    DateTimeOffset WarehouseBuiltAt,
    string RunId,
    bool HasPublishedClaims,
    IReadOnlyList<CaseStudyHeadline> Headlines,
    IReadOnlyList<CaseStudyTable> Themes)
{
    /// <summary>数据截至: the latest Beijing day of a business event in the warehouse (<c>etl_runs.data_as_of</c>).</summary>
    public DateOnly? DataAsOf { get; init; }
}

/// <summary>
/// One headline figure. For a county with published claims, one per claim (printed value, verdict, source and quote);
/// for any other county, the same metric ids computed from the warehouse, without printed value, verdict or source.
/// </summary>
/// <param name="ClaimId">The claim's id (<c>yongan.income-growth</c>); null for a figure that was never printed.</param>
/// <param name="Metric">A <c>metric_id</c> of the warehouse macro <c>published_figure</c>.</param>
/// <param name="Period"><c>YYYY</c>, <c>YYYY-YYYY</c> or <c>to date</c>.</param>
/// <param name="Computed">The value the metric views give (a share as a fraction); null when the warehouse has none.</param>
/// <param name="ComputedText">The computed value as printed in the sentence (<c>30.81%</c>, <c>1650</c>); empty when none.</param>
/// <param name="Sentence">The ready Chinese sentence with the computed value; null when nothing was computed.</param>
/// <param name="Printed">The figure as printed (<c>30.81%</c>, <c>1600余件</c>); null when never printed.</param>
/// <param name="Verdict">Whether the warehouse reproduces the printed figure; null when never printed.</param>
/// <param name="Detail">Why it passed or failed (or why there is no value), in one line.</param>
/// <param name="SourceDocument">File name of the source document under <c>Claims/sources/</c>.</param>
/// <param name="SourceTitle">The source document's title (its first line), else its file name.</param>
/// <param name="Quote">The Chinese sentence the figure is printed in.</param>
public sealed record CaseStudyHeadline(
    string? ClaimId,
    string Metric,
    string Period,
    decimal? Computed,
    string ComputedText,
    string? Sentence,
    string? Printed,
    ClaimVerdict? Verdict,
    string? Detail,
    string? SourceDocument,
    string? SourceTitle,
    string? Quote)
{
    /// <summary>The day the figure speaks of (the article's day, for a printed one); null: the end of the data.</summary>
    public DateOnly? AsOf { get; init; }
}

/// <summary>How a column's values read: renderers format by it (a share as a percentage, yuan with separators).</summary>
public enum CaseStudyValueKind
{
    /// <summary>A year or other label printed as is.</summary>
    Text,

    /// <summary>An enum name of the warehouse (channel, domain); renderers show its Chinese name.</summary>
    Code,

    /// <summary>A whole number.</summary>
    Count,

    /// <summary>Money in yuan.</summary>
    Yuan,

    /// <summary>A fraction (0.3081 = 30.81 %).</summary>
    Share,

    /// <summary>Any other number (days, mean satisfaction, activities per pairing).</summary>
    Number,
}

/// <param name="Name">The metric view's column (<c>operating_income</c>).</param>
/// <param name="Label">Its Chinese heading (经营性收入（元）).</param>
public sealed record CaseStudyColumn(string Name, string Label, CaseStudyValueKind Kind)
{
    /// <summary>Decimals a <see cref="CaseStudyValueKind.Number"/> is shown (and, in the workbook, stored) with.</summary>
    public int Decimals { get; init; } = 2;
}

/// <summary>
/// A theme's table, read from a metric view for the county's own row(s). Cells are the view's values as invariant text
/// (ISO dates, <c>.</c> decimals, null for NULL), so BI tools and tests can compare them with the view directly.
/// </summary>
/// <param name="Id">Stable theme id (<c>income</c>, <c>grids</c>, <c>cases</c>, <c>pairing</c>, <c>stars</c>, <c>wishes</c>).</param>
/// <param name="Title">Chinese title of the theme.</param>
/// <param name="View">The metric view the rows come from.</param>
public sealed record CaseStudyTable(
    string Id,
    string Title,
    string View,
    IReadOnlyList<CaseStudyColumn> Columns,
    IReadOnlyList<IReadOnlyList<string?>> Rows);
