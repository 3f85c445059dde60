using Analytics.Data;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Security;

/// <summary>
/// The one way the API reads entities: every root connection, <c>node</c>/<c>nodes</c>, reference, child list, count,
/// aggregate and mutation lookup starts from <see cref="Read{TEntity}"/> or <see cref="Write{TEntity}"/>, which AND the
/// caller's region scope (<see cref="RegionScopes"/>) into the query. Administrators, analysts and publicity officers
/// read every county; a county officer only its own subtree; anyone else nothing. A test fails when API code reads a
/// DbSet any other way.
/// </summary>
public sealed class AccessScope(Caller caller)
{
    /// <summary>Untracked rows the caller may see.</summary>
    public IQueryable<TEntity> Read<TEntity>(OperationalDbContext db)
        where TEntity : Entity => Apply(db.Set<TEntity>().AsNoTracking());

    /// <summary>
    /// Rows that visible rows point to (references: an activity's agency, a village's county, a pairing's city
    /// agency): part of the visible row, so not bounded by county. Everything that enumerates, counts, searches or
    /// writes uses <see cref="Read{TEntity}"/> or <see cref="Write{TEntity}"/>. The audit log stays administrators'.
    /// </summary>
    public IQueryable<TEntity> ReadReferenced<TEntity>(OperationalDbContext db)
        where TEntity : Entity
    {
        var rows = db.Set<TEntity>().AsNoTracking();
        return caller.IsKnownRole && (typeof(TEntity) != typeof(AuditEntry) || caller.Role == ApiRoles.Admin) ? rows : rows.Where(_ => false);
    }

    /// <summary>Tracked rows the caller may change.</summary>
    public IQueryable<TEntity> Write<TEntity>(OperationalDbContext db)
        where TEntity : Entity => Apply(db.Set<TEntity>());

    /// <summary>
    /// The region path the rows a filter reaches through child lists must lie within (so a list filter cannot probe
    /// rows outside the county); null when every row is visible.
    /// </summary>
    public string? FilterRegionPath => IsUnrestricted ? null : caller.RegionPath is { Length: > 0 } path ? path : "\u0000no region";

    /// <summary>Whether every row is visible (no predicate added).</summary>
    public bool IsUnrestricted => caller.Role is ApiRoles.Admin or ApiRoles.Analyst or ApiRoles.Publicity;

    private IQueryable<TEntity> Apply<TEntity>(IQueryable<TEntity> rows)
        where TEntity : Entity
    {
        if (IsUnrestricted)
        {
            return typeof(TEntity) == typeof(AuditEntry) && caller.Role != ApiRoles.Admin ? rows.Where(_ => false) : rows;
        }

        // County officers with a resolved county see their subtree; anyone else (no role, unresolved county) nothing.
        return caller is { Role: ApiRoles.CountyOfficer, RegionPath: { Length: > 0 } path }
            ? rows.Where(RegionScopes.Within<TEntity>(path))
            : rows.Where(_ => false);
    }
}
