using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;

namespace Analytics.Api.Security;

/// <summary>
/// Around every execution: the timeout (its cancellation reaches every database command, which all take the
/// request's token) and, outside Development, validation messages without "Did you mean …?" suggestions.
/// </summary>
public sealed partial class ExecutionLimits(QueryLimitsOptions limits, bool fieldSuggestions) : IConfigureExecution
{
    public const string TimeoutCode = "TIMEOUT";
    public const string TooDeepCode = "QUERY_TOO_DEEP";
    public const string TooComplexCode = "QUERY_TOO_COMPLEX";

    public float SortOrder => 100;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        options.Timeout = limits.ExecutionTimeout;
        options.TimeoutAction = TimeoutAction.ReturnTimeoutError;
        var result = await next(options);
        foreach (var error in result.Errors ?? [])
        {
            if (error is TimeoutError)
            {
                error.Code = TimeoutCode;
            }
            else if (error is global::GraphQL.Validation.Errors.Custom.ComplexityError)
            {
                // GraphQL.NET reports both limits as COMPLEXITY; its depth message says "too nested".
                error.Code = error.Message.Contains("nested", StringComparison.Ordinal) ? TooDeepCode : TooComplexCode;
            }
        }

        if (!fieldSuggestions && result.Errors is { } errors && errors.Any(e => Suggestion().IsMatch(e.Message)))
        {
            var replaced = new ExecutionErrors();
            foreach (var error in errors)
            {
                replaced.Add(Suggestion().IsMatch(error.Message) ? Without(error) : error);
            }

            result.Errors = replaced;
        }

        return result;
    }

    private static ExecutionError Without(ExecutionError error)
    {
        var copy = new ExecutionError(Suggestion().Replace(error.Message, "")) { Code = error.Code, Path = error.Path, Extensions = error.Extensions };
        foreach (var location in error.Locations ?? [])
        {
            copy.AddLocation(location);
        }

        return copy;
    }

    [GeneratedRegex(@"\s*Did you mean .*$", RegexOptions.Singleline)]
    private static partial Regex Suggestion();
}
