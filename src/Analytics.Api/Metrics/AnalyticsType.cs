using Analytics.Api.Warehouse;
using Analytics.Domain;
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
                var today = OfficeCalendar.DayOf(context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow());
                return new WarehouseInfo(session.BuiltAt, session.RunId, session.DataAsOf, OfficeCalendar.LatestCompleteYear(session.DataAsOf, today));
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
            "Village collective operating income growth (村集体经营性收入增长), fromYear → toYear, of each year's total over the villages existing on its 31 December, so that a merger of villages keeps the growth; null when a year misses a village's report (metric_income_growth).",
            "metric_income_growth",
            [
                C("fromYear", "from_year", integer, "The base year."),
                C("toYear", "to_year", integer, "The compared year."),
                C("villages", AsInt("to_villages"), integer, "Villages reporting in toYear."),
                C("villagesMissing", AsInt("villages_missing"), integer, "Reports missing in the two years (villages existing on 31 December without one); growth is null unless 0."),
                C("fromOperatingIncome", "from_operating_income", money, "Operating income of fromYear's villages, yuan."),
                C("toOperatingIncome", "to_operating_income", money, "Operating income of toYear's villages, yuan."),
                C("growth", "growth", share, "toOperatingIncome / fromOperatingIncome − 1 (0.3081 = 30.81 %); null unless both years are complete."),
                C("cagr", "cagr", share, "Compound annual growth rate over the years between; null unless both years are complete."),
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
            "Case resolution per year and channel ('All' = every channel): the year's cases received, of those resolved, and the resolution rate (one cohort); then the cases resolved during the year with their days to resolve, feedback and satisfaction (a second cohort) (metric_cases_by_year).",
            "metric_cases_by_year",
            [
                C("year", AsInt("year"), integer, "Year reported."),
                C("channel", "channel", text, "Channel, or All."),
                C("received", AsInt("received"), integer, "Cases reported in the year (the year's cohort)."),
                C("receivedResolved", AsInt("received_resolved"), integer, "Of the cases reported in the year, those resolved by now: never more than received."),
                C("resolutionRate", "resolution_rate", share, "receivedResolved / received: of the cases reported that year, the share resolved."),
                C("resolved", AsInt("resolved"), integer, "Cases resolved during the year, whichever year they were reported: another cohort, not to be divided by received."),
                C("medianDaysToResolve", "median_days_to_resolve", share, "Median days from report to resolution, of the cases resolved during the year."),
                C("p90DaysToResolve", "p90_days_to_resolve", share, "90th percentile of days to resolve, of the cases resolved during the year."),
                C("feedbackShare", "feedback_share", share, "Of the cases resolved during the year, the share with feedback."),
                C("meanSatisfaction", "mean_satisfaction", share, "Mean satisfaction 1–5 of the cases resolved during the year that were evaluated."),
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
            "四联四促 compliance of agencies (city and county agency organizations) per year, with the notice's end-of-June deadline for each pairing and the principal leader's visit to every paired village (metric_pairing_summary, from metric_compliance_check: the rules the live complianceStatus checks).",
            "metric_pairing_summary",
            [
                C("year", AsInt("year"), integer, "Year."),
                C("agencies", AsInt("agencies"), integer, "Agency organizations assessed."),
                C("withVillage", AsInt("with_village"), integer, "With a village pairing in force at the end of June."),
                C("withCommunity", AsInt("with_community"), integer, "With a community pairing in force at the end of June."),
                C("withEnterprise", AsInt("with_enterprise"), integer, "With an enterprise pairing in force at the end of June."),
                C("withProject", AsInt("with_project"), integer, "With a project pairing in force at the end of June."),
                C("allFourShare", "all_four_share", share, "Share with all four pairings in force at the end of June."),
                C("compliant", AsInt("compliant"), integer, "Agencies meeting every rule of complianceStatus."),
                C("compliantShare", "compliant_share", share, "compliant / agencies."),
                C("leaderVisitCompliance", "leader_visit_compliance", share, "Share of village pairings the principal leader visited in the year."),
                C("jointActivitiesPerPairing", "joint_activities_per_pairing", share, "Joint activities per pairing."),
                C("withOverlappingVillages", AsInt("with_overlapping_villages"), integer, "Agencies with a paired village that an agency of the other level (city / county) also pairs with that year (共建村交叉)."),
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

/// <summary>The build of the warehouse that answers: when it was made, and how far its data reaches.</summary>
public sealed record WarehouseInfo(DateTimeOffset? BuiltAt, string? RunId, DateOnly? DataAsOf, int? LatestCompleteYear);

public sealed class WarehouseInfoType : ObjectGraphType<WarehouseInfo>
{
    public WarehouseInfoType()
    {
        Name = "WarehouseInfo";
        Description = "The published warehouse build that answers analytics.";
        Field(w => w.BuiltAt, nullable: true).Description("生成时间: when the ETL run that built it finished (UTC), i.e. when the file was made, not how far its data reaches.");
        Field(w => w.RunId, nullable: true).Description("That run's id (etl_runs.run_id).");
        Field(w => w.DataAsOf, nullable: true).Description("数据截至: the latest day (Beijing) of a business event in its data (a case reported or resolved, an activity, a micro-wish step, a registration); null without any.");
        Field(w => w.LatestCompleteYear, nullable: true)
            .Description("The latest year that has ended (Beijing time, by the API's clock) and that the data reaches (not after dataAsOf's year): what a dashboard shows by default. Null without data.");
    }
}
