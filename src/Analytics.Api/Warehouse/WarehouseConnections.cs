using System.Data;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Warehouse;

/// <summary>No published warehouse to read (first start still building it, or never built).</summary>
public sealed class WarehouseUnavailableException(string message) : Exception(message)
{
    public const string Code = "WAREHOUSE_UNAVAILABLE";
}

/// <summary>One reader's connection to the warehouse, and which published build it reads.</summary>
public sealed class WarehouseSession(DuckDBConnection connection, string? runId, DateTimeOffset? builtAt) : IAsyncDisposable
{
    /// <summary>A read-only connection whose default catalog is the warehouse.</summary>
    public DuckDBConnection Connection { get; } = connection;

    /// <summary>The run that built the file being read (<c>etl_runs.run_id</c>).</summary>
    public string? RunId { get; } = runId;

    /// <summary>When that run finished: the data's freshness.</summary>
    public DateTimeOffset? BuiltAt { get; } = builtAt;

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
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
public sealed class WarehouseConnections(IOptions<WarehouseOptions> options, WarehouseBuildState state) : IAsyncDisposable
{
    private const string Catalog = "warehouse";

    private readonly SemaphoreSlim opening = new(1, 1);
    private volatile Generation? current;

    // The generation before the current one stays open until the next publication: a reader that picked it up just
    // before the switch can still duplicate its connection.
    private Generation? retired;

    public string Path { get; } = System.IO.Path.GetFullPath(options.Value.Path);

    public async Task<WarehouseSession> OpenAsync(CancellationToken cancellationToken = default)
    {
        var generation = await CurrentAsync(cancellationToken);
        var connection = generation.Root.Duplicate();
        try
        {
            if (connection.State != ConnectionState.Open)
            {
                await connection.OpenAsync(cancellationToken);
            }

            await using var use = connection.CreateCommand();
            use.CommandText = $"USE {Catalog}";
            await use.ExecuteNonQueryAsync(cancellationToken);
            return new WarehouseSession(connection, generation.RunId, generation.BuiltAt);
        }
        catch
        {
            await connection.DisposeAsync();
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

        await opening.WaitAsync(cancellationToken);
        try
        {
            stamp = Stamp();
            if (current is { } again && again.Stamp == stamp)
            {
                return again;
            }

            var next = await Generation.OpenAsync(Path, stamp, cancellationToken);
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
            throw new WarehouseUnavailableException(state.Building
                ? "The warehouse is being built (first start); analytics answer in a minute or two."
                : $"No warehouse at {Path}{(state.LastError is null ? "" : $" (the last build failed: {state.LastError})")}; "
                    + "run `dotnet run --project etl/Analytics.Etl -- run`.");
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

    private sealed record Generation((DateTime WrittenAt, long Length) Stamp, DuckDBConnection Root, string? RunId, DateTimeOffset? BuiltAt)
    {
        public static async Task<Generation> OpenAsync(string path, (DateTime, long) stamp, CancellationToken cancellationToken)
        {
            var root = new DuckDBConnection("Data Source=:memory:");
            try
            {
                await root.OpenAsync(cancellationToken);
                await using var command = root.CreateCommand();
                command.CommandText = $"ATTACH '{path.Replace("'", "''", StringComparison.Ordinal)}' AS {Catalog} (READ_ONLY)";
                await command.ExecuteNonQueryAsync(cancellationToken);
                command.CommandText = $"SELECT COUNT(*) FROM duckdb_views() WHERE database_name = '{Catalog}' AND view_name = 'metric_region'";
                if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    throw new WarehouseUnavailableException(
                        $"The warehouse at {path} was built by an older version (it has no metric views); rebuild it with "
                        + "`dotnet run --project etl/Analytics.Etl -- run`.");
                }

                command.CommandText = $"SELECT run_id, finished_at FROM {Catalog}.etl_runs ORDER BY finished_at DESC LIMIT 1";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                string? runId = null;
                DateTimeOffset? builtAt = null;
                if (await reader.ReadAsync(cancellationToken))
                {
                    runId = reader.GetString(0);
                    builtAt = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc));
                }

                return new Generation(stamp, root, runId, builtAt);
            }
            catch (DuckDBException ex)
            {
                await root.DisposeAsync();
                throw new WarehouseUnavailableException($"The warehouse at {path} cannot be read: {Analytics.Etl.Commands.WarehouseReader.OneLine(ex.Message)}");
            }
            catch
            {
                await root.DisposeAsync();
                throw;
            }
        }
    }
}
