using Analytics.Domain.Workflows;
using GraphQL;

namespace Analytics.Api.GraphQL.Mutations;

/// <summary>Errors of mutations, each with a stable <c>extensions.code</c>; when one is returned nothing was written.</summary>
public static class MutationErrors
{
    /// <summary>A field's value breaks a rule (empty, too long, out of range, in the future, before 1921…); <c>extensions.field</c> names it.</summary>
    public const string InvalidInputCode = "INVALID_INPUT";

    /// <summary>A well-formed id of the right type names no row.</summary>
    public const string NotFoundCode = "NOT_FOUND";

    /// <summary>A code or natural key that must be unique is taken.</summary>
    public const string DuplicateCode = "DUPLICATE";

    /// <summary>The row changed since the client read the version it sent; read it again and retry.</summary>
    public const string ConcurrencyConflictCode = "CONCURRENCY_CONFLICT";

    public const string CaseInvalidTransitionCode = "CASE_INVALID_TRANSITION";

    public const string MicroWishInvalidTransitionCode = "MICRO_WISH_INVALID_TRANSITION";

    public static ExecutionError InvalidInput(string field, string message) => WithField(new(message) { Code = InvalidInputCode }, field);

    public static ExecutionError NotFound(string field, string typeName, string globalId) =>
        WithField(new($"No {typeName} has the id '{globalId}'.") { Code = NotFoundCode }, field);

    public static ExecutionError Duplicate(string field, string message) => WithField(new(message) { Code = DuplicateCode }, field);

    public static ExecutionError ConcurrencyConflict(string typeName, long versionSent, long? versionStored) => new(
        $"The {typeName} was changed by someone else since you read it (you sent version {versionSent}"
        + (versionStored is { } stored ? $", it is now at {stored}" : "") + "). Read it again, check the change, and retry.")
    {
        Code = ConcurrencyConflictCode,
    };

    /// <summary>The entities that move along a workflow (their type name, the workflow's name) and the code of a step it refuses.</summary>
    public static readonly IReadOnlyDictionary<string, string> WorkflowTransitionCodes = new Dictionary<string, string>
    {
        ["Case"] = CaseInvalidTransitionCode,
        ["MicroWish"] = MicroWishInvalidTransitionCode,
    };

    public static ExecutionError InvalidTransition(InvalidTransitionException exception) => new(exception.Message)
    {
        Code = WorkflowTransitionCodes.TryGetValue(exception.Workflow, out var code) ? code : $"{exception.Workflow.ToUpperInvariant()}_INVALID_TRANSITION",
        Extensions = new Dictionary<string, object?>
        {
            ["from"] = exception.From,
            ["action"] = exception.Action,
            ["allowed"] = exception.Allowed,
        },
    };

    private static ExecutionError WithField(ExecutionError error, string field)
    {
        error.Extensions ??= new Dictionary<string, object?>();
        error.Extensions["field"] = field;
        return error;
    }
}
