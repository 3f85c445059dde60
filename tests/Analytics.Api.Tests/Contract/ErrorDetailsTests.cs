using Analytics.Api.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Contract;

/// <summary>
/// Even in Development, an expected error (the client's mistake, with its code) carries no .NET stack trace in
/// <c>extensions.details</c>: details are for unexpected errors only (those, in Development and not in Production:
/// Mutations.MutationConventionsTests forces one).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ErrorDetailsTests(ApiFactory factory)
{
    [Theory]
    [InlineData("{ cases(first: 100000) { totalCount } }", "PAGE_SIZE_TOO_LARGE")]
    [InlineData("{ cases(first: 1, after: \"not a cursor\") { totalCount } }", "INVALID_CURSOR")]
    [InlineData("{ node(id: \"not an id\") { id } }", "INVALID_ID")]
    [InlineData("{ analytics { gridCoverage(region: \"没有这个地方\") { regionName } } }", "REGION_NOT_FOUND")]
    [InlineData("{ analytics { incomeGrowth(fromYear: 2021, toYear: 2019) { regionName } } }", "INVALID_ARGUMENT")]
    [InlineData("{ cases { nodes { noSuchField } } }", "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("query($n: Int!) { cases(first: $n) { totalCount } }", "INVALID_VALUE")]
    public async Task An_expected_error_in_Development_has_its_code_and_no_details(string query, string code)
    {
        Assert.True(factory.Services.GetRequiredService<IHostEnvironment>().IsDevelopment());

        var response = await factory.CreateClient().PostQueryAsync(query);

        var error = Assert.Single(response.Errors!)!;
        Assert.Equal(code, (string?)error["extensions"]!["code"]);
        Assert.Null(error["extensions"]!["details"]);
        Assert.DoesNotContain("   at ", response.Body.ToJsonString(), StringComparison.Ordinal);
    }
}
