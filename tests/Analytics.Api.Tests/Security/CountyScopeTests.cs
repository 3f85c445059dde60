using Analytics.Api.Security;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Security;

/// <summary>
/// A 永安市 county officer sees 永安市's subtree and nothing else, through every path into the data. Rows outside the
/// county behave exactly like rows that do not exist: lists and counts leave them out, node(id:) answers null.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CountyScopeTests(ApiFactory factory)
{
    private const string InSanyuan = "{ region: { parent: { parent: { name: { eq: \"三元区\" } } } } }";
    private const string InYongan = "{ region: { parent: { parent: { name: { eq: \"永安市\" } } } } }";

    // Cases sit on villages and communities, a few on townships or the county itself.
    private const string AnywhereInYongan = "{ or: [{ region: { name: { eq: \"永安市\" } } }, { region: { parent: { name: { eq: \"永安市\" } } } }, { region: { parent: { parent: { name: { eq: \"永安市\" } } } } }] }";

    private HttpClient Officer(string county = "永安市") => factory.CreateClientAs(ApiRoles.CountyOfficer, county, "王芳");

    private async Task<string> FirstCaseIdAsync(string where) =>
        (string)(await factory.CreateGraphQLClient().PostQueryAsync($"{{ cases(first: 1, where: {where}) {{ nodes {{ id }} }} }}"))
            .AssertData()["cases"]!["nodes"]![0]!["id"]!;

    [Fact]
    public async Task An_officer_counts_exactly_the_cases_of_its_county()
    {
        var admin = (await factory.CreateGraphQLClient().PostQueryAsync($"{{ cases(where: {AnywhereInYongan}) {{ totalCount }} }}")).AssertData();
        var officer = (await Officer().PostQueryAsync("{ cases { totalCount aggregate { count } } }")).AssertData();

        Assert.True((int)admin["cases"]!["totalCount"]! > 0);
        Assert.Equal((int)admin["cases"]!["totalCount"]!, (int)officer["cases"]!["totalCount"]!);
        Assert.Equal((int)admin["cases"]!["totalCount"]!, (int)officer["cases"]!["aggregate"]!["count"]!);
    }

    [Fact]
    public async Task Filtering_for_another_county_finds_nothing_and_aggregates_over_nothing()
    {
        var data = (await Officer().PostQueryAsync(
            $"{{ cases(where: {InSanyuan}) {{ totalCount aggregate {{ count min {{ reportedAt }} }} nodes {{ id }} }} }}")).AssertData();

        Assert.Equal(0, (int)data["cases"]!["totalCount"]!);
        Assert.Equal(0, (int)data["cases"]!["aggregate"]!["count"]!);
        Assert.Null(data["cases"]!["aggregate"]!["min"]!["reportedAt"]);
        Assert.Empty(data["cases"]!["nodes"]!.AsArray());
    }

    [Fact]
    public async Task Rows_of_the_county_show_what_they_point_to_outside_it_but_lists_do_not()
    {
        var data = (await Officer("宁化县").PostQueryAsync(
            "{ activities(first: 1, where: { organization: { region: { level: { in: [CITY] } } } }) { totalCount nodes { organization { name region { name } } } } "
            + "regions(where: { level: { eq: COUNTY } }) { nodes { name parent { name children { name } } } } }")).AssertData();

        // Activities in 宁化县 by city agencies: the agency is part of the activity; the city's other counties are not listed.
        Assert.True((int)data["activities"]!["totalCount"]! > 0);
        Assert.Equal("三明市", (string?)data["activities"]!["nodes"]![0]!["organization"]!["region"]!["name"]);
        var county = data["regions"]!["nodes"]![0]!;
        Assert.Equal("三明市", (string?)county["parent"]!["name"]);
        Assert.Equal(["宁化县"], county["parent"]!["children"]!.AsArray().Select(c => (string?)c!["name"]));
    }

    [Fact]
    public async Task Every_activity_of_the_county_by_a_city_agency_reads_without_errors()
    {
        var officer = Officer("宁化县");
        string? after = null;
        var read = 0;
        int? total = null;
        do
        {
            var page = (await officer.PostQueryAsync(
                "query($after: String) { activities(first: 50, after: $after, where: { organization: { region: { level: { in: [CITY] } } } }) { totalCount pageInfo { hasNextPage endCursor } nodes { organization { name } region { name } pairing { organization { name } } } } }",
                new { after })).AssertData()["activities"]!;
            read += page["nodes"]!.AsArray().Count;
            total ??= (int)page["totalCount"]!;
            Assert.Equal(total, (int)page["totalCount"]!); // every page counts the same set
            after = (bool)page["pageInfo"]!["hasNextPage"]! ? (string?)page["pageInfo"]!["endCursor"] : null;
        }
        while (after is not null && read < 2000);

        Assert.True(read > 0);
        Assert.Null(after); // the last page was reached, not the 2000 cap
        Assert.Equal(total, read);
    }

    [Fact]
    public async Task Paging_to_the_end_never_reaches_another_county()
    {
        var officer = Officer();
        var total = (int)(await officer.PostQueryAsync("{ cases { totalCount } }")).AssertData()["cases"]!["totalCount"]!;
        var past = Api.GraphQL.PagingArguments.EncodeCursor(total - 1);

        var last = (await officer.PostQueryAsync(
            "{ cases(last: 50) { nodes { region { parent { parent { name } } } } } }")).AssertData()["cases"]!["nodes"]!.AsArray();
        var beyond = (await officer.PostQueryAsync(
            $"{{ cases(first: 50, after: \"{past}\") {{ nodes {{ id }} pageInfo {{ hasNextPage }} }} }}")).AssertData();

        Assert.Equal(50, last.Count);
        Assert.All(last, node => Assert.Equal("永安市", (string?)node!["region"]!["parent"]!["parent"]!["name"]));
        Assert.Empty(beyond["cases"]!["nodes"]!.AsArray());
        Assert.False((bool)beyond["cases"]!["pageInfo"]!["hasNextPage"]!);
    }

    [Fact]
    public async Task Node_with_another_countys_id_answers_as_if_it_did_not_exist()
    {
        var sanyuan = await FirstCaseIdAsync(InSanyuan);
        var yongan = await FirstCaseIdAsync(InYongan);
        var (_, key) = Api.GraphQL.GlobalId.Decode(sanyuan);
        var forged = Api.GraphQL.GlobalId.Encode("Case", key); // built by hand from a guessed key
        var missing = Api.GraphQL.GlobalId.Encode("Case", 99_999_999);

        var data = (await Officer().PostQueryAsync(
            "query($a: ID!, $b: ID!, $c: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } nodes(ids: [$a, $c, $b]) { id } }",
            new { a = forged, b = missing, c = yongan })).AssertData();

        Assert.Null(data["a"]);
        Assert.Null(data["b"]);
        Assert.Equal([null, yongan, null], data["nodes"]!.AsArray().Select(n => (string?)n?["id"]));
    }

    [Fact]
    public async Task Root_lists_stop_at_the_county_boundary()
    {
        var data = (await Officer().PostQueryAsync(
            "{ regions(where: { level: { in: [CITY, COUNTY] } }) { nodes { name } } all: regions(where: { name: { in: [\"三元区\", \"三明市\"] } }) { totalCount } }"))
            .AssertData();

        Assert.Equal(["永安市"], data["regions"]!["nodes"]!.AsArray().Select(n => (string?)n!["name"]));
        Assert.Equal(0, (int)data["all"]!["totalCount"]!);
    }

    [Fact]
    public async Task Nested_lists_of_an_officer_hold_only_its_county()
    {
        var admin = (await factory.CreateGraphQLClient().PostQueryAsync(
            "{ regions(where: { level: { eq: COUNTY }, name: { eq: \"永安市\" } }) { nodes { villages: descendantCount(level: VILLAGE) children { name } } } }"))
            .AssertData()["regions"]!["nodes"]![0]!;
        var officer = (await Officer().PostQueryAsync(
            "{ regions(where: { level: { eq: COUNTY } }) { totalCount nodes { villages: descendantCount(level: VILLAGE) children { name } } } }"))
            .AssertData()["regions"]!;

        Assert.Equal(1, (int)officer["totalCount"]!);
        Assert.Equal(admin.ToJsonString(), officer["nodes"]![0]!.ToJsonString());
    }
}
