using Analytics.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Analytics.Api.Tests.SqlServerSql;

/// <summary>
/// The real API on the SQL Server provider, with no server: connections are never opened and every command is
/// recorded and answered by <see cref="SqlCapture"/>. What EF would send to SQL Server is what the tests read.
/// </summary>
public sealed class SqlServerSqlFactory : WebApplicationFactory<Program>
{
    /// <summary>A well-formed connection string to a host that cannot exist (<c>.invalid</c> never resolves).</summary>
    public const string ConnectionString =
        "Server=tcp:sql-server-proof.invalid,1433;Database=Analytics;User Id=proof;Password=not-a-secret;"
        + "Encrypt=true;TrustServerCertificate=true;Connect Timeout=1";

    public NoConnectionInterceptor Connections { get; } = new();

    public SqlCapture Sql { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Tests fire requests faster than any dashboard; RateLimitTests checks the limiter with its own low limit.
        builder.UseSetting("GraphQL:RateLimit:PermitsPerSecond", "10000");
        builder.UseSetting("GraphQL:RateLimit:Burst", "10000");
        builder.UseSetting("Database:Provider", "SqlServer");
        builder.UseSetting("ConnectionStrings:Operational", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Warehouse:BuildWhenMissing", "false");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IInterceptor>(Connections);
            services.AddSingleton<IInterceptor>(Sql);
        });
    }

    /// <summary>The statements sent while the host started (none: no migration, no seeding, no probing).</summary>
    public IReadOnlyList<CapturedCommand> StartupCommands { get; private set; } = [];

    /// <summary>How many connections the host asked for while it started.</summary>
    public int StartupConnectionOpenings { get; private set; }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        StartupCommands = Sql.Commands;
        StartupConnectionOpenings = Connections.OpeningsSuppressed;
        return host;
    }

    public HttpClient CreateGraphQLClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>An administrator: no county scope, so the SQL is the unscoped statement.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.WithToken(ApiTokens.Mint(Services, Api.Security.ApiRoles.Admin, name: "test-admin"));
    }

    /// <summary>Runs a GraphQL request and returns the statements it sent, in order.</summary>
    public async Task<(GraphQLResponse Response, IReadOnlyList<CapturedCommand> Commands)> CaptureAsync(string query, object? variables = null)
    {
        var client = CreateGraphQLClient();
        Sql.Clear();
        var response = await client.PostQueryAsync(query, variables);
        return (response, Sql.Commands);
    }
}

[CollectionDefinition(Name)]
public sealed class SqlServerSqlCollection : ICollectionFixture<SqlServerSqlFactory>
{
    public const string Name = "API on SQL Server, without a server";
}
