using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Data;

public static class OperationalStoreExtensions
{
    public const string ConnectionStringName = "Operational";
    public const string DefaultSqliteConnectionString = "Data Source=data/operational.db";

    /// <summary>
    /// Registers the operational store from configuration (<c>Database:Provider</c>, <c>ConnectionStrings:Operational</c>):
    /// an <see cref="IDbContextFactory{TContext}"/> of <see cref="OperationalDbContext"/> (one short-lived context per
    /// unit of work) and <see cref="OperationalStore"/>. Configuration is read when the factory is first resolved.
    /// </summary>
    public static IHostApplicationBuilder AddOperationalStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        builder.Services.AddOperationalStoreCore(sp => (
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider,
            sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)));
        return builder;
    }

    /// <summary>Registers the store for an explicit provider and connection string (the CLI and tests use this).</summary>
    public static IServiceCollection AddOperationalStore(
        this IServiceCollection services, DatabaseProvider provider, string? connectionString, DatabaseOptions? options = null)
    {
        services.AddSingleton(Options.Create(options ?? new DatabaseOptions { Provider = provider }));
        return services.AddOperationalStoreCore(_ => (provider, connectionString));
    }

    private static IServiceCollection AddOperationalStoreCore(
        this IServiceCollection services, Func<IServiceProvider, (DatabaseProvider Provider, string? ConnectionString)> settings)
    {
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IInterceptor, UpdatedAtInterceptor>();
        services.AddSingleton<IInterceptor, AuditInterceptor>();
        services.AddSingleton<IDbContextFactory<OperationalDbContext>>(sp =>
        {
            var (provider, connectionString) = settings(sp);

            // Every registered EF interceptor applies (tests add a command counter this way); EF logs through the host's
            // logging, so Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Information shows the SQL.
            return CreateLoggingFactory(provider, connectionString, sp.GetRequiredService<ILoggerFactory>(), [.. sp.GetServices<IInterceptor>()]);
        });
        services.AddSingleton<OperationalStore>();
        return services;
    }

    /// <summary>
    /// The interceptors every writer needs, in order: <see cref="UpdatedAtInterceptor"/> (stamps, versions) then
    /// <see cref="AuditInterceptor"/>. Pass them to <see cref="CreateFactory"/> in a process that writes (an import).
    /// </summary>
    public static IInterceptor[] WriteInterceptors(TimeProvider clock) => [new UpdatedAtInterceptor(clock), new AuditInterceptor(clock)];

    /// <summary>A context factory for the provider; throws a clear message for a missing SQL Server connection string.</summary>
    /// <remarks>
    /// Without interceptors, <see cref="Domain.Entity.UpdatedAt"/> is not stamped, versions are not bumped and nothing is
    /// audited: to write, pass an <see cref="UpdatedAtInterceptor"/> and then an <see cref="AuditInterceptor"/>.
    /// </remarks>
    public static IDbContextFactory<OperationalDbContext> CreateFactory(
        DatabaseProvider provider, string? connectionString, params IInterceptor[] interceptors) =>
        CreateLoggingFactory(provider, connectionString, loggerFactory: null, interceptors);

    private static IDbContextFactory<OperationalDbContext> CreateLoggingFactory(
        DatabaseProvider provider, string? connectionString, ILoggerFactory? loggerFactory, IInterceptor[] interceptors)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ConfigureSqlite(
                    new DbContextOptionsBuilder<SqliteOperationalDbContext>(),
                    PrepareSqlite(string.IsNullOrWhiteSpace(connectionString) ? DefaultSqliteConnectionString : connectionString));
                var sqliteOptions = ((DbContextOptionsBuilder<SqliteOperationalDbContext>)WithLogging(sqlite, loggerFactory).AddInterceptors(interceptors)).Options;
                return new OperationalContextFactory(() => new SqliteOperationalDbContext(sqliteOptions));
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "Database:Provider is SqlServer but ConnectionStrings:Operational is empty. Set it, e.g. "
                        + "ConnectionStrings__Operational=\"Server=db;Database=Analytics;User Id=...;Password=...;TrustServerCertificate=true\".");
                }

                var sqlServer = ConfigureSqlServer(new DbContextOptionsBuilder<SqlServerOperationalDbContext>(), connectionString);
                var sqlServerOptions = ((DbContextOptionsBuilder<SqlServerOperationalDbContext>)WithLogging(sqlServer, loggerFactory).AddInterceptors(interceptors)).Options;
                return new OperationalContextFactory(() => new SqlServerOperationalDbContext(sqlServerOptions));
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}'. Use Sqlite or SqlServer.");
        }
    }

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(60)).ConfigureWarnings(ThrowOnSilentFallbacks);

    public static DbContextOptionsBuilder ConfigureSqlServer(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()).ConfigureWarnings(ThrowOnSilentFallbacks);

    private static DbContextOptionsBuilder WithLogging(DbContextOptionsBuilder options, ILoggerFactory? loggerFactory) =>
        loggerFactory is null ? options : options.UseLoggerFactory(loggerFactory);

    // Queries that EF would silently split or evaluate in memory are bugs here, not warnings.
    private static void ThrowOnSilentFallbacks(WarningsConfigurationBuilder warnings) =>
        warnings.Throw(RelationalEventId.MultipleCollectionIncludeWarning);

    /// <summary>Makes sure the folder of a SQLite file exists, so a fresh clone starts without manual steps.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        return builder.ToString();
    }
}

/// <summary>An <see cref="IDbContextFactory{TContext}"/> that makes each context with a delegate (one options instance).</summary>
public sealed class OperationalContextFactory(Func<OperationalDbContext> create) : IDbContextFactory<OperationalDbContext>
{
    public OperationalDbContext CreateDbContext() => create();
}
