using GraphQL;

namespace Analytics.Api.GraphQL.Http;

/// <summary>A failure of the HTTP request itself, answered before (or instead of) executing a document.</summary>
internal sealed record GraphQLHttpError(int StatusCode, string Code, string Message)
{
    /// <summary>Extra response headers, e.g. <c>Allow</c> for 405.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The GraphQL response body: <c>{"errors":[{"message":...,"extensions":{"code":...}}]}</c>, no <c>data</c>.</summary>
    public ExecutionResult ToExecutionResult() =>
        new() { Errors = [new ExecutionError(Message) { Code = Code }] };
}
