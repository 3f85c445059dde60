using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Analytics.Api.Tests.Mutations;

/// <summary>
/// The API over its own demo city that the mutation tests write to (the shared <see cref="ApiFactory"/> store stays
/// read-only), with a clock the tests move. No warehouse is built: writes do not need it.
/// </summary>
public sealed class WritableApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"analytics-api-writes-{Guid.NewGuid():N}.db");

    /// <summary>Mid-2025, after every year of the demo city.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 6, 16, 2, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ApiFactory.UseDemoCity(builder, _databasePath, Path.Combine(Path.GetTempPath(), $"analytics-api-writes-{Guid.NewGuid():N}.duckdb"));
        builder.UseSetting("Warehouse:BuildWhenMissing", "false");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public Task InitializeAsync()
    {
        using var client = CreateClient(); // starts the host: migrates and seeds
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>A client that acts as 王芳, by default an administrator (her token's name and role are audited).</summary>
    public HttpClient CreateOfficeClient(string actor = "王芳", string role = Api.Security.ApiRoles.Admin, string? county = null) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).WithToken(ApiTokens.Mint(Services, role, county, actor));

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.WithToken(ApiTokens.Mint(Services, Api.Security.ApiRoles.Admin, name: "test-admin"));
    }

    /// <summary>The global id of the first object a list query returns.</summary>
    public async Task<string> FirstIdAsync(string listField, string where)
    {
        var data = (await CreateOfficeClient().PostQueryAsync($"{{ {listField}(first: 1, where: {where}, order: [{{ id: ASC }}]) {{ nodes {{ id }} }} }}")).AssertData();
        return (string)data[listField]!["nodes"]![0]!["id"]!;
    }

    private static int _caseCodes;

    /// <summary>
    /// A new case number for a case in <paramref name="regionId"/>: its county's 行政区划 code (found by walking up
    /// the region's parents, as the API does by its path), the year, a sequence no test shares.
    /// </summary>
    public async Task<string> NewCaseCodeAsync(string regionId)
    {
        var region = (await CreateOfficeClient().PostQueryAsync(
            "{ node(id: \"" + regionId + "\") { ... on Region { level code parent { level code parent { level code } } } } }")).AssertData()["node"];
        for (; region is not null; region = region["parent"])
        {
            if ((string?)region["level"] == "COUNTY")
            {
                return $"{region["code"]}-2025-T{Interlocked.Increment(ref _caseCodes):D6}{Guid.NewGuid().ToString()[..4]}";
            }
        }

        throw new InvalidOperationException($"{regionId} lies in no county");
    }

    /// <summary>How many audit rows exist: a refused mutation must leave it unchanged.</summary>
    public async Task<int> AuditCountAsync() =>
        (int)(await CreateOfficeClient().PostQueryAsync("{ auditEntries { totalCount } }")).AssertData()["auditEntries"]!["totalCount"]!;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WritableApiCollection : ICollectionFixture<WritableApiFactory>
{
    public const string Name = "API writes over a private demo city";
}

public static class MutationResponses
{
    private const string CommonErrorFields =
        "__typename ... on Error { code message } ... on InvalidInputError { field } ... on InvalidIdError { field } ... on NotFoundError { field }";

    /// <summary>
    /// The payload's <c>errors</c> selection (Hot Chocolate's mutation conventions) for a mutation that changes a row
    /// outside a workflow: the error types every mutation's union has.
    /// </summary>
    public const string Errors = "errors { " + CommonErrorFields + " }";

    /// <summary>The <c>errors</c> selection of a mutation that adds a row: it can also give DUPLICATE.</summary>
    public const string CreateErrors = "errors { " + CommonErrorFields + " ... on DuplicateError { field } }";

    /// <summary>The <c>errors</c> selection of a workflow step: it can also give an invalid transition.</summary>
    public const string StepErrors = "errors { " + CommonErrorFields + " ... on InvalidTransitionError { from action allowed } }";

    /// <summary>
    /// The first error: a top-level error's <c>extensions</c> (code, field…), else the first error in a mutation
    /// payload's <c>errors</c>; null when there is neither.
    /// </summary>
    public static JsonNode? FirstErrorOrNull(this GraphQLResponse response)
    {
        if (response.Errors is { Count: > 0 } errors)
        {
            return errors[0]!["extensions"];
        }

        return (response.Body["data"] as JsonObject)?
            .Select(field => (field.Value?["errors"] as JsonArray)?.FirstOrDefault())
            .FirstOrDefault(error => error is not null);
    }

    /// <summary>The first error (see <see cref="FirstErrorOrNull"/>), after asserting there is one.</summary>
    public static JsonNode FirstError(this GraphQLResponse response) =>
        response.FirstErrorOrNull() ?? throw new Xunit.Sdk.XunitException($"Expected an error: {response.Body.ToJsonString()}");

    /// <summary>The first error's code: a top-level error's extensions.code or a payload error's code.</summary>
    public static string ErrorCode(this GraphQLResponse response) => (string)response.FirstError()["code"]!;

    /// <summary>The saved entity, after asserting there was neither a top-level nor a payload error.</summary>
    public static JsonNode Payload(this GraphQLResponse response, string mutation, string entity)
    {
        var payload = response.AssertData()[mutation]!;
        Assert.True(payload["errors"] is null, $"Payload errors: {payload["errors"]?.ToJsonString()}");
        return payload[entity]!;
    }
}
