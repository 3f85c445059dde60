using System.Text.Json.Nodes;
using Analytics.Api.GraphQL;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Domain;

namespace Analytics.Api.Tests.Paging;

/// <summary>
/// Hand-made cursors, in and out of range, for every combination of first/after/last/before. A cursor is a position
/// (Hot Chocolate's index cursors): after: a is the rows after position a, before: b the rows before position b, so a
/// position past the end is past every row. Each answer is either INVALID_CURSOR (not a position this API writes) or
/// exactly the page SQL computes from those definitions, never a wrong page.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CursorRangeTests(ApiFactory factory)
{
    private const int PageSize = 5;

    private const string Query = """
        query($first: Int, $after: String, $last: Int, $before: String) {
          regions(first: $first, after: $after, last: $last, before: $before) {
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { id } }
          }
        }
        """;

    /// <summary>Positions a cursor may name, by their relation to the row count N.</summary>
    private static IEnumerable<(string Name, Func<long, long> Position)> Positions() =>
    [
        ("0", _ => 0),
        ("1", _ => 1),
        ("N/2", n => n / 2),
        ("N-6", n => n - 6),
        ("N-1", n => n - 1),
        ("N", n => n),
        ("N+1", n => n + 1),
        ("int.MaxValue", _ => int.MaxValue),
    ];

    /// <summary>Texts that are no cursor of this API: negative, beyond int, not a number, not in its canonical form.</summary>
    public static TheoryData<string> NotCursors() =>
    [
        OpaqueText.Encode("i:-1"),
        OpaqueText.Encode($"i:{(long)int.MaxValue + 1}"),
        OpaqueText.Encode($"i:{long.MaxValue}"),
        OpaqueText.Encode("i:99999999999999999999999"),
        OpaqueText.Encode("i:abc"),
        OpaqueText.Encode("i:"),
        OpaqueText.Encode("i:007"),
        OpaqueText.Encode("i:+5"),
        OpaqueText.Encode("i: 5"),
        OpaqueText.Encode("x:5"),
        "i:5",
        "",
    ];

    [Fact]
    public async Task Every_cursor_in_or_out_of_range_gives_the_page_sql_computes()
    {
        var count = await factory.SqlNumberAsync("SELECT COUNT(*) FROM Regions");
        Assert.True(count > 100, $"expected the demo city's regions, got {count}");
        var client = factory.CreateGraphQLClient();
        var wrong = new List<string>();
        var asked = 0;

        foreach (var (name, position) in Positions())
        {
            var cursor = position(count);
            foreach (var (first, after, last, before) in new (int?, long?, int?, long?)[]
            {
                (PageSize, cursor, null, null),
                (null, null, PageSize, cursor),
                (PageSize, null, null, cursor),
                (null, cursor, PageSize, null),
                (PageSize, cursor, null, cursor + 3),
                (PageSize, 1, null, cursor),
                (null, cursor, PageSize, cursor + 3),
                (null, 1, PageSize, cursor),
                (null, cursor, PageSize, cursor / 2),
                (PageSize, cursor, null, cursor / 2),
            })
            {
                if (after > int.MaxValue || before > int.MaxValue)
                {
                    continue;
                }

                asked++;
                var label = $"first {first} after {after} last {last} before {before} (cursor {name}, N = {count})";
                var expected = await ExpectedAsync(count, first, after, last, before);
                var response = await client.PostQueryAsync(Query, new
                {
                    first,
                    after = after is null ? null : PagingArguments.EncodeCursor((int)after),
                    last,
                    before = before is null ? null : PagingArguments.EncodeCursor((int)before),
                });
                if (response.Errors is not null)
                {
                    wrong.Add($"{label}: {response.Errors.ToJsonString()}");
                    continue;
                }

                var actual = Describe(response.Data["regions"]!);
                if (actual != expected)
                {
                    wrong.Add($"{label}:\n  expected {expected}\n  actual   {actual}");
                }
            }
        }

        Assert.True(asked > 60, $"only {asked} combinations asked");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [MemberData(nameof(NotCursors))]
    public async Task A_text_that_is_no_cursor_of_this_api_is_refused_wherever_it_is_passed(string notACursor)
    {
        var client = factory.CreateGraphQLClient();
        foreach (var variables in new object[]
        {
            new { first = PageSize, after = notACursor },
            new { last = PageSize, before = notACursor },
            new { first = PageSize, before = notACursor },
            new { last = PageSize, after = notACursor },
        })
        {
            var response = await client.PostQueryAsync(Query, variables);

            Assert.Equal("INVALID_CURSOR", (string?)response.Errors?[0]?["extensions"]?["code"]);
            Assert.Null(response.Body["data"]);
        }
    }

    /// <summary>
    /// The page from the definitions alone: the rows after position <paramref name="after"/> and before position
    /// <paramref name="before"/> (clipped to the N rows), the first or last <c>k</c> of them, read with LIMIT/OFFSET.
    /// </summary>
    private async Task<string> ExpectedAsync(long count, int? first, long? after, int? last, long? before)
    {
        var low = after is null ? 0 : after.Value + 1;
        var high = Math.Min(before ?? count, count);
        long start, take;
        if (last is { } k)
        {
            start = Math.Max(low, high - k);
            take = Math.Max(0, high - start);
        }
        else
        {
            start = low;
            take = Math.Max(0, Math.Min(first ?? 10, high - low));
        }

        var ids = take == 0
            ? []
            : await factory.SqlIdsAsync("SELECT Id FROM Regions ORDER BY Id LIMIT $p0 OFFSET $p1", take, start);
        var edges = ids.Select((id, i) => (Cursor: PagingArguments.EncodeCursor((int)(start + i)), Id: DemoCityData.Id<Region>(id))).ToList();
        return Describe(
            hasNext: start + ids.Count < count,
            hasPrevious: Math.Min(start, count) > 0,
            edges);
    }

    private static string Describe(JsonNode connection) => Describe(
        (bool)connection["pageInfo"]!["hasNextPage"]!,
        (bool)connection["pageInfo"]!["hasPreviousPage"]!,
        connection["edges"]!.AsArray().Select(e => ((string)e!["cursor"]!, (string)e["node"]!["id"]!)).ToList(),
        (string?)connection["pageInfo"]!["startCursor"],
        (string?)connection["pageInfo"]!["endCursor"]);

    private static string Describe(bool hasNext, bool hasPrevious, List<(string Cursor, string Id)> edges, string? startCursor = "", string? endCursor = "")
    {
        // startCursor/endCursor must be the edges' own; the expected side passes "" to mean "derive from the edges".
        startCursor = startCursor == "" ? edges.FirstOrDefault().Cursor : startCursor;
        endCursor = endCursor == "" ? edges.LastOrDefault().Cursor : endCursor;
        return $"next={hasNext} previous={hasPrevious} start={startCursor ?? "null"} end={endCursor ?? "null"} "
            + $"[{string.Join(", ", edges.Select(e => $"{e.Cursor}:{e.Id}"))}]";
    }
}
