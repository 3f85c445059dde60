using System.Diagnostics;
using Analytics.Data.DemoData;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Data.Tests.DemoData;

/// <summary>A migrated SQLite file in the temp folder, deleted on dispose.</summary>
public sealed class TemporaryStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TemporaryStore(string file, ServiceProvider services)
    {
        File = file;
        _services = services;
        Contexts = services.GetRequiredService<IDbContextFactory<OperationalDbContext>>();
    }

    public string File { get; }

    public IDbContextFactory<OperationalDbContext> Contexts { get; }

    public static async Task<TemporaryStore> CreateAsync()
    {
        var file = Path.GetTempFileName();
        var services = new ServiceCollection()
            .AddOperationalStore(DatabaseProvider.Sqlite, $"Data Source={file}")
            .BuildServiceProvider();
        var store = new TemporaryStore(file, services);
        await using var db = await store.Contexts.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return store;
    }

    /// <summary>Seeds the demo city and returns its summary and how long the generator took.</summary>
    public async Task<(DemoCitySummary Summary, TimeSpan Elapsed)> SeedAsync(DemoCityOptions options)
    {
        var stopwatch = Stopwatch.StartNew();
        var summary = await DemoCity.SeedAsync(Contexts, options);
        return (summary, stopwatch.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        System.IO.File.Delete(File);
    }
}

/// <summary>The demo city at the default seed and scale 1, seeded once for every test of the collection.</summary>
public sealed class DemoCityFixture : IAsyncLifetime
{
    private TemporaryStore? _store;

    public static readonly DemoCityOptions Options = new();

    public IDbContextFactory<OperationalDbContext> Contexts => _store!.Contexts;

    public DemoCitySummary Summary { get; private set; } = null!;

    public TimeSpan SeedTime { get; private set; }

    public async Task InitializeAsync()
    {
        _store = await TemporaryStore.CreateAsync();
        (Summary, SeedTime) = await _store.SeedAsync(Options);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoCityCollection : ICollectionFixture<DemoCityFixture>
{
    public const string Name = "Demo city";
}
