namespace Analytics.Domain;

/// <summary>
/// 民情诉求 / 群众难题: an issue raised by residents or an enterprise, handled along 倾听民声 → 分类处置 → 办结反馈 →
/// 考核评议. Each step's time is kept, so days to resolve and backlog age can be computed from the row alone.
/// </summary>
public sealed class Case : Entity, IVersioned
{
    /// <summary>Case number, unique, e.g. 350481-2021-000123.</summary>
    public required string Code { get; set; }

    public required string Title { get; set; }

    public int RegionId { get; set; }

    public Region? Region { get; set; }

    public int? GridId { get; set; }

    public Grid? Grid { get; set; }

    public CaseChannel Channel { get; set; }

    public CaseCategory Category { get; set; }

    public CaseReporter Reporter { get; set; }

    public CaseStatus Status { get; set; }

    /// <summary>倾听民声: when the case was received.</summary>
    public DateTimeOffset ReportedAt { get; set; }

    /// <summary>分类处置: classified and assigned.</summary>
    public DateTimeOffset? ClassifiedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>办结.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>反馈: the resident was told the outcome.</summary>
    public DateTimeOffset? FeedbackAt { get; set; }

    /// <summary>考核评议: the resident rated the handling.</summary>
    public DateTimeOffset? EvaluatedAt { get; set; }

    /// <summary>When the case was rejected or withdrawn.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>
    /// Why it was rejected (told to the reporter; required when an office rejects) or withdrawn (optional); null for
    /// every other case, and for closed cases a ledger brought in without one.
    /// </summary>
    public string? ClosingReason { get; set; }

    public DateOnly? DueOn { get; set; }

    /// <summary>The organization the case was assigned to at classification.</summary>
    public int? AssignedOrganizationId { get; set; }

    public PartyOrganization? AssignedOrganization { get; set; }

    /// <summary>The activity (night talk, rotation duty, visit) where the case was raised, if any.</summary>
    public int? ActivityId { get; set; }

    public Activity? Activity { get; set; }

    /// <summary>Resident's rating at evaluation, 1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int? Satisfaction { get; set; }

    /// <summary>Concurrency version: pass the value read when changing the row.</summary>
    public long Version { get; set; }

    public const int MaxClosingReasonLength = 500;
    public const int MinSatisfaction = 1;
    public const int MaxSatisfaction = 5;
}

/// <summary>How a case arrived.</summary>
public enum CaseChannel
{
    /// <summary>平时工作法: raised to a grid steward on a visit.</summary>
    GridVisit = 1,

    /// <summary>居民夜谈会.</summary>
    NightTalk = 2,

    /// <summary>民情处置四步走.</summary>
    FourStep = 3,

    /// <summary>党建轮值.</summary>
    RotationDuty = 4,

    /// <summary>红色管家 (property management).</summary>
    RedSteward = 5,

    /// <summary>三百活动 / 18汇企日 (enterprise requests).</summary>
    EnterpriseService = 6,

    /// <summary>12345 hotline.</summary>
    Hotline12345 = 7,
}

public enum CaseCategory
{
    /// <summary>基础设施 (roads, water, lighting).</summary>
    Infrastructure = 1,

    /// <summary>环境卫生.</summary>
    Environment = 2,

    /// <summary>物业管理.</summary>
    Property = 3,

    /// <summary>邻里纠纷.</summary>
    Dispute = 4,

    /// <summary>社会保障 (pensions, medical insurance, subsidies).</summary>
    SocialSecurity = 5,

    /// <summary>就业 / 招工用工.</summary>
    Employment = 6,

    /// <summary>企业融资.</summary>
    EnterpriseFinance = 7,

    /// <summary>安全隐患.</summary>
    Safety = 8,

    /// <summary>其他.</summary>
    Other = 9,
}

public enum CaseReporter
{
    Resident = 1,
    Enterprise = 2,
}

/// <summary>
/// Reported → Classified → InProgress → Resolved → FeedbackGiven → Evaluated; Rejected and Withdrawn end a case early.
/// </summary>
public enum CaseStatus
{
    Reported = 1,
    Classified = 2,
    InProgress = 3,
    Resolved = 4,
    FeedbackGiven = 5,
    Evaluated = 6,
    Rejected = 7,
    Withdrawn = 8,
}

public static class CaseStatusExtensions
{
    /// <summary>Resolved, or any later step of the workflow: the case counts as 解决.</summary>
    public static bool IsResolved(this CaseStatus status) =>
        status is CaseStatus.Resolved or CaseStatus.FeedbackGiven or CaseStatus.Evaluated;
}
