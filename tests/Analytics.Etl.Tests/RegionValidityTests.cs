using System.Globalization;
using Analytics.Data;
using Analytics.Domain;
using Analytics.Etl.Warehouse;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Etl.Tests;

/// <summary>
/// Real county data on the demo city: villages and counties dissolved or merged (region validity), and a village-year
/// without its income report. Each test changes a private copy of the store and compares the warehouse built from it
/// with the fixture's.
/// </summary>
public sealed class RegionValidityTests(DemoWarehouseFixture fixture) : IClassFixture<DemoWarehouseFixture>
{
    [Fact]
    public async Task A_missing_village_year_fails_the_run_naming_the_village_and_year_and_keeps_the_previous_warehouse()
    {
        var directory = NewDirectory();
        var contexts = await fixture.CopyStoreAsync(directory);
        var live = fixture.CopyWarehouse();
        var before = await WarehouseQuery.HashAsync(live);
        CollectiveIncome removed;
        Region village;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var years = await IncomeYearsAsync(db);
            var middle = years[years.Count / 2];
            removed = await db.CollectiveIncomes.Where(i => i.Year == middle).OrderBy(i => i.VillageId).FirstAsync();
            village = await db.Regions.SingleAsync(r => r.Id == removed.VillageId);
            db.CollectiveIncomes.Remove(removed);
            await db.SaveChangesAsync();
        }

        var failure = await Assert.ThrowsAsync<WarehouseCheckFailedException>(() => new WarehouseBuilder(contexts, live).BuildAsync());

        var check = Assert.Single(failure.Failed);
        Assert.Equal("dq.fact_collective_income.village_years_reported", check.Name);
        var county = (string)(await QueryAsync(fixture.WarehousePath, $"SELECT county_name FROM dim_region WHERE region_key = {village.Id}")).Single()[0]!;
        Assert.Contains(Invariant($"1 village-year(s) missing"), check.Detail);
        Assert.Contains(Invariant($"{village.Name} ({village.Code}, {county}) {removed.Year}"), check.Detail);
        Assert.Contains(village.Name, failure.Message);
        Assert.Equal(before, await WarehouseQuery.HashAsync(live));
    }

    [Fact]
    public async Task A_growth_over_a_year_missing_a_village_is_null_and_says_so_never_a_smaller_figure()
    {
        // The warehouse itself, changed after its checks: what an analyst reads if a report were missing.
        var copy = fixture.CopyWarehouse();
        var (village, county, year) = await FirstVillageYearAsync(copy);
        await ExecuteAsync(copy, Invariant($"DELETE FROM fact_collective_income WHERE village_key = {village} AND year = {year}"));

        var growth = await QueryAsync(copy, Invariant($"""
            SELECT growth, villages_missing, complete FROM metric_income_growth
            WHERE region_key = {county} AND (from_year = {year} OR to_year = {year})
            """));
        Assert.NotEmpty(growth);
        Assert.All(growth, row => Assert.Equal([null, 1L, false], [row[0], row[1], row[2]]));
        var other = await QueryAsync(copy, Invariant($"SELECT COUNT(*) FROM metric_income_growth WHERE region_key = {county} AND growth IS NULL"));
        Assert.Equal(growth.Count, Convert.ToInt32(other.Single()[0], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Merging_two_villages_leaves_the_county_and_city_totals_and_growth_unchanged()
    {
        var directory = NewDirectory();
        var contexts = await fixture.CopyStoreAsync(directory);
        int countyId;
        int mergerYear;
        DateOnly firstDay;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var years = await IncomeYearsAsync(db);
            mergerYear = years[years.Count / 2];
            firstDay = new DateOnly(mergerYear, 1, 1);

            // The first two villages of a township: closed on the last day of the year before, a new village from the
            // first day of the merger year, which reports their joint income from then on.
            var pair = (await db.Regions.Where(r => r.Level == RegionLevel.Village).OrderBy(r => r.Code).ToListAsync())
                .GroupBy(r => r.ParentId).First(township => township.Count() >= 2).Take(2).ToList();
            var township = await db.Regions.SingleAsync(r => r.Id == pair[0].ParentId);
            countyId = township.ParentId!.Value;
            var successor = new Region
            {
                Code = township.Code + "399", Name = pair[0].Name[..^1] + pair[1].Name, Level = RegionLevel.Village,
                ParentId = township.Id, ValidFrom = firstDay,
                Households = pair.Sum(v => v.Households), Population = pair.Sum(v => v.Population),
            };
            db.Regions.Add(successor);
            foreach (var old in pair)
            {
                old.ValidTo = firstDay.AddDays(-1);
            }

            await db.SaveChangesAsync();
            successor.Path = township.Path + successor.Id.ToString(CultureInfo.InvariantCulture) + "/";
            var ids = pair.Select(v => v.Id).ToList();
            var later = await db.CollectiveIncomes.Where(i => ids.Contains(i.VillageId) && i.Year >= mergerYear).ToListAsync();
            db.CollectiveIncomes.RemoveRange(later);
            db.CollectiveIncomes.AddRange(later.GroupBy(i => i.Year).Select(year => new CollectiveIncome
            {
                VillageId = successor.Id, Year = year.Key,
                OperatingIncome = year.Sum(i => i.OperatingIncome),
                SelfOperatedIncome = year.Sum(i => i.SelfOperatedIncome),
                TotalIncome = year.Sum(i => i.TotalIncome),
            }));
            await db.SaveChangesAsync();
        }

        var merged = Path.Combine(directory, "warehouse.duckdb");
        var result = await new WarehouseBuilder(contexts, merged).BuildAsync();

        Assert.All(result.Checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
        var city = (await QueryAsync(merged, "SELECT region_key FROM dim_region WHERE level = 'City'")).Single()[0]!.ToString()!;
        foreach (var region in new[] { countyId.ToString(CultureInfo.InvariantCulture), city })
        {
            Assert.Equal(await IncomeAsync(fixture.WarehousePath, region), await IncomeAsync(merged, region));
            var growth = await GrowthAsync(merged, region);
            Assert.Equal(await GrowthAsync(fixture.WarehousePath, region), growth);
            Assert.DoesNotContain(growth, g => g.Growth is null);
        }

        // One village fewer from the merger's first day, the same number the day before.
        var villages = await VillagesAsync(fixture.WarehousePath, countyId, firstDay.AddDays(-1));
        Assert.Equal(villages, await VillagesAsync(merged, countyId, firstDay.AddDays(-1)));
        Assert.Equal(villages - 1, await VillagesAsync(merged, countyId, firstDay));
    }

    [Fact]
    public async Task A_county_merged_into_another_leaves_the_city_unchanged_and_the_successor_holds_both()
    {
        // As 梅列区 into 三元区 in 2021: the dissolved county is closed, its townships (and all below) are re-parented.
        var directory = NewDirectory();
        var contexts = await fixture.CopyStoreAsync(directory);
        Region dissolved, successor;
        DateOnly lastDay;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var years = await IncomeYearsAsync(db);
            lastDay = new DateOnly(years[years.Count / 2], 6, 30);
            var today = await db.Regions.Where(r => r.Level == RegionLevel.County && r.ValidTo == null).OrderBy(r => r.Code).ToListAsync();
            (dissolved, successor) = (today[^2], today[^3]);
            dissolved.ValidTo = lastDay;
            await db.SaveChangesAsync();
            await db.Regions.Where(r => r.ParentId == dissolved.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ParentId, successor.Id));
            await db.Regions.Where(r => r.Path.StartsWith(dissolved.Path) && r.Id != dissolved.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Path, r => successor.Path + r.Path.Substring(dissolved.Path.Length)));
        }

        var merged = Path.Combine(directory, "warehouse.duckdb");
        var result = await new WarehouseBuilder(contexts, merged).BuildAsync();

        Assert.All(result.Checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
        var city = (await QueryAsync(merged, "SELECT region_key FROM dim_region WHERE level = 'City'")).Single()[0]!.ToString()!;
        Assert.Equal(await IncomeAsync(fixture.WarehousePath, city), await IncomeAsync(merged, city));
        Assert.Equal(await GrowthAsync(fixture.WarehousePath, city), await GrowthAsync(merged, city));

        // The successor's every year is the sum of both; the dissolved county holds nothing and is no county of today.
        var before = await QueryAsync(fixture.WarehousePath, Invariant($"""
            SELECT year, SUM(operating_income) FROM metric_income WHERE region_key IN ({dissolved.Id}, {successor.Id}) GROUP BY year ORDER BY year
            """));
        Assert.Equal(before, await QueryAsync(merged, Invariant($"SELECT year, operating_income FROM metric_income WHERE region_key = {successor.Id} ORDER BY year")));
        Assert.Empty(await QueryAsync(merged, Invariant($"SELECT * FROM metric_income WHERE region_key = {dissolved.Id}")));
        var counties = Invariant($"SELECT regions FROM region_counts(DATE '{{0:yyyy-MM-dd}}') WHERE region_level = 'City' AND member_level = 'County'");
        var countiesBefore = await ScalarAsync(fixture.WarehousePath, string.Format(CultureInfo.InvariantCulture, counties, lastDay));
        Assert.Equal(countiesBefore, await ScalarAsync(merged, string.Format(CultureInfo.InvariantCulture, counties, lastDay)));
        Assert.Equal(countiesBefore - 1, await ScalarAsync(merged, string.Format(CultureInfo.InvariantCulture, counties, lastDay.AddDays(1))));
    }

    [Fact]
    public async Task Meilie_is_closed_in_2021_and_sanyuan_holds_the_merged_district_as_published()
    {
        // 梅列区: a county until 2 February 2021, holding nothing in today's tree; its streets and towns are 三元区's.
        var meilie = (await QueryAsync(fixture.WarehousePath,
            "SELECT region_key, valid_from, strftime(valid_to, '%Y-%m-%d') FROM dim_region WHERE name = '梅列区' AND level = 'County'")).Single();
        Assert.Equal([null, "2021-02-02"], [meilie[1], meilie[2]]);
        Assert.Empty(await QueryAsync(fixture.WarehousePath, $"SELECT * FROM dim_region WHERE parent_key = {meilie[0]}"));
        var townships = (await QueryAsync(fixture.WarehousePath,
            "SELECT name FROM dim_region WHERE county_name = '三元区' AND level = 'Township' AND name IN ('列东街道', '列西街道', '徐碧街道', '陈大镇', '洋溪镇')")).Count;
        Assert.Equal(5, townships);

        // The city's county-level units: 12 on 2 February 2021, 11 from the next day and today.
        const string Counties = "SELECT regions FROM region_counts({0}) WHERE region_level = 'City' AND member_level = 'County'";
        Assert.Equal(12, await ScalarAsync(fixture.WarehousePath, string.Format(CultureInfo.InvariantCulture, Counties, "DATE '2021-02-02'")));
        Assert.Equal(11, await ScalarAsync(fixture.WarehousePath, string.Format(CultureInfo.InvariantCulture, Counties, "DATE '2021-02-03'")));
        Assert.Equal(11, await ScalarAsync(fixture.WarehousePath, string.Format(CultureInfo.InvariantCulture, Counties, "NULL")));

        // 三元区 as published (the merged district): 12 townships, 74 villages, 58 communities, 2454 digital (unit) grids.
        var counts = (await QueryAsync(fixture.WarehousePath,
            "SELECT member_level, regions FROM metric_region_counts WHERE region_name = '三元区' AND region_level = 'County' ORDER BY member_level"))
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture));
        Assert.Equal(new Dictionary<string, long> { ["Community"] = 58, ["Township"] = 12, ["Village"] = 74 }, counts);
        Assert.Equal(2454, await ScalarAsync(fixture.WarehousePath, "SELECT grids FROM grid_counts(DATE '2022-12-31') WHERE region_name = '三元区' AND region_level = 'County' AND grid_level = 4"));

        // The city's income is that of all today's counties; 梅列区 has none of its own.
        Assert.Empty(await QueryAsync(fixture.WarehousePath, $"SELECT * FROM metric_income WHERE region_key = {meilie[0]}"));
        Assert.Equal(
            await QueryAsync(fixture.WarehousePath, "SELECT year, operating_income FROM metric_income WHERE region_level = 'City' ORDER BY year"),
            await QueryAsync(fixture.WarehousePath, """
                SELECT i.year, SUM(i.operating_income) FROM metric_income i JOIN metric_region r USING (region_key)
                WHERE i.region_level = 'County' AND r.valid_to IS NULL GROUP BY i.year ORDER BY i.year
                """));
    }

    private string NewDirectory()
    {
        var directory = Path.Combine(fixture.Directory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static async Task<List<int>> IncomeYearsAsync(OperationalDbContext db) =>
        await db.CollectiveIncomes.Select(i => i.Year).Distinct().OrderBy(y => y).ToListAsync();

    private static async Task<(int Village, int County, int Year)> FirstVillageYearAsync(string warehouse)
    {
        var row = (await QueryAsync(warehouse, """
            SELECT f.village_key, r.county_key, f.year FROM fact_collective_income f JOIN dim_region r ON r.region_key = f.village_key
            ORDER BY f.year DESC, r.code LIMIT 1
            """)).Single();
        return (Convert.ToInt32(row[0], CultureInfo.InvariantCulture), Convert.ToInt32(row[1], CultureInfo.InvariantCulture), Convert.ToInt32(row[2], CultureInfo.InvariantCulture));
    }

    private static async Task<List<(int Year, decimal Income)>> IncomeAsync(string warehouse, string region) =>
        (await QueryAsync(warehouse, $"SELECT year, operating_income FROM metric_income WHERE region_key = {region} ORDER BY year"))
            .Select(r => (Convert.ToInt32(r[0], CultureInfo.InvariantCulture), Convert.ToDecimal(r[1], CultureInfo.InvariantCulture))).ToList();

    private static async Task<List<(int From, int To, double? Growth)>> GrowthAsync(string warehouse, string region) =>
        (await QueryAsync(warehouse, $"SELECT from_year, to_year, round(growth, 12) FROM metric_income_growth WHERE region_key = {region} ORDER BY from_year, to_year"))
            .Select(r => (Convert.ToInt32(r[0], CultureInfo.InvariantCulture), Convert.ToInt32(r[1], CultureInfo.InvariantCulture), r[2] as double?)).ToList();

    private static Task<long> VillagesAsync(string warehouse, int county, DateOnly day) =>
        ScalarAsync(warehouse, Invariant($"SELECT regions FROM region_counts(DATE '{day:yyyy-MM-dd}') WHERE region_key = {county} AND member_level = 'Village'"));

    private static async Task<long> ScalarAsync(string warehouse, string sql) =>
        Convert.ToInt64((await QueryAsync(warehouse, sql)).Single()[0], CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(string warehouse, string sql)
    {
        await using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={warehouse}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static Task<List<object?[]>> QueryAsync(string path, string sql) => WarehouseQuery.RowsAsync(path, sql);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
