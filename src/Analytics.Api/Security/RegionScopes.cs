using System.Linq.Expressions;
using Analytics.Domain;

namespace Analytics.Api.Security;

/// <summary>
/// Where each entity lives in the region tree: the region paths (materialized, e.g. <c>/1/2/57/</c>) that place a row.
/// A county officer sees a row when one of its paths starts with the county's path. An entity with no entry here is
/// invisible to county officers (fail closed); a test checks every served entity is listed or deliberately absent.
/// </summary>
public static class RegionScopes
{
    private static readonly Dictionary<Type, LambdaExpression[]> _paths = new()
    {
        [typeof(Region)] = Paths<Region>(x => x.Path),
        [typeof(Grid)] = Paths<Grid>(x => x.Region!.Path),
        [typeof(GridSteward)] = Paths<GridSteward>(x => x.Grid!.Region!.Path),
        [typeof(PartyOrganization)] = Paths<PartyOrganization>(x => x.Region!.Path),
        [typeof(PartyMember)] = Paths<PartyMember>(x => x.Organization!.Region!.Path),
        [typeof(Enterprise)] = Paths<Enterprise>(x => x.Region!.Path),
        [typeof(Project)] = Paths<Project>(x => x.Region!.Path),
        // A pairing concerns both sides: the agency's county and the target's.
        [typeof(Pairing)] = Paths<Pairing>(
            x => x.Organization!.Region!.Path, x => x.TargetRegion!.Path, x => x.TargetEnterprise!.Region!.Path, x => x.TargetProject!.Region!.Path),
        [typeof(Activity)] = Paths<Activity>(x => x.Region!.Path),
        [typeof(Case)] = Paths<Case>(x => x.Region!.Path),
        [typeof(CollectiveIncome)] = Paths<CollectiveIncome>(x => x.Village!.Path),
        [typeof(IncomeProject)] = Paths<IncomeProject>(x => x.Village!.Path),
        [typeof(StarRating)] = Paths<StarRating>(x => x.Organization!.Region!.Path),
        [typeof(MicroWish)] = Paths<MicroWish>(x => x.Region!.Path),
        [typeof(CommunityRegistration)] = Paths<CommunityRegistration>(x => x.Community!.Path),
        [typeof(CommunityAttendance)] = Paths<CommunityAttendance>(x => x.Registration!.Community!.Path),
        // AuditEntry: deliberately absent (administrators only).
    };

    /// <summary>Entities that have a region rule.</summary>
    public static IReadOnlyCollection<Type> Scoped => _paths.Keys;

    /// <summary><c>x => x.P1 lies below prefix || …</c>, the prefix a query parameter; <c>x => false</c> without a rule.</summary>
    public static Expression<Func<TEntity, bool>> Within<TEntity>(string regionPath)
    {
        var row = Expression.Parameter(typeof(TEntity), "x");
        return Expression.Lambda<Func<TEntity, bool>>(Within(typeof(TEntity), row, regionPath), row);
    }

    /// <summary>The same test on any expression of the entity's type, e.g. a navigation inside a filter.</summary>
    public static Expression Within(Type entityType, Expression instance, string regionPath)
    {
        var prefix = Analytics.Api.GraphQL.Querying.QueryModel.Parameter(regionPath, typeof(string));
        var end = Analytics.Api.GraphQL.Querying.QueryModel.Parameter(SubtreeEnd(regionPath), typeof(string));
        Expression? body = null;
        foreach (var path in _paths.GetValueOrDefault(entityType) ?? [])
        {
            var test = Below(new Rebind(path.Parameters[0], instance).Visit(path.Body), prefix, end, includeSelf: true);
            body = body is null ? test : Expression.OrElse(body, test);
        }

        return body ?? Expression.Constant(false);
    }

    /// <summary>
    /// <c>pair => path(pair.Row)</c> lies in the subtree of <c>pair.Region</c> (optionally excluding the region's own
    /// path): the test the subtree counts use to join each region of a batch to the rows below it.
    /// </summary>
    public static Expression<Func<RegionAndRow<TEntity>, bool>> Below<TEntity>(Expression<Func<TEntity, string>> path, bool includeSelf)
    {
        var pair = Expression.Parameter(typeof(RegionAndRow<TEntity>), "pair");
        var regionPath = Expression.Property(Expression.Property(pair, nameof(RegionAndRow<TEntity>.Region)), nameof(Region.Path));
        var rowPath = new Rebind(path.Parameters[0], Expression.Property(pair, nameof(RegionAndRow<TEntity>.Row))).Visit(path.Body);

        // r.Path minus its closing '/', then '0' (SubtreeEnd written in SQL; a stored path always ends in '/').
        var withoutSlash = Expression.Call(
            regionPath,
            typeof(string).GetMethod(nameof(string.Substring), [typeof(int), typeof(int)])!,
            Expression.Constant(0),
            Expression.Subtract(Expression.Property(regionPath, nameof(string.Length)), Expression.Constant(1)));
        var end = Expression.Call(typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!, withoutSlash, Expression.Constant("0"));
        return Expression.Lambda<Func<RegionAndRow<TEntity>, bool>>(Below(rowPath, regionPath, end, includeSelf), pair);
    }

    /// <summary>
    /// The first string after every string that starts with <paramref name="prefix"/> (its last character plus one): a
    /// region path ends in '/', and '/' sorts just before '0', so <c>/1/4/</c> ≤ every <c>/1/4/…</c> &lt; <c>/1/40</c>.
    /// </summary>
    internal static string SubtreeEnd(string prefix) =>
        prefix.Length == 0 ? "\uffff" : string.Concat(prefix.AsSpan(0, prefix.Length - 1), [(char)(prefix[^1] + 1)]);

    // The definition is "path starts with the prefix"; the range in front of it (prefix ≤ path < end) is what lets the
    // engine seek the Path index instead of testing every row (SQLite's LIKE cannot use an index on a binary column).
    private static Expression Below(Expression path, Expression prefix, Expression end, bool includeSelf)
    {
        var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
        var zero = Expression.Constant(0);
        var fromPrefix = includeSelf
            ? Expression.GreaterThanOrEqual(Expression.Call(compare, path, prefix), zero)
            : Expression.GreaterThan(Expression.Call(compare, path, prefix), zero);
        var beforeEnd = Expression.LessThan(Expression.Call(compare, path, end), zero);
        var startsWith = Expression.Call(path, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, prefix);
        return Expression.AndAlso(Expression.AndAlso(fromPrefix, beforeEnd), startsWith);
    }

    private static LambdaExpression[] Paths<TEntity>(params Expression<Func<TEntity, string>>[] paths) => paths;

    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>A region paired with a row, for <see cref="RegionScopes.Below{TEntity}"/>.</summary>
public sealed class RegionAndRow<TEntity>
{
    public required Region Region { get; init; }

    public required TEntity Row { get; init; }
}
