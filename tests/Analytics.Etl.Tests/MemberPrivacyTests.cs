using Analytics.Domain;
using Analytics.Etl.Warehouse;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Etl.Tests;

/// <summary>
/// Analysts read the warehouse file: no row of it may hold one member's quasi-identifiers (gender, birth year, join
/// date, cadre or star flag) beside the key that names the member in the facts; those are only counted, exactly
/// (member_counts, member_joins) or as combinations of at least <see cref="MemberAggregates.MinimumCell"/> members
/// (member_profile), and every count adds up to the store's.
/// </summary>
public sealed class MemberPrivacyTests(DemoWarehouseFixture fixture) : IClassFixture<DemoWarehouseFixture>
{
    private static readonly string[] QuasiIdentifiers = ["gender", "birth_year", "birth_date", "joined_on", "is_cadre", "is_star_member", "age_band", "joined_decade"];

    /// <summary>
    /// Attributes of a public role, not of the person: a grid steward's assignment says whether a cadre (党员干部下沉)
    /// serves, as the grid's notice board does beside the steward's name; cadre stewards are counted by member.
    /// </summary>
    private static readonly Dictionary<string, string[]> RoleAttributes = new() { ["fact_grid_steward"] = ["is_cadre"] };

    [Fact]
    public async Task No_table_or_view_puts_a_members_quasi_identifiers_beside_a_member_key()
    {
        // Tables and views alike (information_schema lists both).
        var columns = (await WarehouseQuery.RowsAsync(fixture.WarehousePath,
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_catalog = current_database()"))
            .GroupBy(r => (string)r[0]!, r => (string)r[1]!)
            .ToDictionary(g => g.Key, g => g.ToList());

        Assert.Equal(["category", "member_key", "organization_key"], columns["dim_member"].Order());
        var identifying = columns
            .Where(t => t.Value.Any(c => c.EndsWith("member_key", StringComparison.Ordinal)))
            .Select(t => (Table: t.Key, Columns: t.Value.Intersect(QuasiIdentifiers).Except(RoleAttributes.GetValueOrDefault(t.Key, [])).ToList()))
            .Where(t => t.Columns.Count > 0)
            .Select(t => $"{t.Table}: {string.Join(", ", t.Columns)}");
        Assert.Empty(identifying);
        // The quasi-identifiers are there, counted.
        Assert.Subset(columns["member_profile"].ToHashSet(), new HashSet<string> { "gender", "age_band", "joined_decade", "is_cadre" });
    }

    [Fact]
    public async Task The_counts_add_up_to_the_stores_members_cadres_and_star_members_per_category()
    {
        await using var db = await fixture.Contexts.CreateDbContextAsync();
        var store = (await db.PartyMembers.GroupBy(m => m.Category)
                .Select(g => new { Category = g.Key, Members = g.LongCount(), Cadres = g.LongCount(m => m.IsCadre), Stars = g.LongCount(m => m.IsStarMember) })
                .ToListAsync())
            .ToDictionary(c => c.Category.ToString(), c => (c.Members, c.Cadres, c.Stars));

        var counts = (await WarehouseQuery.RowsAsync(fixture.WarehousePath,
                "SELECT category, SUM(members), SUM(cadres), SUM(star_members) FROM member_counts GROUP BY category"))
            .ToDictionary(r => (string)r[0]!, r => (Convert.ToInt64(r[1]), Convert.ToInt64(r[2]), Convert.ToInt64(r[3])));
        var joins = (await WarehouseQuery.RowsAsync(fixture.WarehousePath, "SELECT category, SUM(members) FROM member_joins GROUP BY category"))
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1]));
        // metric_members at the city: every member's organization lies in it.
        var city = (await WarehouseQuery.RowsAsync(fixture.WarehousePath,
                "SELECT category, members, cadres, star_members FROM metric_members WHERE region_level = 'City'"))
            .ToDictionary(r => (string)r[0]!, r => (Convert.ToInt64(r[1]), Convert.ToInt64(r[2]), Convert.ToInt64(r[3])));
        var profile = Convert.ToInt64((await WarehouseQuery.RowsAsync(fixture.WarehousePath, "SELECT SUM(members) FROM member_profile")).Single()[0]);

        Assert.Equal(4, store.Count);
        Assert.Equal(store, counts);
        Assert.Equal(store, city);
        Assert.Equal(store.ToDictionary(c => c.Key, c => c.Value.Members), joins);
        Assert.Equal(store.Values.Sum(c => c.Members), profile);
    }

    [Fact]
    public async Task The_profile_sums_to_each_countys_members_and_shows_no_combination_of_fewer_than_five()
    {
        var small = await WarehouseQuery.RowsAsync(fixture.WarehousePath,
            $"SELECT COUNT(*) FROM member_profile WHERE NOT suppressed AND members < {MemberAggregates.MinimumCell}");
        var suppressed = await WarehouseQuery.RowsAsync(fixture.WarehousePath,
            "SELECT COUNT(*), COUNT(organization_domain) + COUNT(gender) + COUNT(age_band) + COUNT(joined_decade) + COUNT(is_cadre) FROM member_profile WHERE suppressed");
        var perCounty = (await WarehouseQuery.RowsAsync(fixture.WarehousePath,
                "SELECT county_name, SUM(members) FROM member_profile WHERE county_name IS NOT NULL GROUP BY county_name"))
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1]));
        var metric = (await WarehouseQuery.RowsAsync(fixture.WarehousePath,
                "SELECT region_name, SUM(members) FROM metric_members WHERE region_level = 'County' GROUP BY region_name"))
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1]));

        Assert.Equal(0L, Convert.ToInt64(small.Single()[0]));
        // The demo city has small cells (e.g. a township's female cadres of one decade), folded with their attributes dropped.
        Assert.True(Convert.ToInt64(suppressed.Single()[0]) > 0, "no suppressed row: the rule was not exercised");
        Assert.Equal(0L, Convert.ToInt64(suppressed.Single()[1]));
        Assert.Equal(metric, perCounty);
    }

    [Fact]
    public void A_combination_of_four_is_folded_into_its_townships_suppressed_row_and_one_of_five_is_shown()
    {
        MemberAggregates.ProfileKey Cell(int township, string gender) => new(10, township, "Rural", gender, "40-49", 1990, false);
        var cells = new Dictionary<MemberAggregates.ProfileKey, long>
        {
            [Cell(100, "Male")] = MemberAggregates.MinimumCell,
            [Cell(100, "Female")] = MemberAggregates.MinimumCell - 1,
            [Cell(200, "Male")] = 1,
            [Cell(200, "Female")] = 2,
        };

        var published = MemberAggregates.Suppress(cells).ToList();

        Assert.Equal(
            [
                (Cell(100, "Male"), 5L, false),
                (new MemberAggregates.ProfileKey(10, 100, null, null, null, null, null), 4L, true),
                (new MemberAggregates.ProfileKey(10, 200, null, null, null, null, null), 3L, true),
            ],
            published);
    }

    [Fact]
    public void Ages_fall_in_ten_year_bands_from_the_build_year()
    {
        Assert.Equal(["18-29", "30-39", "30-39", "60-69", "70+"], new[] { 29, 30, 39, 69, 70 }.Select(MemberAggregates.AgeBand));
    }
}
