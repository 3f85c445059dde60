using System.Text.Json.Nodes;
using Analytics.Api.Security;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Mutations;

/// <summary>
/// Hot Chocolate's mutation conventions: an expected failure is a typed error in the failing mutation's payload, an
/// unexpected one nulls only that mutation (payloads are nullable), so every committed write of a document is reported.
/// </summary>
[Collection(WritableApiCollection.Name)]
public sealed class MutationConventionsTests(WritableApiFactory api)
{
    /// <summary>A title the fault-injecting store below refuses to save, as if the database had failed.</summary>
    private const string FaultyTitle = "forced fault: the store fails";

    [Fact]
    public async Task When_the_second_of_two_mutations_is_refused_the_first_is_reported_and_committed_and_the_second_says_why()
    {
        var client = api.CreateOfficeClient();
        var region = await VillageAsync(client);
        var code = await api.NewCaseCodeAsync(region);
        var audited = await api.AuditCountAsync();

        // The second sends the first's code: DUPLICATE, found only once the first is committed.
        var response = await client.PostQueryAsync($$"""
            mutation {
              first: reportCase(input: { code: "{{code}}", title: "路灯不亮", regionId: "{{region}}", channel: FOUR_STEP, reporter: RESIDENT }) { case { id code status } {{MutationResponses.CreateErrors}} }
              second: reportCase(input: { code: "{{code}}", title: "路灯又不亮", regionId: "{{region}}", channel: FOUR_STEP, reporter: RESIDENT }) { case { id } {{MutationResponses.CreateErrors}} }
            }
            """);

        Assert.Null(response.Errors);
        var first = response.Data["first"]!;
        Assert.Null(first["errors"]);
        Assert.Equal((code, "REPORTED"), ((string?)first["case"]!["code"], (string?)first["case"]!["status"]));
        var second = response.Data["second"]!;
        Assert.Null(second["case"]);
        var error = Assert.Single(second["errors"]!.AsArray())!;
        Assert.Equal(("DuplicateError", "DUPLICATE", "code"), ((string?)error["__typename"], (string?)error["code"], (string?)error["field"]));
        Assert.Contains(code, (string?)error["message"], StringComparison.Ordinal);

        // The store: exactly the first case, under the id the response gave, and one audited write.
        Assert.Equal([(string?)first["case"]!["id"]], await CaseIdsAsync(client, code));
        Assert.Equal(audited + 1, await api.AuditCountAsync());
    }

    [Theory]
    [InlineData("{ case { id } }")] // a client that selects no errors still sees that nothing was saved
    [InlineData("{ case { id } errors { __typename } }")]
    public async Task Every_expected_failure_kind_is_a_typed_payload_error_and_no_top_level_error(string selection)
    {
        var client = api.CreateOfficeClient();
        var region = await VillageAsync(client);
        var response = await client.PostQueryAsync($$"""
            mutation {
              blank: reportCase(input: { code: " ", title: "t", regionId: "{{region}}", channel: FOUR_STEP, reporter: RESIDENT }) {{selection}}
              wrongType: startCase(input: { id: "{{region}}", version: 1 }) {{selection}}
              missing: startCase(input: { id: "Q2FzZToyMTQ3NDgzNjQ3", version: 1 }) {{selection}}
            }
            """);

        Assert.Null(response.Errors);
        Assert.All(new[] { "blank", "wrongType", "missing" }, alias => Assert.Null(response.Data[alias]!["case"]));
        if (selection.Contains("errors", StringComparison.Ordinal))
        {
            Assert.Equal(["InvalidInputError", "InvalidIdError", "NotFoundError"],
                new[] { "blank", "wrongType", "missing" }.Select(alias => (string?)response.Data[alias]!["errors"]![0]!["__typename"]));
        }
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task An_unexpected_failure_of_the_second_mutation_nulls_only_it_and_the_first_stays_reported_and_committed(string environment)
    {
        using var faulty = Faulty(environment);
        var client = faulty.CreateClient().WithToken(ApiTokens.Mint(faulty.Services, ApiRoles.Admin, name: "王芳"));
        var region = await VillageAsync(client);
        var code = await api.NewCaseCodeAsync(region);
        var otherCode = await api.NewCaseCodeAsync(region);

        var response = await client.PostQueryAsync($$"""
            mutation {
              first: reportCase(input: { code: "{{code}}", title: "路灯不亮", regionId: "{{region}}", channel: FOUR_STEP, reporter: RESIDENT }) { case { id status } {{MutationResponses.CreateErrors}} }
              second: reportCase(input: { code: "{{otherCode}}", title: "{{FaultyTitle}}", regionId: "{{region}}", channel: FOUR_STEP, reporter: RESIDENT }) { case { id } {{MutationResponses.CreateErrors}} }
            }
            """);

        Assert.Equal(200, response.Status);
        Assert.Equal("REPORTED", (string?)response.Data["first"]!["case"]!["status"]);
        Assert.Null(response.Data["first"]!["errors"]);
        Assert.Null(response.Data["second"]);
        var error = Assert.Single(response.Errors!)!;
        Assert.Equal("INTERNAL_SERVER_ERROR", (string?)error["extensions"]!["code"]);
        Assert.Equal(["second"], error["path"]!.AsArray().Select(p => (string?)p));
        // Details of an unexpected error are for developers only.
        Assert.Equal(environment == "Development", error["extensions"]!["details"] is not null);
        Assert.Equal([(string?)response.Data["first"]!["case"]!["id"]], await CaseIdsAsync(client, code));
        Assert.Empty(await CaseIdsAsync(client, otherCode));
    }

    [Fact]
    public async Task An_expected_error_whose_type_the_mutations_union_lacks_stays_a_top_level_error()
    {
        Task<object?> Duplicate() => throw Api.GraphQL.Mutations.MutationErrors.Duplicate("code", "taken");
        var creates = Api.GraphQL.Mutations.MutationPayloads.ErrorTypesFor(updates: false, workflow: false).Select(t => t.Name).ToHashSet();
        var steps = Api.GraphQL.Mutations.MutationPayloads.ErrorTypesFor(updates: true, workflow: true).Select(t => t.Name).ToHashSet();

        var payload = await Api.GraphQL.Mutations.MutationPayloads.CatchAsync(Duplicate, creates);
        var thrown = await Assert.ThrowsAsync<global::GraphQL.ExecutionError>(async () => await Api.GraphQL.Mutations.MutationPayloads.CatchAsync(Duplicate, steps));

        Assert.Equal(("DuplicateError", "DUPLICATE"), (payload!.Errors![0].TypeName, payload.Errors[0].Code));
        Assert.Null(payload.Entity);
        Assert.Equal("DUPLICATE", thrown.Code);
    }

    /// <summary>The writable API again, in <paramref name="environment"/>, its store failing to save <see cref="FaultyTitle"/>.</summary>
    private WebApplicationFactory<Program> Faulty(string environment) => api.WithWebHostBuilder(builder =>
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Auth:SigningKey", api.Services.GetRequiredService<AuthOptions>().SigningKey);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(new FailingSave()));
    });

    private sealed class FailingSave : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<Case>().Any(e => e.Entity.Title == FaultyTitle)
                ? throw new InvalidOperationException("The store failed (injected by the test).")
                : base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private static async Task<string> VillageAsync(HttpClient client) =>
        (string)(await client.PostQueryAsync("{ regions(first: 1, where: { level: { eq: VILLAGE } }, order: [{ id: ASC }]) { nodes { id } } }"))
            .AssertData()["regions"]!["nodes"]![0]!["id"]!;

    private static async Task<List<string?>> CaseIdsAsync(HttpClient client, string code) =>
        [.. (await client.PostQueryAsync($$"""{ cases(where: { code: { eq: "{{code}}" } }) { nodes { id } } }""")).AssertData()["cases"]!["nodes"]!
            .AsArray().Select(n => (string?)n!["id"])];
}
