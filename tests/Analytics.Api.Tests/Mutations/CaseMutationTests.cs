using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Mutations;

[Collection(WritableApiCollection.Name)]
public sealed class CaseMutationTests(WritableApiFactory api)
{
    private const string CaseFields = "id code status version category dueOn isOverdue satisfaction classifiedAt startedAt resolvedAt feedbackAt evaluatedAt closedAt closingReason assignedOrganization { id }";


    [Fact]
    public async Task A_case_goes_through_every_step_and_each_step_is_audited_against_the_caller()
    {
        var client = api.CreateOfficeClient();
        var organization = await api.FirstIdAsync("partyOrganizations", "{ domain: { eq: AGENCY } }");
        var item = await ReportAsync(client);
        Assert.Equal("REPORTED", (string?)item["status"]);

        item = await StepAsync(client, "classifyCase", item, """, category: SAFETY, assignedOrganizationId: "%ORG%", dueOn: "2025-06-30" """.Replace("%ORG%", organization));
        Assert.Equal(("CLASSIFIED", "SAFETY", "2025-06-30", organization),
            ((string?)item["status"], (string?)item["category"], (string?)item["dueOn"], (string?)item["assignedOrganization"]!["id"]));
        item = await StepAsync(client, "startCase", item);
        item = await StepAsync(client, "resolveCase", item);
        item = await StepAsync(client, "giveCaseFeedback", item);
        item = await StepAsync(client, "evaluateCase", item, ", satisfaction: 5");

        Assert.Equal("EVALUATED", (string?)item["status"]);
        Assert.Equal(5, (int?)item["satisfaction"]);
        Assert.All(new[] { "classifiedAt", "startedAt", "resolvedAt", "feedbackAt", "evaluatedAt" }, f => Assert.NotNull(item[f]));

        var audit = (await client.PostQueryAsync(
            "query($id: ID!) { node(id: $id) { ... on Case { auditTrail { actor actorRole operation entityType entityId change before after } } } }",
            new { id = (string)item["id"]! })).AssertData()["node"]!["auditTrail"]!.AsArray();
        Assert.All(audit, a => Assert.Equal((string?)item["id"], (string?)a!["entityId"]));
        Assert.Equal(["reportCase", "classifyCase", "startCase", "resolveCase", "giveCaseFeedback", "evaluateCase"], audit.Select(a => (string?)a!["operation"]));
        Assert.All(audit, a => Assert.Equal(("王芳", "admin", "Case"), ((string?)a!["actor"], (string?)a["actorRole"], (string?)a["entityType"])));
        Assert.Equal(["ADDED", "MODIFIED", "MODIFIED", "MODIFIED", "MODIFIED", "MODIFIED"], audit.Select(a => (string?)a!["change"]));
        var classify = audit[1]!;
        Assert.Equal("Reported", (string?)JsonNode.Parse((string)classify["before"]!)!["status"]);
        Assert.Equal("Classified", (string?)JsonNode.Parse((string)classify["after"]!)!["status"]);
        Assert.Equal("2025-06-30", (string?)JsonNode.Parse((string)classify["after"]!)!["dueOn"]);
    }

    [Theory]
    [InlineData("startCase", "")]
    [InlineData("resolveCase", "")]
    [InlineData("giveCaseFeedback", "")]
    [InlineData("evaluateCase", ", satisfaction: 3")]
    public async Task An_illegal_step_is_refused_with_CASE_INVALID_TRANSITION_and_changes_nothing(string mutation, string extra)
    {
        var client = api.CreateOfficeClient();
        var item = await ReportAsync(client);
        var audited = await api.AuditCountAsync();

        var response = await client.PostQueryAsync(
            $$"""mutation { {{mutation}}(input: { id: "{{item["id"]}}", version: {{item["version"]}}{{extra}} }) { case { status } {{MutationResponses.StepErrors}} } }""");

        Assert.Equal("CASE_INVALID_TRANSITION", response.ErrorCode());
        Assert.Equal("Reported", (string?)response.FirstError()["from"]);
        Assert.Equal(await ReadAsync(client, item), item.ToJsonString());
        Assert.Equal(audited, await api.AuditCountAsync());
    }

    [Fact]
    public async Task A_withdrawn_case_can_take_no_further_step()
    {
        var client = api.CreateOfficeClient();
        var item = await StepAsync(client, "withdrawCase", await ReportAsync(client));
        Assert.Equal("WITHDRAWN", (string?)item["status"]);
        Assert.NotNull(item["closedAt"]);

        var response = await client.PostQueryAsync(
            $$"""mutation { rejectCase(input: { id: "{{item["id"]}}", version: {{item["version"]}}, reason: "不属于受理范围" }) { case { status } {{MutationResponses.StepErrors}} } }""");

        Assert.Equal("CASE_INVALID_TRANSITION", response.ErrorCode());
    }

    [Fact]
    public async Task A_rejection_keeps_its_reason_and_one_without_a_reason_is_refused_and_writes_nothing()
    {
        var client = api.CreateOfficeClient();
        var item = await ReportAsync(client);
        var audited = await api.AuditCountAsync();

        var blank = await client.PostQueryAsync(
            $$"""mutation { rejectCase(input: { id: "{{item["id"]}}", version: {{item["version"]}}, reason: "   " }) { case { status } {{MutationResponses.StepErrors}} } }""");
        var missing = await client.PostQueryAsync(
            $$"""mutation { rejectCase(input: { id: "{{item["id"]}}", version: {{item["version"]}} }) { case { status } {{MutationResponses.StepErrors}} } }""");

        Assert.Equal("INVALID_INPUT", blank.ErrorCode());
        Assert.Equal("reason", (string?)blank.FirstError()["field"]);
        Assert.NotNull(missing.ErrorCode());
        // A missing required input field fails GraphQL validation (5.6.1) before any resolver runs.
        Assert.Equal((400, "ARGUMENTS_OF_CORRECT_TYPE"), (missing.Status, missing.ErrorCode()));
        Assert.Contains("Missing required field 'reason'", (string?)missing.Errors![0]!["message"], StringComparison.Ordinal);
        Assert.Null(missing.Body["data"]);
        Assert.Equal(audited, await api.AuditCountAsync());
        Assert.Equal(item.ToJsonString(), await ReadAsync(client, item));

        var rejected = await StepAsync(client, "rejectCase", item, """, reason: " 属于司法程序处理事项，已告知反映人通过诉讼途径解决 " """);
        Assert.Equal(("REJECTED", "属于司法程序处理事项，已告知反映人通过诉讼途径解决"), ((string?)rejected["status"], (string?)rejected["closingReason"]));
        var withdrawn = await StepAsync(client, "withdrawCase", await ReportAsync(client), """, reason: "已自行协商解决" """);
        Assert.Equal("已自行协商解决", (string?)withdrawn["closingReason"]);
        Assert.Null((string?)(await StepAsync(client, "withdrawCase", await ReportAsync(client)))["closingReason"]);
    }

    [Fact]
    public async Task A_stale_version_gets_CONCURRENCY_CONFLICT_and_the_newer_change_stays()
    {
        var client = api.CreateOfficeClient();
        var read = await ReportAsync(client);
        var rejected = await StepAsync(client, "rejectCase", read, """, reason: "重复反映" """); // someone else acted first
        var audited = await api.AuditCountAsync();

        var response = await client.PostQueryAsync(
            $$"""mutation { withdrawCase(input: { id: "{{read["id"]}}", version: {{read["version"]}} }) { case { status } {{MutationResponses.StepErrors}} } }""");

        Assert.Equal("CONCURRENCY_CONFLICT", response.ErrorCode());
        Assert.Equal(rejected.ToJsonString(), await ReadAsync(client, read));
        Assert.Equal(audited, await api.AuditCountAsync());
    }

    [Fact]
    public async Task A_case_is_overdue_once_its_due_day_has_passed_unresolved_by_the_injected_clock()
    {
        var client = api.CreateOfficeClient();
        var organization = await api.FirstIdAsync("partyOrganizations", "{ domain: { eq: AGENCY } }");
        var today = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime); // 2025-06-16, long before the machine's date
        var reported = api.Clock.GetUtcNow().AddDays(-10).ToString("yyyy-MM-ddTHH:mm:ssZ");

        async Task<JsonNode> DueAsync(DateOnly dueOn) => await StepAsync(client, "classifyCase", await ReportAsync(client, reported),
            $$""", category: ENVIRONMENT, assignedOrganizationId: "{{organization}}", dueOn: "{{dueOn:yyyy-MM-dd}}" """);

        Assert.True((bool)(await DueAsync(today.AddDays(-1)))["isOverdue"]!);
        Assert.False((bool)(await DueAsync(today))["isOverdue"]!);
        Assert.False((bool)(await DueAsync(today.AddDays(1)))["isOverdue"]!);
    }

    public static TheoryData<string, string, string> BadReports() => new()
    {
        { "empty title", """title: "   " """, "INVALID_INPUT" },
        { "title over 200 characters", $"""title: "{new string('路', 201)}" """, "INVALID_INPUT" },
        { "reported in the future", """title: "t", reportedAt: "2031-01-01T00:00:00Z" """, "INVALID_INPUT" },
        { "reported before 1921", """title: "t", reportedAt: "1920-12-31T00:00:00Z" """, "INVALID_INPUT" },
        { "a title with a right-to-left override", "title: \"路灯\u202E不亮\" ", "INVALID_INPUT" },
        { "a title with an isolate", "title: \"路灯\u2067不亮\" ", "INVALID_INPUT" },
        // GraphQL escapes: a raw NUL or ESC in the document is already a syntax error.
        { "a title with NUL", "title: \"路灯\\u0000不亮\" ", "INVALID_INPUT" },
        { "a title with an ESC sequence", "title: \"\\u001B[31m路灯不亮\" ", "INVALID_INPUT" },
        { "a grid id that is a region id", """title: "t", gridId: "%REGION%" """, "INVALID_ID" },
        { "a grid that does not exist", """title: "t", gridId: "R3JpZDo5OTk5OTk5OTk" """, "NOT_FOUND" },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public async Task Bad_report_input_is_refused_with_a_code_and_nothing_is_written(string because, string fields, string code)
    {
        var client = api.CreateOfficeClient();
        var region = await api.FirstIdAsync("regions", "{ level: { eq: VILLAGE } }");
        var caseCode = await api.NewCaseCodeAsync(region);
        var audited = await api.AuditCountAsync();

        var response = await client.PostQueryAsync(
            $$"""mutation { reportCase(input: { code: "{{caseCode}}", regionId: "{{region}}", channel: HOTLINE_12345, reporter: RESIDENT, {{fields.Replace("%REGION%", region)}} }) { case { id } {{MutationResponses.CreateErrors}} } }""");

        Assert.True(code == response.ErrorCode(), because);
        Assert.Equal(audited, await api.AuditCountAsync());
        Assert.Equal(0, await CountCasesAsync(client, caseCode));
    }

    [Fact]
    public async Task An_unknown_enum_value_is_refused_before_execution()
    {
        var region = await api.FirstIdAsync("regions", "{ level: { eq: VILLAGE } }");
        var audited = await api.AuditCountAsync();

        var response = await api.CreateOfficeClient().PostQueryAsync(
            "mutation($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }",
            new { input = new { code = await api.NewCaseCodeAsync(region), title = "t", regionId = region, channel = "CARRIER_PIGEON", reporter = "RESIDENT" } });

        Assert.Equal(400, response.Status);
        Assert.Equal("INVALID_VALUE", response.ErrorCode());
        Assert.Equal(audited, await api.AuditCountAsync());
    }

    [Fact]
    public async Task A_duplicate_case_code_is_refused()
    {
        var client = api.CreateOfficeClient();
        var first = await ReportAsync(client);
        var audited = await api.AuditCountAsync();
        var region = await api.FirstIdAsync("regions", "{ level: { eq: VILLAGE } }");

        var response = await client.PostQueryAsync(
            $$"""mutation { reportCase(input: { code: "{{first["code"]}}", title: "again", regionId: "{{region}}", channel: HOTLINE_12345, reporter: RESIDENT }) { case { id } {{MutationResponses.CreateErrors}} } }""");

        Assert.Equal("DUPLICATE", response.ErrorCode());
        Assert.Equal("code", (string?)response.FirstError()["field"]);
        Assert.Equal(audited, await api.AuditCountAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task Satisfaction_outside_one_to_five_is_refused(int satisfaction)
    {
        var client = api.CreateOfficeClient();
        var organization = await api.FirstIdAsync("partyOrganizations", "{ domain: { eq: AGENCY } }");
        var item = await StepAsync(client, "classifyCase", await ReportAsync(client),
            $$""", category: OTHER, assignedOrganizationId: "{{organization}}", dueOn: "2025-12-31" """);
        item = await StepAsync(client, "startCase", item);
        item = await StepAsync(client, "resolveCase", item);
        item = await StepAsync(client, "giveCaseFeedback", item);

        var response = await client.PostQueryAsync(
            $$"""mutation { evaluateCase(input: { id: "{{item["id"]}}", version: {{item["version"]}}, satisfaction: {{satisfaction}} }) { case { status } {{MutationResponses.StepErrors}} } }""");

        Assert.Equal("INVALID_INPUT", response.ErrorCode());
        Assert.Equal("satisfaction", (string?)response.FirstError()["field"]);
        Assert.Equal(item.ToJsonString(), await ReadAsync(client, item));
    }

    [Fact]
    public async Task An_id_of_another_type_is_refused_with_INVALID_ID()
    {
        var client = api.CreateOfficeClient();
        var wish = await api.FirstIdAsync("microWishes", "{ status: { eq: POSTED } }");

        var response = await client.PostQueryAsync($$"""mutation { startCase(input: { id: "{{wish}}", version: 0 }) { case { id } {{MutationResponses.StepErrors}} } }""");

        Assert.Equal("INVALID_ID", response.ErrorCode());
    }


    private async Task<JsonNode> ReportAsync(HttpClient client, string? reportedAt = null)
    {
        var region = (string)(await client.PostQueryAsync("{ regions(first: 1, where: { level: { eq: VILLAGE } }) { nodes { id } } }")).AssertData()["regions"]!["nodes"]![0]!["id"]!;
        var response = await client.PostQueryAsync(
            $$"""mutation { reportCase(input: { code: "{{await api.NewCaseCodeAsync(region)}}", title: "路灯不亮", regionId: "{{region}}", channel: FOUR_STEP, reporter: RESIDENT{{(reportedAt is null ? "" : $", reportedAt: \"{reportedAt}\"")}} }) { case { {{CaseFields}} } {{MutationResponses.CreateErrors}} } }""");
        return response.Payload("reportCase", "case");
    }

    private static async Task<JsonNode> StepAsync(HttpClient client, string mutation, JsonNode item, string extra = "")
    {
        var response = await client.PostQueryAsync(
            $$"""mutation { {{mutation}}(input: { id: "{{item["id"]}}", version: {{item["version"]}}{{extra}} }) { case { {{CaseFields}} } {{MutationResponses.StepErrors}} } }""");
        var saved = response.Payload(mutation, "case");
        Assert.NotEqual((long)item["version"]!, (long)saved["version"]!);
        return saved;
    }

    private static async Task<string> ReadAsync(HttpClient client, JsonNode item) =>
        (await client.PostQueryAsync($$"""{ node(id: "{{item["id"]}}") { ... on Case { {{CaseFields}} } } }""")).AssertData()["node"]!.ToJsonString();

    private static async Task<int> CountCasesAsync(HttpClient client, string code) =>
        (int)(await client.PostQueryAsync($$"""{ cases(where: { code: { eq: "{{code}}" } }) { totalCount } }""")).AssertData()["cases"]!["totalCount"]!;
}
