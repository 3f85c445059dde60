using Analytics.Api.Security;
using Analytics.Data;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Tests.Security;

/// <summary>
/// The subtree test behind county scope and the subtree counts: a range on the Path index plus the prefix test. The
/// paths are chosen so that a range one character off would include a neighbour: /1/4/ against /1/40/ and /1/5/.
/// </summary>
public sealed class RegionScopesTests : IAsyncLifetime
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"analytics-scopes-{Guid.NewGuid():N}.db");
    private IDbContextFactory<OperationalDbContext> contexts = null!;

    public async Task InitializeAsync()
    {
        contexts = OperationalStoreExtensions.CreateFactory(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=false");
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.EnsureCreatedAsync();
        (int Id, int? Parent, string Path, RegionLevel Level)[] regions =
        [
            (1, null, "/1/", RegionLevel.City),
            (4, 1, "/1/4/", RegionLevel.County),
            (7, 4, "/1/4/7/", RegionLevel.Township),
            (8, 7, "/1/4/7/8/", RegionLevel.Village),
            (40, 1, "/1/40/", RegionLevel.County),
            (41, 40, "/1/40/41/", RegionLevel.Township),
            (5, 1, "/1/5/", RegionLevel.County),
        ];
        foreach (var (id, parent, regionPath, level) in regions)
        {
            db.Regions.Add(new Region { Id = id, ParentId = parent, Path = regionPath, Level = level, Code = $"R{id}", Name = $"Region {id}" });
            await db.SaveChangesAsync();
        }
    }

    public Task DisposeAsync()
    {
        File.Delete(path);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("/1/4/", "/1/40")]
    [InlineData("/1/", "/10")]
    [InlineData("/1/4/7/", "/1/4/70")]
    [InlineData("\u0000no region", "\u0000no regioo")]
    public void The_end_of_a_subtree_is_the_first_string_after_every_path_below_it(string prefix, string end) =>
        Assert.Equal(end, RegionScopes.SubtreeEnd(prefix));

    [Theory]
    [InlineData("/1/4/", new[] { 4, 7, 8 })]
    [InlineData("/1/40/", new[] { 40, 41 })]
    [InlineData("/1/", new[] { 1, 4, 5, 7, 8, 40, 41 })]
    [InlineData("/1/4/7/8/", new[] { 8 })]
    [InlineData("/1/9/", new int[0])]
    public async Task Within_a_county_are_exactly_the_regions_whose_path_starts_with_its_path(string county, int[] expected)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var rows = db.Regions.Where(RegionScopes.Within<Region>(county));

        Assert.Equal(expected, await rows.Select(r => r.Id).OrderBy(id => id).ToListAsync());
        var sql = rows.ToQueryString();
        Assert.Contains("\"r\".\"Path\" >= @", sql); // the range the Path index answers
        Assert.Contains("\"r\".\"Path\" < @", sql);
    }

    [Fact]
    public async Task Counts_below_each_region_exclude_neighbours_whose_path_shares_the_digits()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var counts = await db.Regions
            .SelectMany(_ => db.Regions, (region, row) => new RegionAndRow<Region> { Region = region, Row = row })
            .Where(RegionScopes.Below<Region>(x => x.Path, includeSelf: false))
            .GroupBy(pair => pair.Region.Id)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count);

        Assert.Equal(new Dictionary<int, int> { [1] = 6, [4] = 2, [7] = 1, [40] = 1 }, counts);
    }
}
