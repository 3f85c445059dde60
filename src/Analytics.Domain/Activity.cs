namespace Analytics.Domain;

/// <summary>
/// 调研 / 走访 / 联合党课 / 主题党日 / 居民夜谈会 / 党建轮值: a dated event held by an organization, with its
/// participants and the number of cadres who attended.
/// </summary>
public sealed class Activity : Entity
{
    public ActivityKind Kind { get; set; }

    public required string Title { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>The organization holding the activity.</summary>
    public int OrganizationId { get; set; }

    public PartyOrganization? Organization { get; set; }

    /// <summary>Where it took place.</summary>
    public int RegionId { get; set; }

    public Region? Region { get; set; }

    public int? GridId { get; set; }

    public Grid? Grid { get; set; }

    /// <summary>The pairing the activity was held under, for 四联四促 visits and joint activities.</summary>
    public int? PairingId { get; set; }

    public Pairing? Pairing { get; set; }

    public int Participants { get; set; }

    /// <summary>Party cadres attending (下沉党员干部人次).</summary>
    public int CadreCount { get; set; }
}

public enum ActivityKind
{
    /// <summary>主要领导调研 (principal leader visits the paired point).</summary>
    LeaderVisit = 1,

    /// <summary>分管领导蹲点 (deputy leader's day on site).</summary>
    DeputyVisit = 2,

    /// <summary>走访 (home visits by grid stewards and members).</summary>
    HomeVisit = 3,

    /// <summary>联合党课.</summary>
    JointPartyClass = 4,

    /// <summary>主题党日.</summary>
    ThemeDay = 5,

    /// <summary>实践活动 / 为民办实事.</summary>
    PracticeActivity = 6,

    /// <summary>居民夜谈会.</summary>
    NightTalk = 7,

    /// <summary>党建轮值.</summary>
    RotationDuty = 8,

    /// <summary>三百活动 / 18汇企日: service visits to enterprises.</summary>
    EnterpriseService = 9,
}
