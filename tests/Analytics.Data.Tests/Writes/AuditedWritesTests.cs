using System.Text.Json.Nodes;
using Analytics.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Data.Tests.Writes;

/// <summary>Writes through SaveAuditedChangesAsync: audit rows in the same transaction, optimistic concurrency on versioned rows.</summary>
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
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            var loaded = await db.Regions.SingleAsync(r => r.Id == region.Id);
            loaded.Name = "燕西街道";
            loaded.Population = 1200;
            await db.SaveAuditedChangesAsync(_clerk, "renameRegion");
        }

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
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            db.Cases.Add(item);
            await db.SaveAuditedChangesAsync(_clerk, "reportCase");
        }

        long versionRead;
        await using (var first = await _contexts.CreateDbContextAsync())
        {
            var loaded = await first.Cases.SingleAsync();
            versionRead = loaded.Version;
            loaded.Title = "路灯不亮（燕东街道）";
            await first.SaveAuditedChangesAsync(_clerk, "editCase");
            Assert.Equal(versionRead + 1, loaded.Version);
        }

        await using (var second = await _contexts.CreateDbContextAsync())
        {
            var loaded = await second.Cases.SingleAsync();
            second.ExpectVersion(loaded, versionRead); // the client still holds the old version
            loaded.Title = "覆盖";
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveAuditedChangesAsync(_clerk, "editCase"));
        }

        await using var check = await _contexts.CreateDbContextAsync();
        Assert.Equal("路灯不亮（燕东街道）", (await check.Cases.SingleAsync()).Title);
        Assert.Equal(["addRegion", "reportCase", "editCase"], await check.AuditEntries.OrderBy(a => a.Id).Select(a => a.Operation).ToListAsync());
    }

    [Fact]
    public async Task A_failing_write_rolls_back_its_audit_rows()
    {
        var region = await AddRegionAsync();
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            db.Regions.Add(new Region { Code = region.Code, Name = "重复", Level = RegionLevel.Township }); // unique code
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveAuditedChangesAsync(_clerk, "addRegion"));
        }

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
        await using var db = await _contexts.CreateDbContextAsync();
        var region = new Region { Code = "350481001", Name = "燕东街道", Level = RegionLevel.Township, Population = 1000 };
        db.Regions.Add(region);
        await db.SaveAuditedChangesAsync(_clerk, "addRegion");
        return region;
    }
}
