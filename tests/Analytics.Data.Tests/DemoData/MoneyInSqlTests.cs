using Microsoft.EntityFrameworkCore;

namespace Analytics.Data.Tests.DemoData;

/// <summary>
/// Money is compared, ordered and summed by the database itself (SQLite stores whole fen), with the same answers as
/// exact decimal arithmetic in memory — the analytics and filters rely on it.
/// </summary>
[Collection(DemoCityCollection.Name)]
public sealed class MoneyInSqlTests(DemoCityFixture city)
{
    [Fact]
    public async Task Comparisons_in_sql_agree_with_decimal_arithmetic()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var all = await db.CollectiveIncomes.AsNoTracking().ToListAsync();

        var underInSql = await db.CollectiveIncomes.CountAsync(i => i.Year == 2019 && i.OperatingIncome < 100_000m);

        Assert.Equal(all.Count(i => i.Year == 2019 && i.OperatingIncome < 100_000m), underInSql);
        Assert.True(underInSql > 0, "the demo city has low-income villages in 2019");
    }

    [Fact]
    public async Task Sums_and_ordering_in_sql_are_exact_to_the_fen()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var all = await db.CollectiveIncomes.AsNoTracking().Where(i => i.Year == 2021).ToListAsync();

        var sumInSql = await db.CollectiveIncomes.Where(i => i.Year == 2021).SumAsync(i => i.OperatingIncome);
        var topInSql = await db.CollectiveIncomes.Where(i => i.Year == 2021)
            .OrderByDescending(i => i.OperatingIncome).ThenBy(i => i.Id).Select(i => i.Id).Take(20).ToListAsync();

        Assert.Equal(all.Sum(i => i.OperatingIncome), sumInSql);
        Assert.Equal(all.OrderByDescending(i => i.OperatingIncome).ThenBy(i => i.Id).Select(i => i.Id).Take(20), topInSql);
    }
}
