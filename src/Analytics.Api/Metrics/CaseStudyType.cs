using Analytics.Api.Security;
using Analytics.Api.Warehouse;
using Analytics.Etl;
using Analytics.Etl.Warehouse;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.Metrics;

/// <summary>
/// <c>caseStudy(county:)</c>: a county's case study for publicity staff — the same content as <c>etl casestudy</c>
/// (<see cref="CaseStudyBuilder"/>): headline figures with ready Chinese sentences, printed figures beside the computed
/// ones with a verdict, a table per theme, and when the warehouse was built.
/// </summary>
public static class CaseStudyQuery
{
    public const string UnknownCountyCode = "UNKNOWN_COUNTY";

    private static readonly CaseStudyBuilder Builder = new();

    /// <summary>The county's case study on the session's build (kept with the build's answers).</summary>
    public static Task<CaseStudy> StudyAsync(WarehouseSession session, string county, CancellationToken cancellationToken) =>
        session.RememberAsync($"case-study:{county}", () => Builder.BuildAsync(session.Connection, county, cancellationToken));

    public static void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<CaseStudyType>>("caseStudy")
            .Description("A county's case study (典型案例材料): headline figures and sentences, printed vs computed, a table per theme. "
                + "The same as `etl casestudy <county>`.")
            .Argument<NonNullGraphType<StringGraphType>>("county", "A county-level unit of 三明市, e.g. 永安市.")
            .AllowPublicity()
            .ResolveAsync(async context =>
            {
                await using var session = await AnalyticsType.OpenAsync(context);
                try
                {
                    return await StudyAsync(session, context.GetArgument<string>("county"), context.CancellationToken);
                }
                catch (EtlException ex)
                {
                    throw new ExecutionError(ex.Message) { Code = UnknownCountyCode };
                }
            });
}

public sealed class CaseStudyType : ObjectGraphType<CaseStudy>
{
    public CaseStudyType()
    {
        Name = "CaseStudy";
        Description = "A county's case study for publicity staff.";
        Field(c => c.County).Description("The county-level unit.");
        Field(c => c.WarehouseBuiltAt).Description("生成时间: when the warehouse that computed it was built (UTC), not how far its data reaches.");
        Field(c => c.DataAsOf, nullable: true).Description("数据截至: the latest day (Beijing) of a business event in that warehouse.");
        Field(c => c.RunId).Description("The ETL run that built it.");
        Field(c => c.HasPublishedClaims).Description("Whether the headlines are the county's published figures (printed value and verdict).");
        // A headline that runs to the end of the data reads its 截至 day from the study (periodText): the headline type
        // sees only its headline (GraphQL.NET's parent context of a list item holds the list, not the study).
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseStudyHeadlineType>>>>("headlines")
            .Description("Headline figures, in the claims file's order.")
            .Resolve(c => c.Source.Headlines.Select(h => h.AsOf is null || h.AsOf == DateOnly.MaxValue ? h with { AsOf = c.Source.DataAsOf } : h));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseStudyTableType>>>>("themes")
            .Description("A small table per theme: income, grids, cases, pairing, stars, wishes.").Resolve(c => c.Source.Themes);
    }
}

public sealed class CaseStudyHeadlineType : ObjectGraphType<CaseStudyHeadline>
{
    public CaseStudyHeadlineType()
    {
        Name = "CaseStudyHeadline";
        Description = "A headline figure: computed from the warehouse, with the printed figure and a verdict when one was published.";
        Field(h => h.ClaimId, nullable: true).Description("The published claim's id (yongan.income-growth); null when never printed.");
        Field(h => h.Metric).Description("The metric id (published_figure).");
        // The Chinese texts are the sheets' own (CaseStudySheets), so the page and the files it downloads agree.
        Field<NonNullGraphType<StringGraphType>>("label").Description("The metric's Chinese name, as the sheets print it: 村集体经营性收入增长率.")
            .Resolve(c => CaseStudySheets.MetricName(c.Source));
        Field(h => h.Period).Description("YYYY, YYYY-YYYY or 'to date'.");
        Field<NonNullGraphType<StringGraphType>>("periodText")
            .Description("The period in Chinese: 2021年, 2019—2021年, 截至2022年10月22日 for a count that stands on a day, 累计（截至…） for a sum over time.")
            .Resolve(c => CaseStudyLabels.Period(c.Source, dataAsOf: null));
        Field(h => h.Computed, nullable: true).Description("The computed value (a share as a fraction: 0.3081).");
        Field(h => h.ComputedText).Description("The computed value as printed (30.81%, 1650).");
        Field(h => h.Sentence, nullable: true).Description("A ready Chinese sentence: 2019年至2021年，全市村集体经营性收入增长30.81%.");
        Field(h => h.Printed, nullable: true).Description("The figure as printed (1600余件); null when never printed.");
        Field<StringGraphType>("verdict").Description("Pass, Fail or Unverifiable; null when never printed.")
            .Resolve(c => c.Source.Verdict?.ToString());
        Field<NonNullGraphType<StringGraphType>>("verdictText").Description("The verdict in Chinese: 一致, 不符 or 无法核验; empty when never printed.")
            .Resolve(c => CaseStudySheets.VerdictText(c.Source.Verdict));
        Field(h => h.Detail, nullable: true).Description("Why it passed or failed, in one line.");
        Field<NonNullGraphType<StringGraphType>>("detailText")
            .Description("Why the printed figure agrees or not, in one Chinese sentence (计算值为30.8100%，按刊发精度（两位小数）四舍五入为30.81%，与刊发一致); empty when never printed.")
            .Resolve(c => CaseStudyLabels.Explanation(c.Source));
        Field(h => h.SourceDocument, nullable: true).Description("The source document's file name.");
        Field(h => h.SourceTitle, nullable: true).Description("The source document's title.");
        Field(h => h.Quote, nullable: true).Description("The Chinese sentence the figure is printed in.");
    }
}

public sealed class CaseStudyTableType : ObjectGraphType<CaseStudyTable>
{
    public CaseStudyTableType()
    {
        Name = "CaseStudyTable";
        Description = "A theme's table, read from a metric view for the county's own rows.";
        Field(t => t.Id).Description("income, grids, cases, pairing, stars or wishes.");
        Field(t => t.Title).Description("Chinese title.");
        Field(t => t.View).Description("The metric view (or table) the rows come from.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseStudyColumnType>>>>("columns").Resolve(c => c.Source.Columns);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ListGraphType<StringGraphType>>>>>("rows")
            .Description("Cells as invariant text (ISO dates, '.' decimals), null for NULL, in the columns' order.")
            .Resolve(c => c.Source.Rows);
    }
}

public sealed class CaseStudyColumnType : ObjectGraphType<CaseStudyColumn>
{
    public CaseStudyColumnType()
    {
        Name = "CaseStudyColumn";
        Description = "A column of a theme table.";
        Field(c => c.Name).Description("The view's column.");
        Field(c => c.Label).Description("Its Chinese heading.");
        Field<NonNullGraphType<StringGraphType>>("kind").Description("Text, Code, Count, Yuan, Share or Number: how to format it.")
            .Resolve(c => c.Source.Kind.ToString());
    }
}
