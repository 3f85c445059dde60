using System.Globalization;

namespace Analytics.Domain;

/// <summary>
/// The one way an instant is written for a machine to read: UTC, milliseconds, <c>Z</c>
/// (<c>2020-11-15T01:06:00.000Z</c>), as Hot Chocolate's <c>DateTime</c> scalar writes it. GraphQL answers, aggregates,
/// response extensions and <c>/health</c> all use it, so a client compares them as strings.
/// </summary>
public static class Instants
{
    public const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);
}
