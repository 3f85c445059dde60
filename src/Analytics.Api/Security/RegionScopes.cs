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
        // AuditEntry: deliberately absent (administrators only).
    };

    /// <summary>Entities that have a region rule.</summary>
    public static IReadOnlyCollection<Type> Scoped => _paths.Keys;

    /// <summary><c>x => x.P1.StartsWith(prefix) || …</c>, the prefix a query parameter; <c>x => false</c> without a rule.</summary>
    public static Expression<Func<TEntity, bool>> Within<TEntity>(string regionPath)
    {
        var row = Expression.Parameter(typeof(TEntity), "x");
        return Expression.Lambda<Func<TEntity, bool>>(Within(typeof(TEntity), row, regionPath), row);
    }

    /// <summary>The same test on any expression of the entity's type, e.g. a navigation inside a filter.</summary>
    public static Expression Within(Type entityType, Expression instance, string regionPath)
    {
        var prefix = Analytics.Api.GraphQL.Querying.QueryModel.Parameter(regionPath, typeof(string));
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression? body = null;
        foreach (var path in _paths.GetValueOrDefault(entityType) ?? [])
        {
            var test = Expression.Call(new Rebind(path.Parameters[0], instance).Visit(path.Body), startsWith, prefix);
            body = body is null ? test : Expression.OrElse(body, test);
        }

        return body ?? Expression.Constant(false);
    }

    private static LambdaExpression[] Paths<TEntity>(params Expression<Func<TEntity, string>>[] paths) => paths;

    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
