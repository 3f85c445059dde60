namespace Analytics.Domain;

/// <summary>企业: an enterprise that agencies pair with (联企业) and whose party organization coverage is counted.</summary>
public sealed class Enterprise : Entity
{
    public required string Name { get; set; }

    /// <summary>统一社会信用代码, unique.</summary>
    public required string CreditCode { get; set; }

    public EnterpriseKind Kind { get; set; }

    /// <summary>The township or community where it is registered.</summary>
    public int RegionId { get; set; }

    public Region? Region { get; set; }

    /// <summary>The party organization built in the enterprise, if any (组织覆盖).</summary>
    public int? PartyOrganizationId { get; set; }

    public PartyOrganization? PartyOrganization { get; set; }

    public int Employees { get; set; }
}

public enum EnterpriseKind
{
    /// <summary>国有企业.</summary>
    StateOwned = 1,

    /// <summary>非公有制企业.</summary>
    NonPublic = 2,

    /// <summary>新兴业态 (platforms, logistics, delivery).</summary>
    NewBusinessForm = 3,
}
