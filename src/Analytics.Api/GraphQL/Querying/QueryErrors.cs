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

    /// <summary>
    /// A field of a filter object given as null, e.g. <c>grid: null</c>: refused, as Hot Chocolate refuses it (HC0026),
    /// rather than ignored, which would read as "no condition" to a writer who meant "no grid".
    /// </summary>
    public static ExecutionError NullFilterField(string typeName, string field, bool reference) =>
        InvalidFilter($"{typeName}.{field} is null; a filter field takes a value or is left out."
            + (reference ? $" To select the rows without one, write {field}: {{ id: {{ eq: null }} }}." : ""));

    /// <summary>A filter or sort on a personal field by a role that may not see it: the answer would leak it.</summary>
    public static ExecutionError PersonalData(string field) =>
        new($"{field} is personal data; your role may neither filter nor sort on it.") { Code = PersonalDataCode };
}
