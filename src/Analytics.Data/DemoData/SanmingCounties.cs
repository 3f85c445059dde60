using Analytics.Domain;

namespace Analytics.Data.DemoData;

/// <summary>A township (乡镇/街道) and how many villages and communities it has.</summary>
internal sealed record TownshipSpec(string Name, int Villages, int Communities)
{
    public bool IsStreet => Name.EndsWith("街道", StringComparison.Ordinal);

    public bool IsTown => Name.EndsWith('镇');
}

/// <summary>Cases of one channel at scale 1: how many, and how many of them end resolved (解决).</summary>
/// <param name="ResolvedByPublication">Of the resolved, how many were resolved by the county's
/// <see cref="CountySpec.PublishedOn"/> (a published "to date" figure); null: wherever their dates fall.</param>
internal sealed record CasePlan(CaseChannel Channel, int Total, int Resolved, int? ResolvedByPublication = null);

/// <summary>
/// One county-level unit of Sanming: its structure (fixed at every scale) and the volumes of scaled tables at scale 1.
/// The values for 永安市 and 三元区 reproduce their published figures (Claims/claims.json) as of the day each article
/// speaks of (<see cref="CountySpec.PublishedOn"/>), read as a reader reads them (1600余 is 1600–1699); the others are
/// plausible, stronger and weaker.
/// </summary>
internal sealed record CountySpec
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    /// <summary>Region codes printed in members' ID numbers: the county's own, or the codes it had before 2021.</summary>
    public required IReadOnlyList<string> IdPrefixes { get; init; }

    public required IReadOnlyList<TownshipSpec> Townships { get; init; }

    /// <summary>
    /// The day the county's published figures speak of (Claims/claims.json asOf; 永安市 2022-10-22, 三元区 2021-12-31):
    /// every stock planned as a published figure stands by then and each flow planned "by publication" happens by then.
    /// Null for counties without published figures.
    /// </summary>
    public DateOnly? PublishedOn { get; init; }

    /// <summary>The end of a window in which a published stock is founded: <paramref name="to"/>, or the publication day if earlier.</summary>
    public DateOnly Until(DateOnly to) => PublishedOn is { } published && published < to ? published : to;

    // Grids
    public required int AreaGrids { get; init; }

    public required int UnitGrids { get; init; }

    /// <summary>How many unit grids a community gets for each one a village gets (communities are denser).</summary>
    public double CommunityGridWeight { get; init; } = 4.0;

    public DateOnly AreasFrom { get; init; } = new(2018, 3, 1);

    public DateOnly AreasTo { get; init; } = new(2019, 12, 31);

    public DateOnly UnitGridsFrom { get; init; } = new(2020, 1, 1);

    public DateOnly UnitGridsTo { get; init; } = new(2023, 6, 30);

    /// <summary>Share of level-3 grids with a grid party branch.</summary>
    public double GridBranchShare { get; init; } = 0.8;

    // Organizations and enterprises
    public required int ResidentialAreaBranches { get; init; }

    public required int NewBusinessFormBranches { get; init; }

    public int NewBusinessFormGeneralBranches { get; init; }

    public required int NewBusinessFormEnterprises { get; init; }

    public required int NewBusinessFormEnterprisesCovered { get; init; }

    public required int StateOwnedEnterprises { get; init; }

    public required int NonPublicEnterprises { get; init; }

    public double NonPublicCoverage { get; init; } = 0.6;

    public required int TemporaryBranches { get; init; }

    public required int VanguardTeams { get; init; }

    /// <summary>Villages covered by each cross-village organization (跨村联建), one entry per organization.</summary>
    public IReadOnlyList<int> CrossVillageGroups { get; init; } = [];

    public int MobileMemberOrganizations { get; init; } = 1;

    public int YouthBranches { get; init; } = 2;

    public int SocialOrganizations { get; init; } = 3;

    public required int Agencies { get; init; }

    /// <summary>Share of agencies that miss one of their four links (联村/联社区/联企业/联项目).</summary>
    public double AgencyGapShare { get; init; } = 0.1;

    /// <summary>Share of required visits and activities that did not happen in a year.</summary>
    public double VisitSkipShare { get; init; } = 0.08;

    public required int Projects { get; init; }

    // Members at scale 1
    public required int RuralMembers { get; init; }

    public required int InServiceMembers { get; init; }

    public required int MobileMembers { get; init; }

    /// <summary>The mobile members are a registered, published count (永安市 379): not multiplied by the scale.</summary>
    public bool MobileMembersFixed { get; init; }

    public required int RetiredMembers { get; init; }

    /// <summary>In-service members who are party or government cadres (党员干部).</summary>
    public required int Cadres { get; init; }

    /// <summary>Share of unit grids with a cadre steward (下沉); 1 gives every unit grid one.</summary>
    public double CadreStewardShare { get; init; } = 0.5;

    // Collective income
    public required decimal IncomeMedian2019 { get; init; }

    public double IncomeSigma { get; init; } = 0.5;

    public required double Growth2019To2021 { get; init; }

    public double GrowthAfter2021 { get; init; } = 0.07;

    /// <summary>The Σ operating-income growth 2019→2021 to hit exactly (永安市 30.81 %).</summary>
    public decimal? ExactGrowth2019To2021 { get; init; }

    /// <summary>No village under 100,000 yuan operating income from 2021 (永安市 "清零").</summary>
    public bool OperatingIncomeFloorFrom2021 { get; init; }

    /// <summary>Every village's self-operated income at least 100,000 yuan from 2021 (三元区 100 %).</summary>
    public bool SelfOperatedFloorFrom2021 { get; init; }

    public required int IncomeProjects { get; init; }

    public int IncomeProjectsFirstYear { get; init; } = 2019;

    public int IncomeProjectsLastYear { get; init; } = 2024;

    // Performance
    /// <summary>0 (weak) … 1 (strong): satisfaction, star scores, punctual registration.</summary>
    public required double Quality { get; init; }

    public required double MedianDaysToResolve { get; init; }

    /// <summary>How far back open cases reach, in days before the end of 2024.</summary>
    public int BacklogDays { get; init; } = 90;

    public required IReadOnlyList<CasePlan> Cases { get; init; }

    // Activities and wishes at scale 1
    public required int NightTalks { get; init; }

    /// <summary>Of the night talks, how many were held by <see cref="PublishedOn"/>; null: wherever their dates fall.</summary>
    public int? NightTalksByPublication { get; init; }

    public required int RotationDuties { get; init; }

    /// <summary>Of the rotation-duty activities, how many were held by <see cref="PublishedOn"/>.</summary>
    public int? RotationDutiesByPublication { get; init; }

    public required int HomeVisits { get; init; }

    public required int EnterpriseServiceVisits { get; init; }

    public required int MicroWishes { get; init; }
}

/// <summary>
/// A county-level unit abolished (撤销) and merged into another: it keeps its region, closed by
/// <see cref="Region.ValidTo"/>, while its townships, and everything in them, belong to the successor in today's tree.
/// </summary>
internal sealed record DissolvedCountySpec(string Code, string Name, DateOnly ValidTo, string SuccessorCode, IReadOnlyList<string> Townships);

/// <summary>三明市 and its eleven county-level units.</summary>
internal static class Sanming
{
    public const string CityCode = "350400";
    public const string CityName = "三明市";
    public const string YonganCode = "350481";
    public const string SanyuanCode = "350404";

    /// <summary>
    /// 梅列区, abolished in 2021 with the old 三元区 (350403) to form today's 三元区 (350404) over both territories; the
    /// provincial government published the approval (福建省人民政府关于同意调整三明市部分行政区划的批复) on 3 February
    /// 2021, so the demo closes 梅列区 the day before. Its three streets and two towns are 三元区's in today's tree, so
    /// every year's figures of 三元区 (and its published counts: 12 townships, 74 villages, 58 communities) are of the
    /// merged district, and the city's totals are the same with or without the merger. 三元区 itself continues: the
    /// codes it had before (350403, and 梅列区's 350402) survive in its members' ID numbers.
    /// </summary>
    public static readonly IReadOnlyList<DissolvedCountySpec> DissolvedCounties =
    [
        new("350402", "梅列区", new DateOnly(2021, 2, 2), SanyuanCode, ["列东街道", "列西街道", "徐碧街道", "陈大镇", "洋溪镇"]),
    ];

    /// <summary>Agencies of the city itself (市直机关), which pair across all counties.</summary>
    public const int CityAgencies = 18;

    public static readonly DateOnly FirstDay = new(2019, 1, 1);
    public static readonly DateOnly LastDay = new(2024, 12, 31);
    public const int FirstYear = 2019;
    public const int LastYear = 2024;

    /// <summary>Agencies (机关) a county or the city has; the party departments are named "X委组织部" rather than "X组织部".</summary>
    public static readonly IReadOnlyList<(string Name, bool PartyDepartment, OrganizationKind Kind)> Departments =
    [
        ("纪委监委机关", false, OrganizationKind.GeneralBranch), ("组织部", true, OrganizationKind.Branch),
        ("宣传部", true, OrganizationKind.Branch), ("统战部", true, OrganizationKind.Branch),
        ("政法委", true, OrganizationKind.Branch), ("发展和改革局", false, OrganizationKind.Branch),
        ("教育局", false, OrganizationKind.Committee), ("科学技术局", false, OrganizationKind.Branch),
        ("工业和信息化局", false, OrganizationKind.Branch), ("公安局", false, OrganizationKind.Committee),
        ("民政局", false, OrganizationKind.Branch), ("司法局", false, OrganizationKind.Branch),
        ("财政局", false, OrganizationKind.GeneralBranch), ("人力资源和社会保障局", false, OrganizationKind.Branch),
        ("自然资源局", false, OrganizationKind.GeneralBranch), ("生态环境局", false, OrganizationKind.Branch),
        ("住房和城乡建设局", false, OrganizationKind.GeneralBranch), ("交通运输局", false, OrganizationKind.Branch),
        ("水利局", false, OrganizationKind.Branch), ("农业农村局", false, OrganizationKind.GeneralBranch),
        ("商务局", false, OrganizationKind.Branch), ("文化体育和旅游局", false, OrganizationKind.Branch),
        ("卫生健康局", false, OrganizationKind.Committee), ("退役军人事务局", false, OrganizationKind.Branch),
        ("应急管理局", false, OrganizationKind.Branch), ("审计局", false, OrganizationKind.Branch),
        ("市场监督管理局", false, OrganizationKind.GeneralBranch), ("统计局", false, OrganizationKind.Branch),
        ("医疗保障局", false, OrganizationKind.Branch), ("林业局", false, OrganizationKind.GeneralBranch),
        ("信访局", false, OrganizationKind.Branch), ("城市管理局", false, OrganizationKind.Branch),
        ("机关事务服务中心", false, OrganizationKind.Branch), ("行政服务中心", false, OrganizationKind.Branch),
        ("融媒体中心", false, OrganizationKind.Branch), ("供销合作社", false, OrganizationKind.Branch),
        ("总工会", false, OrganizationKind.Branch), ("团委", false, OrganizationKind.Branch),
        ("妇联", false, OrganizationKind.Branch), ("科协", false, OrganizationKind.Branch),
        ("残联", false, OrganizationKind.Branch), ("人民法院", false, OrganizationKind.Committee),
        ("人民检察院", false, OrganizationKind.GeneralBranch), ("税务局", false, OrganizationKind.GeneralBranch),
        ("气象局", false, OrganizationKind.Branch),
    ];

    public static readonly IReadOnlyList<CountySpec> Counties =
    [
        new()
        {
            Code = SanyuanCode, Name = "三元区", IdPrefixes = ["350403", "350402"], PublishedOn = new(2021, 12, 31),
            Townships =
            [
                new("列东街道", 0, 9), new("列西街道", 0, 9), new("徐碧街道", 0, 8), new("城关街道", 2, 9),
                new("白沙街道", 4, 6), new("富兴堡街道", 3, 6), new("荆西街道", 5, 3), new("陈大镇", 11, 2),
                new("洋溪镇", 9, 1), new("岩前镇", 15, 2), new("莘口镇", 16, 2), new("中村乡", 9, 1),
            ],
            AreaGrids = 320, UnitGrids = 2454, CommunityGridWeight = 3.0, GridBranchShare = 0.9,
            AreasFrom = new(2018, 6, 1), AreasTo = new(2019, 5, 31),
            UnitGridsFrom = new(2019, 6, 1), UnitGridsTo = new(2021, 4, 30),
            ResidentialAreaBranches = 278,
            NewBusinessFormBranches = 13, NewBusinessFormGeneralBranches = 3,
            NewBusinessFormEnterprises = 67, NewBusinessFormEnterprisesCovered = 65,
            StateOwnedEnterprises = 10, NonPublicEnterprises = 80, NonPublicCoverage = 0.75,
            TemporaryBranches = 25, VanguardTeams = 45,
            CrossVillageGroups = [3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2],
            MobileMemberOrganizations = 1, YouthBranches = 5, SocialOrganizations = 6,
            Agencies = 36, AgencyGapShare = 0.06, VisitSkipShare = 0.04, Projects = 14,
            RuralMembers = 1500, InServiceMembers = 3400, MobileMembers = 250, RetiredMembers = 1500, Cadres = 2280,
            CadreStewardShare = 1.0,
            IncomeMedian2019 = 210_000m, IncomeSigma = 0.45, Growth2019To2021 = 0.22, SelfOperatedFloorFrom2021 = true,
            IncomeProjects = 60,
            Quality = 0.85, MedianDaysToResolve = 3.0, BacklogDays = 45,
            Cases =
            [
                new(CaseChannel.GridVisit, 13066, 12442, 5350), new(CaseChannel.RedSteward, 3256, 3105, 1335),
                new(CaseChannel.NightTalk, 1200, 1110), new(CaseChannel.EnterpriseService, 279, 251, 108),
                new(CaseChannel.Hotline12345, 900, 820), new(CaseChannel.FourStep, 150, 138),
                new(CaseChannel.RotationDuty, 60, 55),
            ],
            NightTalks = 4400, NightTalksByPublication = 2150, RotationDuties = 40, HomeVisits = 900, EnterpriseServiceVisits = 100,
            MicroWishes = 450,
        },
        new()
        {
            Code = "350405", Name = "沙县区", IdPrefixes = ["350427"],
            Townships = Spread(
                ["凤岗街道", "虬江街道", "青州镇", "夏茂镇", "高砂镇", "高桥镇", "富口镇", "大洛镇", "南霞乡", "南阳乡", "郑湖乡", "湖源乡"],
                villages: 123, communities: 16, "350405"),
            AreaGrids = 170, UnitGrids = 1150,
            ResidentialAreaBranches = 40, NewBusinessFormBranches = 6, NewBusinessFormGeneralBranches = 1,
            NewBusinessFormEnterprises = 25, NewBusinessFormEnterprisesCovered = 20,
            StateOwnedEnterprises = 6, NonPublicEnterprises = 70, NonPublicCoverage = 0.6,
            TemporaryBranches = 20, VanguardTeams = 50, CrossVillageGroups = [3, 2, 2],
            Agencies = 28, AgencyGapShare = 0.1, VisitSkipShare = 0.06, Projects = 10,
            RuralMembers = 1700, InServiceMembers = 950, MobileMembers = 260, RetiredMembers = 700, Cadres = 520,
            CadreStewardShare = 0.55,
            IncomeMedian2019 = 190_000m, IncomeSigma = 0.5, Growth2019To2021 = 0.24, IncomeProjects = 70,
            Quality = 0.75, MedianDaysToResolve = 4.5, BacklogDays = 75,
            Cases =
            [
                new(CaseChannel.GridVisit, 1200, 1100), new(CaseChannel.Hotline12345, 800, 720),
                new(CaseChannel.FourStep, 300, 270), new(CaseChannel.EnterpriseService, 80, 70),
                new(CaseChannel.RedSteward, 150, 130), new(CaseChannel.NightTalk, 60, 52),
                new(CaseChannel.RotationDuty, 40, 36),
            ],
            NightTalks = 70, RotationDuties = 40, HomeVisits = 500, EnterpriseServiceVisits = 70, MicroWishes = 300,
        },
        new()
        {
            Code = YonganCode, Name = "永安市", IdPrefixes = [YonganCode], PublishedOn = new(2022, 10, 22),
            Townships =
            [
                new("燕东街道", 3, 7), new("燕西街道", 6, 6), new("燕南街道", 5, 5), new("燕北街道", 4, 5),
                new("西洋镇", 17, 1), new("贡川镇", 16, 1), new("安砂镇", 14, 1), new("小陶镇", 20, 0),
                new("大湖镇", 17, 0), new("曹远镇", 13, 0), new("洪田镇", 14, 0), new("槐南镇", 10, 0),
                new("上坪乡", 10, 0), new("罗坊乡", 12, 0), new("青水畲族乡", 14, 0),
            ],
            AreaGrids = 195, UnitGrids = 1775, CommunityGridWeight = 5.5, GridBranchShare = 1.0,
            AreasFrom = new(2019, 3, 1), AreasTo = new(2019, 12, 31),
            UnitGridsFrom = new(2020, 1, 1), UnitGridsTo = new(2021, 12, 31),
            ResidentialAreaBranches = 178,
            NewBusinessFormBranches = 40, NewBusinessFormGeneralBranches = 6,
            NewBusinessFormEnterprises = 58, NewBusinessFormEnterprisesCovered = 52,
            StateOwnedEnterprises = 8, NonPublicEnterprises = 60, NonPublicCoverage = 0.7,
            TemporaryBranches = 68, VanguardTeams = 130, CrossVillageGroups = [3, 3, 2, 2],
            MobileMemberOrganizations = 5, YouthBranches = 2, SocialOrganizations = 4,
            Agencies = 32, AgencyGapShare = 0.08, VisitSkipShare = 0.05, Projects = 12,
            RuralMembers = 2600, InServiceMembers = 2000, MobileMembers = 379, MobileMembersFixed = true,
            RetiredMembers = 1400, Cadres = 1200, CadreStewardShare = 0.6,
            IncomeMedian2019 = 150_000m, IncomeSigma = 0.5, Growth2019To2021 = 0.30, ExactGrowth2019To2021 = 0.3081m,
            OperatingIncomeFloorFrom2021 = true,
            IncomeProjects = 145, IncomeProjectsFirstYear = 2019, IncomeProjectsLastYear = 2021,
            Quality = 0.8, MedianDaysToResolve = 4.0, BacklogDays = 60,
            Cases =
            [
                new(CaseChannel.FourStep, 3058, 2867, 1650), new(CaseChannel.RotationDuty, 1205, 1138, 655),
                new(CaseChannel.EnterpriseService, 219, 195, 112), new(CaseChannel.GridVisit, 800, 730),
                new(CaseChannel.Hotline12345, 600, 540), new(CaseChannel.RedSteward, 120, 105),
                new(CaseChannel.NightTalk, 60, 55),
            ],
            NightTalks = 60, RotationDuties = 410, RotationDutiesByPublication = 250, HomeVisits = 700, EnterpriseServiceVisits = 90,
            MicroWishes = 400,
        },
        new()
        {
            Code = "350421", Name = "明溪县", IdPrefixes = ["350421"],
            Townships = Spread(
                ["雪峰镇", "盖洋镇", "胡坊镇", "瀚仙镇", "城关乡", "沙溪乡", "夏阳乡", "枫溪乡", "夏坊乡"],
                villages: 88, communities: 8, "350421"),
            AreaGrids = 105, UnitGrids = 520,
            ResidentialAreaBranches = 12, NewBusinessFormBranches = 3,
            NewBusinessFormEnterprises = 10, NewBusinessFormEnterprisesCovered = 6,
            StateOwnedEnterprises = 3, NonPublicEnterprises = 30, NonPublicCoverage = 0.45,
            TemporaryBranches = 10, VanguardTeams = 20, CrossVillageGroups = [2],
            Agencies = 22, AgencyGapShare = 0.18, VisitSkipShare = 0.14, Projects = 6,
            RuralMembers = 1100, InServiceMembers = 520, MobileMembers = 150, RetiredMembers = 280, Cadres = 280,
            CadreStewardShare = 0.35,
            IncomeMedian2019 = 125_000m, IncomeSigma = 0.45, Growth2019To2021 = 0.16, GrowthAfter2021 = 0.05,
            IncomeProjects = 30,
            Quality = 0.45, MedianDaysToResolve = 9, BacklogDays = 220,
            Cases =
            [
                new(CaseChannel.GridVisit, 500, 420), new(CaseChannel.Hotline12345, 400, 320),
                new(CaseChannel.FourStep, 150, 122), new(CaseChannel.EnterpriseService, 35, 28),
                new(CaseChannel.RedSteward, 30, 24),
            ],
            NightTalks = 20, RotationDuties = 10, HomeVisits = 250, EnterpriseServiceVisits = 30, MicroWishes = 150,
        },
        new()
        {
            Code = "350423", Name = "清流县", IdPrefixes = ["350423"],
            Townships = Spread(
                ["龙津镇", "嵩溪镇", "林畲镇", "赖坊镇", "嵩口镇", "灵地镇", "长校镇", "温郊乡", "田源乡", "沙芜乡", "里田乡", "李家乡", "余朋乡"],
                villages: 103, communities: 8, "350423"),
            AreaGrids = 125, UnitGrids = 560,
            ResidentialAreaBranches = 14, NewBusinessFormBranches = 4,
            NewBusinessFormEnterprises = 12, NewBusinessFormEnterprisesCovered = 8,
            StateOwnedEnterprises = 3, NonPublicEnterprises = 35, NonPublicCoverage = 0.5,
            TemporaryBranches = 12, VanguardTeams = 25, CrossVillageGroups = [3, 2],
            Agencies = 22, AgencyGapShare = 0.14, VisitSkipShare = 0.1, Projects = 7,
            RuralMembers = 1300, InServiceMembers = 560, MobileMembers = 170, RetiredMembers = 300, Cadres = 300,
            CadreStewardShare = 0.4,
            IncomeMedian2019 = 135_000m, IncomeSigma = 0.45, Growth2019To2021 = 0.19, GrowthAfter2021 = 0.06,
            IncomeProjects = 35,
            Quality = 0.55, MedianDaysToResolve = 7.5, BacklogDays = 160,
            Cases =
            [
                new(CaseChannel.GridVisit, 600, 520), new(CaseChannel.Hotline12345, 420, 350),
                new(CaseChannel.FourStep, 180, 150), new(CaseChannel.EnterpriseService, 40, 33),
                new(CaseChannel.RedSteward, 35, 29), new(CaseChannel.RotationDuty, 20, 17),
            ],
            NightTalks = 20, RotationDuties = 20, HomeVisits = 280, EnterpriseServiceVisits = 30, MicroWishes = 160,
        },
        new()
        {
            Code = "350424", Name = "宁化县", IdPrefixes = ["350424"],
            Townships = Spread(
                ["翠江镇", "泉上镇", "湖村镇", "石壁镇", "曹坊镇", "安远镇", "淮土镇", "安乐镇", "水茜镇", "城郊镇", "城南镇", "济村乡", "方田乡", "治平畲族乡", "中沙乡", "河龙乡"],
                villages: 213, communities: 12, "350424"),
            AreaGrids = 250, UnitGrids = 1250, CommunityGridWeight = 4.5,
            ResidentialAreaBranches = 25, NewBusinessFormBranches = 5, NewBusinessFormGeneralBranches = 1,
            NewBusinessFormEnterprises = 18, NewBusinessFormEnterprisesCovered = 11,
            StateOwnedEnterprises = 4, NonPublicEnterprises = 50, NonPublicCoverage = 0.45,
            TemporaryBranches = 18, VanguardTeams = 40, CrossVillageGroups = [3, 3, 2],
            MobileMemberOrganizations = 2,
            Agencies = 30, AgencyGapShare = 0.2, VisitSkipShare = 0.15, Projects = 9,
            RuralMembers = 2700, InServiceMembers = 1000, MobileMembers = 420, RetiredMembers = 560, Cadres = 560,
            CadreStewardShare = 0.35,
            IncomeMedian2019 = 115_000m, IncomeSigma = 0.5, Growth2019To2021 = 0.15, GrowthAfter2021 = 0.05,
            IncomeProjects = 55,
            Quality = 0.4, MedianDaysToResolve = 11, BacklogDays = 260,
            Cases =
            [
                new(CaseChannel.GridVisit, 1100, 880), new(CaseChannel.Hotline12345, 900, 700),
                new(CaseChannel.FourStep, 350, 280), new(CaseChannel.EnterpriseService, 50, 40),
                new(CaseChannel.RedSteward, 60, 47), new(CaseChannel.NightTalk, 30, 24),
            ],
            NightTalks = 40, RotationDuties = 15, HomeVisits = 450, EnterpriseServiceVisits = 40, MicroWishes = 320,
        },
        new()
        {
            Code = "350425", Name = "大田县", IdPrefixes = ["350425"],
            Townships = Spread(
                ["均溪镇", "石牌镇", "上京镇", "广平镇", "桃源镇", "太华镇", "建设镇", "奇韬镇", "华兴镇", "吴山镇", "文江镇", "梅山镇", "济阳乡", "武陵乡", "谢洋乡", "湖美乡", "前坪乡", "屏山乡"],
                villages: 256, communities: 15, "350425"),
            AreaGrids = 300, UnitGrids = 1300,
            ResidentialAreaBranches = 30, NewBusinessFormBranches = 6, NewBusinessFormGeneralBranches = 1,
            NewBusinessFormEnterprises = 22, NewBusinessFormEnterprisesCovered = 17,
            StateOwnedEnterprises = 6, NonPublicEnterprises = 90, NonPublicCoverage = 0.6,
            TemporaryBranches = 22, VanguardTeams = 45, CrossVillageGroups = [3, 3, 2, 2],
            Agencies = 32, AgencyGapShare = 0.12, VisitSkipShare = 0.08, Projects = 11,
            RuralMembers = 3300, InServiceMembers = 1150, MobileMembers = 480, RetiredMembers = 620, Cadres = 640,
            CadreStewardShare = 0.45,
            IncomeMedian2019 = 150_000m, IncomeSigma = 0.45, Growth2019To2021 = 0.2, IncomeProjects = 75,
            Quality = 0.6, MedianDaysToResolve = 6.5, BacklogDays = 120,
            Cases =
            [
                new(CaseChannel.GridVisit, 1300, 1150), new(CaseChannel.Hotline12345, 900, 780),
                new(CaseChannel.FourStep, 320, 280), new(CaseChannel.EnterpriseService, 70, 60),
                new(CaseChannel.RedSteward, 70, 60), new(CaseChannel.RotationDuty, 30, 26),
            ],
            NightTalks = 50, RotationDuties = 30, HomeVisits = 520, EnterpriseServiceVisits = 60, MicroWishes = 330,
        },
        new()
        {
            Code = "350426", Name = "尤溪县", IdPrefixes = ["350426"],
            Townships = Spread(
                ["城关镇", "梅仙镇", "西滨镇", "洋中镇", "新阳镇", "管前镇", "西城镇", "尤溪口镇", "坂面镇", "联合镇", "中仙镇", "汤川乡", "溪尾乡", "台溪乡", "八字桥乡"],
                villages: 229, communities: 14, "350426"),
            AreaGrids = 270, UnitGrids = 1350, CommunityGridWeight = 4.5,
            ResidentialAreaBranches = 35, NewBusinessFormBranches = 6, NewBusinessFormGeneralBranches = 1,
            NewBusinessFormEnterprises = 22, NewBusinessFormEnterprisesCovered = 18,
            StateOwnedEnterprises = 6, NonPublicEnterprises = 85, NonPublicCoverage = 0.65,
            TemporaryBranches = 24, VanguardTeams = 50, CrossVillageGroups = [3, 2, 2],
            Agencies = 30, AgencyGapShare = 0.1, VisitSkipShare = 0.07, Projects = 11,
            RuralMembers = 3000, InServiceMembers = 1100, MobileMembers = 450, RetiredMembers = 600, Cadres = 600,
            CadreStewardShare = 0.5,
            IncomeMedian2019 = 160_000m, IncomeSigma = 0.45, Growth2019To2021 = 0.23, IncomeProjects = 80,
            Quality = 0.7, MedianDaysToResolve = 5, BacklogDays = 90,
            Cases =
            [
                new(CaseChannel.GridVisit, 1400, 1270), new(CaseChannel.Hotline12345, 850, 760),
                new(CaseChannel.FourStep, 330, 300), new(CaseChannel.EnterpriseService, 75, 67),
                new(CaseChannel.RedSteward, 90, 80), new(CaseChannel.NightTalk, 40, 36),
                new(CaseChannel.RotationDuty, 35, 31),
            ],
            NightTalks = 60, RotationDuties = 35, HomeVisits = 560, EnterpriseServiceVisits = 60, MicroWishes = 340,
        },
        new()
        {
            Code = "350428", Name = "将乐县", IdPrefixes = ["350428"],
            Townships = Spread(
                ["古镛镇", "万安镇", "高唐镇", "白莲镇", "黄潭镇", "水南镇", "光明镇", "南口镇", "漠源乡", "万全乡", "安仁乡", "大源乡", "余坊乡"],
                villages: 116, communities: 10, "350428"),
            AreaGrids = 140, UnitGrids = 620,
            ResidentialAreaBranches = 18, NewBusinessFormBranches = 4, NewBusinessFormGeneralBranches = 1,
            NewBusinessFormEnterprises = 14, NewBusinessFormEnterprisesCovered = 11,
            StateOwnedEnterprises = 4, NonPublicEnterprises = 45, NonPublicCoverage = 0.6,
            TemporaryBranches = 14, VanguardTeams = 30, CrossVillageGroups = [3, 2],
            Agencies = 24, AgencyGapShare = 0.1, VisitSkipShare = 0.08, Projects = 8,
            RuralMembers = 1500, InServiceMembers = 640, MobileMembers = 200, RetiredMembers = 340, Cadres = 340,
            CadreStewardShare = 0.5,
            IncomeMedian2019 = 150_000m, IncomeSigma = 0.45, Growth2019To2021 = 0.21, IncomeProjects = 45,
            Quality = 0.65, MedianDaysToResolve = 5.5, BacklogDays = 100,
            Cases =
            [
                new(CaseChannel.GridVisit, 650, 585), new(CaseChannel.Hotline12345, 450, 400),
                new(CaseChannel.FourStep, 170, 152), new(CaseChannel.EnterpriseService, 45, 40),
                new(CaseChannel.RedSteward, 40, 35),
            ],
            NightTalks = 25, RotationDuties = 20, HomeVisits = 300, EnterpriseServiceVisits = 35, MicroWishes = 180,
        },
        new()
        {
            Code = "350429", Name = "泰宁县", IdPrefixes = ["350429"],
            Townships = Spread(
                ["杉城镇", "朱口镇", "下渠镇", "新桥乡", "上青乡", "大田乡", "梅口乡", "开善乡", "大龙乡"],
                villages: 81, communities: 8, "350429"),
            AreaGrids = 100, UnitGrids = 480,
            ResidentialAreaBranches = 14, NewBusinessFormBranches = 4,
            NewBusinessFormEnterprises = 12, NewBusinessFormEnterprisesCovered = 10,
            StateOwnedEnterprises = 4, NonPublicEnterprises = 35, NonPublicCoverage = 0.7,
            TemporaryBranches = 10, VanguardTeams = 25, CrossVillageGroups = [2, 2],
            Agencies = 22, AgencyGapShare = 0.05, VisitSkipShare = 0.04, Projects = 7,
            RuralMembers = 1050, InServiceMembers = 500, MobileMembers = 140, RetiredMembers = 280, Cadres = 280,
            CadreStewardShare = 0.65,
            IncomeMedian2019 = 170_000m, IncomeSigma = 0.45, Growth2019To2021 = 0.25, GrowthAfter2021 = 0.09,
            IncomeProjects = 40,
            Quality = 0.85, MedianDaysToResolve = 3.5, BacklogDays = 50,
            Cases =
            [
                new(CaseChannel.GridVisit, 500, 465), new(CaseChannel.Hotline12345, 350, 325),
                new(CaseChannel.FourStep, 140, 130), new(CaseChannel.EnterpriseService, 35, 32),
                new(CaseChannel.RedSteward, 35, 32), new(CaseChannel.RotationDuty, 20, 19),
            ],
            NightTalks = 20, RotationDuties = 20, HomeVisits = 260, EnterpriseServiceVisits = 30, MicroWishes = 150,
        },
        new()
        {
            Code = "350430", Name = "建宁县", IdPrefixes = ["350430"],
            Townships = Spread(
                ["濉溪镇", "里心镇", "溪口镇", "均口镇", "伊家乡", "黄坊乡", "溪源乡", "客坊乡", "黄埠乡"],
                villages: 89, communities: 7, "350430"),
            AreaGrids = 105, UnitGrids = 520,
            ResidentialAreaBranches = 10, NewBusinessFormBranches = 3,
            NewBusinessFormEnterprises = 9, NewBusinessFormEnterprisesCovered = 5,
            StateOwnedEnterprises = 3, NonPublicEnterprises = 30, NonPublicCoverage = 0.4,
            TemporaryBranches = 8, VanguardTeams = 18,
            Agencies = 22, AgencyGapShare = 0.22, VisitSkipShare = 0.18, Projects = 6,
            RuralMembers = 1100, InServiceMembers = 500, MobileMembers = 160, RetiredMembers = 260, Cadres = 260,
            CadreStewardShare = 0.3,
            IncomeMedian2019 = 105_000m, IncomeSigma = 0.5, Growth2019To2021 = 0.14, GrowthAfter2021 = 0.05,
            IncomeProjects = 28,
            Quality = 0.3, MedianDaysToResolve = 13, BacklogDays = 300,
            Cases =
            [
                new(CaseChannel.GridVisit, 520, 400), new(CaseChannel.Hotline12345, 420, 320),
                new(CaseChannel.FourStep, 160, 125), new(CaseChannel.EnterpriseService, 30, 23),
                new(CaseChannel.RedSteward, 25, 19),
            ],
            NightTalks = 10, RotationDuties = 10, HomeVisits = 220, EnterpriseServiceVisits = 25, MicroWishes = 140,
        },
    ];

    /// <summary>
    /// Lays villages and communities over townships whose counts are not published: communities in the streets and
    /// the county seat (the first township), villages weighted towards towns. Depends on the county only, not on the
    /// seed, so the administrative layout is the same for every seed.
    /// </summary>
    private static TownshipSpec[] Spread(string[] names, int villages, int communities, string countyCode)
    {
        var random = new DemoRandom(DemoRandom.SubSeed(0, countyCode, "layout"));
        var streets = names.Where(n => n.EndsWith("街道", StringComparison.Ordinal)).ToArray();

        var communityWeights = names
            .Select((n, i) => streets.Length > 0
                ? (streets.Contains(n) ? 3.0 : i == streets.Length ? 0.6 : 0.15)
                : i == 0 ? 5.0 : i < 4 ? 0.5 : 0.1)
            .ToArray();
        var communityCounts = Allocate(communities, communityWeights, minimum: 0);

        var villageWeights = names
            .Select(n => (n.EndsWith("街道", StringComparison.Ordinal) ? 0.25 : n.EndsWith('镇') ? 1.3 : 0.9) * random.Uniform(0.7, 1.3))
            .ToArray();
        var villageCounts = Allocate(villages, villageWeights, minimum: 1);

        return names.Select((n, i) => new TownshipSpec(n, villageCounts[i], communityCounts[i])).ToArray();
    }

    /// <summary>Splits <paramref name="total"/> by weight (largest remainder), at least <paramref name="minimum"/> each.</summary>
    public static int[] Allocate(int total, IReadOnlyList<double> weights, int minimum)
    {
        var n = weights.Count;
        var counts = new int[n];
        var rest = total - minimum * n;
        if (rest < 0)
        {
            throw new ArgumentException($"Cannot give {n} parts at least {minimum} each out of {total}.");
        }

        var sum = weights.Sum();
        var shares = weights.Select(w => rest * w / sum).ToArray();
        for (var i = 0; i < n; i++)
        {
            counts[i] = minimum + (int)Math.Floor(shares[i]);
        }

        var left = total - counts.Sum();
        foreach (var i in Enumerable.Range(0, n).OrderByDescending(i => shares[i] - Math.Floor(shares[i])).ThenBy(i => i).Take(left))
        {
            counts[i]++;
        }

        return counts;
    }
}
