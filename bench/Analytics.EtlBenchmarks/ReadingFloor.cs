using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Analytics.Data;
using Analytics.Etl.Warehouse;

/// <summary>
/// The floor under any full rebuild that reads the source the way the design prescribes (EF Core,
/// <c>AsNoTracking</c>, Mapster's projection): the ETL's own <see cref="WarehouseBuilder"/>, one table at a time, every
/// row dropped just before the appender (its <see cref="WarehouseBuilder.RowFilter"/>), so what each table's reader
/// thread is busy with is the source query, the materialization and the mapping, with nothing appended and nothing else
/// running beside it. The run is stopped once the last table is read, before anything is published.
/// Prints <c>reading &lt;table&gt; &lt;rows&gt; &lt;s&gt;</c> per table, then <c>reading-total &lt;rows&gt; &lt;s&gt;</c>.
/// </summary>
internal static class ReadingFloor
{
    public static async Task<int> RunAsync(string store)
    {
        if (!File.Exists(store))
        {
            Console.Error.WriteLine($"No SQLite store at {Path.GetFullPath(store)}.");
            return 2;
        }

        var rows = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var work = Directory.CreateTempSubdirectory("etl-reading-floor-");
        var builder = new WarehouseBuilder(
            OperationalStoreExtensions.CreateFactory(DatabaseProvider.Sqlite, $"Data Source={Path.GetFullPath(store)};Mode=ReadOnly"),
            Path.Combine(work.FullName, "warehouse.duckdb"))
        {
            Parallelism = 1,
            RowFilter = (table, _) =>
            {
                rows.AddOrUpdate(table, 1, (_, count) => count + 1);
                return false;
            },
        };
        var reading = new List<(string Table, TimeSpan Busy)>();
        var tables = WarehouseChecks.Tables.Count();
        using var loaded = new CancellationTokenSource();
        try
        {
            // The builder reports from the loading threads; each finished table carries its reader's busy time. Once the
            // last table is read the run is stopped: what follows (totals, metric views, checks) is not reading.
            await builder.BuildAsync(new SynchronousProgress<WarehouseProgress>(p =>
            {
                if (p is { Done: true, Reading: { } busy })
                {
                    lock (reading)
                    {
                        reading.Add((p.Step, busy));
                        if (reading.Count == tables)
                        {
                            loaded.Cancel();
                        }
                    }
                }
            }), loaded.Token);
            Console.Error.WriteLine("The run published a warehouse although every row was dropped: its checks are broken.");
            return 1;
        }
        catch (OperationCanceledException) when (reading.Count == tables)
        {
            // Expected: stopped after the last table, before anything was published.
        }
        finally
        {
            work.Delete(recursive: true);
        }

        var inv = CultureInfo.InvariantCulture;
        foreach (var (table, busy) in reading)
        {
            Console.WriteLine(string.Create(inv, $"reading\t{table}\t{rows.GetValueOrDefault(table)}\t{busy.TotalSeconds:0.000}"));
        }

        Console.WriteLine(string.Create(inv,
            $"reading-total\t{rows.Values.Sum()}\t{reading.Sum(r => r.Busy.TotalSeconds):0.000}"));
        return 0;
    }
}
