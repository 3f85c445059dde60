using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using static Analytics.Data.Tests.DemoData.DemoCityQueries;

namespace Analytics.Data.Tests.DemoData;

/// <summary>永安市's published figures (seed 001), computed from the demo city's rows.</summary>
[Collection(DemoCityCollection.Name)]
public sealed class YonganFiguresTests(DemoCityFixture city)
{
    [Fact]
    public async Task Yongan_has_175_villages_and_26_communities()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var villages = await db.RegionCountAsync(Yongan, RegionLevel.Village);
        var communities = await db.RegionCountAsync(Yongan, RegionLevel.Community);

        Assert.Equal(175, villages);
        Assert.Equal(26, communities);
    }

    [Fact]
    public async Task Yongan_has_its_fifteen_real_townships()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var county = await db.CountyAsync(Yongan);

        string[] published =
        [
            "燕东街道", "燕西街道", "燕南街道", "燕北街道", "西洋镇", "贡川镇", "安砂镇", "小陶镇", "大湖镇", "曹远镇", "洪田镇",
            "槐南镇", "上坪乡", "罗坊乡", "青水畲族乡",
        ];

        var townships = await db.Regions.Where(r => r.ParentId == county.Id).Select(r => r.Name).ToListAsync();

        Assert.Equal(published.Order(StringComparer.Ordinal), townships.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Yongan_has_195_grid_party_branches_one_on_each_level_3_grid()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var areas = await (await db.GridsAsync(Yongan, 3)).Select(g => g.Id).ToListAsync();

        var branches = await db.PartyOrganizations
            .Where(o => o.Domain == OrganizationDomain.GridBranch && o.Kind == OrganizationKind.Branch && o.GridId != null && areas.Contains(o.GridId.Value))
            .Select(o => o.GridId)
            .ToListAsync();

        Assert.Equal(195, areas.Count);
        Assert.Equal(195, branches.Count);
        Assert.Equal(195, branches.Distinct().Count());
    }

    [Fact]
    public async Task Yongan_has_1775_new_level_4_grids_created_in_2020_and_2021()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var unitGrids = await db.GridsAsync(Yongan, 4);

        var total = await unitGrids.CountAsync();
        var newOnes = await unitGrids.CountAsync(g => g.CreatedOn >= new DateOnly(2020, 1, 1) && g.CreatedOn <= new DateOnly(2021, 12, 31));

        Assert.Equal(1775, total);
        Assert.Equal(1775, newOnes);
    }

    [Fact]
    public async Task Yongan_unit_grids_mostly_hold_80_to_120_households_and_cover_most_households()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var county = await db.CountyAsync(Yongan);
        var households = await (await db.GridsAsync(Yongan, 4)).Select(g => g.Households).ToListAsync();

        var inBand = households.Count(h => h is >= Grid.StandardMinHouseholds and <= Grid.StandardMaxHouseholds) / (double)households.Count;
        var coverage = households.Sum() / (double)county.Households;

        Assert.InRange(inBand, 0.85, 0.99);
        Assert.InRange(coverage, 0.95, 1.0);
    }

    [Fact]
    public async Task Yongan_operating_income_grew_30_81_percent_2019_to_2021()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var growth = await db.OperatingIncomeGrowthAsync(Yongan, 2019, 2021);

        Assert.Equal(0.3081m, Math.Round(growth, 4));
    }

    [Fact]
    public async Task Yongan_has_no_village_under_100000_yuan_operating_income_in_2021_after_some_in_2019()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var incomes = await db.VillageIncomesAsync(Yongan);

        Assert.Equal(175, incomes.Count(i => i.Year == 2021));
        Assert.DoesNotContain(incomes, i => i.Year >= 2021 && i.OperatingIncome < 100_000m);
        Assert.Contains(incomes, i => i.Year == 2019 && i.OperatingIncome < 100_000m);
        Assert.Equal(Enumerable.Range(2019, 6), incomes.Select(i => i.Year).Distinct().Order());
    }

    [Fact]
    public async Task Yongan_planned_145_income_projects_in_2019_to_2021()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var county = await db.CountyAsync(Yongan);
        var villages = db.RegionsIn(county).Where(r => r.Level == RegionLevel.Village).Select(r => r.Id);

        var years = await db.IncomeProjects.Where(p => villages.Contains(p.VillageId)).Select(p => p.Year).ToListAsync();

        Assert.Equal(145, years.Count);
        Assert.All(years, y => Assert.InRange(y, 2019, 2021));
    }

    [Fact]
    public async Task Yongan_had_resolved_1600_odd_cases_by_the_four_step_method_by_its_article_and_kept_resolving_after()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var county = await db.CountyAsync(Yongan);
        var regions = db.RegionsIn(county).Select(r => r.Id);

        var byArticle = await db.ResolvedCaseCountAsync(Yongan, CaseChannel.FourStep, asOf: YonganArticleDay);
        var toDate = await db.ResolvedCaseCountAsync(Yongan, CaseChannel.FourStep);
        var notResolved = await db.Cases.CountAsync(c => c.Channel == CaseChannel.FourStep && regions.Contains(c.RegionId)
            && (c.Status == CaseStatus.Reported || c.Status == CaseStatus.Classified || c.Status == CaseStatus.InProgress || c.Status == CaseStatus.Rejected));

        Assert.InRange(byArticle, 1600, 1699); // 1600余件
        Assert.True(toDate > 1699, $"{toDate} resolved to the end of the data: the channel did not stop with the article");
        Assert.True(notResolved > 0);
    }

    [Fact]
    public async Task Yongan_held_200_odd_rotation_duty_activities_reaching_30000_odd_people_and_solved_650_odd_problems_by_its_article()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var (activities, _, participants) = await db.ActivitiesAsync(Yongan, ActivityKind.RotationDuty, YonganArticleDay);
        var solved = await db.ResolvedCaseCountAsync(Yongan, CaseChannel.RotationDuty, asOf: YonganArticleDay);

        Assert.InRange(activities, 200, 299);      // 200多场次
        Assert.InRange(participants, 30000, 39999); // 惠及群众3万余人
        Assert.InRange(solved, 650, 659);          // 650多个
    }

    [Theory]
    [InlineData(OrganizationDomain.ResidentialArea, 178)]
    [InlineData(OrganizationDomain.NewBusinessForm, 46)]
    [InlineData(OrganizationDomain.Temporary, 68)]
    [InlineData(OrganizationDomain.VanguardTeam, 130)]
    [InlineData(OrganizationDomain.MobileMembers, 5)] // 5个驻外商会流动党组织
    public async Task Yongan_had_the_published_number_of_organizations_by_its_article(OrganizationDomain domain, int published)
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var count = await db.OrganizationCountAsync(Yongan, domain, asOf: YonganArticleDay);

        Assert.Equal(published, count);
    }

    [Fact]
    public async Task Yongan_registered_379_mobile_members()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var mobile = await db.MemberCountAsync(Yongan, MemberCategory.Mobile, YonganArticleDay);

        Assert.Equal(379, mobile);
    }

    [Fact]
    public async Task Yongan_solved_100_odd_enterprise_problems_by_its_article()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var solved = await db.ResolvedCaseCountAsync(Yongan, CaseChannel.EnterpriseService, reporter: CaseReporter.Enterprise, asOf: YonganArticleDay);

        Assert.InRange(solved, 100, 199); // 100余个
    }
}
