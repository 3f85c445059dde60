using System.Security.Cryptography;
using System.Text;
using Analytics.Data.DemoData;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using static Analytics.Data.Tests.DemoData.DemoCityQueries;

namespace Analytics.Data.Tests.DemoData;

/// <summary>The same seed and scale write the same rows; the scale grows the volumes but not the structure.</summary>
[Collection(DemoCityCollection.Name)]
public sealed class DemoCityReproducibilityTests(DemoCityFixture city)
{
    [Fact]
    public async Task Same_seed_and_scale_write_identical_rows()
    {
        await using var again = await TemporaryStore.CreateAsync();
        await again.SeedAsync(DemoCityFixture.Options);
        await using var first = await city.Contexts.CreateDbContextAsync();
        await using var second = await again.Contexts.CreateDbContextAsync();

        var expected = await ContentHashesAsync(first);
        var actual = await ContentHashesAsync(second);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Scale_2_keeps_the_structure_and_exact_figures_and_grows_the_rest()
    {
        await using var scaled = await TemporaryStore.CreateAsync();
        await scaled.SeedAsync(DemoCityFixture.Options with { Scale = 2 });
        await using var one = await city.Contexts.CreateDbContextAsync();
        await using var two = await scaled.Contexts.CreateDbContextAsync();

        // Structure: the same rows.
        var structureOne = await ContentHashesAsync(one);
        var structureTwo = await ContentHashesAsync(two);
        foreach (var table in new[] { "Regions", "Grids", "PartyOrganizations", "Enterprises", "Projects", "Pairings", "CollectiveIncomes", "IncomeProjects", "StarRatings" })
        {
            Assert.True(structureOne[table] == structureTwo[table], $"{table} changed with the scale");
        }

        // Exact figures stay exact.
        Assert.Equal(379, await two.MemberCountAsync(Yongan, MemberCategory.Mobile));
        Assert.Equal(0.3081m, Math.Round(await two.OperatingIncomeGrowthAsync(Yongan, 2019, 2021), 4));
        Assert.Equal(145, await two.IncomeProjectCountAsync(Yongan));
        Assert.Equal(278, await two.OrganizationCountAsync(Sanyuan, OrganizationDomain.ResidentialArea));

        // "More than" figures grow with the scale.
        Assert.Equal(2 * await one.ResolvedCaseCountAsync(Yongan, CaseChannel.FourStep), await two.ResolvedCaseCountAsync(Yongan, CaseChannel.FourStep));
        Assert.Equal(2 * await one.ResolvedCaseCountAsync(Sanyuan, CaseChannel.GridVisit), await two.ResolvedCaseCountAsync(Sanyuan, CaseChannel.GridVisit));
        Assert.Equal(2 * (await one.ActivitiesAsync(Sanyuan, ActivityKind.NightTalk)).Count, (await two.ActivitiesAsync(Sanyuan, ActivityKind.NightTalk)).Count);
        Assert.True((await two.ActivitiesAsync(Sanyuan, ActivityKind.NightTalk)).Cadres > 2 * 7900);
        Assert.True(await two.DistinctCadreStewardsOnUnitGridsAsync(Sanyuan) >= await one.DistinctCadreStewardsOnUnitGridsAsync(Sanyuan));
        Assert.Equal(2 * await one.MemberCountAsync(Yongan, MemberCategory.Rural), await two.MemberCountAsync(Yongan, MemberCategory.Rural));
    }

    /// <summary>A SHA-256 per table over every column but <see cref="Entity.UpdatedAt"/>, rows in id order.</summary>
    private static async Task<Dictionary<string, string>> ContentHashesAsync(OperationalDbContext db) => new()
    {
        ["Regions"] = await HashAsync(db.Regions.OrderBy(x => x.Id).Select(x => new { x.Id, x.Code, x.Name, x.Level, x.ParentId, x.Path, x.Households, x.Population })),
        ["Grids"] = await HashAsync(db.Grids.OrderBy(x => x.Id).Select(x => new { x.Id, x.Code, x.Name, x.Level, x.ParentId, x.RegionId, x.Households, x.Population, x.CreatedOn })),
        ["PartyOrganizations"] = await HashAsync(db.PartyOrganizations.OrderBy(x => x.Id).Select(x => new { x.Id, x.Name, x.Kind, x.Domain, x.ParentId, x.RegionId, x.GridId, x.EstablishedOn, x.DissolvedOn })),
        ["Enterprises"] = await HashAsync(db.Enterprises.OrderBy(x => x.Id).Select(x => new { x.Id, x.Name, x.CreditCode, x.Kind, x.RegionId, x.PartyOrganizationId, x.Employees })),
        ["Projects"] = await HashAsync(db.Projects.OrderBy(x => x.Id).Select(x => new { x.Id, x.Name, x.RegionId, x.Investment, x.StartedOn, x.CompletedOn })),
        ["Pairings"] = await HashAsync(db.Pairings.OrderBy(x => x.Id).Select(x => new { x.Id, x.Program, x.OrganizationId, x.TargetKind, x.TargetRegionId, x.TargetEnterpriseId, x.TargetProjectId, x.From, x.To })),
        ["PartyMembers"] = await HashAsync(db.PartyMembers.OrderBy(x => x.Id).Select(x => new { x.Id, x.Name, x.Gender, x.BirthDate, x.JoinedOn, x.Category, x.IsStarMember, x.IsCadre, x.IdNumber, x.Phone, x.OrganizationId })),
        ["GridStewards"] = await HashAsync(db.GridStewards.OrderBy(x => x.Id).Select(x => new { x.Id, x.GridId, x.PersonName, x.MemberId, x.Employment, x.IsCadre, x.From, x.To })),
        ["Activities"] = await HashAsync(db.Activities.OrderBy(x => x.Id).Select(x => new { x.Id, x.Kind, x.Title, x.Date, x.OrganizationId, x.RegionId, x.GridId, x.PairingId, x.Participants, x.CadreCount })),
        ["Cases"] = await HashAsync(db.Cases.OrderBy(x => x.Id).Select(x => new
        {
            x.Id, x.Code, x.Title, x.RegionId, x.GridId, x.Channel, x.Category, x.Reporter, x.Status, x.ReportedAt, x.ClassifiedAt, x.StartedAt,
            x.ResolvedAt, x.FeedbackAt, x.EvaluatedAt, x.ClosedAt, x.DueOn, x.AssignedOrganizationId, x.ActivityId, x.Satisfaction,
        })),
        ["CollectiveIncomes"] = await HashAsync(db.CollectiveIncomes.OrderBy(x => x.Id).Select(x => new { x.Id, x.VillageId, x.Year, x.OperatingIncome, x.SelfOperatedIncome, x.TotalIncome })),
        ["IncomeProjects"] = await HashAsync(db.IncomeProjects.OrderBy(x => x.Id).Select(x => new { x.Id, x.Name, x.Kind, x.VillageId, x.Year, x.Investment, x.AnnualIncome })),
        ["StarRatings"] = await HashAsync(db.StarRatings.OrderBy(x => x.Id).Select(x => new { x.Id, x.OrganizationId, x.Year, x.Score, x.Stars })),
        ["MicroWishes"] = await HashAsync(db.MicroWishes.OrderBy(x => x.Id).Select(x => new
        {
            x.Id, x.Title, x.RegionId, x.Beneficiary, x.Status, x.PostedOn, x.VerifiedOn, x.PublishedOn, x.ClaimedOn, x.FulfilledOn, x.PublicizedOn,
            x.ClaimedByMemberId, x.ClaimedByOrganizationId,
        })),
        ["CommunityRegistrations"] = await HashAsync(db.CommunityRegistrations.OrderBy(x => x.Id).Select(x => new { x.Id, x.MemberId, x.CommunityId, x.DueFrom, x.RegisteredOn, x.ActivitiesAttended })),
        ["CommunityAttendances"] = await HashAsync(db.CommunityAttendances.OrderBy(x => x.Id).Select(x => new { x.Id, x.RegistrationId, x.Year, x.Quarter, x.Activities })),
    };

    private static async Task<string> HashAsync<T>(IQueryable<T> rows)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var count = 0;
        await foreach (var row in rows.AsAsyncEnumerable())
        {
            hash.AppendData(Encoding.UTF8.GetBytes(row + "\n"));
            count++;
        }

        return $"{count} rows {Convert.ToHexString(hash.GetHashAndReset())}";
    }
}
