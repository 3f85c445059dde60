namespace Analytics.Domain;

/// <summary>微心愿: a small wish of a person in need, posted, claimed by a member or organization, fulfilled, publicized.</summary>
public sealed class MicroWish : Entity, IVersioned
{
    public required string Title { get; set; }

    /// <summary>The village or community of the beneficiary.</summary>
    public int RegionId { get; set; }

    public Region? Region { get; set; }

    public BeneficiaryKind Beneficiary { get; set; }

    public MicroWishStatus Status { get; set; }

    public DateOnly PostedOn { get; set; }

    public DateOnly? VerifiedOn { get; set; }

    public DateOnly? PublishedOn { get; set; }

    public DateOnly? ClaimedOn { get; set; }

    public DateOnly? FulfilledOn { get; set; }

    public DateOnly? PublicizedOn { get; set; }

    /// <summary>The member who claimed it, when one did.</summary>
    public int? ClaimedByMemberId { get; set; }

    public PartyMember? ClaimedByMember { get; set; }

    /// <summary>The organization that claimed it as a group, when one did.</summary>
    public int? ClaimedByOrganizationId { get; set; }

    public PartyOrganization? ClaimedByOrganization { get; set; }

    /// <summary>Concurrency version: pass the value read when changing the row.</summary>
    public long Version { get; set; }
}

public enum BeneficiaryKind
{
    /// <summary>留守儿童.</summary>
    LeftBehindChild = 1,

    /// <summary>困难学生.</summary>
    PoorStudent = 2,

    /// <summary>空巢老人.</summary>
    EmptyNestElder = 3,

    /// <summary>低收入群众.</summary>
    LowIncome = 4,

    /// <summary>残疾人.</summary>
    Disabled = 5,
}

public enum MicroWishStatus
{
    Posted = 1,
    Verified = 2,
    Published = 3,
    Claimed = 4,
    Fulfilled = 5,
    Publicized = 6,
}
