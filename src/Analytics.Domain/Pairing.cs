namespace Analytics.Domain;

/// <summary>
/// 结对共建: an agency's party organization linked to a village, community, enterprise or project under a program
/// (四联四促, 三联共建, 四进四联, 跨村联建). Exactly one target is set, the one <see cref="TargetKind"/> names.
/// </summary>
public sealed class Pairing : Entity, IVersioned
{
    public PairingProgram Program { get; set; }

    /// <summary>The agency (or cross-village) party organization that does the linking.</summary>
    public int OrganizationId { get; set; }

    public PartyOrganization? Organization { get; set; }

    public PairingTargetKind TargetKind { get; set; }

    /// <summary>The village or community linked (联乡村 / 联社区).</summary>
    public int? TargetRegionId { get; set; }

    public Region? TargetRegion { get; set; }

    /// <summary>The enterprise linked (联企业).</summary>
    public int? TargetEnterpriseId { get; set; }

    public Enterprise? TargetEnterprise { get; set; }

    /// <summary>The project linked (联项目).</summary>
    public int? TargetProjectId { get; set; }

    public Project? TargetProject { get; set; }

    public DateOnly From { get; set; }

    /// <summary>Last day of the pairing; null while it lasts.</summary>
    public DateOnly? To { get; set; }

    /// <summary>Concurrency version: pass the value read when changing the row.</summary>
    public long Version { get; set; }
}

public enum PairingProgram
{
    /// <summary>四联四促 (Sanming agencies: village, community, enterprise, project).</summary>
    FourLinks = 1,

    /// <summary>三联共建 (leader point, branch co-building, member help).</summary>
    ThreeLinks = 2,

    /// <summary>四进四联.</summary>
    FourEntries = 3,

    /// <summary>跨村联建: a cross-village organization covering a village.</summary>
    CrossVillage = 4,
}

public enum PairingTargetKind
{
    Village = 1,
    Community = 2,
    Enterprise = 3,
    Project = 4,
}
