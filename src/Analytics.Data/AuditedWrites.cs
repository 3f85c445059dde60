using Microsoft.EntityFrameworkCore;

namespace Analytics.Data;

/// <summary>The one way to write to the operational store: attributed, audited, all-or-nothing, concurrency-checked.</summary>
public static class AuditedWrites
{
    /// <summary>
    /// Runs <paramref name="work"/> as one unit of work: a fresh context, one transaction holding the changes and their
    /// audit rows (written by <see cref="AuditInterceptor"/> against <paramref name="actor"/> and
    /// <paramref name="operation"/>), committed after one save. Under SQL Server's retrying execution strategy a
    /// transient failure reruns the whole unit on a new context, so nothing is half-saved or silently dropped; the work
    /// must therefore read what it changes inside the delegate. A row of an <see cref="Domain.IVersioned"/> entity
    /// changed by someone else since the version the work expects fails with <see cref="DbUpdateConcurrencyException"/>
    /// and nothing is written.
    /// </summary>
    /// <param name="operation">What the audit rows name as the cause, e.g. <c>classifyCase</c>, <c>ledgerImport</c>.</param>
    /// <returns>What the work returns (e.g. the entity saved, its id set).</returns>
    public static async Task<T> WriteAuditedAsync<T>(
        this IDbContextFactory<OperationalDbContext> contexts,
        AuditActor actor,
        string operation,
        Func<OperationalDbContext, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken = default)
    {
        await using var strategyOwner = await contexts.CreateDbContextAsync(cancellationToken);
        return await strategyOwner.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Actor = actor;
            db.Operation = operation;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(db, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// Makes the save of <paramref name="entity"/> succeed only if its row still has <paramref name="versionRead"/>:
    /// the version the client read, not the one just loaded, is what the UPDATE checks.
    /// </summary>
    public static void ExpectVersion<TEntity>(this OperationalDbContext db, TEntity entity, long versionRead)
        where TEntity : class, Domain.IVersioned =>
        db.Entry(entity).Property(e => e.Version).OriginalValue = versionRead;
}
