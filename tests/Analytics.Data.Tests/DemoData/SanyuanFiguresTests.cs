using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using static Analytics.Data.Tests.DemoData.DemoCityQueries;

namespace Analytics.Data.Tests.DemoData;

/// <summary>三元区's published figures (seed 002), computed from the demo city's rows.</summary>
[Collection(DemoCityCollection.Name)]
public sealed class SanyuanFiguresTests(DemoCityFixture city)
{
    [Fact]
    public async Task Sanyuan_has_12_townships_58_communities_and_74_villages()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        Assert.Equal(12, await db.RegionCountAsync(Sanyuan, RegionLevel.Township));
        Assert.Equal(58, await db.RegionCountAsync(Sanyuan, RegionLevel.Community));
        Assert.Equal(74, await db.RegionCountAsync(Sanyuan, RegionLevel.Village));
    }

    [Fact]
    public async Task Sanyuan_townships_are_its_twelve_real_streets_and_towns()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var county = await db.CountyAsync(Sanyuan);
        string[] published =
        [
            "列东街道", "列西街道", "徐碧街道", "城关街道", "白沙街道", "富兴堡街道", "荆西街道", "陈大镇", "洋溪镇", "岩前镇", "莘口镇",
            "中村乡",
        ];

        var townships = await db.Regions.Where(r => r.ParentId == county.Id).Select(r => r.Name).ToListAsync();

        Assert.Equal(published.Order(StringComparer.Ordinal), townships.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sanyuan_has_2454_digital_grids()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var digitalGrids = await (await db.GridsAsync(Sanyuan, 4)).CountAsync();

        Assert.Equal(2454, digitalGrids);
    }

    [Fact]
    public async Task Sanyuan_has_more_than_2300_party_cadres_serving_as_grid_stewards()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var cadres = await db.DistinctCadreStewardsOnUnitGridsAsync(Sanyuan);
        var notCadreMembers = await db.GridStewards.CountAsync(s => s.IsCadre && (s.MemberId == null || !s.Member!.IsCadre));

        Assert.True(cadres > 2300, $"{cadres} distinct cadre stewards");
        Assert.Equal(0, notCadreMembers);
    }

    [Fact]
    public async Task Sanyuan_resolved_more_than_5300_cases_through_grid_visits()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var resolved = await db.ResolvedCaseCountAsync(Sanyuan, CaseChannel.GridVisit);

        Assert.True(resolved > 5300, $"{resolved} grid-visit cases resolved");
    }

    [Fact]
    public async Task Sanyuan_resolved_more_than_1300_property_cases_through_red_stewards()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var resolved = await db.ResolvedCaseCountAsync(Sanyuan, CaseChannel.RedSteward, CaseCategory.Property);

        Assert.True(resolved > 1300, $"{resolved} property cases resolved");
    }

    [Fact]
    public async Task Sanyuan_solved_more_than_100_enterprise_requests()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var resolved = await db.ResolvedCaseCountAsync(Sanyuan, CaseChannel.EnterpriseService, reporter: CaseReporter.Enterprise);

        Assert.True(resolved > 100, $"{resolved} enterprise requests solved");
    }

    [Fact]
    public async Task Sanyuan_held_more_than_2100_night_talks_with_more_than_7900_cadre_attendances()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var (talks, cadres) = await db.ActivitiesAsync(Sanyuan, ActivityKind.NightTalk);

        Assert.True(talks > 2100, $"{talks} night talks");
        Assert.True(cadres > 7900, $"{cadres} cadre attendances");
    }

    [Fact]
    public async Task Sanyuan_has_278_residential_area_branches()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var branches = await db.OrganizationCountAsync(Sanyuan, OrganizationDomain.ResidentialArea);

        Assert.Equal(278, branches);
    }

    [Fact]
    public async Task Sanyuan_has_13_new_business_form_branches_and_97_percent_organization_coverage()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var county = await db.CountyAsync(Sanyuan);
        var regions = db.RegionsIn(county).Select(r => r.Id);

        var branches = await db.OrganizationCountAsync(Sanyuan, OrganizationDomain.NewBusinessForm, OrganizationKind.Branch);
        var enterprises = await db.Enterprises.Where(e => e.Kind == EnterpriseKind.NewBusinessForm && regions.Contains(e.RegionId)).ToListAsync();
        var coverage = enterprises.Count(e => e.PartyOrganizationId != null) / (decimal)enterprises.Count;

        Assert.Equal(13, branches);
        Assert.Equal(0.97m, Math.Round(coverage, 2));
    }

    [Fact]
    public async Task Sanyuan_cross_village_organizations_cover_33_of_74_villages()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var county = await db.CountyAsync(Sanyuan);
        var regions = db.RegionsIn(county).Select(r => r.Id);

        var organizations = await db.OrganizationCountAsync(Sanyuan, OrganizationDomain.CrossVillage);
        var covered = await db.Pairings
            .Where(p => p.Program == PairingProgram.CrossVillage && p.TargetKind == PairingTargetKind.Village
                && p.Organization!.Domain == OrganizationDomain.CrossVillage && regions.Contains(p.Organization.RegionId))
            .Select(p => p.TargetRegionId)
            .Distinct()
            .CountAsync();
        var villages = await db.RegionCountAsync(Sanyuan, RegionLevel.Village);

        Assert.Equal(12, organizations);
        Assert.Equal(33, covered);
        Assert.Equal(0.446m, Math.Round(covered / (decimal)villages, 3));
    }

    [Fact]
    public async Task Sanyuan_villages_all_have_at_least_100000_yuan_self_operated_income_from_2021()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var incomes = await db.VillageIncomesAsync(Sanyuan);

        Assert.Equal(74, incomes.Count(i => i.Year == 2021));
        Assert.All(incomes.Where(i => i.Year >= 2021), i => Assert.True(i.SelfOperatedIncome >= 100_000m, $"{i.VillageId} {i.Year}: {i.SelfOperatedIncome}"));
    }
}
