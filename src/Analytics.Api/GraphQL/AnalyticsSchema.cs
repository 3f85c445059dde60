using Analytics.Api.GraphQL.Mutations;
using Analytics.Api.GraphQL.Querying;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL;

/// <summary>The public GraphQL schema. Its printed SDL is snapshotted: every change to the contract shows in review.</summary>
public sealed class AnalyticsSchema : Schema
{
    public AnalyticsSchema(IServiceProvider services, QueryType query, MutationType mutation)
        : base(services)
    {
        Description = "Analytics: grassroots party building and grid governance (三明市 and its counties).";

        // The introspection of the October 2021 specification (see Introspection): isRepeatable, deprecated input values.
        Features.RepeatableDirectives = true;
        Features.DeprecationOfInputValues = true;
        Directives.Register(new SpecifiedByDirective());
        Query = query;
        Mutation = mutation;

        // Hot Chocolate's scalar names, so dashboards written against a Hot Chocolate server work unchanged.
        RegisterTypeMapping(typeof(DateTimeOffset), typeof(DateTimeScalar));
        RegisterTypeMapping(typeof(DateOnly), typeof(DateScalar));

        // Filter, sort and aggregate types for every entity, from the entity types' field mappings.
        QueryModel = new QueryModel(EntityCatalog.All.Select(r =>
            (r.EntityType, (IComplexGraphType)services.GetRequiredService(r.GraphType))));
        foreach (var type in QueryModel.CreateTypes())
        {
            RegisterType(type);
        }
    }

    protected override void OnBeforeInitializeType(IGraphType graphType)
    {
        base.OnBeforeInitializeType(graphType);
        Introspection.Extend(graphType);
    }

    /// <summary>Filtering, sorting and aggregates by convention, shared by every list field.</summary>
    public QueryModel QueryModel { get; }
}
