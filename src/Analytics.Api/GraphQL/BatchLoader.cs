using System.Linq.Expressions;
using Analytics.Api.GraphQL.Querying;
using Analytics.Api.Security;
using Analytics.Data;
using Analytics.Domain;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.GraphQL;

/// <summary>
/// Per-request batching (the GraphQL.DataLoader package is not available here): every key asked for while one level of
/// a query resolves is collected, and the first result awaited loads them all in one SQL statement. So a county's
/// townships' villages cost one statement per level, however many parents there are.
/// </summary>
/// <remarks>Registered scoped: one instance per HTTP request. Each batch uses its own short-lived context.</remarks>
public sealed class BatchLoader(IDbContextFactory<OperationalDbContext> contexts, AccessScope scope)
{
    private readonly IDbContextFactory<OperationalDbContext> _contexts = contexts;

    /// <summary>What the caller may see: every batch reads through it.</summary>
    public AccessScope Scope { get; } = scope;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IBatch> _open = [];

    /// <summary>
    /// The entity with the given key, or null (for optional references, a null key gives null at once), reading only
    /// <paramref name="members"/> when given. For references of rows already visible: not bounded by county
    /// (<see cref="AccessScope.ReadReferenced{TEntity}"/>).
    /// </summary>
    public IDataLoaderResult<TEntity?> LoadById<TEntity>(int? id, MemberSet? members = null)
        where TEntity : Entity
    {
        if (id is null)
        {
            return new Completed<TEntity?>(null);
        }

        return Load<int, TEntity?>(
            $"{typeof(TEntity).Name}.ById[{members?.Key}]",
            id.Value,
            async (db, keys, ct) => await Scope.ReadReferenced<TEntity>(db)
                .Where(e => keys.Contains(e.Id))
                .Project(members)
                .ToDictionaryAsync(e => e.Id, e => (TEntity?)e, ct),
            missing: null);
    }

    /// <summary>
    /// The entities whose foreign key <paramref name="foreignKey"/> equals <paramref name="parentId"/>, ordered by id,
    /// optionally narrowed by <paramref name="filter"/> (the batch key includes <paramref name="filterKey"/>).
    /// </summary>
    public IDataLoaderResult<IReadOnlyList<TEntity>> LoadChildren<TEntity>(
        string foreignKey, int parentId, MemberSet? members = null, Expression<Func<TEntity, bool>>? filter = null, string filterKey = "",
        NestedListArguments<TEntity>? arguments = null)
        where TEntity : Entity
    {
        var withKey = members?.With(foreignKey);
        return Load<int, IReadOnlyList<TEntity>>(
            $"{typeof(TEntity).Name}.By{foreignKey}({filterKey}){arguments?.Key}[{withKey?.Key}]",
            parentId,
            async (db, keys, ct) =>
            {
                var narrowed = Narrow(Scope.Read<TEntity>(db), foreignKey, keys, filter);
                if (arguments?.Where is { } where)
                {
                    narrowed = narrowed.Where(where);
                }

                // One statement for every parent: sorted as asked (then by id), grouped by parent in that order.
                var rows = await (arguments?.Order?.Invoke(narrowed) ?? narrowed.OrderBy(e => e.Id))
                    .Project(withKey)
                    .ToListAsync(ct);
                var keyOf = ForeignKeyReader<TEntity>(foreignKey);
                return rows.GroupBy(keyOf).ToDictionary(g => g.Key, g => (IReadOnlyList<TEntity>)g.ToList());
            },
            missing: []);
    }

    /// <summary>How many entities have <paramref name="foreignKey"/> = <paramref name="parentId"/> (one GROUP BY per batch).</summary>
    public IDataLoaderResult<int> LoadCount<TEntity>(
        string foreignKey, int parentId, Expression<Func<TEntity, bool>>? filter = null, string filterKey = "")
        where TEntity : Entity =>
        Load<int, int>(
            $"{typeof(TEntity).Name}.CountBy{foreignKey}({filterKey})",
            parentId,
            async (db, keys, ct) => await Narrow(Scope.Read<TEntity>(db), foreignKey, keys, filter)
                .GroupBy(e => EF.Property<int?>(e, foreignKey))
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Key!.Value, x => x.Count, ct),
            missing: 0);

    /// <summary>The general form: values for keys, fetched together with one context.</summary>
    public IDataLoaderResult<TValue> Load<TKey, TValue>(
        string batchName,
        TKey key,
        Func<OperationalDbContext, IReadOnlyCollection<TKey>, CancellationToken, Task<Dictionary<TKey, TValue>>> fetch,
        TValue missing)
        where TKey : notnull
    {
        Batch<TKey, TValue> batch;
        lock (_gate)
        {
            if (!_open.TryGetValue(batchName, out var open) || open.Started)
            {
                open = new Batch<TKey, TValue>(this, fetch);
                _open[batchName] = open;
            }

            batch = (Batch<TKey, TValue>)open;
            batch.Keys.Add(key);
        }

        return new Pending<TKey, TValue>(batch, key, missing);
    }

    private static Func<TEntity, int> ForeignKeyReader<TEntity>(string foreignKey)
    {
        var property = typeof(TEntity).GetProperty(foreignKey)
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no foreign key {foreignKey}.");
        return row => Convert.ToInt32(property.GetValue(row), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IQueryable<TEntity> Narrow<TEntity>(
        IQueryable<TEntity> source, string foreignKey, IReadOnlyCollection<int> keys, Expression<Func<TEntity, bool>>? filter)
        where TEntity : Entity
    {
        var keyList = keys.Select(k => (int?)k).ToList();
        var narrowed = source.Where(e => keyList.Contains(EF.Property<int?>(e, foreignKey)));
        return filter is null ? narrowed : narrowed.Where(filter);
    }

    private interface IBatch
    {
        bool Started { get; }
    }

    private sealed class Batch<TKey, TValue>(
        BatchLoader owner,
        Func<OperationalDbContext, IReadOnlyCollection<TKey>, CancellationToken, Task<Dictionary<TKey, TValue>>> fetch)
        : IBatch
        where TKey : notnull
    {
        private Task<Dictionary<TKey, TValue>>? _result;

        public HashSet<TKey> Keys { get; } = [];

        public bool Started => _result is not null;

        public Task<Dictionary<TKey, TValue>> RunAsync(CancellationToken cancellationToken)
        {
            lock (owner._gate)
            {
                return _result ??= FetchAsync([.. Keys], cancellationToken);
            }
        }

        private async Task<Dictionary<TKey, TValue>> FetchAsync(TKey[] keys, CancellationToken cancellationToken)
        {
            await using var db = await owner._contexts.CreateDbContextAsync(cancellationToken);
            return await fetch(db, keys, cancellationToken);
        }
    }

    private sealed class Completed<TValue>(TValue value) : IDataLoaderResult<TValue>
    {
        public Task<TValue> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(value);
    }

    private sealed class Pending<TKey, TValue>(Batch<TKey, TValue> batch, TKey key, TValue missing) : IDataLoaderResult<TValue>
        where TKey : notnull
    {
        public async Task<TValue> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = await batch.RunAsync(cancellationToken);
            return values.TryGetValue(key, out var value) ? value : missing;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }

    /// <summary>A batched value, transformed once it is loaded (the GraphQL.DataLoader package's <c>Then</c>).</summary>
    internal sealed class Mapped<TValue, TResult>(IDataLoaderResult<TValue> inner, Func<TValue, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(await inner.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}

public static class BatchLoaderContextExtensions
{
    /// <summary>Transforms a batched value without loading it early, so the batch still collects every key.</summary>
    public static IDataLoaderResult<TResult> Then<TValue, TResult>(this IDataLoaderResult<TValue> result, Func<TValue, TResult> map) =>
        new BatchLoader.Mapped<TValue, TResult>(result, map);

    /// <summary>The request's <see cref="BatchLoader"/>.</summary>
    public static BatchLoader Loader(this IResolveFieldContext context) =>
        context.RequestServices?.GetRequiredService<BatchLoader>()
        ?? throw new InvalidOperationException("GraphQL requests must run with RequestServices set.");

    /// <summary>The caller's view of the data (<see cref="AccessScope"/>): read entities only through it.</summary>
    public static AccessScope Scope(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<AccessScope>();

    /// <summary>A short-lived context for one root field (contexts are not thread-safe; fields resolve in parallel).</summary>
    public static async Task<OperationalDbContext> CreateDbContextAsync(this IResolveFieldContext context) =>
        await context.RequestServices!.GetRequiredService<IDbContextFactory<OperationalDbContext>>()
            .CreateDbContextAsync(context.CancellationToken);
}
