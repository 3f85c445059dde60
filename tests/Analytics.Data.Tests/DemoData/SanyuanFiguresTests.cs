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
    public async Task Sanyuan_had_its_2454_digital_grids_by_its_article()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var grids = await db.GridsAsync(Sanyuan, 4);

        Assert.Equal(2454, await grids.CountAsync());
        Assert.Equal(2454, await grids.CountAsync(g => g.CreatedOn <= SanyuanArticleDay));
    }

    [Fact]
    public async Task Sanyuan_had_2300_odd_party_cadres_serving_as_grid_stewards_on_its_article_day()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var cadres = await db.DistinctCadreStewardsOnUnitGridsAsync(Sanyuan, SanyuanArticleDay);
        var notCadreMembers = await db.GridStewards.CountAsync(s => s.IsCadre && (s.MemberId == null || !s.Member!.IsCadre));

        Assert.InRange(cadres, 2300, 2399); // 2300多名
        Assert.Equal(0, notCadreMembers);
    }

    [Fact]
    public async Task Sanyuan_had_resolved_5300_odd_cases_through_grid_visits_by_its_article()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var resolved = await db.ResolvedCaseCountAsync(Sanyuan, CaseChannel.GridVisit, asOf: SanyuanArticleDay);

        Assert.InRange(resolved, 5300, 5399); // 5300余个
    }

    [Fact]
    public async Task Sanyuan_had_resolved_1300_odd_property_cases_through_red_stewards_by_its_article()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var resolved = await db.ResolvedCaseCountAsync(Sanyuan, CaseChannel.RedSteward, CaseCategory.Property, asOf: SanyuanArticleDay);

        Assert.InRange(resolved, 1300, 1399); // 1300余个
    }

    [Fact]
    public async Task Sanyuan_had_solved_100_odd_enterprise_requests_by_its_article()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var resolved = await db.ResolvedCaseCountAsync(Sanyuan, CaseChannel.EnterpriseService, reporter: CaseReporter.Enterprise, asOf: SanyuanArticleDay);

        Assert.InRange(resolved, 100, 199); // 100余件
    }

    [Fact]
    public async Task Sanyuan_had_held_2100_odd_night_talks_with_7900_odd_cadre_attendances_by_its_article()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var (talks, cadres, _) = await db.ActivitiesAsync(Sanyuan, ActivityKind.NightTalk, SanyuanArticleDay);
        var (allTalks, _, _) = await db.ActivitiesAsync(Sanyuan, ActivityKind.NightTalk);

        Assert.InRange(talks, 2100, 2199);  // 2100余场
        Assert.InRange(cadres, 7900, 7999); // 7900余人次
        Assert.True(allTalks > talks, "the talks went on after the article");
    }

    [Theory]
    [InlineData(OrganizationDomain.ResidentialArea, null, 278)]
    [InlineData(OrganizationDomain.Youth, OrganizationKind.Branch, 5)] // 5个乡镇青年党支部
    [InlineData(OrganizationDomain.CrossVillage, null, 12)]
    public async Task Sanyuan_had_the_published_number_of_organizations_by_its_article(OrganizationDomain domain, OrganizationKind? kind, int published)
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var count = await db.OrganizationCountAsync(Sanyuan, domain, kind, SanyuanArticleDay);

        Assert.Equal(published, count);
    }

    [Fact]
    public async Task Sanyuan_has_13_new_business_form_branches_and_97_percent_organization_coverage()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var county = await db.CountyAsync(Sanyuan);
        var regions = db.RegionsIn(county).Select(r => r.Id);

        var branches = await db.OrganizationCountAsync(Sanyuan, OrganizationDomain.NewBusinessForm, OrganizationKind.Branch, SanyuanArticleDay);
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
