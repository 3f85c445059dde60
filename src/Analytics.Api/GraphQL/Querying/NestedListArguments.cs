using System.Linq.Expressions;
using System.Text.Json;
using Analytics.Api.Security;
using Analytics.Domain;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Querying;

/// <summary>
/// <c>where</c> and <c>order</c> on a nested child list (e.g. <c>region.children</c>): the same inputs as the root
/// connections, applied inside the batched statement that loads the children of every parent at once.
/// </summary>
public sealed record NestedListArguments<TEntity>(
    Expression<Func<TEntity, bool>>? Where, Func<IQueryable<TEntity>, IOrderedQueryable<TEntity>>? Order, string Key)
    where TEntity : Entity
{
    /// <summary>Reads the arguments; null when neither is given.</summary>
    public static NestedListArguments<TEntity>? From(IResolveFieldContext context)
    {
        var where = context.GetArgument<Dictionary<string, object?>?>("where");
        var order = OrderArgument.Read(context);
        if (where is null && order is null)
        {
            return null;
        }

        var model = ((AnalyticsSchema)context.Schema).QueryModel;
        var personal = context.Caller().PersonalAccess;
        return new NestedListArguments<TEntity>(
            model.Filter<TEntity>(where, personal, context.Scope().FilterRegionPath),
            order is null ? null : rows => model.Order(rows, order, personal),
            // Parents asking with the same arguments share one batch.
            $"{{{JsonSerializer.Serialize(where)}|{JsonSerializer.Serialize(order)}}}");
    }

    /// <summary>Adds the <c>where</c> and <c>order</c> arguments to a child-list field.</summary>
    public static void AddTo(FieldType field)
    {
        var typeName = typeof(TEntity).Name;
        field.Arguments ??= new QueryArguments();
        field.Arguments.Add(new QueryArgument(new GraphQLTypeReference(FilterTypeNames.Entity(typeName)))
        {
            Name = "where",
            Description = "Only the rows of this list matching the filter.",
        });
        field.Arguments.Add(new QueryArgument(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(SortTypeNames.Entity(typeName)))))
        {
            Name = "order",
            Description = "Sort keys in order of precedence; the primary key always breaks ties.",
        });
    }
}
