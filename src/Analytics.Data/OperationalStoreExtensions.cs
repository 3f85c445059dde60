using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Analytics.Data;

public static class OperationalStoreExtensions
{
    public const string ConnectionStringName = "Operational";
    public const string DefaultSqliteConnectionString = "Data Source=data/operational.db";

    /// <summary>
    /// Registers the operational store for the configured provider: an <see cref="IDbContextFactory{TContext}"/> of
    /// <see cref="OperationalDbContext"/> (one short-lived context per unit of work) and <see cref="OperationalStore"/>.
    /// </summary>
    public static IHostApplicationBuilder AddOperationalStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        builder.Services.AddOperationalStore(options.Provider, connectionString);
        return builder;
    }

    /// <summary>Registers the store for an explicit provider and connection string (the CLI and tests use this).</summary>
    public static IServiceCollection AddOperationalStore(
        this IServiceCollection services, DatabaseProvider provider, string? connectionString)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<UpdatedAtInterceptor>();
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = PrepareSqlite(connectionString ?? DefaultSqliteConnectionString);
                services.AddDbContextFactory<SqliteOperationalDbContext>((sp, o) =>
                    ConfigureSqlite(o, sqlite).AddInterceptors(sp.GetRequiredService<UpdatedAtInterceptor>()));
                services.AddSingleton<IDbContextFactory<OperationalDbContext>, ProviderContextFactory<SqliteOperationalDbContext>>();
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "Database:Provider is SqlServer but ConnectionStrings:Operational is empty. "
                        + "Set it, e.g. ConnectionStrings__Operational=\"Server=...;Database=Analytics;...\".");
                }

                services.AddDbContextFactory<SqlServerOperationalDbContext>((sp, o) =>
                    ConfigureSqlServer(o, connectionString).AddInterceptors(sp.GetRequiredService<UpdatedAtInterceptor>()));
                services.AddSingleton<IDbContextFactory<OperationalDbContext>, ProviderContextFactory<SqlServerOperationalDbContext>>();
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}'. Use Sqlite or SqlServer.");
        }

        services.AddSingleton<OperationalStore>();
        return services;
    }

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(60)).ConfigureWarnings(ThrowOnSilentFallbacks);

    public static DbContextOptionsBuilder ConfigureSqlServer(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()).ConfigureWarnings(ThrowOnSilentFallbacks);

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

    /// <summary>Hands out the provider's derived context as the common <see cref="OperationalDbContext"/>.</summary>
    private sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner)
        : IDbContextFactory<OperationalDbContext>
        where TContext : OperationalDbContext
    {
        public OperationalDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
