using Analytics.Api.Tests.Infrastructure;
using Analytics.Api.Warehouse;
using Analytics.Etl.Warehouse;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Metrics;

/// <summary><c>caseStudy(county:)</c>: the case study of <c>etl casestudy</c>, over GraphQL.</summary>
[Collection(ApiCollection.Name)]
public sealed class CaseStudyQueryTests(ApiFactory factory)
{
    [Fact]
    public async Task Yongan_reproduces_every_printed_figure_with_its_sentence_and_the_same_content_as_the_export()
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync(
            """{ caseStudy(county: "永安市") { county warehouseBuiltAt runId hasPublishedClaims headlines { claimId computedText printed verdict sentence quote } themes { id title columns { name label kind } rows } } }""");

        var study = response.AssertData()["caseStudy"]!;
        Assert.True((bool)study["hasPublishedClaims"]!);
        var headlines = study["headlines"]!.AsArray();
        Assert.Equal(16, headlines.Count);
        Assert.All(headlines, h => Assert.Equal("Pass", (string?)h!["verdict"]));
        var growth = headlines.Single(h => (string?)h!["claimId"] == "yongan.income-growth")!;
        Assert.Equal("2019年至2021年，全市村集体经营性收入增长30.81%", (string?)growth["sentence"]);
        Assert.Equal(("30.81%", "30.81%"), ((string?)growth["printed"], (string?)growth["computedText"]));

        // The same builder as `etl casestudy`, over the same published file.
        await using var session = await factory.Services.GetRequiredService<WarehouseConnections>().OpenAsync();
        var expected = await new CaseStudyBuilder().BuildAsync(session.Connection, "永安市");
        Assert.Equal(expected.RunId, (string?)study["runId"]);
        Assert.Equal(expected.Themes.Select(t => t.Id), study["themes"]!.AsArray().Select(t => (string?)t!["id"]));
        Assert.Equal(expected.Themes.Select(t => t.Rows.Count), study["themes"]!.AsArray().Select(t => t!["rows"]!.AsArray().Count));
        Assert.All(study["themes"]!.AsArray(), t => Assert.NotEmpty(t!["rows"]!.AsArray()));
    }

    [Fact]
    public async Task A_county_without_published_figures_gets_computed_headlines_only()
    {
        var study = (await factory.CreateGraphQLClient().PostQueryAsync(
            """{ caseStudy(county: "沙县区") { hasPublishedClaims headlines { printed verdict sentence computedText } } }""")).AssertData()["caseStudy"]!;

        Assert.False((bool)study["hasPublishedClaims"]!);
        Assert.NotEmpty(study["headlines"]!.AsArray());
        Assert.All(study["headlines"]!.AsArray(), h => Assert.True(h!["printed"] is null && h["verdict"] is null));
    }

    [Fact]
    public async Task An_unknown_county_is_a_coded_error_listing_the_counties()
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync("""{ caseStudy(county: "永安县") { county } }""");

        var error = response.Errors![0]!;
        Assert.Equal("UNKNOWN_COUNTY", (string?)error["extensions"]!["code"]);
        Assert.Contains("三元区", (string?)error["message"]);
    }
}
