using Analytics.Api.Security;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL;

/// <summary>The root query: Relay's node/nodes, then one list field per entity of <see cref="EntityCatalog"/>.</summary>
public sealed class QueryType : ObjectGraphType
{
    public const int MaxNodesPerRequest = 50;

    public QueryType()
    {
        Name = "Query";

        Field<NodeInterface>("node")
            .Description("Fetches an object given its global id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "Global id of the object.")
            .ResolveAsync(async context => await FindNodeAsync(context, context.GetArgument<string>("id")));

        Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description($"Fetches objects given their global ids (at most {MaxNodesPerRequest}); a missing object is null.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "Global ids of the objects.")
            .ResolveAsync(async context =>
            {
                var ids = context.GetArgument<List<string>>("ids");
                if (ids.Count > MaxNodesPerRequest)
                {
                    throw new ExecutionError($"At most {MaxNodesPerRequest} ids per request; {ids.Count} were given.")
                    {
                        Code = "TOO_MANY_IDS",
                    };
                }

                // Every id is checked before anything is read; then one statement per type asked for.
                var keys = ids.Select(id => (Id: id, Key: Resolve(id))).ToList();
                await using var db = await context.CreateDbContextAsync();
                var found = new Dictionary<(IEntityRegistration, int), object>();
                foreach (var group in keys.GroupBy(k => k.Key.Registration, k => k.Key.Id))
                {
                    foreach (var (id, row) in await group.Key.FindManyAsync(db, context.Scope(), [.. group.Distinct()], context.CancellationToken))
                    {
                        found[(group.Key, id)] = row;
                    }
                }

                return keys.Select(k => found.GetValueOrDefault((k.Key.Registration, k.Key.Id))).ToList();
            });

        foreach (var registration in EntityCatalog.All)
        {
            registration.AddRootField(this);
        }

        Pairings.ComplianceQueries.AddTo(this);

        // Aggregates without personal data, comparable across counties by design (league tables): every role may read
        // them city-wide, publicity officers included. Entity lists stay bounded by the caller's county (AccessScope).
        Field<NonNullGraphType<Metrics.AnalyticsType>>("analytics")
            .Description("Cross-county analytics from the warehouse (read-only; extensions.warehouseBuiltAt gives its build time). "
                + "Aggregates without personal data: every role reads them city-wide.")
            .Resolve(_ => new object())
            .AllowPublicity();
        Metrics.CaseStudyQuery.AddTo(this);
    }

    private static async Task<object?> FindNodeAsync(IResolveFieldContext context, string globalId)
    {
        var (registration, id) = Resolve(globalId);
        await using var db = await context.CreateDbContextAsync();
        return await registration.FindAsync(db, context.Scope(), id, context.CancellationToken);
    }

    private static (IEntityRegistration Registration, int Id) Resolve(string globalId)
    {
        var (typeName, id) = GlobalId.Decode(globalId);
        var registration = EntityCatalog.ForTypeName(typeName)
            ?? throw new ExecutionError($"The id '{globalId}' names no type this API serves.") { Code = GlobalId.InvalidIdCode };
        return (registration, id);
    }
}
