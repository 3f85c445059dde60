using Analytics.Etl.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Etl.Tests.Metrics;

/// <summary>
/// The demo warehouse changed one row at a time, as a careless edit or a late entry would change it: <c>verify</c> fails
/// exactly the claims whose printed figure the change contradicts, and no other.
/// </summary>
public sealed class ClaimTamperTests(DemoWarehouseFixture fixture) : IClassFixture<DemoWarehouseFixture>
{
    // One village of 永安市 with income rows, the first by key.
    private const string YonganVillage = """
        (SELECT MIN(v.region_key) FROM dim_region v JOIN dim_region c ON c.region_key = v.county_key
         WHERE v.level = 'Village' AND c.name = '永安市')
        """;

    private const string NewResidentialBranch = """
        INSERT INTO dim_organization
        SELECT (SELECT MAX(organization_key) + 1 FROM dim_organization), '中共燕东街道新建小区党支部', 'Branch', 'ResidentialArea',
               o.parent_key, o.region_key, o.county_key, o.grid_key, DATE '{0}', NULL
        FROM dim_organization o JOIN dim_region c ON c.region_key = o.county_key
        WHERE o.domain = 'ResidentialArea' AND c.name = '永安市'
        LIMIT 1
        """;

    [Fact]
    public async Task The_untouched_warehouse_passes_every_claim() =>
        Assert.Empty(await FailedAfterAsync(null));

    [Fact]
    public async Task Changing_one_villages_income_fails_the_growth_it_printed() =>
        Assert.Equal(["yongan.income-growth"], await FailedAfterAsync(
            $"UPDATE fact_collective_income SET operating_income = operating_income * 1.1 WHERE year = 2021 AND village_key = {YonganVillage}"));

    [Fact]
    public async Task Deleting_one_village_year_fails_the_growth_it_printed() =>
        Assert.Equal(["yongan.income-growth"], await FailedAfterAsync(
            $"DELETE FROM fact_collective_income WHERE year = 2019 AND village_key = {YonganVillage}"));

    [Fact]
    public async Task A_village_merged_away_after_the_article_changes_nothing_it_printed() =>
        Assert.Empty(await FailedAfterAsync($"UPDATE dim_region SET valid_to = DATE '2022-10-23' WHERE region_key = {YonganVillage}"));

    [Fact]
    public async Task A_village_merged_away_before_the_article_is_one_fewer_than_it_printed() =>
        Assert.Equal(["yongan.villages"], await FailedAfterAsync(
            $"UPDATE dim_region SET valid_to = DATE '2022-10-21' WHERE region_key = {YonganVillage}"));

    [Fact]
    public async Task A_branch_founded_after_the_article_changes_nothing_it_printed() =>
        Assert.Empty(await FailedAfterAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, NewResidentialBranch, "2022-10-23")));

    [Fact]
    public async Task A_branch_founded_on_the_articles_day_is_one_more_than_it_printed() =>
        Assert.Equal(["yongan.residential-branches"], await FailedAfterAsync(
            string.Format(System.Globalization.CultureInfo.InvariantCulture, NewResidentialBranch, "2022-10-22")));

    [Fact]
    public async Task A_case_resolved_after_the_article_changes_nothing_it_printed_but_one_moved_before_it_does()
    {
        // Ten of 永安市's four-step cases resolved after 2022-10-22 (Beijing) moved to the article's eve: 1660 is still
        // 1600余; sixty moved make 1710, which is not.
        const string Move = """
            UPDATE fact_case SET resolved_at = TIMESTAMP '2022-10-21 02:00:00'
            WHERE case_key IN (
                SELECT f.case_key FROM fact_case f JOIN dim_region r ON r.region_key = f.region_key
                WHERE f.channel = 'FourStep' AND f.is_resolved AND r.county_name = '永安市'
                  AND office_day(f.resolved_at) > DATE '2022-10-22'
                ORDER BY f.case_key LIMIT {0})
            """;

        Assert.Empty(await FailedAfterAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Move, 10)));
        Assert.Equal(["yongan.four-step-cases"], await FailedAfterAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Move, 60)));
    }

    /// <summary>The ids of the claims that fail on a copy of the demo warehouse changed by <paramref name="sql"/>.</summary>
    private async Task<IReadOnlyList<string>> FailedAfterAsync(string? sql)
    {
        var copy = fixture.CopyWarehouse();
        if (sql is not null)
        {
            await using var connection = new DuckDBConnection($"Data Source={copy}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Assert.True(await command.ExecuteNonQueryAsync() > 0, $"the change touched no row: {sql}");
        }

        var results = await ClaimVerifier.VerifyAsync(copy);
        return results.Where(r => r.Verdict != ClaimVerdict.Pass).Select(r => r.Claim.Id).ToList();
    }
}
