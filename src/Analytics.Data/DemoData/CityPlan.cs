using Analytics.Domain;

namespace Analytics.Data.DemoData;

/// <summary>
/// The structure of the demo city, held in memory while the rows are written: regions, grids, organizations,
/// enterprises, projects and pairings. It does not grow with the scale, so the scaled tables can refer to it freely.
/// </summary>
/// <remarks>
/// The entities here use navigation properties only as in-memory links; <see cref="BulkWriter"/> writes scalar columns,
/// and each step copies the parent's id into the foreign key once the parent has been written.
/// </remarks>
internal sealed class CityPlan
{
    public required Region City { get; init; }

    public List<CountyPlan> Counties { get; } = [];

    /// <summary>County-level units abolished and merged into a county of <see cref="Counties"/>: a closed region each, no children.</summary>
    public List<Region> DissolvedCounties { get; } = [];

    /// <summary>The city's own agencies (市直机关), which pair with villages, communities, enterprises and projects anywhere.</summary>
    public List<AgencyPlan> CityAgencies { get; } = [];
}

internal sealed class CountyPlan
{
    public required CountySpec Spec { get; init; }

    public required Region Region { get; init; }

    public List<TownshipPlan> Townships { get; } = [];

    public IEnumerable<UnitPlan> Units => Townships.SelectMany(t => t.Units);

    public List<UnitPlan> Villages { get; } = [];

    public List<UnitPlan> Communities { get; } = [];

    public List<AgencyPlan> Agencies { get; } = [];

    /// <summary>Every organization of the county, parents before children.</summary>
    public List<PartyOrganization> Organizations { get; } = [];

    public List<PartyOrganization> GridBranches { get; } = [];

    public List<PartyOrganization> ResidentialBranches { get; } = [];

    public List<PartyOrganization> EnterpriseOrganizations { get; } = [];

    public List<PartyOrganization> MobileMemberOrganizations { get; } = [];

    public List<PartyOrganization> OtherOrganizations { get; } = [];

    /// <summary>Cross-village organizations (联村党组织) and the villages each covers.</summary>
    public List<(PartyOrganization Organization, List<UnitPlan> Villages)> CrossVillage { get; } = [];

    public List<Enterprise> Enterprises { get; } = [];

    public List<Project> Projects { get; } = [];

    public List<PairingPlan> Pairings { get; } = [];

    /// <summary>Filled by the members step: ids to refer to from stewards, wishes and registrations.</summary>
    public MemberPools Members { get; } = new();

    /// <summary>Filled by the activities step: the activities cases can be raised at.</summary>
    public ActivityPools Activities { get; } = new();

    public Dictionary<int, UnitPlan> UnitsByRegionId { get; } = [];
}

internal sealed class TownshipPlan
{
    public required TownshipSpec Spec { get; init; }

    public required Region Region { get; init; }

    public Grid? Grid { get; set; }

    public PartyOrganization? Committee { get; set; }

    public List<UnitPlan> Units { get; } = [];
}

/// <summary>A village (行政村) or community (社区) with its grids and its own party organization.</summary>
internal sealed class UnitPlan
{
    public required Region Region { get; init; }

    public required TownshipPlan Township { get; init; }

    public bool IsCommunity => Region.Level == RegionLevel.Community;

    public Grid? Grid { get; set; }

    public List<AreaPlan> Areas { get; } = [];

    /// <summary>Every level-4 grid of the unit, those under an area and those hung directly under the unit.</summary>
    public List<Grid> UnitGrids { get; } = [];

    public PartyOrganization? Organization { get; set; }
}

/// <summary>A level-3 grid (片区/小区) and its unit grids.</summary>
internal sealed class AreaPlan
{
    public required Grid Grid { get; init; }

    public List<Grid> UnitGrids { get; } = [];
}

internal sealed class AgencyPlan
{
    public required PartyOrganization Organization { get; init; }

    /// <summary>"永安市财政局": the agency itself, for titles.</summary>
    public required string ShortName { get; init; }

    /// <summary>The county the agency belongs to; null for the city's own agencies.</summary>
    public CountyPlan? County { get; init; }
}

/// <summary>A pairing with what activities held under it need to know.</summary>
internal sealed class PairingPlan
{
    public required Pairing Pairing { get; init; }

    public required PartyOrganization Organization { get; init; }

    /// <summary>The agency, for 四联四促 and 三联共建 pairings; null for cross-village coverage.</summary>
    public AgencyPlan? Agency { get; init; }

    public required string TargetName { get; init; }

    /// <summary>Where activities under the pairing take place.</summary>
    public required Region Place { get; init; }
}

/// <summary>Member ids kept per county after the members are written (ids only, so scale 100 stays small).</summary>
internal sealed class MemberPools
{
    public List<int> All { get; } = [];

    public List<int> InService { get; } = [];

    /// <summary>Cadres with their names, enough of them to staff the unit grids.</summary>
    public List<(int Id, string Name)> Cadres { get; } = [];

    /// <summary>Ordinary rural and retired members who can serve as grid stewards.</summary>
    public List<(int Id, string Name)> Stewards { get; } = [];
}

/// <summary>Activities that cases may come out of, by kind.</summary>
internal sealed class ActivityPools
{
    public List<ActivityRef> NightTalks { get; } = [];

    public List<ActivityRef> RotationDuties { get; } = [];

    public List<ActivityRef> EnterpriseServices { get; } = [];
}

internal readonly record struct ActivityRef(int Id, DateOnly Date, int RegionId, int OrganizationId);
