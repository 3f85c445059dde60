namespace Analytics.Domain;

/// <summary>党员. The ID number and phone are personal data: masked by the API for every role but admin and never copied
/// to the warehouse.</summary>
public sealed class PartyMember : Entity
{
    public required string Name { get; set; }

    public Gender Gender { get; set; }

    public DateOnly BirthDate { get; set; }

    /// <summary>Date of admission to the party (入党时间).</summary>
    public DateOnly JoinedOn { get; set; }

    public MemberCategory Category { get; set; }

    /// <summary>星级党员.</summary>
    public bool IsStarMember { get; set; }

    /// <summary>A party or government cadre (党员干部).</summary>
    public bool IsCadre { get; set; }

    /// <summary>居民身份证号码 (18 characters). Sensitive.</summary>
    public required string IdNumber { get; set; }

    /// <summary>Mobile phone number (11 digits). Sensitive.</summary>
    public required string Phone { get; set; }

    /// <summary>The organization holding the member's relationship (组织关系).</summary>
    public int OrganizationId { get; set; }

    public PartyOrganization? Organization { get; set; }
}

public enum Gender
{
    Male = 1,
    Female = 2,
}

public enum MemberCategory
{
    /// <summary>农村党员.</summary>
    Rural = 1,

    /// <summary>在职党员 (working in an agency, enterprise or institution).</summary>
    InService = 2,

    /// <summary>流动党员.</summary>
    Mobile = 3,

    /// <summary>离退休党员.</summary>
    Retired = 4,
}
