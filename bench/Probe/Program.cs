using System.Diagnostics;
using DuckDB.NET.Data;
var path = args[0];
var sw = Stopwatch.StartNew();
for (int i = 0; i < 20; i++) { using var c = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY"); c.Open(); using var cmd = c.CreateCommand(); cmd.CommandText = "SELECT count(*) FROM fact_case"; cmd.ExecuteScalar(); }
Console.WriteLine($"open file read-only per query: {sw.Elapsed.TotalMilliseconds / 20:F2} ms");
using var root = new DuckDBConnection("Data Source=:memory:"); root.Open();
using (var cmd = root.CreateCommand()) { cmd.CommandText = $"ATTACH '{path}' AS warehouse (READ_ONLY); USE warehouse"; cmd.ExecuteNonQuery(); }
sw.Restart();
for (int i = 0; i < 200; i++) { using var c = root.Duplicate(); if (c.State != System.Data.ConnectionState.Open) c.Open(); using var cmd = c.CreateCommand(); cmd.CommandText = "USE warehouse"; cmd.ExecuteNonQuery(); cmd.CommandText = "SELECT count(*) FROM fact_case"; var n = cmd.ExecuteScalar(); if (i == 0) Console.WriteLine($"dup sees {n} (state {c.State})"); }
Console.WriteLine($"duplicate per query: {sw.Elapsed.TotalMilliseconds / 200:F2} ms");
sw.Restart();
for (int i = 0; i < 200; i++) { using var cmd = root.CreateCommand(); cmd.CommandText = "SELECT count(*) FROM fact_case"; cmd.ExecuteScalar(); }
Console.WriteLine($"same connection: {sw.Elapsed.TotalMilliseconds / 200:F2} ms");
// parallel duplicates
sw.Restart();
Parallel.For(0, 200, i => { using var c = root.Duplicate(); if (c.State != System.Data.ConnectionState.Open) c.Open(); using var cmd = c.CreateCommand(); cmd.CommandText = "USE warehouse"; cmd.ExecuteNonQuery(); cmd.CommandText = "SELECT count(*) FROM fact_case WHERE is_resolved"; cmd.ExecuteScalar(); });
Console.WriteLine($"parallel duplicates ok: {sw.Elapsed.TotalMilliseconds / 200:F2} ms");
