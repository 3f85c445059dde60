using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Analytics.Data;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every entity inserted, changed or deleted through <c>SaveChanges</c>, in the
/// same transaction as the change: who (<see cref="OperationalDbContext.Actor"/>), when, under which operation, and the
/// changed values before and after as JSON.
/// </summary>
/// <remarks>
/// The values are captured while saving; the rows are written right after the save, in a second statement batch,
/// because an inserted row's id exists only then. Both run in one transaction: the caller's, or one this interceptor
/// opens and commits (SQLite; SQL Server's retrying execution strategy forbids that, so writers there use
/// <see cref="AuditedWrites.WriteAuditedAsync"/>, as every writer should). Personal data (ID number, phone) is
/// recorded as changed, never as a value.
/// </remarks>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> _notAudited = [nameof(Entity.Id), nameof(Entity.UpdatedAt), nameof(IVersioned.Version)];

    private static readonly HashSet<(Type, string)> _personal =
        [(typeof(PartyMember), nameof(PartyMember.IdNumber)), (typeof(PartyMember), nameof(PartyMember.Phone))];

    private static readonly JsonSerializerOptions _json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is { } pending)
        {
            var db = (OperationalDbContext)eventData.Context!;
            db.AuditEntries.AddRange(pending.ToEntries());
            db.SaveChanges();
            db.PendingAudit = null;
            pending.OwnTransaction?.Commit();
            pending.OwnTransaction?.Dispose();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } pending)
        {
            var db = (OperationalDbContext)eventData.Context!;
            db.AuditEntries.AddRange(pending.ToEntries());
            await db.SaveChangesAsync(cancellationToken);
            db.PendingAudit = null;
            if (pending.OwnTransaction is { } transaction)
            {
                await transaction.CommitAsync(cancellationToken);
                await transaction.DisposeAsync();
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    private void Capture(DbContext? context)
    {
        if (context is not OperationalDbContext db || db.PendingAudit is { Writing: true })
        {
            return;
        }

        var changes = new List<Change>();
        foreach (var entry in db.ChangeTracker.Entries<Entity>())
        {
            if (entry.Entity is AuditEntry || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var properties = entry.Properties.Where(p => !_notAudited.Contains(p.Metadata.Name)
                && (entry.State != EntityState.Modified || p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))).ToList();
            if (entry.State == EntityState.Modified && properties.Count == 0)
            {
                continue;
            }

            changes.Add(new Change(
                entry,
                entry.State switch { EntityState.Added => AuditChange.Added, EntityState.Modified => AuditChange.Modified, _ => AuditChange.Deleted },
                entry.State == EntityState.Added ? null : Json(entry, properties, p => p.OriginalValue),
                entry.State == EntityState.Deleted ? null : Json(entry, properties, p => p.CurrentValue)));
        }

        if (changes.Count == 0)
        {
            return;
        }

        IDbContextTransaction? own = null;
        if (db.Database.CurrentTransaction is null)
        {
            if (db.Database.CreateExecutionStrategy().RetriesOnFailure)
            {
                throw new InvalidOperationException(
                    "Audited writes need one transaction for the change and its audit rows: write with WriteAuditedAsync.");
            }

            own = db.Database.BeginTransaction();
        }

        db.PendingAudit = new PendingAudit(changes, db.Actor, db.Operation, clock.GetUtcNow(), own);
    }

    private static PendingAudit? Take(DbContext? context)
    {
        if (context is not OperationalDbContext { PendingAudit: { Writing: false } pending } db)
        {
            return null;
        }

        pending.Writing = true;
        return pending;
    }

    private static void Abandon(DbContext? context)
    {
        if (context is OperationalDbContext { PendingAudit: { } pending } db)
        {
            db.PendingAudit = null;
            pending.OwnTransaction?.Dispose(); // rolls back
        }
    }

    private static string Json(EntityEntry entry, List<PropertyEntry> properties, Func<PropertyEntry, object?> value)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name);
            values[name] = _personal.Contains((entry.Metadata.ClrType, property.Metadata.Name)) && value(property) is not null
                ? "(personal data)"
                : value(property);
        }

        return JsonSerializer.Serialize(values, _json);
    }

    internal sealed record Change(EntityEntry<Entity> Entry, AuditChange Kind, string? Before, string? After);

    /// <summary>What was captured while saving, written once the save has given inserted rows their ids.</summary>
    internal sealed class PendingAudit(IReadOnlyList<Change> changes, AuditActor actor, string operation, DateTimeOffset at, IDbContextTransaction? ownTransaction)
    {
        public IDbContextTransaction? OwnTransaction { get; } = ownTransaction;

        /// <summary>Set while the audit rows themselves are saved, so that save is not audited.</summary>
        public bool Writing { get; set; }

        public IEnumerable<AuditEntry> ToEntries() => changes.Select(c => new AuditEntry
        {
            At = at,
            Actor = actor.Name,
            ActorRole = actor.Role,
            Operation = operation,
            EntityType = c.Entry.Metadata.ClrType.Name,
            EntityId = c.Entry.Entity.Id,
            Change = c.Kind,
            Before = c.Before,
            After = c.After,
        });
    }
}
