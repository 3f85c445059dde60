using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Mutations;

/// <summary>
/// "Today" and "overdue" are the offices' days (Beijing, UTC+8), as in the ledger import: at 04:00 in Sanming the UTC
/// date is still the day before. Its own store and clock, because the clock only moves forward.
/// </summary>
public sealed class OfficeDayTests(WritableApiFactory api) : IClassFixture<WritableApiFactory>
{
    /// <summary>2025-06-17 04:00 in Beijing; 2025-06-16 20:00 UTC.</summary>
    private static readonly DateTimeOffset EarlyMorningInSanming = new(2025, 6, 16, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Today_is_the_Beijing_day_for_defaults_and_the_future_check()
    {
        api.Clock.SetUtcNow(EarlyMorningInSanming);
        var client = api.CreateOfficeClient();
        var village = await api.FirstIdAsync("regions", "{ level: { eq: VILLAGE } }");
        string Post(string postedOn) =>
            $$"""mutation { postMicroWish(input: { title: "一个新书包", regionId: "{{village}}", beneficiary: LEFT_BEHIND_CHILD{{postedOn}} }) { microWish { postedOn } {{MutationResponses.CreateErrors}} } }""";

        var byDefault = (await client.PostQueryAsync(Post(""))).Payload("postMicroWish", "microWish");
        var today = (await client.PostQueryAsync(Post(", postedOn: \"2025-06-17\""))).Payload("postMicroWish", "microWish");
        var tomorrow = await client.PostQueryAsync(Post(", postedOn: \"2025-06-18\""));

        Assert.Equal("2025-06-17", (string?)byDefault["postedOn"]);
        Assert.Equal("2025-06-17", (string?)today["postedOn"]);
        Assert.Equal("INVALID_INPUT", tomorrow.ErrorCode());
        Assert.Contains("today is 2025-06-17", (string?)tomorrow.FirstError()["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_due_yesterday_in_Beijing_is_overdue_while_the_UTC_date_is_still_its_due_day()
    {
        api.Clock.SetUtcNow(EarlyMorningInSanming);
        var client = api.CreateOfficeClient();
        var village = await api.FirstIdAsync("regions", "{ level: { eq: VILLAGE } }");
        var organization = await api.FirstIdAsync("partyOrganizations", "{ domain: { eq: AGENCY } }");
        var reported = (await client.PostQueryAsync(
            $$"""mutation { reportCase(input: { code: "{{await api.NewCaseCodeAsync(village)}}", title: "路灯不亮", regionId: "{{village}}", channel: FOUR_STEP, reporter: RESIDENT, reportedAt: "2025-06-10T02:00:00Z" }) { case { id version } {{MutationResponses.CreateErrors}} } }"""))
            .Payload("reportCase", "case");

        var classified = (await client.PostQueryAsync(
            $$"""mutation { classifyCase(input: { id: "{{reported["id"]}}", version: {{reported["version"]}}, category: ENVIRONMENT, assignedOrganizationId: "{{organization}}", dueOn: "2025-06-16" }) { case { isOverdue } {{MutationResponses.StepErrors}} } }"""))
            .Payload("classifyCase", "case");

        Assert.True((bool)classified["isOverdue"]!);
    }
}
