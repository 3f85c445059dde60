using Analytics.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Snapshooter.Xunit;

namespace Analytics.Data.Tests.Migrations;

/// <summary>
/// Both providers' migrations match the model, and the SQL Server script (what a DBA runs in production) is reviewed
/// as a snapshot. No server is needed: EF generates the SQL without connecting.
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_have_no_pending_model_changes()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a SQLite migration. Run: dotnet ef migrations add <Name> --project src/Analytics.Data "
            + "--context SqliteOperationalDbContext --output-dir Migrations/Sqlite");
    }

    [Fact]
    public void SqlServer_migrations_have_no_pending_model_changes()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a SQL Server migration. Run: dotnet ef migrations add <Name> --project src/Analytics.Data "
            + "--context SqlServerOperationalDbContext --output-dir Migrations/SqlServer");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);

        // Ids carry a timestamp that differs per provider; the names must pair up one to one.
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(id => id[(id.IndexOf('_') + 1)..]);

        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public void SqlServer_idempotent_migration_script_matches_the_reviewed_snapshot()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("IF NOT EXISTS", script);
        Assert.Contains("CREATE TABLE [Cases]", script);
        Snapshot.Match(script.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Sqlite_store_migrates_from_empty_and_reports_nothing_pending()
    {
        var path = Path.Combine(Path.GetTempPath(), $"analytics-migrate-{Guid.NewGuid():N}.db");
        try
        {
            var contexts = OperationalStoreExtensions.CreateFactory(DatabaseProvider.Sqlite, $"Data Source={path}");
            await using (var db = await contexts.CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();

                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Equal(0, await db.Regions.CountAsync());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
