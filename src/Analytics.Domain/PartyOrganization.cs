namespace Analytics.Domain;

/// <summary>党组织: a party committee, general branch or branch in one domain of work.</summary>
public sealed class PartyOrganization : Entity
{
    public required string Name { get; set; }

    public OrganizationKind Kind { get; set; }

    public OrganizationDomain Domain { get; set; }

    public int? ParentId { get; set; }

    public PartyOrganization? Parent { get; set; }

    /// <summary>The region the organization belongs to (its village, community, township or county).</summary>
    public int RegionId { get; set; }

    public Region? Region { get; set; }

    /// <summary>The grid a grid or residential-area branch is built on.</summary>
    public int? GridId { get; set; }

    public Grid? Grid { get; set; }

    public DateOnly EstablishedOn { get; set; }

    public DateOnly? DissolvedOn { get; set; }

    public List<PartyOrganization> Children { get; set; } = [];

    public List<PartyMember> Members { get; set; } = [];
}

public enum OrganizationKind
{
    /// <summary>党委.</summary>
    Committee = 1,

    /// <summary>党总支.</summary>
    GeneralBranch = 2,

    /// <summary>党支部.</summary>
    Branch = 3,
}

/// <summary>The field of work an organization is built in (领域).</summary>
public enum OrganizationDomain
{
    /// <summary>农村.</summary>
    Rural = 1,

    /// <summary>城市社区.</summary>
    Community = 2,

    /// <summary>机关.</summary>
    Agency = 3,

    /// <summary>国有企业.</summary>
    StateOwnedEnterprise = 4,

    /// <summary>非公有制企业.</summary>
    NonPublicEnterprise = 5,

    /// <summary>社会组织.</summary>
    SocialOrganization = 6,

    /// <summary>新就业群体 / 新兴业态.</summary>
    NewBusinessForm = 7,

    /// <summary>网格党支部 (built on a level-3 grid).</summary>
    GridBranch = 8,

    /// <summary>小区党支部.</summary>
    ResidentialArea = 9,

    /// <summary>联村党组织 (跨村联建).</summary>
    CrossVillage = 10,

    /// <summary>临时党支部 (projects, emergencies).</summary>
    Temporary = 11,

    /// <summary>流动党员党组织.</summary>
    MobileMembers = 12,

    /// <summary>青年党支部.</summary>
    Youth = 13,

    /// <summary>党员先锋队: a vanguard team, counted beside the organizations it is drawn from.</summary>
    VanguardTeam = 14,
}
