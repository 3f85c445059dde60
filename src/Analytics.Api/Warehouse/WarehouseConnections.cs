using System.Data;
using DuckDB.NET.Data;
using Analytics.Etl.Warehouse;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Warehouse;

/// <summary>
/// No published warehouse to read (first start still building it, never built, of another format, unreadable).
/// <see cref="Exception.Message"/> is what any caller may read, anonymous ones on <c>/health</c> included: never the
/// file's path nor DuckDB's text. <see cref="Detail"/> says where and why, for the log only.
/// </summary>
public sealed class WarehouseUnavailableException(string message, string? detail = null) : Exception(message)
{
    public const string Code = "WAREHOUSE_UNAVAILABLE";

    /// <summary>The file's absolute path and the underlying error, for the server log.</summary>
    public string Detail { get; } = detail ?? message;
}

/// <summary>One reader's connection to the warehouse, and which published build it reads.</summary>
public sealed class WarehouseSession(
    Func<DuckDBConnection> open, string? runId, DateTimeOffset? builtAt, WarehouseAnswers? answers = null, DateOnly? dataAsOf = null)
    : IAsyncDisposable
{
    private DuckDBConnection? connection;

    /// <summary>
    /// A read-only connection whose default catalog is the warehouse, opened on first use (an answer already kept
    /// for this build needs none).
    /// </summary>
    public DuckDBConnection Connection => connection ??= open();

    /// <summary>The run that built the file being read (<c>etl_runs.run_id</c>).</summary>
    public string? RunId { get; } = runId;

    /// <summary>生成时间: when that run finished, i.e. when the file was made (not how far its data reaches).</summary>
    public DateTimeOffset? BuiltAt { get; } = builtAt;

    /// <summary>数据截至: the latest Beijing day of a business event in the file (<c>etl_runs.data_as_of</c>).</summary>
    public DateOnly? DataAsOf { get; } = dataAsOf;

    /// <summary>
    /// The answer kept for <paramref name="key"/> on this build, or <paramref name="compute"/>'s (kept when it succeeds).
    /// The key must name everything the answer depends on (the query and its arguments); the build is implied.
    /// </summary>
    public async Task<T> RememberAsync<T>(string key, Func<Task<T>> compute)
    {
        if (answers?.Find(key) is T kept)
        {
            return kept;
        }

        var answer = await compute();
        answers?.Keep(key, answer!);
        return answer;
    }

    /// <summary>Another session on the same build, with its own connection (opened on first use).</summary>
    public WarehouseSession Fork() => new(open, RunId, BuiltAt, answers, DataAsOf);

    public ValueTask DisposeAsync() => connection?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// The build one request reads (scoped): the first session it opens picks the published file, and every later session
/// of the request reads that same file, even if a new one is published meanwhile. So the fields of one response (a
/// dashboard's figures and the <c>warehouse { builtAt }</c> beside them) always come from one build. Each session
/// still has its own connection: fields resolve side by side.
/// </summary>
public sealed class WarehouseRequest(WarehouseConnections connections) : IDisposable
{
    private readonly SemaphoreSlim picking = new(1, 1);
    private WarehouseSession? pinned;

    public async Task<WarehouseSession> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (pinned is null)
        {
            await picking.WaitAsync(cancellationToken);
            try
            {
                // Never used for reading itself, so it never opens a connection of its own.
                pinned ??= await connections.OpenAsync(cancellationToken);
            }
            finally
            {
                picking.Release();
            }
        }

        return pinned.Fork();
    }

    public void Dispose() => picking.Dispose();
}

/// <summary>
/// Answers computed on one published build, at most <c>Warehouse:KeptAnswers</c> of them. Dashboards ask the same
/// few questions all day of a file that changes once a night: without this, fifty officers opening the same
/// dashboard would rerun the same aggregations fifty times. A new publication starts a new, empty set.
/// </summary>
public sealed class WarehouseAnswers(int capacity)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> kept = new(StringComparer.Ordinal);

    internal object? Find(string key) => kept.GetValueOrDefault(key);

    // Full: keep nothing more (the set is dropped with its build; arguments are few in practice, so this is the
    // bound against a caller walking through endless argument values, not an eviction policy).
    internal void Keep(string key, object answer)
    {
        if (kept.Count < capacity)
        {
            kept.TryAdd(key, answer);
        }
    }
}

/// <summary>
/// Read-only connections to the published warehouse that follow each new publication.
/// <para>
/// The ETL publishes by renaming a new file over the live one, and an open DuckDB database keeps reading the file it
/// opened. DuckDB.NET also shares one database between the connections of a process to the same path, so connections
/// opened by path would stay on the old file for as long as any of them is open (under steady traffic: for ever).
/// Instead each publication gets its own generation: an in-memory database that <c>ATTACH</c>es the file read-only,
/// and every session is a duplicate connection of that database (about 0.4 ms, against about 25 ms to open the file).
/// Each <see cref="OpenAsync"/> compares the file's timestamp and length with the generation's; when the file has been
/// replaced, a new generation attaches the new file. Sessions already open finish on the old one, which closes with
/// its last session.
/// </para>
/// </summary>
public sealed class WarehouseConnections(
    IOptions<WarehouseOptions> options, WarehouseBuildState state, ILogger<WarehouseConnections>? logger = null) : IAsyncDisposable
{
    private const string Catalog = "warehouse";

    private readonly SemaphoreSlim opening = new(1, 1);
    private volatile Generation? current;

    // The generation before the current one stays open until the next publication: a reader that picked it up just
    // before the switch can still duplicate its connection.
    private Generation? retired;

    /// <summary>The file last refused (another format) and why: the same file is not attached and probed again per request.</summary>
    private volatile Refusal? refused;

    private sealed record Refusal((DateTime WrittenAt, long Length) Stamp, WarehouseUnavailableException Error);

    public string Path { get; } = System.IO.Path.GetFullPath(options.Value.Path);

    public async Task<WarehouseSession> OpenAsync(CancellationToken cancellationToken = default)
    {
        var generation = await CurrentAsync(cancellationToken);
        return new WarehouseSession(() => Duplicate(generation.Root), generation.RunId, generation.BuiltAt, generation.Answers, generation.DataAsOf);
    }

    private static DuckDBConnection Duplicate(DuckDBConnection root)
    {
        if (root.State != ConnectionState.Open)
        {
            // Its build was retired and closed: two newer ones were published while a session or request held on to it.
            throw new WarehouseUnavailableException("The warehouse was republished twice while this request read it; send it again.");
        }

        var connection = root.Duplicate();
        try
        {
            if (connection.State != ConnectionState.Open)
            {
                connection.Open();
            }

            using var use = connection.CreateCommand();
            use.CommandText = $"USE {Catalog}";
            use.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private async Task<Generation> CurrentAsync(CancellationToken cancellationToken)
    {
        var stamp = Stamp();
        if (current is { } known && known.Stamp == stamp)
        {
            return known;
        }

        if (refused is { } refusal && refusal.Stamp == stamp)
        {
            throw refusal.Error;
        }

        await opening.WaitAsync(cancellationToken);
        try
        {
            stamp = Stamp();
            if (current is { } again && again.Stamp == stamp)
            {
                return again;
            }

            Generation next;
            try
            {
                next = await Generation.OpenAsync(Path, stamp, options.Value.KeptAnswers, cancellationToken);
            }
            catch (WarehouseUnavailableException ex)
            {
                // Logged once per refused file, not per request.
                logger?.LogWarning("The warehouse cannot be read: {Detail}", ex.Detail);
                refused = new Refusal(stamp, ex);
                throw;
            }

            if (retired is not null)
            {
                // Sessions still open on it keep the database alive until they are disposed.
                await retired.Root.DisposeAsync();
            }

            retired = current;
            current = next;
            return next;
        }
        finally
        {
            opening.Release();
        }
    }

    private (DateTime WrittenAt, long Length) Stamp()
    {
        var file = new FileInfo(Path);
        if (!file.Exists)
        {
            // Why the last build failed is in the log (WarehouseStartupBuild), with the path: not for callers.
            throw new WarehouseUnavailableException(state.Building
                ? "The warehouse is being built (first start); analytics answer in a minute or two."
                : "No warehouse has been published yet; an administrator runs `dotnet run --project etl/Analytics.Etl -- run`.",
                $"No warehouse at {Path}{(state.LastError is null ? "" : $" (the last build failed: {state.LastError})")}");
        }

        return (file.LastWriteTimeUtc, file.Length);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var generation in new[] { current, retired })
        {
            if (generation is not null)
            {
                await generation.Root.DisposeAsync();
            }
        }

        opening.Dispose();
    }

    private sealed record Generation(
        (DateTime WrittenAt, long Length) Stamp, DuckDBConnection Root, string? RunId, DateTimeOffset? BuiltAt, WarehouseAnswers? Answers,
        DateOnly? DataAsOf)
    {
        public static async Task<Generation> OpenAsync(string path, (DateTime, long) stamp, int keptAnswers, CancellationToken cancellationToken)
        {
            var root = new DuckDBConnection("Data Source=:memory:");
            try
            {
                await root.OpenAsync(cancellationToken);
                await using var command = root.CreateCommand();
                command.CommandText = $"ATTACH '{path.Replace("'", "''", StringComparison.Ordinal)}' AS {Catalog} (READ_ONLY)";
                await command.ExecuteNonQueryAsync(cancellationToken);
                // Rows of another format mean something else (an older file: UTC days, or no metric views at all).
                var format = await WarehouseBuilder.ReadFormatAsync(root, Catalog, cancellationToken);
                if (format != WarehouseBuilder.FormatVersion)
                {
                    throw new WarehouseUnavailableException(
                        $"The warehouse was built by an older version (format {format}, this API reads format "
                        + $"{WarehouseBuilder.FormatVersion}); an administrator rebuilds it with `dotnet run --project etl/Analytics.Etl -- run`.",
                        $"The warehouse at {path} is of format {format}, this API reads format {WarehouseBuilder.FormatVersion}");
                }

                command.CommandText = $"SELECT run_id, finished_at, data_as_of FROM {Catalog}.etl_runs ORDER BY finished_at DESC LIMIT 1";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                string? runId = null;
                DateTimeOffset? builtAt = null;
                DateOnly? dataAsOf = null;
                if (await reader.ReadAsync(cancellationToken))
                {
                    runId = reader.GetString(0);
                    builtAt = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc));
                    dataAsOf = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2);
                }

                return new Generation(stamp, root, runId, builtAt, keptAnswers > 0 ? new WarehouseAnswers(keptAnswers) : null, dataAsOf);
            }
            catch (DuckDBException ex)
            {
                await root.DisposeAsync();
                throw new WarehouseUnavailableException(
                    "The warehouse cannot be read; the server log says why.",
                    $"The warehouse at {path} cannot be read: {Analytics.Etl.Commands.WarehouseReader.OneLine(ex.Message)}");
            }
            catch
            {
                await root.DisposeAsync();
                throw;
            }
        }
    }
}
