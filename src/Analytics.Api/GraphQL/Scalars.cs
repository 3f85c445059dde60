using GraphQL.Types;

namespace Analytics.Api.GraphQL;

/// <summary><see cref="DateTimeOffset"/> as Hot Chocolate names it: <c>DateTime</c> (ISO 8601 with offset).</summary>
public sealed class DateTimeScalar : DateTimeOffsetGraphType
{
    public DateTimeScalar()
    {
        Name = "DateTime";
        Description = "An ISO 8601 date and time with offset (times here are UTC), e.g. 2021-06-30T08:00:00Z.";
    }
}

/// <summary><see cref="DateOnly"/> as Hot Chocolate names it: <c>Date</c> (ISO 8601 calendar date).</summary>
public sealed class DateScalar : DateOnlyGraphType
{
    public DateScalar()
    {
        Name = "Date";
        Description = "An ISO 8601 calendar date, e.g. 2021-06-30.";
    }
}
