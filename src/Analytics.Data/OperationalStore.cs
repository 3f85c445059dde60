using Analytics.Data.DemoData;
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

    /// <summary>True when the store answers a trivial query.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken);
    }
}
