using Analytics.Api.Warehouse;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.Metrics;

/// <summary>
/// <c>analytics { … }</c>: the warehouse's metric views as flat rows that BI tools chart directly. Served read-only
/// from the published warehouse; every response that reads it carries <c>extensions.warehouseBuiltAt</c>.
/// </summary>
public sealed class AnalyticsType : ObjectGraphType
{
    private const string Int = "CAST({0} AS INTEGER)";

    public AnalyticsType()
    {
        Name = "Analytics";
        Description = "Cross-county analytics from the warehouse's metric views (the same definitions analysts query in SQL). "
            + "Rows are per region at `level` inside `region`; each response carries extensions.warehouseBuiltAt.";

        Field<NonNullGraphType<WarehouseInfoType>>("warehouse")
            .Description("Which build of the warehouse answers: data freshness for a dashboard's footer.")
            .ResolveAsync(async context =>
            {
                await using var session = await OpenAsync(context);
                return new WarehouseInfo(session.BuiltAt, session.RunId);
            });

        foreach (var field in AnalyticsFieldList())
        {
            AnalyticsFields.Add(this, field);
        }
    }

    /// <summary>
    /// A warehouse session for a resolver, on the build the whole request reads (<see cref="WarehouseRequest"/>); notes
    /// the build time in the response's extensions.
    /// </summary>
    public static async Task<WarehouseSession> OpenAsync(IResolveFieldContext context)
    {
        WarehouseSession session;
        try
        {
            session = await context.RequestServices!.GetRequiredService<WarehouseRequest>().OpenAsync(context.CancellationToken);
        }
        catch (WarehouseUnavailableException ex)
        {
            throw new ExecutionError(ex.Message) { Code = WarehouseUnavailableException.Code };
        }

        if (session.BuiltAt is { } builtAt)
        {
            lock (context.OutputExtensions)
            {
                context.OutputExtensions["warehouseBuiltAt"] = Analytics.Domain.Instants.Format(builtAt);
            }
        }

        return session;
    }

    private static string AsInt(string column) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Int, column);

    private static string Sum(string column) => $"CAST(SUM({column}) AS INTEGER)";

    private static AnalyticsColumn C(string name, string sql, Type type, string description) => new(name, sql, type, description);

    private static IEnumerable<AnalyticsField> AnalyticsFieldList()
    {
        var integer = typeof(NonNullGraphType<IntGraphType>);
        var share = typeof(FloatGraphType);
        var money = typeof(NonNullGraphType<DecimalGraphType>);
        var text = typeof(NonNullGraphType<StringGraphType>);

        yield return new AnalyticsField(
            "incomeGrowth", "IncomeGrowthRow",
            "Village collective operating income growth (村集体经营性收入增长), fromYear → toYear, over the villages present in both years (metric_income_growth).",
            "metric_income_growth",
            [
                C("fromYear", "from_year", integer, "The base year."),
                C("toYear", "to_year", integer, "The compared year."),
                C("villages", AsInt("villages"), integer, "Villages present in both years."),
                C("fromOperatingIncome", "from_operating_income", money, "Their operating income in fromYear, yuan."),
                C("toOperatingIncome", "to_operating_income", money, "Their operating income in toYear, yuan."),
                C("growth", "growth", share, "toOperatingIncome / fromOperatingIncome − 1 (0.3081 = 30.81 %)."),
                C("cagr", "cagr", share, "Compound annual growth rate over the years between."),
            ])
        {
            Required = [("fromYear", "from_year", "The base year, e.g. 2019."), ("toYear", "to_year", "The compared year, e.g. 2021.")],
        };

        yield return new AnalyticsField(
            "lowIncomeVillages", "LowIncomeVillagesRow",
            "Villages under an operating-income threshold per year, whether none is left (清零), and the share whose self-operated income reaches it (income_threshold).",
            "income_threshold(threshold := {threshold})",
            [
                C("year", "year", integer, "The year."),
                C("villages", AsInt("villages"), integer, "Villages with income figures that year."),
                C("villagesBelow", AsInt("villages_below"), integer, "Villages whose operating income is under the threshold."),
                C("cleared", "cleared", typeof(NonNullGraphType<BooleanGraphType>), "None below this year, while some were the year before (清零)."),
                C("selfOperatedAtLeast", AsInt("villages_self_operated_at_least"), integer, "Villages whose self-operated income reaches the threshold."),
                C("selfOperatedShare", "self_operated_share", share, "selfOperatedAtLeast / villages."),
                C("threshold", "threshold", money, "The threshold, yuan."),
            ])
        { YearColumn = "year", Threshold = 100_000m, OrderBy = "region_code, year" };

        yield return new AnalyticsField(
            "gridCoverage", "GridCoverageRow",
            "Grid coverage (网格化): grids per level, households covered by level-4 grids, standard-sized grids (80–120 households), steward staffing, grid party branches, cross-village organizations (metric_grid_coverage).",
            "metric_grid_coverage",
            [
                C("level1Grids", AsInt("level1_grids"), integer, "Level-1 grids."),
                C("level2Grids", AsInt("level2_grids"), integer, "Level-2 grids."),
                C("level3Grids", AsInt("level3_grids"), integer, "Level-3 grids."),
                C("level4Grids", AsInt("level4_grids"), integer, "Level-4 unit grids (四级单元网格)."),
                C("householdCoverage", "household_coverage", share, "Households in level-4 grids / households of the region."),
                C("level4InStandardShare", "level4_in_standard_share", share, "Share of level-4 grids with 80–120 households."),
                C("gridsWithStewardShare", "grids_with_steward_share", share, "Share of grids with at least one steward."),
                C("cadreStewards", AsInt("cadre_stewards"), integer, "Party cadres serving as grid stewards."),
                C("gridBranches", AsInt("grid_branches"), integer, "Grid party branches."),
                C("gridBranchesPerLevel3Grid", "grid_branches_per_level3_grid", share, "Grid party branches per level-3 grid."),
                C("crossVillageOrganizations", AsInt("cross_village_organizations"), integer, "Cross-village party organizations (联村党组织)."),
                C("villages", AsInt("villages"), integer, "Administrative villages."),
                C("crossVillageShare", "cross_village_share", share, "Villages covered by a cross-village organization / villages."),
            ]);

        yield return new AnalyticsField(
            "casesByMonth", "CasesByMonthRow",
            "Residents' cases (民情诉求) received and resolved per month and channel (metric_cases, summed over category and reporter unless filtered).",
            "metric_cases",
            [
                C("year", AsInt("year"), integer, "Year."),
                C("month", AsInt("month"), integer, "Month, 1–12."),
                C("channel", "channel", text, "FourStep, GridVisit, RotationDuty, RedSteward, EnterpriseService, Hotline …"),
                C("received", Sum("received"), integer, "Cases reported in the month."),
                C("resolved", Sum("resolved"), integer, "Cases resolved in the month."),
                C("resolvedWithFeedback", Sum("resolved_with_feedback"), integer, "Of those, with feedback to the resident."),
            ])
        {
            YearColumn = "year", GroupBy = true, OrderBy = "region_code, 6, 7, 8",
            Filters = new Dictionary<string, string> { ["channel"] = "channel", ["category"] = "category" },
        };

        yield return new AnalyticsField(
            "caseResolution", "CaseResolutionRow",
            "Case resolution per year and channel ('All' = every channel): resolution rate, median and p90 days to resolve, share with feedback, mean satisfaction (metric_cases_by_year).",
            "metric_cases_by_year",
            [
                C("year", AsInt("year"), integer, "Year reported."),
                C("channel", "channel", text, "Channel, or All."),
                C("received", AsInt("received"), integer, "Cases reported."),
                C("resolutionRate", "resolution_rate", share, "Of the cases reported that year, the share resolved."),
                C("resolved", AsInt("resolved"), integer, "Cases resolved that year."),
                C("medianDaysToResolve", "median_days_to_resolve", share, "Median days from report to resolution."),
                C("p90DaysToResolve", "p90_days_to_resolve", share, "90th percentile of days to resolve."),
                C("feedbackShare", "feedback_share", share, "Share of resolved cases with feedback."),
                C("meanSatisfaction", "mean_satisfaction", share, "Mean satisfaction 1–5 of evaluated cases."),
            ])
        {
            YearColumn = "year", OrderBy = "region_code, 6, 7",
            Filters = new Dictionary<string, string> { ["channel"] = "channel" },
        };

        yield return new AnalyticsField(
            "caseBacklog", "CaseBacklogRow",
            "Open cases by age band at the latest report date in the warehouse (metric_case_backlog).",
            "metric_case_backlog",
            [
                C("asOf", "as_of", typeof(NonNullGraphType<Analytics.Api.GraphQL.DateScalar>), "The date the ages are counted to."),
                C("channel", "channel", text, "Channel."),
                C("ageBand", "age_band", text, "Age band of the open cases."),
                C("openCases", AsInt("open_cases"), integer, "Open cases in the band."),
                C("oldestDays", AsInt("oldest_days"), typeof(IntGraphType), "Age of the oldest, in days."),
            ])
        {
            OrderBy = "region_code, channel, age_order",
            Filters = new Dictionary<string, string> { ["channel"] = "channel" },
        };

        yield return new AnalyticsField(
            "pairingCompliance", "PairingComplianceRow",
            "四联四促 pairing compliance of agencies per year: paired with a village, community, enterprise, project; leader visits meeting the yearly minimum; joint activities per pairing (metric_pairing_summary).",
            "metric_pairing_summary",
            [
                C("year", AsInt("year"), integer, "Year."),
                C("agencies", AsInt("agencies"), integer, "Agency organizations."),
                C("withVillage", AsInt("with_village"), integer, "Paired with a village."),
                C("withCommunity", AsInt("with_community"), integer, "Paired with a community."),
                C("withEnterprise", AsInt("with_enterprise"), integer, "Paired with an enterprise."),
                C("withProject", AsInt("with_project"), integer, "Paired with a project."),
                C("allFourShare", "all_four_share", share, "Share paired with all four kinds."),
                C("leaderVisitCompliance", "leader_visit_compliance", share, "Share of village pairings whose leader visits met the yearly minimum."),
                C("jointActivitiesPerPairing", "joint_activities_per_pairing", share, "Joint activities per pairing."),
            ])
        { YearColumn = "year", OrderBy = "region_code, 6" };

        yield return new AnalyticsField(
            "activities", "ActivitiesRow",
            "Activities per year and kind: night talks (夜谈会), rotation duty (党建轮值) …, with participants and cadre attendances (metric_activities, summed over months).",
            "metric_activities",
            [
                C("year", AsInt("year"), integer, "Year."),
                C("kind", "kind", text, "Activity kind."),
                C("activities", Sum("activities"), integer, "Activities held."),
                C("participants", Sum("participants"), integer, "Participants."),
                C("cadreAttendances", Sum("cadre_attendances"), integer, "Cadre attendances (下沉党员干部人次)."),
            ])
        {
            YearColumn = "year", GroupBy = true, OrderBy = "region_code, 6, 7",
            Filters = new Dictionary<string, string> { ["kind"] = "kind" },
        };

        yield return new AnalyticsField(
            "starRatings", "StarRatingsRow",
            "五星创评: organizations per year, domain and stars, and their share of the domain (metric_star_ratings).",
            "metric_star_ratings",
            [
                C("year", "year", integer, "Assessment year."),
                C("domain", "domain", text, "Organization domain."),
                C("stars", "stars", integer, "Stars, 1–5."),
                C("organizations", AsInt("organizations"), integer, "Organizations rated so."),
                C("shareOfDomain", "share_of_domain", share, "Their share of the domain's rated organizations."),
            ])
        { YearColumn = "year", OrderBy = "region_code, year, domain, stars" };

        yield return new AnalyticsField(
            "rectificationList", "RectificationRow",
            "Organizations rated 2 stars or fewer, ranked within their county for rectification (metric_rectification); the region's own level is ignored: rows are organizations.",
            "metric_rectification",
            [
                C("year", "year", integer, "Assessment year."),
                C("organizationName", "organization_name", text, "The organization."),
                C("domain", "domain", text, "Its domain."),
                C("stars", "stars", integer, "Its stars."),
                C("score", "score", money, "Its score."),
                C("countyRank", AsInt("county_rank"), integer, "Rank within the county, lowest score first."),
            ])
        { YearColumn = "year", HasLevel = false, OrderBy = "county_name, year, county_rank" };

        yield return new AnalyticsField(
            "microWishes", "MicroWishesRow",
            "微心愿 per year: posted, claimed, fulfilled, fulfilment rate and mean days to fulfil (metric_micro_wishes, summed over months and beneficiaries).",
            "metric_micro_wishes",
            [
                C("year", AsInt("year"), integer, "Year posted."),
                C("posted", Sum("posted"), integer, "Wishes posted."),
                C("claimed", Sum("claimed"), integer, "Claimed."),
                C("fulfilled", Sum("fulfilled"), integer, "Fulfilled."),
                C("fulfilmentRate", "SUM(fulfilled) / NULLIF(SUM(posted), 0)", share, "fulfilled / posted."),
                C("meanDaysToFulfil", "SUM(days_to_fulfil_sum) / NULLIF(SUM(fulfilled), 0)", share, "Mean days from posting to fulfilment."),
            ])
        { YearColumn = "year", GroupBy = true, OrderBy = "region_code, 6" };

        yield return new AnalyticsField(
            "leagueTable", "LeagueTableRow",
            "Counties ranked per headline metric and year (metric_league_table); higherIsBetter says which way ranks run.",
            "metric_league_table",
            [
                C("metricId", "metric_id", text, "Metric id, e.g. cases.resolution_rate."),
                C("metricName", "metric_name", text, "Its name."),
                C("higherIsBetter", "higher_is_better", typeof(NonNullGraphType<BooleanGraphType>), "Whether rank 1 is the highest value."),
                C("year", AsInt("year"), typeof(IntGraphType), "Year; null for a metric that has none (a state such as grid coverage)."),
                C("countyName", "county_name", text, "County-level unit."),
                C("value", "value", share, "Its value."),
                C("rank", AsInt("rank"), integer, "Its rank, 1 = best."),
                C("counties", AsInt("counties"), integer, "Counties ranked."),
            ])
        {
            ByRegion = false, YearColumn = "year", OrderBy = "metric_id, year, rank",
            Filters = new Dictionary<string, string> { ["metric"] = "metric_id" },
        };
    }
}

/// <summary>The build of the warehouse that answers.</summary>
public sealed record WarehouseInfo(DateTimeOffset? BuiltAt, string? RunId);

public sealed class WarehouseInfoType : ObjectGraphType<WarehouseInfo>
{
    public WarehouseInfoType()
    {
        Name = "WarehouseInfo";
        Description = "The published warehouse build that answers analytics.";
        Field(w => w.BuiltAt, nullable: true).Description("When the ETL run that built it finished (UTC).");
        Field(w => w.RunId, nullable: true).Description("That run's id (etl_runs.run_id).");
    }
}
