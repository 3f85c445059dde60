using Analytics.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Data.Tests.Writes;

/// <summary>
/// The natural key of a pairing — organization, program, target and first day — is unique in the store itself, for
/// each kind of target (SQLite's unique indexes hold NULLs distinct, hence one index per target column).
/// </summary>
public sealed class PairingKeyTests : IAsyncLifetime
{
    private static readonly DateOnly From = new(2023, 3, 1);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"analytics-pairing-key-{Guid.NewGuid():N}.db");
    private IDbContextFactory<OperationalDbContext> _contexts = null!;
    private (int Organization, int Village, int Enterprise) _ids;

    public async Task InitializeAsync()
    {
        _contexts = OperationalStoreExtensions.CreateFactory(DatabaseProvider.Sqlite, $"Data Source={_path}");
        await using var db = await _contexts.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        var village = new Region { Code = "350481001001", Name = "贡川村", Level = RegionLevel.Village };
        var organization = new PartyOrganization { Name = "永安市委组织部机关党支部", Kind = OrganizationKind.Branch, Domain = OrganizationDomain.Agency, Region = village };
        var enterprise = new Enterprise { Name = "永安林业", CreditCode = "91350481000000000X", Region = village };
        db.AddRange(village, organization, enterprise);
        await db.SaveChangesAsync();
        _ids = (organization.Id, village.Id, enterprise.Id);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_same_village_pairing_twice_is_refused_by_the_store()
    {
        await AddAsync(VillagePairing(PairingProgram.FourLinks, From));

        await Assert.ThrowsAsync<DbUpdateException>(() => AddAsync(VillagePairing(PairingProgram.FourLinks, From)));
        await AddAsync(VillagePairing(PairingProgram.FourLinks, From.AddYears(1)));   // paired again later: another row
        await AddAsync(VillagePairing(PairingProgram.ThreeLinks, From));             // another program: another row

        await using var db = await _contexts.CreateDbContextAsync();
        Assert.Equal(3, await db.Pairings.CountAsync());
    }

    [Fact]
    public async Task The_same_enterprise_pairing_twice_is_refused_by_the_store()
    {
        Pairing EnterprisePairing() => new()
        {
            Program = PairingProgram.FourLinks, OrganizationId = _ids.Organization, TargetKind = PairingTargetKind.Enterprise,
            TargetEnterpriseId = _ids.Enterprise, From = From,
        };

        await AddAsync(EnterprisePairing());

        await Assert.ThrowsAsync<DbUpdateException>(() => AddAsync(EnterprisePairing()));
        await using var db = await _contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Pairings.CountAsync());
    }

    private Pairing VillagePairing(PairingProgram program, DateOnly from) => new()
    {
        Program = program, OrganizationId = _ids.Organization, TargetKind = PairingTargetKind.Village, TargetRegionId = _ids.Village, From = from,
    };

    private async Task AddAsync(Pairing pairing)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        db.Pairings.Add(pairing);
        await db.SaveChangesAsync();
    }
}
