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

                var found = new List<object?>(ids.Count);
                foreach (var id in ids)
                {
                    found.Add(await FindNodeAsync(context, id));
                }

                return found;
            });

        foreach (var registration in EntityCatalog.All)
        {
            registration.AddRootField(this);
        }
    }

    private static async Task<object?> FindNodeAsync(IResolveFieldContext context, string globalId)
    {
        var (typeName, id) = GlobalId.Decode(globalId);
        var registration = EntityCatalog.ForTypeName(typeName)
            ?? throw new ExecutionError($"The id '{globalId}' names no type this API serves.") { Code = GlobalId.InvalidIdCode };
        await using var db = await context.CreateDbContextAsync();
        return await registration.FindAsync(db, id, context.CancellationToken);
    }
}
