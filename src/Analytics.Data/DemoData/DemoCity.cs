using System.Globalization;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Data.DemoData;

/// <summary>How the demo city is generated: the same seed and scale always give the same rows.</summary>
/// <param name="Seed">Random seed for everything not fixed by published figures.</param>
/// <param name="Scale">Multiplies members, cases and activities (not the region or grid structure).</param>
public sealed record DemoCityOptions(int Seed = 20211231, int Scale = 1);

/// <summary>A step of the generator, for progress output.</summary>
public sealed record DemoCityProgress(string Step, long RowsWritten);

/// <summary>Rows written per table.</summary>
public sealed record DemoCitySummary(IReadOnlyDictionary<string, long> RowsPerTable)
{
    public override string ToString() => string.Join(", ", RowsPerTable.Select(x => $"{x.Key} {x.Value}"));
}

/// <summary>三明市 demo city: Sanming's eleven county-level units, with 永安市 and 三元区 matching their published figures.</summary>
/// <remarks>
/// <para>
/// The structure (regions, grids, organizations, enterprises, projects, pairings) is planned in memory first and does
/// not depend on the scale. Members, stewards, activities, cases and the rest are then streamed county by county in
/// batches, keeping only the ids later steps refer to, so scale 100 never holds a whole table in memory.
/// </para>
/// <para>
/// Every county and every table draws from its own seeded stream, so one county's volumes never shift another's rows,
/// and the same seed and scale write identical rows (ids included, into an empty store).
/// </para>
/// <para>
/// Everything is written in one transaction: the store ends up either seeded or untouched.
/// </para>
/// </remarks>
public static class DemoCity
{
    public static async Task<DemoCitySummary> SeedAsync(
        IDbContextFactory<OperationalDbContext> contexts,
        DemoCityOptions options,
        IProgress<DemoCityProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Scale < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Scale, "The scale is a positive multiplier.");
        }

        var plan = StructurePlanner.Plan(options.Seed);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var writer = await BulkWriter.BeginAsync(db, cancellationToken);
        var seed = options.Seed;
        var scale = options.Scale;
        var ct = cancellationToken;

        void Report(string step) => progress?.Report(new DemoCityProgress(step, writer.TotalRows));

        await WriteRegionsAsync(writer, plan, ct);
        Report("Regions");
        await WriteGridsAsync(writer, plan, ct);
        Report("Grids");
        await WriteOrganizationsAsync(writer, plan, ct);
        Report("Party organizations");
        await WriteEnterprisesProjectsAndPairingsAsync(writer, plan, ct);
        Report("Enterprises, projects and pairings");

        foreach (var county in plan.Counties)
        {
            await writer.InsertAllAsync(PeopleGenerator.Members(seed, scale, county), batch => PeopleGenerator.Remember(county, batch), ct);
        }

        Report("Party members");
        foreach (var county in plan.Counties)
        {
            await writer.InsertAllAsync(PeopleGenerator.Stewards(seed, county), null, ct);
        }

        Report("Grid stewards");
        foreach (var county in plan.Counties)
        {
            await writer.InsertAllAsync(ActivityGenerator.Activities(seed, scale, county), batch => ActivityGenerator.Remember(county, batch), ct);
        }

        Report("Activities");
        foreach (var county in plan.Counties)
        {
            await writer.InsertAllAsync(CaseGenerator.Cases(seed, scale, county), null, ct);
        }

        Report("Cases");
        foreach (var county in plan.Counties)
        {
            await writer.InsertAllAsync(IncomeGenerator.Incomes(seed, county), null, ct);
            await writer.InsertAllAsync(IncomeGenerator.Projects(seed, county), null, ct);
        }

        Report("Collective income and income projects");
        foreach (var county in plan.Counties)
        {
            await writer.InsertAllAsync(RatingAndWishGenerator.Ratings(seed, county), null, ct);
        }

        Report("Star ratings");
        foreach (var county in plan.Counties)
        {
            await writer.InsertAllAsync(RatingAndWishGenerator.MicroWishes(seed, scale, county), null, ct);
        }

        Report("Micro wishes");
        foreach (var county in plan.Counties)
        {
            var quarters = new Dictionary<CommunityRegistration, List<(int Year, int Quarter, int Activities)>>(ReferenceEqualityComparer.Instance);
            var written = new List<CommunityRegistration>();
            await writer.InsertAllAsync(PeopleGenerator.Registrations(seed, county, quarters), written.AddRange, ct);
            await writer.InsertAllAsync(PeopleGenerator.Attendance(written, quarters), null, ct);
        }

        Report("Community registrations and quarterly attendance");
        await writer.CommitAsync(ct);
        Report("Committed");
        return new DemoCitySummary(writer.RowsPerTable);
    }

    /// <summary>Level by level, so each region's parent has its id; then every path from the root down.</summary>
    private static async Task WriteRegionsAsync(BulkWriter writer, CityPlan plan, CancellationToken ct)
    {
        var counties = plan.Counties.Select(c => c.Region).ToList();
        var townships = plan.Counties.SelectMany(c => c.Townships).Select(t => t.Region).ToList();
        var units = plan.Counties.SelectMany(c => c.Units).Select(u => u.Region).ToList();
        // The dissolved counties last, so that every other region keeps the id it had before they were modelled.
        List<Region>[] levels = [[plan.City], counties, townships, units, plan.DissolvedCounties];

        foreach (var level in levels)
        {
            foreach (var region in level)
            {
                region.ParentId = region.Parent?.Id;
            }

            await writer.InsertAsync(level, ct);
            foreach (var region in level)
            {
                region.Path = string.Create(CultureInfo.InvariantCulture, $"{region.Parent?.Path ?? "/"}{region.Id}/");
            }
        }

        await writer.UpdatePathsAsync(levels.SelectMany(l => l), ct);
        foreach (var county in plan.Counties)
        {
            foreach (var unit in county.Units)
            {
                county.UnitsByRegionId[unit.Region.Id] = unit;
            }
        }
    }

    private static async Task WriteGridsAsync(BulkWriter writer, CityPlan plan, CancellationToken ct)
    {
        var townships = plan.Counties.SelectMany(c => c.Townships).ToList();
        var units = townships.SelectMany(t => t.Units).ToList();
        List<Grid>[] levels =
        [
            townships.Select(t => t.Grid!).ToList(),
            units.Select(u => u.Grid!).ToList(),
            units.SelectMany(u => u.Areas).Select(a => a.Grid).ToList(),
            units.SelectMany(u => u.UnitGrids).ToList(),
        ];

        foreach (var level in levels)
        {
            foreach (var grid in level)
            {
                grid.RegionId = grid.Region!.Id;
                grid.ParentId = grid.Parent?.Id;
            }

            await writer.InsertAllAsync(level, null, ct);
        }
    }

    /// <summary>Parents before children: by depth in the organization tree.</summary>
    private static async Task WriteOrganizationsAsync(BulkWriter writer, CityPlan plan, CancellationToken ct)
    {
        var all = plan.CityAgencies.Select(a => a.Organization).Concat(plan.Counties.SelectMany(c => c.Organizations)).ToList();
        static int Depth(PartyOrganization organization)
        {
            var depth = 0;
            for (var parent = organization.Parent; parent is not null; parent = parent.Parent)
            {
                depth++;
            }

            return depth;
        }

        foreach (var level in all.GroupBy(Depth).OrderBy(g => g.Key))
        {
            var organizations = level.ToList();
            foreach (var organization in organizations)
            {
                organization.RegionId = organization.Region!.Id;
                organization.ParentId = organization.Parent?.Id;
                organization.GridId = organization.Grid?.Id;
            }

            await writer.InsertAllAsync(organizations, null, ct);
        }
    }

    private static async Task WriteEnterprisesProjectsAndPairingsAsync(BulkWriter writer, CityPlan plan, CancellationToken ct)
    {
        var enterprises = plan.Counties.SelectMany(c => c.Enterprises).ToList();
        foreach (var enterprise in enterprises)
        {
            enterprise.RegionId = enterprise.Region!.Id;
            enterprise.PartyOrganizationId = enterprise.PartyOrganization?.Id;
        }

        await writer.InsertAllAsync(enterprises, null, ct);

        var projects = plan.Counties.SelectMany(c => c.Projects).ToList();
        foreach (var project in projects)
        {
            project.RegionId = project.Region!.Id;
        }

        await writer.InsertAllAsync(projects, null, ct);

        var pairings = plan.Counties.SelectMany(c => c.Pairings).Select(p => p.Pairing).ToList();
        foreach (var (pairing, organization) in plan.Counties.SelectMany(c => c.Pairings).Select(p => (p.Pairing, p.Organization)))
        {
            pairing.OrganizationId = organization.Id;
            pairing.TargetRegionId = pairing.TargetRegion?.Id;
            pairing.TargetEnterpriseId = pairing.TargetEnterprise?.Id;
            pairing.TargetProjectId = pairing.TargetProject?.Id;
        }

        await writer.InsertAllAsync(pairings, null, ct);
    }
}
