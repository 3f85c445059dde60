using Analytics.Domain;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL;

/// <summary><see cref="DateTimeOffset"/> as Hot Chocolate names it: <c>DateTime</c> (ISO 8601 with offset).</summary>
public sealed class DateTimeScalar : DateTimeOffsetGraphType
{
    public DateTimeScalar()
    {
        Name = "DateTime";
        Description = "An ISO 8601 date and time with offset (times here are UTC), e.g. 2021-06-30T08:00:00.000Z.";
        this.ApplyDirective(SpecifiedByDirective.DirectiveName, "url", "https://scalars.graphql.org/andimarek/date-time.html");
    }

    /// <summary>Written as Hot Chocolate writes it, <c>2020-11-15T01:06:00.000Z</c> (<see cref="Instants"/>), aggregates included.</summary>
    public override object? Serialize(object? value) => value switch
    {
        DateTimeOffset instant => Instants.Format(instant),
        DateTime { Kind: DateTimeKind.Utc } utc => Instants.Format(new DateTimeOffset(utc)),
        _ => base.Serialize(value),
    };
}

/// <summary><see cref="DateOnly"/> as Hot Chocolate names it: <c>Date</c> (ISO 8601 calendar date).</summary>
public sealed class DateScalar : DateOnlyGraphType
{
    public DateScalar()
    {
        Name = "Date";
        Description = "An ISO 8601 calendar date, e.g. 2021-06-30.";
        this.ApplyDirective(SpecifiedByDirective.DirectiveName, "url", "https://scalars.graphql.org/andimarek/local-date.html");
    }
}
