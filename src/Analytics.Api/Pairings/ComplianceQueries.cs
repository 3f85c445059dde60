using Analytics.Api.GraphQL;
using Analytics.Api.Organizations;
using Analytics.Api.Regions;
using Analytics.Domain;
using Analytics.Domain.Workflows;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Pairings;

/// <summary>An organization's 四联四促 compliance for a year, computed live from the operational store.</summary>
public sealed record ComplianceStatus(int OrganizationId, int Year, IReadOnlyList<ComplianceCheck> Checks, IReadOnlyList<VillageOverlap> VillageOverlaps)
{
    public bool IsCompliant => Checks.All(c => c.IsMet);
}

/// <summary>共建村交叉: a village the agency pairs with that an agency of the other level (city / county) pairs with in the same year.</summary>
public sealed record VillageOverlap(int VillageId, int OtherOrganizationId);

public sealed class ComplianceStatusGraphType : ObjectGraphType<ComplianceStatus>
{
    public ComplianceStatusGraphType()
    {
        Name = "ComplianceStatus";
        Description = "四联四促 compliance of an agency organization for a year, rule by rule as the notice (明委工〔2023〕6号) states them, live from the operational store; the warehouse's metric_compliance_check applies the same rules.";
        Field<NonNullGraphType<PartyOrganizationGraphType>>("organization")
            .Resolve(context => context.Loader().LoadById<PartyOrganization>(context.Source.OrganizationId));
        Field(x => x.Year);
        Field(x => x.IsCompliant).Description("Every check is met.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ComplianceCheckGraphType>>>>("checks").Resolve(context => context.Source.Checks);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VillageOverlapGraphType>>>>("villageOverlaps")
            .Description("原则上市县两级机关单位的共建村不交叉: the agency's paired villages that an agency of the other level (city / county) also pairs with in the year. Reported, not a rule of isCompliant (the notice says 'in principle').")
            .Resolve(context => context.Source.VillageOverlaps);
    }
}

public sealed class VillageOverlapGraphType : ObjectGraphType<VillageOverlap>
{
    public VillageOverlapGraphType()
    {
        Name = "VillageOverlap";
        Description = "共建村交叉: a paired village shared with an agency of the other level in the year.";
        Field<NonNullGraphType<RegionGraphType>>("village")
            .Resolve(context => context.Loader().LoadById<Region>(context.Source.VillageId));
        Field<NonNullGraphType<PartyOrganizationGraphType>>("otherOrganization").Description("The city-level or county-level agency also pairing with the village.")
            .Resolve(context => context.Loader().LoadById<PartyOrganization>(context.Source.OtherOrganizationId));
    }
}

public sealed class ComplianceCheckGraphType : ObjectGraphType<ComplianceCheck>
{
    public ComplianceCheckGraphType()
    {
        Name = "ComplianceCheck";
        Description = "One rule: what is required in the year and what the store holds.";
        Field(x => x.Rule, type: typeof(NonNullGraphType<EnumerationGraphType<ComplianceRule>>));
        Field(x => x.Required);
        Field(x => x.Actual);
        Field(x => x.IsMet);
    }
}

public static class ComplianceQueries
{
    public static void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ComplianceStatusGraphType>>("complianceStatus")
            .Description("四联四促 compliance of an agency organization for a year: a village, community, enterprise and project pairing each in force at the end of June; the principal leader's visit to every paired village; a deputy's day each half-year; a joint party class, theme day and practice activity with the paired village; villages shared with an agency of the other level.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId", "A PartyOrganization id.")
            .Argument<NonNullGraphType<IntGraphType>>("year", "The year assessed.")
            .ResolveAsync(async context =>
            {
                var organizationId = GlobalId.DecodeFor(nameof(PartyOrganization), context.GetArgument<string>("organizationId"));
                var year = context.GetArgument<int>("year");
                if (year is < 1921 or > 9999)
                {
                    throw new ExecutionError($"year {year} is out of range.") { Code = GraphQL.Mutations.MutationErrors.InvalidInputCode };
                }

                await using var db = await context.CreateDbContextAsync();
                var scope = context.Scope();
                if (!await scope.Read<PartyOrganization>(db).AnyAsync(o => o.Id == organizationId, context.CancellationToken))
                {
                    throw GraphQL.Mutations.MutationErrors.NotFound("organizationId", nameof(PartyOrganization), context.GetArgument<string>("organizationId"));
                }

                var pairings = await scope.Read<Pairing>(db).Where(p => p.OrganizationId == organizationId).ToListAsync(context.CancellationToken);
                var start = new DateOnly(year, 1, 1);
                var end = new DateOnly(year, 12, 31);
                var activities = await scope.Read<Activity>(db)
                    .Where(a => a.OrganizationId == organizationId && a.Date >= start && a.Date <= end)
                    .Select(a => new CompliantActivity(a.Kind, a.Date, a.PairingId))
                    .ToListAsync(context.CancellationToken);
                var members = await RegisteredMembersAsync(scope.Read<CommunityRegistration>(db), scope.Read<CommunityAttendance>(db), organizationId, year, context.CancellationToken);
                var overlaps = await VillageOverlapsAsync(scope.Read<Pairing>(db), scope.Read<PartyOrganization>(db), organizationId, pairings, start, end, context.CancellationToken);
                return new ComplianceStatus(organizationId, year, PairingCompliance.Evaluate(year, pairings, activities, members), overlaps);
            });

    /// <summary>
    /// The organization's in-service members registered at a community (the earliest registration), with their
    /// activities per quarter of the year over all their registrations.
    /// </summary>
    private static async Task<IReadOnlyList<RegisteredMember>> RegisteredMembersAsync(
        IQueryable<CommunityRegistration> registrations, IQueryable<CommunityAttendance> attendance, int organizationId, int year,
        CancellationToken cancellationToken)
    {
        var ofMembers = registrations.Where(r => r.Member!.OrganizationId == organizationId && r.Member.Category == MemberCategory.InService);
        var registered = await ofMembers
            .GroupBy(r => r.MemberId)
            .Select(g => new { MemberId = g.Key, RegisteredOn = g.Min(r => r.RegisteredOn) })
            .ToListAsync(cancellationToken);
        var quarters = await attendance
            .Where(a => a.Year == year && ofMembers.Any(r => r.Id == a.RegistrationId))
            .Select(a => new { a.Registration!.MemberId, a.Quarter, a.Activities })
            .ToListAsync(cancellationToken);
        var byMember = quarters.GroupBy(q => q.MemberId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<(int, int), int>)g.GroupBy(q => q.Quarter).ToDictionary(q => (year, q.Key), q => q.Sum(x => x.Activities)));
        IReadOnlyDictionary<(int, int), int> none = new Dictionary<(int, int), int>();
        return registered.Select(r => new RegisteredMember(r.MemberId, r.RegisteredOn, byMember.GetValueOrDefault(r.MemberId) ?? none)).ToList();
    }

    /// <summary>
    /// The agency's 四联四促 villages of the year that an agency (domain Agency) of the other level also pairs with that
    /// year: a city agency's region is the city, a county agency's its county (metric_pairing_overlap in the warehouse).
    /// </summary>
    private static async Task<IReadOnlyList<VillageOverlap>> VillageOverlapsAsync(
        IQueryable<Pairing> allPairings, IQueryable<PartyOrganization> organizations, int organizationId,
        IReadOnlyCollection<Pairing> pairings, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        var level = await organizations.Where(o => o.Id == organizationId && o.Domain == OrganizationDomain.Agency)
            .Select(o => (RegionLevel?)o.Region!.Level)
            .SingleOrDefaultAsync(cancellationToken);
        if (level is not (RegionLevel.City or RegionLevel.County))
        {
            return [];
        }

        var villages = pairings
            .Where(p => p.Program == PairingProgram.FourLinks && p.TargetKind == PairingTargetKind.Village && p.From <= end && (p.To == null || p.To >= start))
            .Select(p => p.TargetRegionId!.Value)
            .Distinct()
            .ToList();
        var otherLevel = level == RegionLevel.City ? RegionLevel.County : RegionLevel.City;
        var others = await allPairings
            .Where(p => p.Program == PairingProgram.FourLinks && p.TargetKind == PairingTargetKind.Village && villages.Contains(p.TargetRegionId!.Value)
                && p.From <= end && (p.To == null || p.To >= start)
                && p.Organization!.Domain == OrganizationDomain.Agency && p.Organization.Region!.Level == otherLevel)
            .Select(p => new VillageOverlap(p.TargetRegionId!.Value, p.OrganizationId))
            .ToListAsync(cancellationToken);
        return others.Distinct().OrderBy(o => o.VillageId).ThenBy(o => o.OtherOrganizationId).ToList();
    }
}
