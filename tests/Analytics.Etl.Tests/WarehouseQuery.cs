using System.Numerics;
using System.Security.Cryptography;
using DuckDB.NET.Data;

namespace Analytics.Etl.Tests;

/// <summary>Reads a warehouse file's rows for assertions.</summary>
public static class WarehouseQuery
{
    /// <summary>Runs a query on the file, read-only, and returns its rows.</summary>
    public static async Task<List<object?[]>> RowsAsync(string path, string sql)
    {
        await using var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                // SUM of BIGINT is a HUGEINT (BigInteger), which Convert cannot take: counts are well within a long.
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) is BigInteger big ? (long)big : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The file's SHA-256: equal before and after means a run left it untouched.</summary>
    public static async Task<string> HashAsync(string path) =>
        Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path)));
}
