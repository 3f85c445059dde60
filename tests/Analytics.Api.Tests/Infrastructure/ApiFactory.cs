using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Analytics.Api.Tests.Infrastructure;

/// <summary>
/// The real API over a private SQLite file, migrated and seeded with the demo city once per test run
/// (all API tests share it through <see cref="ApiCollection"/>; they only read).
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public ApiFactory()
    {
    }

    /// <param name="kestrel">Serve on a real loopback port (for a browser) instead of the in-memory test server.</param>
    /// <param name="persistedDocumentsOnly">
    /// Production's allow-list mode: only the documents of <c>dashboards/queries</c> run, sent by <c>documentId</c>.
    /// </param>
    internal ApiFactory(bool kestrel, bool persistedDocumentsOnly = false)
    {
        if (kestrel)
        {
            UseKestrel(0);
        }

        _persistedDocumentsOnly = persistedDocumentsOnly;
    }

    private readonly bool _persistedDocumentsOnly;

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"analytics-api-tests-{Guid.NewGuid():N}.db");

    /// <summary>The warehouse the API builds in the background on its first start.</summary>
    public string WarehousePath { get; } = Path.Combine(Path.GetTempPath(), $"analytics-api-tests-{Guid.NewGuid():N}.duckdb");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        UseDemoCity(builder, _databasePath, WarehousePath);
        if (_persistedDocumentsOnly)
        {
            builder.UseSetting("GraphQL:PersistedDocuments:Path", Path.Combine(RepositoryPaths.Root, "dashboards", "queries"));
            builder.UseSetting("GraphQL:PersistedDocuments:Required", "true");
        }
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(SqlCommands));
    }

    /// <summary>
    /// What every test API is: Development, the demo city seeded into its own SQLite file, its own warehouse file, and a
    /// rate limit no test reaches (RateLimitTests checks the limiter with its own low limit).
    /// </summary>
    internal static void UseDemoCity(IWebHostBuilder builder, string databasePath, string warehousePath)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("GraphQL:RateLimit:PermitsPerSecond", "10000");
        builder.UseSetting("GraphQL:RateLimit:Burst", "10000");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Operational", $"Data Source={databasePath}");
        builder.UseSetting("Database:SeedDemoData", "true");
        builder.UseSetting("Warehouse:Path", warehousePath);
    }

    /// <summary>Counts every SQL statement the API runs (tests in the collection run one at a time).</summary>
    public SqlCommandCounter SqlCommands { get; } = new();

    /// <summary>
    /// Starts the API and waits for the warehouse it builds on first start, so no test runs beside that build (it
    /// would add statements to <see cref="SqlCommands"/>).
    /// </summary>
    public async Task InitializeAsync()
    {
        using var client = CreateClient();
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(90); waited += TimeSpan.FromMilliseconds(200))
        {
            var health = await client.GetStringAsync("/health");
            if (health.Contains("\"warehouse\":{\"status\":\"Healthy\"", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The API did not build its warehouse within 90 s.");
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public HttpClient CreateGraphQLClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in with <paramref name="role"/> (and <paramref name="county"/> for county officers).</summary>
    public HttpClient CreateClientAs(string role, string? county = null, string? name = null) =>
        CreateGraphQLClient().WithToken(ApiTokens.Mint(Services, role, county, name));

    /// <summary>Every client starts as an administrator, so tests about querying are not about sign-in.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.WithToken(ApiTokens.Mint(Services, Api.Security.ApiRoles.Admin, name: "test-admin"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }

        File.Delete(WarehousePath);
        File.Delete(WarehousePath + ".wal");
        File.Delete(WarehousePath + ".lock");
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "API over the demo city";
}
