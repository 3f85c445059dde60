using Analytics.Data.DemoData;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Data;

/// <summary>Start-up and health duties of the operational store: migrate, seed the demo city when empty, ping.</summary>
public sealed class OperationalStore(
    IDbContextFactory<OperationalDbContext> contexts,
    IOptions<DatabaseOptions> options,
    ILogger<OperationalStore> logger)
{
    /// <summary>Applies pending migrations and, when configured, fills an empty store with the demo city.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (options.Value.MigrateOnStartup)
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0)
                {
                    logger.LogInformation("Applying {Count} migration(s) to the operational store: {Migrations}",
                        pending.Count, string.Join(", ", pending));
                    await db.Database.MigrateAsync(cancellationToken);
                }
            }

            if (!options.Value.SeedDemoData || await db.Regions.AnyAsync(cancellationToken))
            {
                return;
            }
        }

        logger.LogInformation("The operational store is empty: seeding the demo city (Sanming, scale 1)");
        var progress = new SynchronousProgress<DemoCityProgress>(p => logger.LogInformation("Demo city: {Step}", p.Step));
        var summary = await DemoCity.SeedAsync(contexts, new DemoCityOptions(), progress, cancellationToken);
        logger.LogInformation("Demo city seeded: {Summary}", summary);
    }

    /// <summary>
    /// Why a tool that reads the store (the ETL, the token command) cannot use it yet — no SQLite file there, or a
    /// store without the tables (an empty or un-migrated file) — or null when it is ready. Callers add their next step.
    /// </summary>
    /// <remarks>A missing SQLite file is not opened: opening would create an empty one.</remarks>
    public static async Task<string?> NotReadyReasonAsync(
        IDbContextFactory<OperationalDbContext> contexts, DatabaseProvider provider, string? connectionString,
        CancellationToken cancellationToken = default)
    {
        if (provider == DatabaseProvider.Sqlite
            && new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? OperationalStoreExtensions.DefaultSqliteConnectionString : connectionString)
                .DataSource is { Length: > 0 } file
            && file != ":memory:" && !File.Exists(file))
        {
            return $"there is no operational store at {Path.GetFullPath(file)}";
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        if (pending == 0)
        {
            return null;
        }

        var where = provider == DatabaseProvider.Sqlite ? Path.GetFullPath(db.Database.GetDbConnection().DataSource) : "the SQL Server database";
        return (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any()
            ? $"the operational store at {where} is of an older version ({pending} migration(s) not applied)"
            : $"the operational store at {where} is not set up (no migrations applied: an empty or foreign file)";
    }

    /// <summary>True when the store answers a trivial query.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken);
    }
}
