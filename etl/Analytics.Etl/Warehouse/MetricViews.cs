using System.Globalization;
using Analytics.Domain.Workflows;
using DuckDB.NET.Data;

namespace Analytics.Etl.Warehouse;

/// <summary>
/// The metric views and table macros (<c>Warehouse/metrics.sql</c>): every metric defined once, in SQL, for analysts,
/// the GraphQL analytics fields and <c>etl verify</c>. Created in the staging file after the load and before the checks.
/// <para>
/// The views that aggregate the large facts through the region rollup (a case counts in its village, township, county
/// and city) take seconds per query at scale 100. Those are <see cref="Materialized"/> at load: the view is renamed
/// <c>&lt;name&gt;_definition</c> (its SQL stays the one definition) and a table of the original name is filled from it.
/// Everyone still reads <c>&lt;name&gt;</c>, now in milliseconds, and the published file never changes after the load,
/// so the table cannot drift from its definition. An incremental run drops them first and redefines everything.
/// </para>
/// </summary>
public static class MetricViews
{
    /// <summary>
    /// Materialized views, in dependency order: the region rollup (a recursive walk up the region tree that every
    /// per-region view joins), then the heavy metrics; the league table reads the others.
    /// </summary>
    public static readonly IReadOnlyList<string> Materialized =
    [
        "region_rollup", "metric_cases", "metric_cases_by_year", "metric_case_backlog", "metric_activities", "metric_micro_wishes",
        "metric_grid_coverage", "metric_pairing_compliance", "metric_pairing_summary", "metric_league_table",
    ];

    public const string DefinitionSuffix = "_definition";

    public static string SqlPath => Path.Combine(AppContext.BaseDirectory, "Warehouse", "metrics.sql");

    public static async Task CreateAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        foreach (var name in Materialized)
        {
            if (await ExistsAsync(connection, "duckdb_tables()", "table_name", name, cancellationToken))
            {
                await WarehouseBuilder.ExecuteAsync(connection, $"DROP TABLE {name}", cancellationToken);
            }

            if (await ExistsAsync(connection, "duckdb_views()", "view_name", name + DefinitionSuffix, cancellationToken))
            {
                await WarehouseBuilder.ExecuteAsync(connection, $"DROP VIEW {name}{DefinitionSuffix}", cancellationToken);
            }
        }

        await CreateComplianceRulesAsync(connection, cancellationToken);
        await WarehouseBuilder.ExecuteAsync(connection, await File.ReadAllTextAsync(SqlPath, cancellationToken), cancellationToken);

        foreach (var name in Materialized)
        {
            var comment = await WarehouseChecks.ScalarAsync(connection, $"SELECT comment FROM duckdb_views() WHERE view_name = '{name}'", cancellationToken) as string
                ?? throw new InvalidOperationException($"metrics.sql defines no view {name}.");
            var definition = name + DefinitionSuffix;
            await WarehouseBuilder.ExecuteAsync(connection, $"ALTER VIEW {name} RENAME TO {definition}", cancellationToken);
            await WarehouseBuilder.ExecuteAsync(connection, $"CREATE TABLE {name} AS SELECT * FROM {definition}", cancellationToken);
            var note = string.Create(CultureInfo.InvariantCulture,
                $"{comment} (Materialized at load from the view {definition}, which holds its definition.)");
            await WarehouseBuilder.ExecuteAsync(connection, $"COMMENT ON TABLE {name} IS '{note.Replace("'", "''", StringComparison.Ordinal)}'", cancellationToken);
        }
    }

    /// <summary>
    /// <c>compliance_rule</c>: the 四联四促 minimums and deadlines, copied from the definitions the live
    /// <c>complianceStatus</c> evaluates (<see cref="PairingCompliance.Rules"/>), for <c>metric_compliance_check</c>.
    /// Rewritten at every run, so a changed rule reaches both sides together.
    /// </summary>
    private static async Task CreateComplianceRulesAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        static string OrNull(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "NULL";
        var rows = string.Join(", ", PairingCompliance.Rules.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"('{r.Rule}', {r.Minimum}, {OrNull(r.DeadlineMonth)}, {OrNull(r.DeadlineDay)})")));
        await WarehouseBuilder.ExecuteAsync(connection,
            $"""
            CREATE OR REPLACE TABLE compliance_rule (rule VARCHAR NOT NULL, minimum INTEGER NOT NULL, deadline_month INTEGER, deadline_day INTEGER);
            INSERT INTO compliance_rule VALUES {rows};
            COMMENT ON TABLE compliance_rule IS '四联四促 rules (明委工〔2023〕6号) as the live GraphQL complianceStatus evaluates them, written by the ETL from the same definitions: metric_compliance_check reads its minimums and deadlines.';
            COMMENT ON COLUMN compliance_rule.rule IS 'VillagePairedByJune, CommunityPairedByJune, EnterprisePairedByJune, ProjectPairedByJune, LeaderVisits, DeputyVisitsFirstHalf, DeputyVisitsSecondHalf, JointPartyClasses, ThemeDays, PracticeActivities, ThreeLinksLeaderVisits.';
            COMMENT ON COLUMN compliance_rule.minimum IS 'At least this many (pairings in force, visits, activities) per year, half-year or paired village.';
            COMMENT ON COLUMN compliance_rule.deadline_month IS 'Pairing rules: month of the day by which the pairing must be in force (6: 6月底前); NULL for the others.';
            COMMENT ON COLUMN compliance_rule.deadline_day IS 'Pairing rules: day of that month (30).';
            """, cancellationToken);
    }

    private static async Task<bool> ExistsAsync(
        DuckDBConnection connection, string catalog, string column, string name, CancellationToken cancellationToken) =>
        Convert.ToInt64(await WarehouseChecks.ScalarAsync(connection, $"SELECT COUNT(*) FROM {catalog} WHERE {column} = '{name}' AND NOT internal",
            cancellationToken), CultureInfo.InvariantCulture) > 0;
}
