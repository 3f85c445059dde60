using System.Diagnostics;
using DuckDB.NET.Data;
File.Copy(args[0], "/tmp/probe-w.duckdb", true);
using var c = new DuckDBConnection("Data Source=/tmp/probe-w.duckdb"); c.Open();
void X(string sql) { using var cmd = c.CreateCommand(); cmd.CommandText = sql; cmd.ExecuteNonQuery(); }
X("SET memory_limit = '" + args[1] + "'; SET threads = " + args[2] + "; SET preserve_insertion_order = false");
var p = Process.GetCurrentProcess();
foreach (var name in new[] { "metric_cases", "metric_cases_by_year", "metric_case_backlog", "metric_activities", "metric_micro_wishes", "metric_grid_coverage", "metric_pairing_compliance", "metric_pairing_summary", "metric_league_table" })
{
    var sw = Stopwatch.StartNew();
    X($"CREATE TABLE probe_{name} AS SELECT * FROM {name}_definition");
    p.Refresh();
    Console.WriteLine($"{name,-28} {sw.Elapsed.TotalSeconds,6:F1} s  RSS {p.WorkingSet64 / 1048576,6} MiB  peak {p.PeakWorkingSet64 / 1048576,6} MiB");
}
