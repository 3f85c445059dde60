using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Analytics.Data;

/// <summary>
/// Stamps <see cref="Entity.UpdatedAt"/> on every inserted or modified entity, so no caller can forget it, and bumps the
/// <see cref="IVersioned.Version"/> of modified entities where the database does not (SQLite; SQL Server's rowversion
/// needs nothing).
/// </summary>
public sealed class UpdatedAtInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>The time stamped now; writers that bypass SaveChanges (the demo city's bulk writer) stamp this too.</summary>
    public DateTimeOffset Now() => clock.GetUtcNow();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = Now();
        foreach (var entry in context.ChangeTracker.Entries<Entity>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.UpdatedAt = now;
            }

            if (entry.State is EntityState.Modified && entry.Entity is IVersioned)
            {
                var version = entry.Property(nameof(IVersioned.Version));
                if (version.Metadata.ValueGenerated == ValueGenerated.Never)
                {
                    // The UPDATE checks the original value (the one the writer read) and stores the next.
                    version.CurrentValue = (long)version.OriginalValue! + 1;
                }
            }
        }
    }
}
