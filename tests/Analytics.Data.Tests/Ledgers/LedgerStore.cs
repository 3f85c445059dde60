using System.Text;
using Analytics.Data.Ledgers;
using Analytics.Data.Tests.DemoData;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Data.Tests.Ledgers;

/// <summary>
/// A migrated SQLite store holding the few regions, organizations, a grid, an enterprise and a project the ledger
/// fixtures name (two villages share the name 大湖村, two grid branches share a name), and an importer whose clock is
/// fixed at 2026-11-20 Beijing time.
/// </summary>
public sealed class LedgerStore : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.FromHours(8));

    private readonly TemporaryStore _store;

    private LedgerStore(TemporaryStore store, LedgerImportOptions? options)
    {
        _store = store;
        Importer = new LedgerImporter(store.Contexts, new FixedClock(Now), options);
    }

    public LedgerImporter Importer { get; }

    public IDbContextFactory<OperationalDbContext> Contexts => _store.Contexts;

    public static async Task<LedgerStore> CreateAsync(LedgerImportOptions? options = null)
    {
        var store = await TemporaryStore.CreateAsync();
        await using var db = await store.Contexts.CreateDbContextAsync();

        var city = Region("350400", "三明市", RegionLevel.City, null);
        var county = Region("350481", "永安市", RegionLevel.County, city);
        var yanxi = Region("350481001", "燕西街道", RegionLevel.Township, county);
        var nanmen = Region("350481001001", "南门社区", RegionLevel.Community, yanxi);
        var dahuVillage1 = Region("350481001201", "大湖村", RegionLevel.Village, yanxi);
        var dahuTown = Region("350481002", "大湖镇", RegionLevel.Township, county);
        var dahuVillage2 = Region("350481002201", "大湖村", RegionLevel.Village, dahuTown);
        var hongtian = Region("350481002202", "洪田村", RegionLevel.Village, dahuTown);
        Region[] regions = [city, county, yanxi, nanmen, dahuVillage1, dahuTown, dahuVillage2, hongtian];
        db.Regions.AddRange(regions);
        await db.SaveChangesAsync();
        foreach (var region in regions)
        {
            region.Path = (region.Parent?.Path ?? "/") + region.Id + "/";
        }

        db.Grids.AddRange(
            new Grid { Code = "35048100100101", Name = "南门社区第1网格", Level = 3, Region = nanmen, CreatedOn = new(2020, 1, 1) },
            new Grid { Code = "35048100220201", Name = "洪田村第1网格", Level = 3, Region = hongtian, CreatedOn = new(2020, 1, 1) });
        db.PartyOrganizations.AddRange(
            Organization("中共永安市统计局机关支部委员会", OrganizationDomain.Agency, county),
            Organization("中共燕西街道南门社区委员会", OrganizationDomain.Community, nanmen),
            Organization("中共燕西街道第一网格党支部", OrganizationDomain.GridBranch, yanxi),
            Organization("中共燕西街道第一网格党支部", OrganizationDomain.GridBranch, nanmen));
        db.Enterprises.Add(new Enterprise { Name = "永安市林业有限公司", CreditCode = "91350481MAHX22QG0Q", Region = yanxi, Employees = 120 });
        db.Projects.Add(new Project { Name = "永安市智能制造基地项目", Region = county, Investment = 100_000_000m, StartedOn = new(2022, 3, 1) });
        await db.SaveChangesAsync();
        return new LedgerStore(store, options);
    }

    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Ledgers", "Fixtures", name));

    public Task<LedgerImportResult> ImportAsync(string text, string fileName = "ledger.csv", LedgerKind? kind = null) =>
        ImportAsync(new UTF8Encoding(false).GetBytes(text), fileName, kind);

    public async Task<LedgerImportResult> ImportAsync(byte[] bytes, string fileName, LedgerKind? kind = null)
    {
        using var stream = new MemoryStream(bytes);
        return await Importer.ImportAsync(stream, fileName, kind);
    }

    /// <summary>Rows per table the ledgers write, to prove a failed import wrote nothing.</summary>
    public async Task<(int Members, int Pairings, int Cases)> CountsAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return (await db.PartyMembers.CountAsync(), await db.Pairings.CountAsync(), await db.Cases.CountAsync());
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private static Region Region(string code, string name, RegionLevel level, Region? parent) =>
        new() { Code = code, Name = name, Level = level, Parent = parent, Households = 100, Population = 300 };

    private static PartyOrganization Organization(string name, OrganizationDomain domain, Region region) => new()
    {
        Name = name, Kind = OrganizationKind.Branch, Domain = domain, Region = region, EstablishedOn = new(2000, 7, 1),
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
