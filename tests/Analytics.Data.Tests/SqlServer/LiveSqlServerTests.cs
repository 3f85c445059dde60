using Analytics.Data.DemoData;
using Analytics.Domain;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Analytics.Data.Tests.SqlServer;

/// <summary>The SQL Server migrations apply, the demo city loads, and the API's kinds of queries run on a real server.</summary>
public sealed class LiveSqlServerTests
{
    [SqlServerFact]
    public async Task Migrations_apply_and_the_demo_city_loads_with_the_published_structure()
    {
        var builder = new SqlConnectionStringBuilder(SqlServerFactAttribute.ConnectionString)
        {
            InitialCatalog = $"analytics_test_{Guid.NewGuid():N}",
        };
        var contexts = OperationalStoreExtensions.CreateFactory(
            DatabaseProvider.SqlServer, builder.ConnectionString, new IInterceptor[] { new UpdatedAtInterceptor(TimeProvider.System) });
        await using var db = await contexts.CreateDbContextAsync();
        try
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());

            await DemoCity.SeedAsync(contexts, new DemoCityOptions());

            var yongan = await db.Regions.SingleAsync(r => r.Name == "永安市");
            Assert.Equal(175, await db.Regions.CountAsync(r => r.Path.StartsWith(yongan.Path) && r.Level == RegionLevel.Village));
            Assert.Equal(1775, await db.Grids.CountAsync(g => g.Region!.Path.StartsWith(yongan.Path) && g.Level == 4));
            var sanyuan = await db.Regions.SingleAsync(r => r.Name == "三元区");
            Assert.Equal(2454, await db.Grids.CountAsync(g => g.Region!.Path.StartsWith(sanyuan.Path) && g.Level == 4));
            Assert.True(await db.Cases.AnyAsync(c => c.ReportedAt < new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        }
        finally
        {
            await db.Database.EnsureDeletedAsync();
        }
    }
}
