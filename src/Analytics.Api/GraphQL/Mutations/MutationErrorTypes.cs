using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Mutations;

/// <summary>
/// An expected failure of one mutation, reported in its payload's <c>errors</c> (Hot Chocolate's mutation conventions)
/// rather than as a top-level error: the error as <see cref="MutationErrors"/> made it, and the schema type it is.
/// </summary>
public sealed record MutationError(string TypeName, ExecutionError Error)
{
    public string Code => Error.Code!;

    public object? Extension(string key) => Error.Extensions?.TryGetValue(key, out var value) == true ? value : null;

    /// <summary>
    /// The payload error for an error a mutation raised, or null for one that is no expected outcome of a mutation
    /// (it stays a top-level error, the mutation's field null).
    /// </summary>
    public static MutationError? From(ExecutionError error) => error.Code switch
    {
        MutationErrors.InvalidInputCode => new(InvalidInputErrorType.TypeName, error),
        GlobalId.InvalidIdCode => new(InvalidIdErrorType.TypeName, error),
        MutationErrors.NotFoundCode => new(NotFoundErrorType.TypeName, error),
        MutationErrors.DuplicateCode => new(DuplicateErrorType.TypeName, error),
        MutationErrors.ConcurrencyConflictCode => new(ConcurrencyConflictErrorType.TypeName, error),
        { } code when code.EndsWith("_INVALID_TRANSITION", StringComparison.Ordinal) => new(InvalidTransitionErrorType.TypeName, error),
        _ => null,
    };
}

/// <summary>A mutation's payload: the object as saved, or the errors that kept it from being saved (never both).</summary>
public sealed record MutationPayload(object? Entity, IReadOnlyList<MutationError>? Errors);

/// <summary>Hot Chocolate's <c>interface Error { message: String! }</c>, with this API's stable <c>code</c>.</summary>
public sealed class ErrorInterfaceType : InterfaceGraphType
{
    public ErrorInterfaceType()
    {
        Name = "Error";
        Description = "An expected failure of a mutation, in its payload's errors: nothing of that mutation was written.";
        Field<NonNullGraphType<StringGraphType>>("message").Description("What is wrong and what to do.");
        Field<NonNullGraphType<StringGraphType>>("code").Description("Stable code, the same as extensions.code of a top-level error.");
    }
}

/// <summary>One payload error type: <c>message</c>, <c>code</c> and the fields its extensions hold.</summary>
public abstract class MutationErrorGraphType : ObjectGraphType<MutationError>
{
    protected MutationErrorGraphType(string name, string description)
    {
        Name = name;
        Description = description;
        Interface<ErrorInterfaceType>();
        IsTypeOf = value => value is MutationError error && error.TypeName == name;
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(context => context.Source.Error.Message);
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(context => context.Source.Code);
    }

    protected void InputField() =>
        Field<NonNullGraphType<StringGraphType>>("field").Description("The input field at fault.").Resolve(context => context.Source.Extension("field"));
}

public sealed class InvalidInputErrorType : MutationErrorGraphType
{
    public const string TypeName = "InvalidInputError";

    public InvalidInputErrorType()
        : base(TypeName, "INVALID_INPUT: a field's value breaks a rule (empty, too long, out of range, in the future, before 1921…).") => InputField();
}

public sealed class InvalidIdErrorType : MutationErrorGraphType
{
    public const string TypeName = "InvalidIdError";

    public InvalidIdErrorType()
        : base(TypeName, "INVALID_ID: an id that is not one this API gave out, or an id of another type.") => InputField();
}

public sealed class NotFoundErrorType : MutationErrorGraphType
{
    public const string TypeName = "NotFoundError";

    public NotFoundErrorType()
        : base(TypeName, "NOT_FOUND: a well-formed id names no row the caller may see.") => InputField();
}

public sealed class DuplicateErrorType : MutationErrorGraphType
{
    public const string TypeName = "DuplicateError";

    public DuplicateErrorType()
        : base(TypeName, "DUPLICATE: a code or natural key that must be unique is taken.") => InputField();
}

public sealed class ConcurrencyConflictErrorType : MutationErrorGraphType
{
    public const string TypeName = "ConcurrencyConflictError";

    public ConcurrencyConflictErrorType()
        : base(TypeName, "CONCURRENCY_CONFLICT: the row changed since the version sent was read; read it again and retry.")
    {
    }
}

public sealed class InvalidTransitionErrorType : MutationErrorGraphType
{
    public const string TypeName = "InvalidTransitionError";

    public InvalidTransitionErrorType()
        : base(TypeName, "CASE_INVALID_TRANSITION / MICRO_WISH_INVALID_TRANSITION: the workflow does not allow this step from the current status.")
    {
        Field<NonNullGraphType<StringGraphType>>("from").Description("The current status.").Resolve(context => context.Source.Extension("from"));
        Field<NonNullGraphType<StringGraphType>>("action").Description("The step asked for.").Resolve(context => context.Source.Extension("action"));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("allowed")
            .Description("The steps allowed from the current status.").Resolve(context => context.Source.Extension("allowed"));
    }
}

/// <summary>Builds the payload types of the mutation conventions.</summary>
public static class MutationPayloads
{
    /// <summary>
    /// The error types a mutation made by <see cref="MutationFields.Mutation{TEntity}"/> may report, from what it does:
    /// every one reads input and ids (INVALID_INPUT, INVALID_ID, NOT_FOUND); one that changes a row it names by id and
    /// version (<paramref name="updates"/>) may meet a newer version (CONCURRENCY_CONFLICT) and, on an entity with a
    /// workflow, a step the workflow refuses; one that adds a row may meet a taken code or key (DUPLICATE).
    /// </summary>
    public static IReadOnlyList<(Type GraphType, string Name)> ErrorTypesFor(bool updates, bool workflow) =>
    [
        (typeof(InvalidInputErrorType), InvalidInputErrorType.TypeName),
        (typeof(InvalidIdErrorType), InvalidIdErrorType.TypeName),
        (typeof(NotFoundErrorType), NotFoundErrorType.TypeName),
        updates ? (typeof(ConcurrencyConflictErrorType), ConcurrencyConflictErrorType.TypeName) : (typeof(DuplicateErrorType), DuplicateErrorType.TypeName),
        .. updates && workflow ? [(typeof(InvalidTransitionErrorType), InvalidTransitionErrorType.TypeName)] : Array.Empty<(Type, string)>(),
    ];

    /// <summary>
    /// <c>union NameError = …</c> of the types <paramref name="errorTypes"/> adds and the payload's
    /// <c>errors: [NameError!]</c> field: null when the mutation succeeded.
    /// </summary>
    public static FieldType ErrorsField<TSource>(string typeName, string mutationName, Func<TSource, object?> errors, Action<UnionGraphType> errorTypes)
    {
        var union = new UnionGraphType
        {
            Name = $"{typeName}Error",
            Description = $"Errors {mutationName} reports instead of writing; all implement Error.",
        };
        errorTypes(union);
        return new FieldType
        {
            Name = "errors",
            Description = $"Why {mutationName} wrote nothing; null when it succeeded.",
            ResolvedType = new ListGraphType(new NonNullGraphType(union)),
            Resolver = new FuncFieldResolver<TSource, object?>(context => errors(context.Source)),
        };
    }

    /// <summary>
    /// Runs <paramref name="run"/>, turning the errors <see cref="MutationError.From"/> knows into payload errors when
    /// the payload's union has their type (<paramref name="errorTypeNames"/>); any other error stays a top-level one.
    /// </summary>
    public static async ValueTask<MutationPayload?> CatchAsync(Func<Task<object?>> run, IReadOnlySet<string> errorTypeNames)
    {
        try
        {
            return new MutationPayload(await run(), null);
        }
        catch (ExecutionError error) when (MutationError.From(error) is { } payloadError && errorTypeNames.Contains(payloadError.TypeName))
        {
            return new MutationPayload(null, [payloadError]);
        }
    }
}
