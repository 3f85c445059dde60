using Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Data.Tests.DemoData;

/// <summary>
/// The published figures as queries over the rows (EF LINQ, county scope by <see cref="Region.Path"/>), the way the
/// API and the warehouse will compute them; nothing here reads the generator's constants.
/// </summary>
internal static class DemoCityQueries
{
    public const string Yongan = "350481";
    public const string Sanyuan = "350404";

    /// <summary>The day 永安市's article (seed 001) speaks of: it reports the study of the 20th Party Congress, closed that day.</summary>
    public static readonly DateOnly YonganArticleDay = new(2022, 10, 22);

    /// <summary>The day 三元区's article (seed 002) speaks of: the end of 2021, the last year it names.</summary>
    public static readonly DateOnly SanyuanArticleDay = new(2021, 12, 31);

    private static readonly CaseStatus[] Resolved = [CaseStatus.Resolved, CaseStatus.FeedbackGiven, CaseStatus.Evaluated];

    public static async Task<Region> CountyAsync(this OperationalDbContext db, string code) =>
        await db.Regions.AsNoTracking().SingleAsync(r => r.Code == code && r.Level == RegionLevel.County);

    /// <summary>The county and every region below it.</summary>
    public static IQueryable<Region> RegionsIn(this OperationalDbContext db, Region county) =>
        db.Regions.Where(r => r.Path.StartsWith(county.Path));

    public static async Task<int> RegionCountAsync(this OperationalDbContext db, string county, RegionLevel level)
    {
        var scope = await db.CountyAsync(county);
        return await db.RegionsIn(scope).CountAsync(r => r.Level == level);
    }

    public static async Task<IQueryable<Grid>> GridsAsync(this OperationalDbContext db, string county, int level)
    {
        var scope = await db.CountyAsync(county);
        var regions = db.RegionsIn(scope).Select(r => r.Id);
        return db.Grids.AsNoTracking().Where(g => g.Level == level && regions.Contains(g.RegionId));
    }

    /// <summary>Organizations of the domain in the county, founded by <paramref name="asOf"/> when given.</summary>
    public static async Task<int> OrganizationCountAsync(
        this OperationalDbContext db, string county, OrganizationDomain domain, OrganizationKind? kind = null, DateOnly? asOf = null)
    {
        var scope = await db.CountyAsync(county);
        var regions = db.RegionsIn(scope).Select(r => r.Id);
        return await db.PartyOrganizations
            .Where(o => o.Domain == domain && (kind == null || o.Kind == kind) && regions.Contains(o.RegionId))
            .Where(o => asOf == null || o.EstablishedOn <= asOf)
            .CountAsync();
    }

    /// <summary>Resolved cases of the channel in the county; by the end of <paramref name="asOf"/> (a Beijing day) when given.</summary>
    public static async Task<int> ResolvedCaseCountAsync(
        this OperationalDbContext db, string county, CaseChannel channel, CaseCategory? category = null, CaseReporter? reporter = null,
        DateOnly? asOf = null)
    {
        var scope = await db.CountyAsync(county);
        var regions = db.RegionsIn(scope).Select(r => r.Id);
        var resolvedAt = await db.Cases
            .Where(c => c.Channel == channel && Resolved.Contains(c.Status) && regions.Contains(c.RegionId))
            .Where(c => category == null || c.Category == category)
            .Where(c => reporter == null || c.Reporter == reporter)
            .Select(c => c.ResolvedAt)
            .ToListAsync();
        return resolvedAt.Count(at => asOf is not { } day || OfficeCalendar.DayOf(at!.Value) <= day);
    }

    /// <summary>Activities of the kind held in the county (by <paramref name="asOf"/> when given): how many, Σ cadres, Σ participants.</summary>
    public static async Task<(int Count, int Cadres, int Participants)> ActivitiesAsync(
        this OperationalDbContext db, string county, ActivityKind kind, DateOnly? asOf = null)
    {
        var scope = await db.CountyAsync(county);
        var regions = db.RegionsIn(scope).Select(r => r.Id);
        var activities = db.Activities.Where(a => a.Kind == kind && regions.Contains(a.RegionId) && (asOf == null || a.Date <= asOf));
        return (await activities.CountAsync(), await activities.SumAsync(a => a.CadreCount), await activities.SumAsync(a => a.Participants));
    }

    /// <summary>Members whose organization (组织关系) lies in the county, who had joined by <paramref name="asOf"/> when given.</summary>
    public static async Task<int> MemberCountAsync(this OperationalDbContext db, string county, MemberCategory category, DateOnly? asOf = null)
    {
        var scope = await db.CountyAsync(county);
        var regions = db.RegionsIn(scope).Select(r => r.Id);
        return await db.PartyMembers.CountAsync(m => m.Category == category && regions.Contains(m.Organization!.RegionId)
            && (asOf == null || m.JoinedOn <= asOf));
    }

    /// <summary>Distinct cadres stewarding a unit grid: ever, or on <paramref name="asOf"/> when given.</summary>
    public static async Task<int> DistinctCadreStewardsOnUnitGridsAsync(this OperationalDbContext db, string county, DateOnly? asOf = null)
    {
        var unitGrids = (await db.GridsAsync(county, 4)).Select(g => g.Id);
        return await db.GridStewards
            .Where(s => s.IsCadre && s.MemberId != null && unitGrids.Contains(s.GridId))
            .Where(s => asOf == null || (s.From <= asOf && (s.To == null || s.To >= asOf)))
            .Select(s => s.MemberId)
            .Distinct()
            .CountAsync();
    }

    /// <summary>Each village's collective income rows of the county (a few hundred; summed in memory as decimals).</summary>
    public static async Task<List<CollectiveIncome>> VillageIncomesAsync(this OperationalDbContext db, string county)
    {
        var scope = await db.CountyAsync(county);
        var villages = db.RegionsIn(scope).Where(r => r.Level == RegionLevel.Village).Select(r => r.Id);
        return await db.CollectiveIncomes.AsNoTracking().Where(i => villages.Contains(i.VillageId)).ToListAsync();
    }

    /// <summary>Σ operating income in <paramref name="to"/> / Σ in <paramref name="from"/> − 1.</summary>
    public static async Task<decimal> OperatingIncomeGrowthAsync(this OperationalDbContext db, string county, int from, int to)
    {
        var incomes = await db.VillageIncomesAsync(county);
        return incomes.Where(i => i.Year == to).Sum(i => i.OperatingIncome) / incomes.Where(i => i.Year == from).Sum(i => i.OperatingIncome) - 1;
    }

    public static async Task<int> IncomeProjectCountAsync(this OperationalDbContext db, string county)
    {
        var scope = await db.CountyAsync(county);
        var villages = db.RegionsIn(scope).Where(r => r.Level == RegionLevel.Village).Select(r => r.Id);
        return await db.IncomeProjects.CountAsync(p => villages.Contains(p.VillageId));
    }
}
