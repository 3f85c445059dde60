using Analytics.Api.Auditing;
using Analytics.Api.GraphQL.Querying;
using Analytics.Data;
using Analytics.Domain;
using Analytics.Domain.Workflows;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.GraphQL.Mutations;

/// <summary>
/// Declares a mutation the way Hot Chocolate's mutation conventions shape it: <c>name(input: NameInput!): NamePayload</c>,
/// the payload holding the entity under its camel-cased type name and <c>errors: [NameError!]</c>, the expected failures
/// (<see cref="MutationError.From"/>) as typed errors. The payload is nullable (Hot Chocolate's is not): an unexpected
/// error nulls only its own mutation, so the committed result of another mutation of the same document stays visible.
/// The body reads and validates the input through <see cref="MutationContext"/> and changes tracked entities; this
/// helper runs it as one audited unit of work (<see cref="AuditedWrites.WriteAuditedAsync"/>) against the current actor
/// under the mutation's name, and turns domain failures into errors with stable codes.
/// </summary>
public static class MutationFields
{
    public static void Mutation<TEntity>(
        this ObjectGraphType mutation,
        string name,
        string description,
        Action<InputObjectGraphType> inputFields,
        Func<MutationContext, Task<TEntity>> body)
        where TEntity : Entity
    {
        var typeName = EntityFields.Pascal(name);
        var input = new InputObjectGraphType { Name = $"{typeName}Input", Description = $"Input of {name}." };
        inputFields(input);

        var entityName = typeof(TEntity).Name;
        var payload = new ObjectGraphType { Name = $"{typeName}Payload", Description = $"Result of {name}." };
        payload.AddField(new FieldType
        {
            Name = EntityFields.Camel(entityName),
            Description = $"The {entityName} as saved.",
            ResolvedType = new GraphQLTypeReference(entityName),
            Resolver = new FuncFieldResolver<MutationPayload, object?>(context => context.Source.Entity),
        });
        var errorTypes = MutationPayloads.ErrorTypesFor(
            updates: input.HasField("version"), workflow: MutationErrors.WorkflowTransitionCodes.ContainsKey(entityName));
        var errorTypeNames = errorTypes.Select(type => type.Name).ToHashSet();
        payload.AddField(MutationPayloads.ErrorsField<MutationPayload>(typeName, name, p => p.Errors, union =>
        {
            foreach (var (graphType, _) in errorTypes)
            {
                union.Type(graphType);
            }
        }));

        mutation.AddField(new FieldType
        {
            Name = name,
            Description = description,
            ResolvedType = payload,
            Arguments = new QueryArguments(new QueryArgument(new NonNullGraphType(input)) { Name = "input" }),
            Resolver = new FuncFieldResolver<MutationPayload>(context => MutationPayloads.CatchAsync(async () => await RunAsync(context, name, body), errorTypeNames)),
        });
    }

    /// <summary>
    /// A workflow step on one existing <typeparamref name="TEntity"/>: input <c>id</c> and <c>version</c>, the entity
    /// found for update (county scope, concurrency), <paramref name="step"/> applied to it, the entity returned.
    /// </summary>
    public static void Step<TEntity>(
        this ObjectGraphType mutation, string name, string description, Action<TEntity, MutationContext> step,
        Action<InputObjectGraphType>? fields = null)
        where TEntity : Entity, IVersioned =>
        mutation.Mutation(name, description, input =>
        {
            input.IdAndVersion(typeof(TEntity).Name);
            fields?.Invoke(input);
        }, async m =>
        {
            var entity = await m.FindForUpdateAsync<TEntity>();
            step(entity, m);
            return entity;
        });

    /// <summary>Input fields: the global id and version of the object changed.</summary>
    public static void IdAndVersion(this InputObjectGraphType input, string typeName)
    {
        input.Field<NonNullGraphType<IdGraphType>>("id").Description($"Global id of the {typeName}.");
        input.Field<NonNullGraphType<LongGraphType>>("version")
            .Description($"The {typeName}'s version as you read it; a newer one on the server gives CONCURRENCY_CONFLICT.");
    }

    private static async Task<TEntity> RunAsync<TEntity>(IResolveFieldContext context, string name, Func<MutationContext, Task<TEntity>> body)
        where TEntity : Entity
    {
        var services = context.RequestServices!;
        var actor = services.GetRequiredService<ICurrentActor>().ToAuditActor();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var input = context.GetArgument<Dictionary<string, object?>>("input");

        var contexts = services.GetRequiredService<IDbContextFactory<OperationalDbContext>>();
        try
        {
            return await contexts.WriteAuditedAsync(actor, name, (db, _) => body(new MutationContext(db, input, now, services.GetRequiredService<Security.AccessScope>())), context.CancellationToken);
        }
        catch (InvalidTransitionException exception)
        {
            throw MutationErrors.InvalidTransition(exception);
        }
        catch (DomainRuleException exception)
        {
            throw MutationErrors.InvalidInput(exception.Field, exception.Message);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            var entry = exception.Entries.FirstOrDefault();
            var sent = entry?.Entity is IVersioned ? (long)entry.Property(nameof(IVersioned.Version)).OriginalValue! : 0;
            throw MutationErrors.ConcurrencyConflict(entry?.Metadata.ClrType.Name ?? typeof(TEntity).Name, sent, null);
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            throw MutationErrors.Duplicate("input", "Another row already has this code or key.");
        }
    }

    private static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 2067, // SQLITE_CONSTRAINT_UNIQUE
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2601 or 2627,
        _ => false,
    };
}
