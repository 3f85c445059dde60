using Analytics.Data;
using Analytics.Data.DemoData;
using Analytics.Etl.Warehouse;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Etl.Tests;

/// <summary>The demo city seeded once into a temporary SQLite store, and one warehouse built from it.</summary>
public sealed class DemoWarehouseFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"analytics-etl-{Guid.NewGuid():N}");

    public string StorePath => Path.Combine(Directory, "operational.db");

    public string Connection => $"Data Source={StorePath}";

    public string WarehousePath => Path.Combine(Directory, "warehouse.duckdb");

    public IDbContextFactory<OperationalDbContext> Contexts { get; private set; } = null!;

    public WarehouseRunResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Contexts = OperationalStoreExtensions.CreateFactory(
            DatabaseProvider.Sqlite, Connection, new UpdatedAtInterceptor(TimeProvider.System));
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        await DemoCity.SeedAsync(Contexts, new DemoCityOptions());
        Result = await new WarehouseBuilder(Contexts, WarehousePath).BuildAsync();
    }

    /// <summary>A fresh directory holding a copy of the built warehouse, for tests that try to replace it.</summary>
    public string CopyWarehouse()
    {
        var directory = Path.Combine(Directory, Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "warehouse.duckdb");
        File.Copy(WarehousePath, path);
        return path;
    }

    /// <summary>A private copy of the store in <paramref name="directory"/>, to change without touching the shared one.</summary>
    public async Task<IDbContextFactory<OperationalDbContext>> CopyStoreAsync(string directory)
    {
        var store = Path.Combine(directory, "operational.db");
        await using (var source = new SqliteConnection(Connection))
        await using (var copy = new SqliteConnection($"Data Source={store};Pooling=False"))
        {
            await source.OpenAsync();
            await copy.OpenAsync();
            source.BackupDatabase(copy);
        }

        return OperationalStoreExtensions.CreateFactory(
            DatabaseProvider.Sqlite, $"Data Source={store};Pooling=False", new UpdatedAtInterceptor(TimeProvider.System));
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
