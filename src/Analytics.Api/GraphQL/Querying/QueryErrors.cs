using GraphQL;

namespace Analytics.Api.GraphQL.Querying;

/// <summary>Errors of <c>where</c> and <c>order</c> arguments, each with a stable code.</summary>
public static class QueryErrors
{
    public const string FilterTooDeepCode = "FILTER_TOO_DEEP";
    public const string FilterTooLargeCode = "FILTER_TOO_LARGE";
    public const string InvalidFilterCode = "INVALID_FILTER";
    public const string InvalidSortCode = "INVALID_SORT";
    public const string PersonalDataCode = "PERSONAL_DATA_FORBIDDEN";

    public static ExecutionError FilterTooDeep(int max) =>
        new($"The filter nests deeper than {max} levels of and/or/objects; flatten it.") { Code = FilterTooDeepCode };

    public static ExecutionError FilterTooLarge(string what, int max) =>
        new($"The filter has more than {max} {what}.") { Code = FilterTooLargeCode };

    public static ExecutionError InvalidFilter(string message) => new(message) { Code = InvalidFilterCode };

    public static ExecutionError InvalidSort(string message) => new(message) { Code = InvalidSortCode };

    /// <summary>A filter or sort on a personal field by a role that may not see it: the answer would leak it.</summary>
    public static ExecutionError PersonalData(string field) =>
        new($"{field} is personal data; your role may neither filter nor sort on it.") { Code = PersonalDataCode };
}
