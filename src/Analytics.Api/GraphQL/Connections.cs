using Analytics.Api.GraphQL.Querying;
using Analytics.Api.Security;
using Analytics.Domain;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Analytics.Api.GraphQL;

/// <summary><c>&lt;Field&gt;Connection</c>, named after the list field as Hot Chocolate does (regions → RegionsConnection).</summary>
public sealed class EntityConnectionGraphType<TEntity, TNodeGraphType> : ObjectGraphType<ConnectionPage<TEntity>>
    where TEntity : Entity
    where TNodeGraphType : EntityGraphType<TEntity>
{
    public EntityConnectionGraphType()
    {
        var field = EntityCatalog.For<TEntity>().ListFieldName;
        Name = $"{EntityFields.Pascal(field)}Connection";
        Description = $"A connection to a list of items ({field}).";
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Information to aid in pagination.")
            .Resolve(context => context.Source.PageInfo);
        Field<ListGraphType<NonNullGraphType<EntityEdgeGraphType<TEntity, TNodeGraphType>>>>("edges")
            .Description("A list of edges.")
            .Resolve(context => context.Source.Edges);
        Field<ListGraphType<NonNullGraphType<TNodeGraphType>>>("nodes")
            .Description("A flattened list of the nodes.")
            .Resolve(context => context.Source.Nodes);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("Identifies the total count of items in the connection.")
            .Resolve(context => context.Source.TotalCount);
        AddField(new FieldType
        {
            Name = Aggregates.FieldName,
            Description = "Count, sum, average, minimum and maximum over every row the filter selects (paging ignored).",
            ResolvedType = new NonNullGraphType(new GraphQLTypeReference(Aggregates.TypeName(typeof(TEntity).Name))),
            Resolver = new FuncFieldResolver<ConnectionPage<TEntity>, AggregateResult?>(context => context.Source.Aggregates),
        });
    }
}

/// <summary><c>&lt;Field&gt;Edge</c>: a node and its cursor.</summary>
public sealed class EntityEdgeGraphType<TEntity, TNodeGraphType> : ObjectGraphType<Edge<TEntity>>
    where TEntity : Entity
    where TNodeGraphType : EntityGraphType<TEntity>
{
    public EntityEdgeGraphType()
    {
        var field = EntityCatalog.For<TEntity>().ListFieldName;
        Name = $"{EntityFields.Pascal(field)}Edge";
        Description = "An edge in a connection.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("A cursor for use in pagination.")
            .Resolve(context => context.Source.Cursor);
        Field<NonNullGraphType<TNodeGraphType>>("node").Description("The item at the end of the edge.")
            .Resolve(context => context.Source.Node);
    }
}

public static class ConnectionFieldExtensions
{
    /// <summary>
    /// Adds a root list field for an entity: a cursor connection with Hot Chocolate's <c>where</c> and <c>order</c>,
    /// reading only the selected columns, in one statement per page (plus one per count or aggregate asked for).
    /// </summary>
    public static void EntityConnection<TEntity, TNodeGraphType>(this ObjectGraphType query)
        where TEntity : Entity
        where TNodeGraphType : EntityGraphType<TEntity>
    {
        var registration = EntityCatalog.For<TEntity>();
        var field = query.Field<NonNullGraphType<EntityConnectionGraphType<TEntity, TNodeGraphType>>>(registration.ListFieldName)
            .Description(registration.Description)
            .Argument<IntGraphType>("first", "Returns the first n elements from the list.")
            .Argument<StringGraphType>("after", "Returns the elements in the list that come after the specified cursor.")
            .Argument<IntGraphType>("last", "Returns the last n elements from the list.")
            .Argument<StringGraphType>("before", "Returns the elements in the list that come before the specified cursor.")
            .ResolveAsync(async context =>
            {
                var model = ((AnalyticsSchema)context.Schema).QueryModel;
                var limits = context.RequestServices!.GetRequiredService<IOptions<PagingOptions>>().Value;
                var arguments = PagingArguments.From(context);
                arguments.Validate(limits);
                var caller = context.Caller();
                var filter = model.Filter<TEntity>(context.GetArgument<Dictionary<string, object?>?>("where"), caller.PersonalAccess, context.Scope().FilterRegionPath);
                await using var db = await context.CreateDbContextAsync();
                var filtered = context.Scope().Read<TEntity>(db);
                if (filter is not null)
                {
                    filtered = filtered.Where(filter);
                }

                var ordered = model.Order(filtered, OrderArgument.Read(context), caller.PersonalAccess);
                var selected = context.SubFields?.Values.Select(f => f.Field.Name.StringValue).ToHashSet() ?? [];
                var aggregates = await Aggregates.ComputeAsync(context, model.For(typeof(TEntity)), filtered, context.CancellationToken);
                var wantsTotal = selected.Contains("totalCount");

                // Only totals or aggregates asked for: no page to read.
                var page = selected.Overlaps(["nodes", "edges", "pageInfo"])
                    ? await Paging.PageAsync(
                        filtered, ordered, Projection.MembersForConnectionNodes<TEntity>(context), arguments, limits,
                        wantsTotal, aggregates?.Count, context.CancellationToken)
                    : new ConnectionPage<TEntity>([], new PageInfo(), wantsTotal ? aggregates?.Count ?? await filtered.CountAsync(context.CancellationToken) : null);
                return page with { Aggregates = aggregates };
            });
        if (typeof(TEntity) == typeof(AuditEntry))
        {
            field.FieldType.AdminOnly();
        }

        field.FieldType.Arguments!.Add(new QueryArgument(new GraphQLTypeReference(FilterTypeNames.Entity(registration.TypeName)))
        {
            Name = "where",
            Description = "Only the rows matching this filter.",
        });
        field.FieldType.Arguments.Add(new QueryArgument(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(SortTypeNames.Entity(registration.TypeName)))))
        {
            Name = "order",
            Description = "Sort keys in order of precedence; the primary key always breaks ties.",
        });
    }
}
