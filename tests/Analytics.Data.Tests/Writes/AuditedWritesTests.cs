using System.Text.Json.Nodes;
using Analytics.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Data.Tests.Writes;

/// <summary>Writes through WriteAuditedAsync: audit rows in the same transaction, optimistic concurrency on versioned rows.</summary>
public sealed class AuditedWritesTests : IAsyncLifetime
{
    private static readonly AuditActor _clerk = new("王芳", "Office");
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"analytics-audit-{Guid.NewGuid():N}.db");
    private IDbContextFactory<OperationalDbContext> _contexts = null!;

    public async Task InitializeAsync()
    {
        _contexts = OperationalStoreExtensions.CreateFactory(DatabaseProvider.Sqlite, $"Data Source={_path}",
            OperationalStoreExtensions.WriteInterceptors(TimeProvider.System));
        await using var db = await _contexts.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_insert_and_an_update_each_leave_an_audit_row_with_actor_operation_and_values()
    {
        var region = await AddRegionAsync();
        await _contexts.WriteAuditedAsync(_clerk, "renameRegion", async (db, ct) =>
        {
            var loaded = await db.Regions.SingleAsync(r => r.Id == region.Id, ct);
            loaded.Name = "燕西街道";
            loaded.Population = 1200;
            return loaded;
        });

        await using var check = await _contexts.CreateDbContextAsync();
        var entries = await check.AuditEntries.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, entries.Count);

        var added = entries[0];
        Assert.Equal(("王芳", "Office", "addRegion", "Region", region.Id, AuditChange.Added), (added.Actor, added.ActorRole, added.Operation, added.EntityType, added.EntityId, added.Change));
        Assert.Null(added.Before);
        Assert.Equal("燕东街道", (string?)JsonNode.Parse(added.After!)!["name"]);
        Assert.Equal("Township", (string?)JsonNode.Parse(added.After!)!["level"]);

        var modified = entries[1];
        Assert.Equal(("renameRegion", AuditChange.Modified, region.Id), (modified.Operation, modified.Change, modified.EntityId));
        Assert.Equal("""{"name":"燕东街道","population":1000}""", modified.Before);
        Assert.Equal("""{"name":"燕西街道","population":1200}""", modified.After);
    }

    [Fact]
    public async Task A_stale_version_fails_and_writes_neither_the_change_nor_an_audit_row()
    {
        var region = await AddRegionAsync();
        var item = new Case { Code = "350481-2024-000001", Title = "路灯不亮", RegionId = region.Id, Status = CaseStatus.Reported, ReportedAt = DateTimeOffset.UtcNow };
        await _contexts.WriteAuditedAsync(_clerk, "reportCase", (db, _) => Task.FromResult(db.Cases.Add(item).Entity));

        var versionRead = item.Version;
        var edited = await _contexts.WriteAuditedAsync(_clerk, "editCase", async (db, ct) =>
        {
            var loaded = await db.Cases.SingleAsync(ct);
            loaded.Title = "路灯不亮（燕东街道）";
            return loaded;
        });
        Assert.Equal(versionRead + 1, edited.Version);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => _contexts.WriteAuditedAsync(_clerk, "editCase", async (db, ct) =>
        {
            var loaded = await db.Cases.SingleAsync(ct);
            db.ExpectVersion(loaded, versionRead); // the client still holds the old version
            loaded.Title = "覆盖";
            return loaded;
        }));

        await using var check = await _contexts.CreateDbContextAsync();
        Assert.Equal("路灯不亮（燕东街道）", (await check.Cases.SingleAsync()).Title);
        Assert.Equal(["addRegion", "reportCase", "editCase"], await check.AuditEntries.OrderBy(a => a.Id).Select(a => a.Operation).ToListAsync());
    }

    [Fact]
    public async Task A_failing_write_rolls_back_its_audit_rows()
    {
        var region = await AddRegionAsync();
        await Assert.ThrowsAsync<DbUpdateException>(() => _contexts.WriteAuditedAsync(_clerk, "addRegion",
            (db, _) => Task.FromResult(db.Regions.Add(new Region { Code = region.Code, Name = "重复", Level = RegionLevel.Township }).Entity))); // unique code

        await using var check = await _contexts.CreateDbContextAsync();
        Assert.Equal(1, await check.AuditEntries.CountAsync());
        Assert.Equal(1, await check.Regions.CountAsync());
    }

    [Fact]
    public async Task A_plain_SaveChanges_is_audited_too_against_the_system_actor()
    {
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            db.Regions.Add(new Region { Code = "350481001", Name = "燕东街道", Level = RegionLevel.Township });
            await db.SaveChangesAsync();
        }

        await using var check = await _contexts.CreateDbContextAsync();
        var entry = await check.AuditEntries.SingleAsync();
        Assert.Equal(("system", "System", "SaveChanges"), (entry.Actor, entry.ActorRole, entry.Operation));
        Assert.NotEqual(0, entry.EntityId);
    }

    private async Task<Region> AddRegionAsync()
    {
        var region = new Region { Code = "350481001", Name = "燕东街道", Level = RegionLevel.Township, Population = 1000 };
        return await _contexts.WriteAuditedAsync(_clerk, "addRegion", (db, _) => Task.FromResult(db.Regions.Add(region).Entity));
    }
}
