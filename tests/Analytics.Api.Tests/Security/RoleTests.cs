using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Analytics.Api.Security;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Security;

/// <summary>Sign-in and what each role may use: refused requests run nothing and say why with a code.</summary>
[Collection(ApiCollection.Name)]
public sealed class RoleTests(ApiFactory factory)
{
    [Fact]
    public async Task An_anonymous_caller_gets_401_unauthenticated_and_only_health_answers()
    {
        var anonymous = factory.CreateGraphQLClient().WithToken(null);

        var response = await anonymous.PostQueryAsync("{ regions { totalCount } }");
        var health = await anonymous.GetAsync("/health");

        Assert.Equal(401, response.Status);
        Assert.Equal("UNAUTHENTICATED", (string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.Null(response.Body["data"]);
        Assert.Equal(200, (int)health.StatusCode);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoiYWRtaW4iLCJpc3MiOiJhbmFseXRpY3MiLCJhdWQiOiJhbmFseXRpY3MtYXBpIiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmVkLXdpdGgtYW5vdGhlci1rZXk")]
    public async Task A_forged_or_malformed_token_is_unauthenticated(string token)
    {
        var response = await factory.CreateGraphQLClient().WithToken(token).PostQueryAsync("{ regions { totalCount } }");

        Assert.Equal(401, response.Status);
        Assert.Equal("UNAUTHENTICATED", (string?)response.Errors![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_unauthenticated()
    {
        var other = new TokenIssuer(new AuthOptions { SigningKey = new string('k', 48) }, TimeProvider.System)
            .Issue(new TokenRequest(ApiRoles.Admin));

        var response = await factory.CreateGraphQLClient().WithToken(other).PostQueryAsync("{ regions { totalCount } }");

        Assert.Equal(401, response.Status);
    }

    [Fact]
    public async Task An_officer_of_an_unknown_county_is_forbidden()
    {
        var response = await factory.CreateClientAs(ApiRoles.CountyOfficer, "不存在县").PostQueryAsync("{ regions { totalCount } }");

        Assert.Equal(403, response.Status);
        Assert.Equal("FORBIDDEN", (string?)response.Errors![0]!["extensions"]!["code"]);
    }

    [Theory]
    [InlineData(ApiRoles.CountyOfficer, "{ auditEntries { totalCount } }")]
    [InlineData(ApiRoles.Analyst, "{ partyMembers(first: 1) { nodes { idNumber } } }")]
    [InlineData(ApiRoles.Analyst, "{ partyMembers(first: 1) { nodes { name } } }")]
    [InlineData(ApiRoles.Analyst, "{ gridStewards(first: 1) { nodes { personName } } }")]
    [InlineData(ApiRoles.Analyst, "mutation { withdrawCase(input: { id: \"Q2FzZTox\", version: 1 }) { case { id } } }")]
    [InlineData(ApiRoles.Publicity, "{ cases { totalCount } }")]
    [InlineData(ApiRoles.Publicity, "{ node(id: \"Q2FzZTox\") { id } }")]
    public async Task Fields_a_role_may_not_use_are_refused_with_403_before_execution(string role, string query)
    {
        var client = factory.CreateClientAs(role, role == ApiRoles.CountyOfficer ? "永安市" : null);
        await client.PostQueryAsync("{ __typename }"); // the county's path is read once, on the first request
        factory.SqlCommands.Reset();

        var response = await client.PostQueryAsync(query);

        Assert.Equal(403, response.Status);
        Assert.Equal("FORBIDDEN", (string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.Null(response.Body["data"]);
        Assert.Equal(0, factory.SqlCommands.Count);
    }

    [Fact]
    public async Task An_analyst_reads_pseudonymized_member_lists()
    {
        // Nothing that singles a person out: no gender, birth date or year, join date, cadre flag or organization
        // (MaskingTests); totals and the coarse category remain.
        var data = (await factory.CreateClientAs(ApiRoles.Analyst).PostQueryAsync(
            "{ partyMembers(first: 2) { totalCount nodes { id category isStarMember } } }")).AssertData();

        Assert.True((int)data["partyMembers"]!["totalCount"]! > 0);
        Assert.Equal(2, data["partyMembers"]!["nodes"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("{ partyMembers(where: { name: { startsWith: \"王\" } }) { totalCount } }")]
    [InlineData("{ partyMembers(order: [{ name: ASC }]) { totalCount } }")]
    [InlineData("{ communityRegistrations(where: { member: { name: { eq: \"王芳\" } } }) { totalCount } }")]
    [InlineData("{ gridStewards(where: { personName: { contains: \"王\" } }) { totalCount } }")]
    public async Task An_analyst_may_not_filter_or_sort_on_personal_fields(string query)
    {
        factory.SqlCommands.Reset();

        var response = await factory.CreateClientAs(ApiRoles.Analyst).PostQueryAsync(query);

        Assert.Equal("PERSONAL_DATA_FORBIDDEN", (string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.Equal(0, factory.SqlCommands.Count);
    }

    [Theory]
    [InlineData(ApiRoles.CountyOfficer, "{ partyMembers(where: { idNumber: { startsWith: \"3504\" } }) { totalCount } }")]
    [InlineData(ApiRoles.CountyOfficer, "{ partyMembers(order: [{ phone: ASC }]) { totalCount } }")]
    [InlineData(ApiRoles.CountyOfficer, "{ communityRegistrations(where: { member: { phone: { endsWith: \"5678\" } } }) { totalCount } }")]
    [InlineData(ApiRoles.Analyst, "{ partyMembers(where: { idNumber: { eq: \"350481199001011234\" } }) { totalCount } }")]
    public async Task Only_admins_may_filter_or_sort_on_what_the_mask_hides(string role, string query)
    {
        var client = factory.CreateClientAs(role, role == ApiRoles.CountyOfficer ? "永安市" : null);
        await client.PostQueryAsync("{ __typename }");
        factory.SqlCommands.Reset();

        var response = await client.PostQueryAsync(query);

        Assert.Equal("PERSONAL_DATA_FORBIDDEN", (string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.Equal(0, factory.SqlCommands.Count);
    }

    [Fact]
    public async Task An_admin_finds_a_member_by_id_number()
    {
        var admin = factory.CreateGraphQLClient();
        var member = (await admin.PostQueryAsync("{ partyMembers(first: 1, order: [{ phone: DESC }]) { nodes { id idNumber } } }"))
            .AssertData()["partyMembers"]!["nodes"]![0]!;

        var found = (await admin.PostQueryAsync("query($n: String!) { partyMembers(where: { idNumber: { eq: $n } }) { nodes { id } } }",
            new { n = (string)member["idNumber"]! })).AssertData()["partyMembers"]!["nodes"]!.AsArray();

        Assert.Equal([(string?)member["id"]], found.Select(n => (string?)n!["id"]));
    }

    [Fact]
    public async Task Id_numbers_and_phones_are_clear_for_admins_and_masked_for_officers()
    {
        const string query = "{ partyMembers(first: 5, order: [{ id: ASC }]) { nodes { id idNumber phone } } }";
        var admin = (await factory.CreateGraphQLClient().PostQueryAsync(query)).AssertData()["partyMembers"]!["nodes"]!.AsArray();
        var officer = (await factory.CreateClientAs(ApiRoles.CountyOfficer, "永安市").PostQueryAsync(
            "{ partyMembers(first: 1) { nodes { idNumber phone } } }")).AssertData()["partyMembers"]!["nodes"]!.AsArray();

        Assert.All(admin, m => Assert.Matches("^[0-9]{17}[0-9X]$", (string?)m!["idNumber"]));
        Assert.All(admin, m => Assert.Matches("^1[0-9]{10}$", (string?)m!["phone"]));
        Assert.All(officer, m => Assert.Matches(@"^\d{6}\*{8}[0-9X]{4}$", (string?)m!["idNumber"]));
        Assert.All(officer, m => Assert.Matches(@"^\d{3}\*{4}\d{4}$", (string?)m!["phone"]));
    }

    [Fact]
    public async Task Every_served_entity_but_the_audit_log_has_a_region_rule()
    {
        var unscoped = Api.GraphQL.EntityCatalog.All.Select(r => r.EntityType).Except(RegionScopes.Scoped).Select(t => t.Name);

        Assert.Equal(["AuditEntry"], unscoped);
        await Task.CompletedTask;
    }
}
