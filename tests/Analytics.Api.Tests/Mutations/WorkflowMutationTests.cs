using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Mutations;

/// <summary>Micro-wishes, star ratings, community registration, pairings, activities and compliance over GraphQL.</summary>
[Collection(WritableApiCollection.Name)]
public sealed class WorkflowMutationTests(WritableApiFactory api)
{
    private const string WishFields = "id status version verifiedOn publishedOn claimedOn fulfilledOn publicizedOn claimedByMember { id } claimedByOrganization { id }";

    [Fact]
    public async Task A_micro_wish_goes_from_posted_to_publicized_claimed_by_a_group()
    {
        var client = api.CreateOfficeClient();
        var organization = await api.FirstIdAsync("partyOrganizations", "{ domain: { eq: AGENCY } }");
        var wish = await PostWishAsync(client);
        Assert.Equal("POSTED", (string?)wish["status"]);

        wish = await WishStepAsync(client, "verifyMicroWish", wish);
        wish = await WishStepAsync(client, "publishMicroWish", wish);
        wish = await WishStepAsync(client, "claimMicroWish", wish, $""", organizationId: "{organization}" """);
        wish = await WishStepAsync(client, "fulfilMicroWish", wish);
        wish = await WishStepAsync(client, "publicizeMicroWish", wish);

        Assert.Equal("PUBLICIZED", (string?)wish["status"]);
        Assert.Equal(organization, (string?)wish["claimedByOrganization"]!["id"]);
        Assert.Null(wish["claimedByMember"]);
        Assert.All(new[] { "verifiedOn", "publishedOn", "claimedOn", "fulfilledOn", "publicizedOn" }, f => Assert.Equal("2025-06-16", (string?)wish[f]));
        var trail = (await client.PostQueryAsync($$"""{ node(id: "{{wish["id"]}}") { ... on MicroWish { auditTrail { operation actor } } } }"""))
            .AssertData()["node"]!["auditTrail"]!.AsArray();
        Assert.Equal(["postMicroWish", "verifyMicroWish", "publishMicroWish", "claimMicroWish", "fulfilMicroWish", "publicizeMicroWish"],
            trail.Select(t => (string?)t!["operation"]));
    }

    [Theory]
    [InlineData("publishMicroWish", "")]
    [InlineData("claimMicroWish", ", memberId: \"%MEMBER%\"")]
    [InlineData("fulfilMicroWish", "")]
    [InlineData("publicizeMicroWish", "")]
    public async Task Skipping_a_micro_wish_step_is_refused_with_MICRO_WISH_INVALID_TRANSITION(string mutation, string extra)
    {
        var client = api.CreateOfficeClient();
        var member = await api.FirstIdAsync("partyMembers", "{ category: { eq: IN_SERVICE } }");
        var wish = await PostWishAsync(client);
        var audited = await api.AuditCountAsync();

        var response = await client.PostQueryAsync(
            $$"""mutation { {{mutation}}(input: { id: "{{wish["id"]}}", version: {{wish["version"]}}{{extra.Replace("%MEMBER%", member)}} }) { microWish { status } {{MutationResponses.StepErrors}} } }""");

        Assert.Equal("MICRO_WISH_INVALID_TRANSITION", response.ErrorCode());
        Assert.Equal(audited, await api.AuditCountAsync());
    }

    [Fact]
    public async Task A_claim_by_both_a_member_and_an_organization_is_refused()
    {
        var client = api.CreateOfficeClient();
        var member = await api.FirstIdAsync("partyMembers", "{ category: { eq: IN_SERVICE } }");
        var organization = await api.FirstIdAsync("partyOrganizations", "{ domain: { eq: AGENCY } }");
        var wish = await WishStepAsync(client, "publishMicroWish", await WishStepAsync(client, "verifyMicroWish", await PostWishAsync(client)));

        var response = await client.PostQueryAsync(
            $$"""mutation { claimMicroWish(input: { id: "{{wish["id"]}}", version: {{wish["version"]}}, memberId: "{{member}}", organizationId: "{{organization}}" }) { microWish { status } {{MutationResponses.StepErrors}} } }""");

        Assert.Equal("INVALID_INPUT", response.ErrorCode());
    }

    [Theory]
    [InlineData("title: \"\", regionId: \"%VILLAGE%\"", "INVALID_INPUT", "title")]
    [InlineData("title: \"书包\", regionId: \"%TOWNSHIP%\"", "INVALID_INPUT", "regionId")]
    [InlineData("title: \"书包\", regionId: \"%VILLAGE%\", postedOn: \"2025-06-17\"", "INVALID_INPUT", "postedOn")]
    [InlineData("title: \"书包\", regionId: \"%VILLAGE%\", postedOn: \"1900-01-01\"", "INVALID_INPUT", "postedOn")]
    public async Task Bad_micro_wish_input_is_refused_and_nothing_is_written(string fields, string code, string field)
    {
        var village = await api.FirstIdAsync("regions", "{ level: { eq: VILLAGE } }");
        var township = await api.FirstIdAsync("regions", "{ level: { eq: TOWNSHIP } }");
        var audited = await api.AuditCountAsync();

        var response = await api.CreateOfficeClient().PostQueryAsync(
            $$"""mutation { postMicroWish(input: { beneficiary: LEFT_BEHIND_CHILD, {{fields.Replace("%VILLAGE%", village).Replace("%TOWNSHIP%", township)}} }) { microWish { id } {{MutationResponses.CreateErrors}} } }""");

        Assert.Equal(code, response.ErrorCode());
        Assert.Equal(field, (string?)response.FirstError()["field"]);
        Assert.Equal(audited, await api.AuditCountAsync());
    }

    [Fact]
    public async Task A_yearly_assessment_gives_stars_from_the_score_and_shows_the_move_against_last_year()
    {
        var client = api.CreateOfficeClient();
        var last = (await client.PostQueryAsync("{ starRatings(first: 1, where: { year: { eq: 2024 }, stars: { lte: 3 } }) { nodes { stars organization { id } } } }"))
            .AssertData()["starRatings"]!["nodes"]![0]!;
        var organization = (string)last["organization"]!["id"]!;

        var rating = (await client.PostQueryAsync(
            $$"""mutation { assessStarRating(input: { organizationId: "{{organization}}", year: 2025, score: 90 }) { starRating { year score stars previousStars change } {{MutationResponses.CreateErrors}} } }"""))
            .Payload("assessStarRating", "starRating");

        Assert.Equal((2025, 90m, 5, (int?)last["stars"], "UPGRADED"),
            ((int)rating["year"]!, (decimal)rating["score"]!, (int)rating["stars"]!, (int?)rating["previousStars"], (string?)rating["change"]));

        var again = await client.PostQueryAsync(
            $$"""mutation { assessStarRating(input: { organizationId: "{{organization}}", year: 2025, score: 50 }) { starRating { stars } {{MutationResponses.CreateErrors}} } }""");
        Assert.Equal("DUPLICATE", again.ErrorCode());
    }

    [Theory]
    [InlineData("year: 2026, score: 80", "year")]      // a year not over yet... nor begun
    [InlineData("year: 1920, score: 80", "year")]
    [InlineData("year: 2025, score: 100.5", "score")]
    [InlineData("year: 2025, score: -1", "score")]
    [InlineData("year: 2025, score: 80.125", "score")]
    public async Task A_bad_assessment_is_refused(string fields, string field)
    {
        var organization = await api.FirstIdAsync("partyOrganizations", "{ domain: { eq: RURAL } }");

        var response = await api.CreateOfficeClient().PostQueryAsync(
            $$"""mutation { assessStarRating(input: { organizationId: "{{organization}}", {{fields}} }) { starRating { stars } {{MutationResponses.CreateErrors}} } }""");

        Assert.Equal("INVALID_INPUT", response.ErrorCode());
        Assert.Equal(field, (string?)response.FirstError()["field"]);
    }

    [Fact]
    public async Task The_rectification_list_is_the_year_s_ratings_of_two_stars_or_fewer_lowest_first()
    {
        var ratings = (await api.CreateOfficeClient().PostQueryAsync(
            "{ starRatings(first: 50, where: { year: { eq: 2024 }, stars: { lte: 2 } }, order: [{ score: ASC }]) { totalCount nodes { score stars change } } }"))
            .AssertData()["starRatings"]!;

        Assert.True((int)ratings["totalCount"]! > 0);
        var nodes = ratings["nodes"]!.AsArray();
        Assert.All(nodes, n => Assert.True((int)n!["stars"]! <= 2));
        Assert.Equal(nodes.Select(n => (decimal)n!["score"]!).Order(), nodes.Select(n => (decimal)n!["score"]!));
    }

    [Fact]
    public async Task An_in_service_member_registering_within_a_month_is_on_time_and_later_is_not()
    {
        var client = api.CreateOfficeClient();
        var members = (await client.PostQueryAsync("{ partyMembers(last: 2, where: { category: { eq: IN_SERVICE } }) { nodes { id } } }"))
            .AssertData()["partyMembers"]!["nodes"]!.AsArray();
        var community = await LastIdAsync(client, "regions", "{ level: { eq: COMMUNITY } }");

        async Task<JsonNode> RegisterAsync(JsonNode member, string dueFrom, string registeredOn) =>
            (await client.PostQueryAsync(
                $$"""mutation { registerInCommunity(input: { memberId: "{{member!["id"]}}", communityId: "{{community}}", dueFrom: "{{dueFrom}}", registeredOn: "{{registeredOn}}" }) { communityRegistration { isOnTime community { id } } {{MutationResponses.CreateErrors}} } }"""))
            .Payload("registerInCommunity", "communityRegistration");

        Assert.True((bool)(await RegisterAsync(members[0]!, "2025-04-30", "2025-05-30"))["isOnTime"]!);
        Assert.False((bool)(await RegisterAsync(members[1]!, "2025-04-30", "2025-05-31"))["isOnTime"]!);

        var duplicate = await client.PostQueryAsync(
            $$"""mutation { registerInCommunity(input: { memberId: "{{members[0]!["id"]}}", communityId: "{{community}}", dueFrom: "2025-04-30" }) { communityRegistration { isOnTime } {{MutationResponses.CreateErrors}} } }""");
        Assert.Equal("DUPLICATE", duplicate.ErrorCode());
    }

    [Theory]
    [InlineData("RURAL", "COMMUNITY", "2025-01-01", "memberId")]
    [InlineData("IN_SERVICE", "VILLAGE", "2025-01-01", "communityId")]
    [InlineData("IN_SERVICE", "COMMUNITY", "1920-05-01", "dueFrom")]
    [InlineData("IN_SERVICE", "COMMUNITY", "2025-07-01", "dueFrom")]
    public async Task A_bad_registration_is_refused(string category, string level, string dueFrom, string field)
    {
        var member = await api.FirstIdAsync("partyMembers", $"{{ category: {{ eq: {category} }} }}");
        var region = await api.FirstIdAsync("regions", $"{{ level: {{ eq: {level} }} }}");
        var audited = await api.AuditCountAsync();

        var response = await api.CreateOfficeClient().PostQueryAsync(
            $$"""mutation { registerInCommunity(input: { memberId: "{{member}}", communityId: "{{region}}", dueFrom: "{{dueFrom}}" }) { communityRegistration { id } {{MutationResponses.CreateErrors}} } }""");

        Assert.Equal("INVALID_INPUT", response.ErrorCode());
        Assert.Equal(field, (string?)response.FirstError()["field"]);
        Assert.Equal(audited, await api.AuditCountAsync());
    }

    [Fact]
    public async Task A_leader_visit_recorded_under_the_village_pairing_counts_in_live_compliance()
    {
        var client = api.CreateOfficeClient();
        var pairing = (await client.PostQueryAsync(
            "{ pairings(first: 1, where: { program: { eq: FOUR_LINKS }, targetKind: { eq: VILLAGE }, to: { eq: null } }) { nodes { id organization { id } targetRegion { id } } } }"))
            .AssertData()["pairings"]!["nodes"]![0]!;
        var organization = (string)pairing["organization"]!["id"]!;
        const string Compliance = "query($id: ID!) { complianceStatus(organizationId: $id, year: 2025) { isCompliant organization { id } checks { rule required actual isMet } } }";
        var before = (await client.PostQueryAsync(Compliance, new { id = organization })).AssertData()["complianceStatus"]!;
        Assert.Equal(organization, (string?)before["organization"]!["id"]);
        Assert.Equal(0, LeaderVisits(before));
        Assert.False((bool)before["isCompliant"]!);

        var activity = (await client.PostQueryAsync(
            $$"""mutation { recordActivity(input: { kind: LEADER_VISIT, title: "主要领导到挂钩村调研", date: "2025-06-02", organizationId: "{{organization}}", regionId: "{{pairing["targetRegion"]!["id"]}}", pairingId: "{{pairing["id"]}}", participants: 6, cadreCount: 2 }) { activity { kind date pairing { id } } {{MutationResponses.CreateErrors}} } }"""))
            .Payload("recordActivity", "activity");
        Assert.Equal((string?)pairing["id"], (string?)activity["pairing"]!["id"]);

        var after = (await client.PostQueryAsync(Compliance, new { id = organization })).AssertData()["complianceStatus"]!;
        Assert.Equal(1, LeaderVisits(after));
        Assert.Equal("VILLAGE_PAIRED_BY_JUNE", (string?)after["checks"]![0]!["rule"]);
        Assert.True((bool)after["checks"]![0]!["isMet"]!);

        static int LeaderVisits(JsonNode status) =>
            (int)status["checks"]!.AsArray().Single(c => (string?)c!["rule"] == "LEADER_VISITS")!["actual"]!;
    }

    [Fact]
    public async Task A_pairing_is_created_ended_once_and_guarded_by_its_version()
    {
        var client = api.CreateOfficeClient();
        var organization = await LastIdAsync(client, "partyOrganizations", "{ domain: { eq: AGENCY } }");
        var enterprise = await LastIdAsync(client, "enterprises", "{ }");
        var create = $$"""mutation { createPairing(input: { program: FOUR_LINKS, organizationId: "{{organization}}", targetKind: ENTERPRISE, targetId: "{{enterprise}}", from: "2025-03-01" }) { pairing { id version from to targetEnterprise { id } } {{MutationResponses.CreateErrors}} } }""";

        var pairing = (await client.PostQueryAsync(create)).Payload("createPairing", "pairing");
        Assert.Equal(enterprise, (string?)pairing["targetEnterprise"]!["id"]);
        Assert.Equal("DUPLICATE", (await client.PostQueryAsync(create)).ErrorCode());

        var early = await client.PostQueryAsync(
            $$"""mutation { endPairing(input: { id: "{{pairing["id"]}}", version: {{pairing["version"]}}, to: "2025-02-28" }) { pairing { to } {{MutationResponses.Errors}} } }""");
        Assert.Equal("INVALID_INPUT", early.ErrorCode());

        var ended = (await client.PostQueryAsync(
            $$"""mutation { endPairing(input: { id: "{{pairing["id"]}}", version: {{pairing["version"]}}, to: "2025-12-31" }) { pairing { to version } {{MutationResponses.Errors}} } }"""))
            .Payload("endPairing", "pairing");
        Assert.Equal("2025-12-31", (string?)ended["to"]);

        var stale = await client.PostQueryAsync(
            $$"""mutation { endPairing(input: { id: "{{pairing["id"]}}", version: {{pairing["version"]}}, to: "2025-11-30" }) { pairing { to } {{MutationResponses.Errors}} } }""");
        Assert.Equal("CONCURRENCY_CONFLICT", stale.ErrorCode());

        // Ended, it is no longer live, but the same pairing from the same first day is still its natural key: the
        // store's unique index refuses a second row.
        var again = await client.PostQueryAsync(create);
        Assert.Equal("DUPLICATE", again.ErrorCode());
        Assert.Equal(1, (int)(await client.PostQueryAsync(
            $$"""{ pairings(where: { targetEnterprise: { id: { eq: "{{enterprise}}" } }, from: { eq: "2025-03-01" } }) { totalCount } }"""))
            .AssertData()["pairings"]!["totalCount"]!);
    }

    [Theory]
    [InlineData("VILLAGE", "COMMUNITY_REGION", "INVALID_INPUT")]   // a community is not a village
    [InlineData("ENTERPRISE", "VILLAGE_REGION", "INVALID_ID")]     // a region id where an enterprise id belongs
    public async Task A_target_of_the_wrong_kind_is_refused(string kind, string target, string code)
    {
        var organization = await api.FirstIdAsync("partyOrganizations", "{ domain: { eq: AGENCY } }");
        var targetId = await api.FirstIdAsync("regions", target == "VILLAGE_REGION" ? "{ level: { eq: VILLAGE } }" : "{ level: { eq: COMMUNITY } }");
        var audited = await api.AuditCountAsync();

        var response = await api.CreateOfficeClient().PostQueryAsync(
            $$"""mutation { createPairing(input: { program: FOUR_LINKS, organizationId: "{{organization}}", targetKind: {{kind}}, targetId: "{{targetId}}", from: "2025-01-01" }) { pairing { id } {{MutationResponses.CreateErrors}} } }""");

        Assert.Equal(code, response.ErrorCode());
        Assert.Equal(audited, await api.AuditCountAsync());
    }

    private static async Task<string> LastIdAsync(HttpClient client, string listField, string where) =>
        (string)(await client.PostQueryAsync($"{{ {listField}(last: 1, where: {where}) {{ nodes {{ id }} }} }}")).AssertData()[listField]!["nodes"]![0]!["id"]!;

    private static async Task<JsonNode> PostWishAsync(HttpClient client)
    {
        var village = (string)(await client.PostQueryAsync("{ regions(first: 1, where: { level: { eq: VILLAGE } }) { nodes { id } } }")).AssertData()["regions"]!["nodes"]![0]!["id"]!;
        return (await client.PostQueryAsync(
            $$"""mutation { postMicroWish(input: { title: "一个新书包", regionId: "{{village}}", beneficiary: LEFT_BEHIND_CHILD }) { microWish { {{WishFields}} } {{MutationResponses.CreateErrors}} } }"""))
            .Payload("postMicroWish", "microWish");
    }

    private static async Task<JsonNode> WishStepAsync(HttpClient client, string mutation, JsonNode wish, string extra = "") =>
        (await client.PostQueryAsync(
            $$"""mutation { {{mutation}}(input: { id: "{{wish["id"]}}", version: {{wish["version"]}}{{extra}} }) { microWish { {{WishFields}} } {{MutationResponses.StepErrors}} } }"""))
        .Payload(mutation, "microWish");
}
