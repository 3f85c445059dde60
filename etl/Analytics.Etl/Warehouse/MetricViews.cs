using DuckDB.NET.Data;

namespace Analytics.Etl.Warehouse;

/// <summary>
/// The metric views and table macros (<c>Warehouse/metrics.sql</c>): every metric defined once, in SQL, for analysts,
/// the GraphQL analytics fields and <c>etl verify</c>. Created in the staging file after the load and before the checks;
/// the file uses CREATE OR REPLACE, so an incremental run (a copy of the live file) simply redefines them.
/// </summary>
public static class MetricViews
{
    public static string SqlPath => Path.Combine(AppContext.BaseDirectory, "Warehouse", "metrics.sql");

    public static async Task CreateAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = await File.ReadAllTextAsync(SqlPath, cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
