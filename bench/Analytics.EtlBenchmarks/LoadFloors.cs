using System.Collections.Concurrent;
using System.Globalization;
using System.Diagnostics;
using Analytics.Data;
using Analytics.Etl.Warehouse;
using Mapster;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The floors under any full rebuild that loads the way the design prescribes (EF Core <c>AsNoTracking</c> and
/// Mapster's projection, then DuckDB's mapped appenders): the ETL's own <see cref="WarehouseBuilder"/>, one table at a
/// time (<see cref="WarehouseBuilder.Parallelism"/> 1), twice:
/// <list type="number">
/// <item><b>reading</b>: every row dropped just before the appender (<see cref="WarehouseBuilder.RowFilter"/>), so what
/// each table's reader thread is busy with is the source query, the materialization and the mapping alone;</item>
/// <item><b>appending</b>: every row appended, and what is measured is the table's appender busy time: its reader runs
/// beside it on the other core, nothing else runs, so that time is the appender's own work.</item>
/// </list>
/// Each run is stopped once its last table is loaded, before the totals, metric views and checks, so nothing is published.
/// Then, for the three largest tables, the same SQL the ETL's query sends, read with Microsoft.Data.Sqlite alone (no EF
/// Core, no Mapster): what reading without the prescribed path would save.
/// Prints <c>reading &lt;table&gt; &lt;rows&gt; &lt;s&gt;</c>, <c>appending …</c> and <c>provider …</c> per table, then
/// <c>reading-total</c>, <c>appending-total</c> and <c>provider-total</c> lines of the same shape.
/// </summary>
internal static class LoadFloors
{
    public static async Task<int> RunAsync(string store)
    {
        if (!File.Exists(store))
        {
            Console.Error.WriteLine($"No SQLite store at {Path.GetFullPath(store)}.");
            return 2;
        }

        var inv = CultureInfo.InvariantCulture;
        foreach (var appending in new[] { false, true })
        {
            var step = appending ? "appending" : "reading";
            var tables = await LoadTablesAsync(store, appending);
            if (tables is null)
            {
                return 1;
            }

            foreach (var (table, rows, busy) in tables)
            {
                Console.WriteLine(string.Create(inv, $"{step}\t{table}\t{rows}\t{busy.TotalSeconds:0.000}"));
            }

            Console.WriteLine(string.Create(inv,
                $"{step}-total\t{tables.Sum(t => t.Rows)}\t{tables.Sum(t => t.Busy.TotalSeconds):0.000}"));
        }

        var provider = ReadWithProviderAlone(store);
        foreach (var (table, rows, busy) in provider)
        {
            Console.WriteLine(string.Create(inv, $"provider\t{table}\t{rows}\t{busy.TotalSeconds:0.000}"));
        }

        Console.WriteLine(string.Create(inv,
            $"provider-total\t{provider.Sum(t => t.Rows)}\t{provider.Sum(t => t.Busy.TotalSeconds):0.000}"));
        return 0;
    }

    /// <summary>
    /// The SQL of the ETL's source query for the three largest tables (as <see cref="WarehouseBuilder"/> builds it:
    /// <c>AsNoTracking</c>, ordered by id, Mapster's projection), run on a plain <see cref="SqliteDataReader"/> that
    /// fetches every value by its column's declared type and keeps nothing.
    /// </summary>
    private static List<(string Table, long Rows, TimeSpan Busy)> ReadWithProviderAlone(string store)
    {
        var contexts = SourceContexts.ForReading(
            OperationalStoreExtensions.CreateFactory(DatabaseProvider.Sqlite, $"Data Source={Path.GetFullPath(store)};Mode=ReadOnly"));
        using var db = contexts.CreateDbContext();
        var config = WarehouseMapping.Config;
        var queries = new (string Table, string Sql)[]
        {
            ("dim_member", db.PartyMembers.AsNoTracking().OrderBy(e => e.Id).ProjectToType<MemberRow>(config).ToQueryString()),
            ("fact_case", db.Cases.AsNoTracking().OrderBy(e => e.Id).ProjectToType<CaseRow>(config).ToQueryString()),
            ("fact_activity", db.Activities.AsNoTracking().OrderBy(e => e.Id).ProjectToType<ActivityRow>(config).ToQueryString()),
        };
        using var connection = new SqliteConnection($"Data Source={Path.GetFullPath(store)};Mode=ReadOnly");
        connection.Open();
        var read = new List<(string Table, long Rows, TimeSpan Busy)>();
        foreach (var (table, sql) in queries)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var clock = Stopwatch.StartNew();
            long rows = 0, sink = 0;
            using (var reader = command.ExecuteReader())
            {
                var kinds = Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName).ToArray();
                while (reader.Read())
                {
                    rows++;
                    for (var i = 0; i < kinds.Length; i++)
                    {
                        if (reader.IsDBNull(i))
                        {
                            continue;
                        }

                        sink += kinds[i] switch
                        {
                            "TEXT" => reader.GetString(i).Length,
                            "REAL" => (long)reader.GetDouble(i),
                            _ => reader.GetInt64(i),
                        };
                    }
                }
            }

            read.Add((table, rows, clock.Elapsed));
            GC.KeepAlive(sink);
        }

        return read;
    }

    /// <summary>
    /// One run, one table at a time, stopped after the last table. Per table: the rows read (reading) or appended
    /// (appending), and the busy time of its reader (reading) or of its appender (appending). Null when the run ended
    /// otherwise (reported on standard error).
    /// </summary>
    private static async Task<List<(string Table, long Rows, TimeSpan Busy)>?> LoadTablesAsync(string store, bool appending)
    {
        var dropped = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var work = Directory.CreateTempSubdirectory("etl-load-floor-");
        var builder = new WarehouseBuilder(
            OperationalStoreExtensions.CreateFactory(DatabaseProvider.Sqlite, $"Data Source={Path.GetFullPath(store)};Mode=ReadOnly"),
            Path.Combine(work.FullName, "warehouse.duckdb"))
        {
            Parallelism = 1,
            RowFilter = appending ? null : (table, _) =>
            {
                dropped.AddOrUpdate(table, 1, (_, count) => count + 1);
                return false;
            },
        };
        var loaded = new List<(string Table, long Rows, TimeSpan Busy)>();
        var tables = WarehouseChecks.Tables.Count();
        using var stop = new CancellationTokenSource();
        try
        {
            // The builder reports from the loading threads; each finished table carries its reader's and its appender's
            // busy time. Once the last table is loaded the run is stopped: what follows is neither reading nor appending.
            await builder.BuildAsync(new SynchronousProgress<WarehouseProgress>(p =>
            {
                if (p is { Done: true, Reading: { } reading, Appending: { } appender })
                {
                    lock (loaded)
                    {
                        loaded.Add(appending ? (p.Step, p.Rows, appender) : (p.Step, dropped.GetValueOrDefault(p.Step), reading));
                        if (loaded.Count == tables)
                        {
                            stop.Cancel();
                        }
                    }
                }
            }), stop.Token);
            Console.Error.WriteLine(appending
                ? "The appending run went on past its last table and published a warehouse."
                : "The reading run published a warehouse although every row was dropped: its checks are broken.");
            return null;
        }
        catch (OperationCanceledException) when (loaded.Count == tables)
        {
            // Expected: stopped after the last table, before anything was published.
            return loaded;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
