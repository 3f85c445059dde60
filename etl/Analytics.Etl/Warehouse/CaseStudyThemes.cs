namespace Analytics.Etl.Warehouse;

/// <summary>A theme table of the case study: a query on one metric view ($1 = the county) and its columns' labels, in order.</summary>
public sealed record CaseStudyTheme(string Id, string Title, string View, string Sql, IReadOnlyList<CaseStudyColumn> Columns);

/// <summary>
/// The case study's themes. Each query selects the county's own row(s) of a metric view (<c>region_level = 'County'</c>)
/// and only picks, orders or sums columns the view documents as additive: the metrics themselves are the views'
/// (Warehouse/metrics.sql).
/// </summary>
public static class CaseStudyThemes
{
    private static CaseStudyColumn Text(string name, string label) => new(name, label, CaseStudyValueKind.Text);

    private static CaseStudyColumn Code(string name, string label) => new(name, label, CaseStudyValueKind.Code);

    private static CaseStudyColumn Count(string name, string label) => new(name, label, CaseStudyValueKind.Count);

    private static CaseStudyColumn Yuan(string name, string label) => new(name, label, CaseStudyValueKind.Yuan);

    private static CaseStudyColumn Share(string name, string label) => new(name, label, CaseStudyValueKind.Share);

    private static CaseStudyColumn Number(string name, string label) => new(name, label, CaseStudyValueKind.Number);

    public static IReadOnlyList<CaseStudyTheme> All { get; } =
    [
        new("income", "村集体收入（按年）", "metric_income",
            """
            SELECT year, villages, operating_income, self_operated_income, total_income, median_operating_income
            FROM metric_income WHERE region_level = 'County' AND region_name = $1 ORDER BY year
            """,
            [Text("year", "年份"), Count("villages", "行政村（个）"), Yuan("operating_income", "经营性收入（元）"),
             Yuan("self_operated_income", "自营性收入（元）"), Yuan("total_income", "总收入（元）"),
             Yuan("median_operating_income", "村经营性收入中位数（元）")]),
        new("grids", "网格化治理覆盖（现状）", "metric_grid_coverage",
            """
            SELECT level1_grids, level2_grids, level3_grids, level4_grids, household_coverage, level4_in_standard_share,
                   grids_with_steward, cadre_stewards, grid_branches, cross_village_organizations, cross_village_share
            FROM metric_grid_coverage WHERE region_level = 'County' AND region_name = $1
            """,
            [Count("level1_grids", "一级网格（乡街）"), Count("level2_grids", "二级网格（村居）"), Count("level3_grids", "三级网格（片区）"),
             Count("level4_grids", "四级单元网格"), Share("household_coverage", "四级网格覆盖户数占比"),
             Share("level4_in_standard_share", "80–120户标准单元网格占比"), Count("grids_with_steward", "配有网格员的网格"),
             Count("cadre_stewards", "党员干部网格员"), Count("grid_branches", "网格党支部"),
             Count("cross_village_organizations", "联村党组织"), Share("cross_village_share", "联村党组织覆盖村占比")]),
        // One cohort per row: the cases received in the year, of those the ones resolved by now, and their rate. Cases
        // resolved in the year (whatever year they came in) are another cohort, shown after it under its own label, with
        // the days and satisfaction, which are measured on that cohort.
        new("cases", "民情诉求办理（按年、渠道）", "metric_cases_by_year",
            """
            SELECT year, channel, received, received_resolved, resolution_rate, resolved, median_days_to_resolve, mean_satisfaction
            FROM metric_cases_by_year WHERE region_level = 'County' AND region_name = $1
            ORDER BY year, channel = 'All', channel
            """,
            [Text("year", "年份"), Code("channel", "受理渠道"), Count("received", "当年受理（件）"),
             Count("received_resolved", "其中已办结（件）"), Share("resolution_rate", "办结率（已办结 ÷ 受理）"),
             Count("resolved", "当年办结（件，含往年受理）"), Number("median_days_to_resolve", "当年办结案件办结天数中位数（天）") with { Decimals = 1 },
             Number("mean_satisfaction", "当年办结案件群众满意度（1–5分）") with { Decimals = 2 }]),
        new("pairing", "四联四促结对共建（按年）", "metric_pairing_summary",
            """
            SELECT year, agencies, with_village, with_community, with_enterprise, with_project, with_all_four,
                   all_four_share, leader_visit_compliance, joint_activities_per_pairing
            FROM metric_pairing_summary WHERE region_level = 'County' AND region_name = $1 ORDER BY year
            """,
            [Text("year", "年份"), Count("agencies", "结对机关党组织"), Count("with_village", "联乡村"), Count("with_community", "联社区"),
             Count("with_enterprise", "联企业"), Count("with_project", "联项目"), Count("with_all_four", "四联全覆盖"),
             Share("all_four_share", "四联全覆盖占比"), Share("leader_visit_compliance", "主要领导年度走访达标率"),
             Number("joint_activities_per_pairing", "每个结对联合活动（次）") with { Decimals = 1 }]),
        new("stars", "五星创评等级分布（最近一年）", "metric_star_ratings",
            """
            SELECT year, domain, stars, organizations, share_of_domain
            FROM metric_star_ratings
            WHERE region_level = 'County' AND region_name = $1
              AND year = (SELECT MAX(year) FROM metric_star_ratings WHERE region_level = 'County' AND region_name = $1)
            ORDER BY domain, stars DESC
            """,
            [Text("year", "年份"), Code("domain", "领域"), Text("stars", "星级"), Count("organizations", "党组织（个）"),
             Share("share_of_domain", "占该领域比例")]),
        new("wishes", "微心愿（按年）", "metric_micro_wishes",
            """
            SELECT w.year, SUM(w.posted) AS posted, SUM(w.claimed) AS claimed, SUM(w.fulfilled) AS fulfilled,
                   l.value AS fulfilment_rate, l.rank AS county_rank, l.counties
            FROM metric_micro_wishes w
            LEFT JOIN metric_league_table l
                   ON l.metric_id = 'wishes.fulfilment_rate' AND l.year = w.year AND l.county_key = w.county_key
            WHERE w.region_level = 'County' AND w.region_name = $1
            GROUP BY w.year, l.value, l.rank, l.counties
            ORDER BY w.year
            """,
            [Text("year", "年份"), Count("posted", "发布（个）"), Count("claimed", "认领（个）"), Count("fulfilled", "实现（个）"),
             Share("fulfilment_rate", "实现率"), Count("county_rank", "实现率全市排名"), Count("counties", "参与排名县（市、区）")]),
    ];

    /// <summary>Chinese names of the warehouse's enum values that theme tables show (channels, organization domains).</summary>
    public static IReadOnlyDictionary<string, string> CodeLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["All"] = "合计",
        ["GridVisit"] = "平时工作法",
        ["NightTalk"] = "居民夜谈会",
        ["FourStep"] = "民情处置四步走",
        ["RotationDuty"] = "党建轮值",
        ["RedSteward"] = "红色管家",
        ["EnterpriseService"] = "三百活动（18汇企日）",
        ["Hotline12345"] = "12345热线",
        ["Rural"] = "农村",
        ["Community"] = "城市社区",
        ["Agency"] = "机关",
        ["StateOwnedEnterprise"] = "国有企业",
        ["NonPublicEnterprise"] = "非公有制企业",
        ["SocialOrganization"] = "社会组织",
        ["NewBusinessForm"] = "新兴业态",
        ["GridBranch"] = "网格党支部",
        ["ResidentialArea"] = "小区党支部",
        ["CrossVillage"] = "联村党组织",
        ["Temporary"] = "临时党支部",
        ["MobileMembers"] = "流动党员党组织",
        ["Youth"] = "青年党支部",
        ["VanguardTeam"] = "党员先锋队",
    };
}
