using Microsoft.EntityFrameworkCore;

namespace Analytics.Data;

/// <summary>The one way to write to the operational store: attributed, audited, all-or-nothing, concurrency-checked.</summary>
public static class AuditedWrites
{
    /// <summary>
    /// Saves the context's changes and their audit rows in one transaction (opened here unless the caller holds one),
    /// under the provider's execution strategy. A row of an <see cref="Domain.IVersioned"/> entity changed by someone
    /// else since it was read fails with <see cref="DbUpdateConcurrencyException"/> and nothing is written.
    /// </summary>
    /// <param name="operation">What the audit rows name as the cause, e.g. <c>classifyCase</c>, <c>ledgerImport</c>.</param>
    public static async Task<int> SaveAuditedChangesAsync(
        this OperationalDbContext db, AuditActor actor, string operation, CancellationToken cancellationToken = default)
    {
        db.Actor = actor;
        db.Operation = operation;
        if (db.Database.CurrentTransaction is not null)
        {
            return await db.SaveChangesAsync(cancellationToken);
        }

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var written = await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return written;
        }, cancellationToken);
    }

    /// <summary>
    /// Makes the next save of <paramref name="entity"/> succeed only if its row still has <paramref name="versionRead"/>:
    /// the version the client read, not the one just loaded, is what the UPDATE checks.
    /// </summary>
    public static void ExpectVersion<TEntity>(this OperationalDbContext db, TEntity entity, long versionRead)
        where TEntity : class, Domain.IVersioned =>
        db.Entry(entity).Property(e => e.Version).OriginalValue = versionRead;
}
