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

    /// <summary>Checks the arguments against the limits; throws an <see cref="ExecutionError"/> with a code when wrong.</summary>
    public void Validate(PagingOptions limits)
    {
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

    public static string EncodeCursor(int id) => OpaqueText.Encode($"pk:{id}");

    public static int DecodeCursor(string cursor, string argumentName)
    {
        if (OpaqueText.TryDecode(cursor, out var text)
            && text.StartsWith("pk:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(3), System.Globalization.NumberStyles.None, null, out var id))
        {
            return id;
        }

        throw Error(InvalidCursorCode, $"'{argumentName}' is not a cursor returned by this API.");
    }

    private static ExecutionError Error(string code, string message) => new(message) { Code = code };
}

/// <summary>A page of a connection and, on demand, the total count.</summary>
public sealed record ConnectionPage<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, int? TotalCount)
{
    public IEnumerable<T?> Nodes => Edges.Select(e => e.Node);
}

public static class Paging
{
    /// <summary>
    /// Pages <paramref name="source"/> in primary-key order: <c>first/after</c> walks forward, <c>last/before</c> backward.
    /// Every row appears exactly once across pages.
    /// </summary>
    public static async Task<ConnectionPage<T>> PageAsync<T>(
        IQueryable<T> source,
        PagingArguments arguments,
        PagingOptions limits,
        bool includeTotalCount,
        CancellationToken cancellationToken)
        where T : Entity
    {
        arguments.Validate(limits);
        var filtered = source;
        int? afterId = arguments.After is null ? null : PagingArguments.DecodeCursor(arguments.After, "after");
        int? beforeId = arguments.Before is null ? null : PagingArguments.DecodeCursor(arguments.Before, "before");
        if (afterId is not null)
        {
            filtered = filtered.Where(e => e.Id > afterId);
        }

        if (beforeId is not null)
        {
            filtered = filtered.Where(e => e.Id < beforeId);
        }

        var backward = arguments.Last is not null;
        var size = arguments.First ?? arguments.Last ?? limits.DefaultPageSize;
        var ordered = backward ? filtered.OrderByDescending(e => e.Id) : filtered.OrderBy(e => e.Id);
        var rows = await ordered.Take(size + 1).ToListAsync(cancellationToken);
        var hasMore = rows.Count > size;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backward)
        {
            rows.Reverse();
        }

        var edges = rows.Select(r => new Edge<T> { Cursor = PagingArguments.EncodeCursor(r.Id), Node = r }).ToList();
        var pageInfo = new PageInfo
        {
            StartCursor = edges.FirstOrDefault()?.Cursor,
            EndCursor = edges.LastOrDefault()?.Cursor,
            HasNextPage = backward
                ? beforeId is not null && await source.AnyAsync(e => e.Id >= beforeId, cancellationToken)
                : hasMore,
            HasPreviousPage = backward
                ? hasMore
                : afterId is not null && await source.AnyAsync(e => e.Id <= afterId, cancellationToken),
        };
        int? totalCount = includeTotalCount ? await source.CountAsync(cancellationToken) : null;
        return new ConnectionPage<T>(edges, pageInfo, totalCount);
    }
}
