using DuckDB.NET.Data;

namespace Analytics.Etl.Commands;

/// <summary>Opening the warehouse read-only for commands that only read it (<c>sql</c>, <c>export</c>).</summary>
public static class WarehouseReader
{
    /// <summary>Opens the warehouse read-only; a missing file is an <see cref="EtlException"/> telling you to run <c>etl run</c>.</summary>
    public static async Task<DuckDBConnection> OpenReadOnlyAsync(string warehousePath, CancellationToken cancellationToken)
    {
        if (!File.Exists(warehousePath))
        {
            throw new EtlException($"No warehouse at {Path.GetFullPath(warehousePath)}; run `etl run` first.");
        }

        var connection = new DuckDBConnection($"Data Source={warehousePath};ACCESS_MODE=READ_ONLY");
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (DuckDBException ex)
        {
            await connection.DisposeAsync();
            throw new EtlException(OneLine(ex.Message));
        }

        return connection;
    }

    /// <summary>DuckDB's multi-line messages as one line, for <c>error: …</c>.</summary>
    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
