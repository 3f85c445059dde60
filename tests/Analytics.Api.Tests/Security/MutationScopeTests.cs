using Analytics.Api.Security;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Api.Tests.Mutations;

namespace Analytics.Api.Tests.Security;

/// <summary>A 永安市 officer writes within 永安市 only: another county's rows are NOT_FOUND, as if they did not exist, and nothing is written.</summary>
[Collection(WritableApiCollection.Name)]
public sealed class MutationScopeTests(WritableApiFactory api)
{
    private const string Sanyuan = "\"三元区\"";

    private HttpClient Officer() => api.CreateOfficeClient("王芳", ApiRoles.CountyOfficer, "永安市");

    [Fact]
    public async Task An_officer_cannot_move_a_case_of_another_county()
    {
        var admin = api.CreateOfficeClient();
        var village = await api.FirstIdAsync("regions", $"{{ level: {{ eq: VILLAGE }}, parent: {{ parent: {{ name: {{ eq: {Sanyuan} }} }} }} }}");
        var reported = (await admin.PostQueryAsync(
            $$"""mutation { reportCase(input: { code: "{{await api.NewCaseCodeAsync(village)}}", title: "路灯不亮", regionId: "{{village}}", channel: FOUR_STEP, reporter: RESIDENT }) { case { id version } {{MutationResponses.CreateErrors}} } }"""))
            .Payload("reportCase", "case");
        var audited = await api.AuditCountAsync();

        var response = await Officer().PostQueryAsync(
            $$"""mutation { withdrawCase(input: { id: "{{reported["id"]}}", version: {{reported["version"]}} }) { case { status } {{MutationResponses.StepErrors}} } }""");

        Assert.Equal("NOT_FOUND", response.ErrorCode());
        Assert.Equal(audited, await api.AuditCountAsync());
        var status = (await admin.PostQueryAsync($$"""{ node(id: "{{reported["id"]}}") { ... on Case { status } } }""")).AssertData()["node"]!["status"];
        Assert.Equal("REPORTED", (string?)status);
    }

    [Fact]
    public async Task An_officer_cannot_report_a_case_in_another_county_but_can_in_its_own()
    {
        var sanyuan = await api.FirstIdAsync("regions", $"{{ level: {{ eq: VILLAGE }}, parent: {{ parent: {{ name: {{ eq: {Sanyuan} }} }} }} }}");
        var yongan = await api.FirstIdAsync("regions", "{ level: { eq: VILLAGE }, parent: { parent: { name: { eq: \"永安市\" } } } }");
        var audited = await api.AuditCountAsync();

        var refused = await Officer().PostQueryAsync(
            $$"""mutation { reportCase(input: { code: "{{await api.NewCaseCodeAsync(yongan)}}", title: "路灯不亮", regionId: "{{sanyuan}}", channel: FOUR_STEP, reporter: RESIDENT }) { case { id } {{MutationResponses.CreateErrors}} } }""");
        Assert.Equal("NOT_FOUND", refused.ErrorCode());
        Assert.Equal("regionId", (string?)refused.FirstError()["field"]);
        Assert.Equal(audited, await api.AuditCountAsync());

        var accepted = await Officer().PostQueryAsync(
            $$"""mutation { reportCase(input: { code: "{{await api.NewCaseCodeAsync(yongan)}}", title: "路灯不亮", regionId: "{{yongan}}", channel: FOUR_STEP, reporter: RESIDENT }) { case { id region { id } } {{MutationResponses.CreateErrors}} } }""");
        Assert.Equal(yongan, (string?)accepted.Payload("reportCase", "case")["region"]!["id"]);
    }

    [Fact]
    public async Task A_case_code_begins_with_its_countys_code_so_an_officer_learns_nothing_of_another_countys_codes()
    {
        var admin = api.CreateOfficeClient();
        var sanyuan = await api.FirstIdAsync("regions", $"{{ level: {{ eq: VILLAGE }}, parent: {{ parent: {{ name: {{ eq: {Sanyuan} }} }} }} }}");
        var yongan = await api.FirstIdAsync("regions", "{ level: { eq: VILLAGE }, parent: { parent: { name: { eq: \"永安市\" } } } }");
        var taken = await api.NewCaseCodeAsync(sanyuan);
        string Report(string code, string region) =>
            $$"""mutation { reportCase(input: { code: "{{code}}", title: "路灯不亮", regionId: "{{region}}", channel: FOUR_STEP, reporter: RESIDENT }) { case { id } {{MutationResponses.CreateErrors}} } }""";
        (await admin.PostQueryAsync(Report(taken, sanyuan))).Payload("reportCase", "case");
        var audited = await api.AuditCountAsync();

        var probe = await Officer().PostQueryAsync(Report(taken, yongan));
        var own = await api.NewCaseCodeAsync(yongan);
        (await Officer().PostQueryAsync(Report(own, yongan))).Payload("reportCase", "case");
        var again = await Officer().PostQueryAsync(Report(own, yongan));

        // The other county's case is neither confirmed nor denied: the code is refused for its prefix alone.
        Assert.Equal(("INVALID_INPUT", "code"), (probe.ErrorCode(), (string?)probe.FirstError()["field"]));
        Assert.StartsWith("code must begin with the county's 行政区划 code and a hyphen, " + own[..7], (string?)probe.FirstError()["message"]);
        Assert.DoesNotContain(taken, probe.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("DUPLICATE", again.ErrorCode()); // within its own county the clear message stays
        Assert.Equal(audited + 1, await api.AuditCountAsync());
    }

    [Theory]
    [InlineData(ApiRoles.Analyst)]
    [InlineData(ApiRoles.Publicity)]
    public async Task Read_only_roles_cannot_write(string role)
    {
        var region = await api.FirstIdAsync("regions", "{ level: { eq: VILLAGE } }");
        var audited = await api.AuditCountAsync();

        var response = await api.CreateOfficeClient("李明", role).PostQueryAsync(
            $$"""mutation { reportCase(input: { code: "{{await api.NewCaseCodeAsync(region)}}", title: "路灯不亮", regionId: "{{region}}", channel: FOUR_STEP, reporter: RESIDENT }) { case { id } {{MutationResponses.CreateErrors}} } }""");

        Assert.Equal(403, response.Status);
        Assert.Equal("FORBIDDEN", response.ErrorCode());
        Assert.Equal(audited, await api.AuditCountAsync());
    }
}
