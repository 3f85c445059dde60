using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Querying;

/// <summary>Hostile list arguments get a clear, coded error, never a 500, and never reach the database.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostileQueryTests(ApiFactory factory)
{
    [Theory]
    [InlineData("first: 100000", "PAGE_SIZE_TOO_LARGE")]
    [InlineData("last: 100000", "PAGE_SIZE_TOO_LARGE")]
    [InlineData("first: 10, after: \"aTo5OTk5OTk5OTk5OTk5\"", "INVALID_CURSOR")]
    [InlineData("first: 10, before: \"forged\"", "INVALID_CURSOR")]
    public async Task Paging_abuse_is_refused_before_any_sql(string paging, string code)
    {
        factory.SqlCommands.Reset();

        // aggregate is computed before the page: the refusal must come before it too.
        var response = await factory.CreateGraphQLClient().PostQueryAsync(
            $"{{ cases({paging}) {{ totalCount aggregate {{ count }} nodes {{ code }} }} }}");

        Assert.Equal(code, (string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.Equal(0, factory.SqlCommands.Count);
    }

    [Fact]
    public async Task A_30_level_nested_and_is_refused_before_any_sql()
    {
        var filter = "{ code: { eq: \"x\" } }";
        for (var i = 0; i < 30; i++)
        {
            filter = $"{{ and: [{filter}] }}";
        }

        factory.SqlCommands.Reset();
        var response = await factory.CreateGraphQLClient().PostQueryAsync($"{{ cases(where: {filter}) {{ totalCount }} }}");

        Assert.Equal("FILTER_TOO_DEEP", (string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.Equal(0, factory.SqlCommands.Count);
    }

    [Fact]
    public async Task A_huge_in_list_is_refused_before_any_sql()
    {
        var values = string.Join(",", Enumerable.Range(1, 1001));
        factory.SqlCommands.Reset();

        var response = await factory.CreateGraphQLClient().PostQueryAsync($"{{ regions(where: {{ households: {{ in: [{values}] }} }}) {{ totalCount }} }}");

        Assert.Equal("FILTER_TOO_LARGE", (string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.Equal(0, factory.SqlCommands.Count);
    }

    [Theory]
    [InlineData("{ cases(where: { nosuchfield: { eq: 1 } }) { totalCount } }")]
    [InlineData("{ cases(where: { status: { contains: \"RES\" } }) { totalCount } }")]
    [InlineData("{ cases(where: { code: { gt: \"a\" } }) { totalCount } }")]
    public async Task Filters_and_sorts_on_fields_or_operators_that_do_not_exist_fail_validation(string query)
    {
        factory.SqlCommands.Reset();

        var response = await factory.CreateGraphQLClient().PostQueryAsync(query);

        Assert.Equal(400, response.Status);
        Assert.NotNull((string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.Equal(0, factory.SqlCommands.Count);
    }

    [Theory]
    [InlineData("{ collectiveIncomes(where: { operatingIncome: { gt: 0.125 } }) { totalCount } }")]
    [InlineData("{ starRatings(where: { score: { in: [90, 89.999] } }) { totalCount } }")]
    public async Task Amounts_with_more_than_two_decimals_are_refused_rather_than_rounded(string query)
    {
        factory.SqlCommands.Reset();

        var response = await factory.CreateGraphQLClient().PostQueryAsync(query);

        Assert.Equal("INVALID_FILTER", (string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.Equal(0, factory.SqlCommands.Count);
    }

    [Fact]
    public async Task Sql_looking_text_in_a_filter_is_just_text()
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync(
            "{ regions(where: { name: { eq: \"x' OR '1'='1\" } }) { totalCount } }");

        Assert.Equal(0, (int)response.AssertData()["regions"]!["totalCount"]!);
    }
}
