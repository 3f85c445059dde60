using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Contract;

/// <summary>
/// Every instant the API writes reads as Hot Chocolate writes it, <c>2020-11-15T01:06:00.000Z</c>: fields, aggregates,
/// the warehouse's build time in GraphQL, in <c>extensions</c> and in <c>/health</c> (one string, comparable as such).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class InstantFormatTests(ApiFactory factory)
{
    [Fact]
    public async Task Case_times_and_their_aggregates_are_utc_with_milliseconds()
    {
        var cases = await factory.AllAsync<Case>();

        var data = (await factory.CreateClient().PostQueryAsync(
            "{ cases(first: 3, order: [{ id: ASC }]) { nodes { reportedAt } aggregate { min { reportedAt } max { reportedAt } } } }")).AssertData();

        var written = data["cases"]!["nodes"]!.AsArray().Select(n => (string)n!["reportedAt"]!).ToList();
        written.Add((string)data["cases"]!["aggregate"]!["min"]!["reportedAt"]!);
        written.Add((string)data["cases"]!["aggregate"]!["max"]!["reportedAt"]!);
        var expected = cases.Take(3).Select(c => c.ReportedAt)
            .Append(cases.Min(c => c.ReportedAt))
            .Append(cases.Max(c => c.ReportedAt))
            .Select(Truncated);
        Assert.All(written, text => Assert.Matches(HotChocolateInstant(), text));
        Assert.Equal(expected, written.Select(text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_warehouse_build_time_is_one_string_in_graphql_extensions_and_health()
    {
        var response = await factory.CreateClient().PostQueryAsync("{ analytics { warehouse { builtAt } } }");
        var health = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/health"))!["checks"]!["warehouse"]!;
        await using var session = await factory.Services.GetRequiredService<Api.Warehouse.WarehouseConnections>().OpenAsync();

        var field = (string)response.AssertData()["analytics"]!["warehouse"]!["builtAt"]!;
        Assert.Matches(HotChocolateInstant(), field);
        Assert.Equal(Truncated(session.BuiltAt!.Value), DateTimeOffset.Parse(field, CultureInfo.InvariantCulture));
        Assert.Equal(field, (string?)response.Body["extensions"]!["warehouseBuiltAt"]);
        Assert.Equal(field, (string?)health["data"]!["builtAt"]);
        Assert.Equal($"Built at {field}; data as of {(string?)health["data"]!["dataAsOf"]}.", (string?)health["description"]);
    }

    [Theory]
    [InlineData("2020-11-15T01:06:00+00:00", "2020-11-15T01:06:00.000Z")]
    [InlineData("2020-11-15T09:06:00.1234567+08:00", "2020-11-15T01:06:00.123Z")]
    public void An_instant_is_written_in_utc_to_the_millisecond(string instant, string written) =>
        Assert.Equal(written, Instants.Format(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture)));

    private static DateTimeOffset Truncated(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex HotChocolateInstant();
}
