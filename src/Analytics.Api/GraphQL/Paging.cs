using Analytics.Api.GraphQL.Querying;
using Analytics.Domain;
using GraphQL;
using GraphQL.Types.Relay.DataObjects;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.GraphQL;

/// <summary>Page size limits, bound from the <c>GraphQL:Paging</c> configuration section.</summary>
public sealed record PagingOptions
{
    public const string SectionName = "GraphQL:Paging";

    public int DefaultPageSize { get; init; } = 10;

    public int MaxPageSize { get; init; } = 50;
}

/// <summary>The <c>first/after/last/before</c> arguments of a connection field.</summary>
public sealed record PagingArguments(int? First, string? After, int? Last, string? Before)
{
    public const string InvalidPagingCode = "INVALID_PAGING_ARGUMENTS";
    public const string PageSizeTooLargeCode = "PAGE_SIZE_TOO_LARGE";
    public const string InvalidCursorCode = "INVALID_CURSOR";

    public static PagingArguments From(IResolveFieldContext context) => new(
        context.GetArgument<int?>("first"),
        context.GetArgument<string?>("after"),
        context.GetArgument<int?>("last"),
        context.GetArgument<string?>("before"));

    /// <summary>
    /// Checks the arguments against the limits and the cursors' form; throws an <see cref="ExecutionError"/> with a code
    /// when wrong. Callers run it before any SQL, so a bad request never reaches the database.
    /// </summary>
    public void Validate(PagingOptions limits)
    {
        if (After is not null)
        {
            DecodeCursor(After, "after");
        }

        if (Before is not null)
        {
            DecodeCursor(Before, "before");
        }

        if (First is not null && Last is not null)
        {
            throw Error(InvalidPagingCode, "Pass either first or last, not both.");
        }

        foreach (var (name, value) in new[] { ("first", First), ("last", Last) })
        {
            if (value < 0)
            {
                throw Error(InvalidPagingCode, $"'{name}' must be zero or more; it was {value}.");
            }

            if (value > limits.MaxPageSize)
            {
                throw Error(PageSizeTooLargeCode,
                    $"'{name}' may be at most {limits.MaxPageSize}; it was {value}. Page through larger results with cursors.");
            }
        }
    }

    /// <summary>A cursor is the row's position in the (total) order of the query, as in Hot Chocolate's queryable paging.</summary>
    public static string EncodeCursor(int index) => OpaqueText.Encode($"i:{index}");

    public static int DecodeCursor(string cursor, string argumentName)
    {
        // Exactly what EncodeCursor writes for a position 0…int.MaxValue: no sign, no leading zeros, no overflow.
        if (OpaqueText.TryDecode(cursor, out var text)
            && text.StartsWith("i:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            && text.AsSpan(2).SequenceEqual(index.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            return index;
        }

        throw Error(InvalidCursorCode, $"'{argumentName}' is not a cursor returned by this API.");
    }

    private static ExecutionError Error(string code, string message) => new(message) { Code = code };
}

/// <summary>A page of a connection and, on demand, the total count.</summary>
public sealed record ConnectionPage<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, int? TotalCount)
{
    /// <summary>The aggregates asked for beside the page, if any.</summary>
    public AggregateResult? Aggregates { get; init; }

    public IEnumerable<T?> Nodes => Edges.Select(e => e.Node);
}

public static class Paging
{
    /// <summary>
    /// One page of <paramref name="ordered"/> (whose order must be total: it ends with the primary key), so walking
    /// pages with <c>first/after</c> or <c>last/before</c> returns every row exactly once.
    /// </summary>
    /// <param name="filtered">The same rows unordered, for counting.</param>
    /// <param name="knownTotalCount">The count when already known (from the aggregates), to count once.</param>
    public static async Task<ConnectionPage<T>> PageAsync<T>(
        IQueryable<T> filtered,
        IOrderedQueryable<T> ordered,
        MemberSet? members,
        PagingArguments arguments,
        PagingOptions limits,
        bool includeTotalCount,
        int? knownTotalCount,
        CancellationToken cancellationToken)
        where T : Entity
    {
        // Positions, as Hot Chocolate's index cursors: after: i:a means the rows after position a, before: i:b the rows
        // before position b. A cursor past the end is past every row (after: an empty page; before: the end), never
        // wrapped: a + 1 is computed in 64 bits, so after: i:2147483647 is past the end, not position -2147483648.
        long start = arguments.After is null ? 0 : PagingArguments.DecodeCursor(arguments.After, "after") + 1L;
        long? before = arguments.Before is null ? null : PagingArguments.DecodeCursor(arguments.Before, "before");
        int? total = knownTotalCount ?? (includeTotalCount ? await filtered.CountAsync(cancellationToken) : null);

        long from;
        List<T> rows;
        bool hasNext, hasPrevious;
        if (arguments.Last is { } last)
        {
            // Counted even with before: a before past the end means the end, which only the count tells.
            var count = total ??= await filtered.CountAsync(cancellationToken);
            var end = Math.Min(before ?? count, count);
            from = Math.Max(start, end - last);
            var take = Math.Max(0, end - from);
            rows = take == 0 ? [] : await ordered.Skip((int)from).Take((int)take).Project(members).ToListAsync(cancellationToken);

            // Rows before the page's first position and after its last (an empty page sits at from).
            hasPrevious = Math.Min(from, count) > 0;
            hasNext = from + take < count;
        }
        else
        {
            var size = arguments.First ?? limits.DefaultPageSize;
            var take = (int)Math.Max(0, Math.Min(size, (before ?? long.MaxValue) - start));
            from = start;

            // One row more than the page tells whether another follows; none at all means start is past the end.
            rows = start > int.MaxValue ? [] : await ordered.Skip((int)start).Take(take + 1).Project(members).ToListAsync(cancellationToken);
            var startsInside = rows.Count > 0;
            hasNext = rows.Count > take;
            if (hasNext)
            {
                rows.RemoveAt(rows.Count - 1);
            }

            // Rows before the page: any before start, which, for a start past the end, means any row at all.
            hasPrevious = start > 0 && (startsInside || (total ??= await filtered.CountAsync(cancellationToken)) > 0);
        }

        var edges = rows.Select((row, i) => new Edge<T> { Cursor = PagingArguments.EncodeCursor((int)(from + i)), Node = row }).ToList();
        var pageInfo = new PageInfo
        {
            StartCursor = edges.FirstOrDefault()?.Cursor,
            EndCursor = edges.LastOrDefault()?.Cursor,
            HasNextPage = hasNext,
            HasPreviousPage = hasPrevious,
        };
        return new ConnectionPage<T>(edges, pageInfo, total);
    }
}
