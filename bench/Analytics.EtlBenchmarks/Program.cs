// The practical ceiling for bench/etl.sh: how fast DuckDB itself loads the warehouse's rows when it gets them as CSV.
//   Analytics.EtlBenchmarks <warehouse.duckdb> <schema.sql> <work dir>
// 1. exports every warehouse table (not dim_date, which the schema generates, nor the etl_run* history, nor the metric
//    tables materialized from the loaded rows, which have a <name>_definition view) to <work>/<table>.csv;
// 2. creates an empty DuckDB file with the same schema.sql and times COPY <table> FROM '<table>.csv' per table, then
//    CHECKPOINT (the rows are on disk, as at the end of a published run).
// Prints tab-separated lines: "table <name> <rows> <export s> <load s>", then "checkpoint <s>" and "total <rows> <load s>".
//   Analytics.EtlBenchmarks floors <store.db>
// The load's floors instead: the ETL's own load, one table at a time, first reading with nothing appended, then
// appending, each busy time alone (LoadFloors.cs).
using System.Diagnostics;
using System.Globalization;
using Analytics.Etl.Warehouse;
using DuckDB.NET.Data;

if (args is ["floors", var store])
{
    return await LoadFloors.RunAsync(store);
}

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Analytics.EtlBenchmarks <warehouse.duckdb> <schema.sql> <work dir>\n"
        + "       Analytics.EtlBenchmarks floors <store.db>");
    return 2;
}

var (warehouse, schema, work) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), Path.GetFullPath(args[2]));
if (Directory.Exists(work))
{
    Directory.Delete(work, recursive: true);
}

Directory.CreateDirectory(work);
var inv = CultureInfo.InvariantCulture;
static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";

var tables = new List<(string Name, long Rows, double ExportSeconds)>();
await using (var source = new DuckDBConnection($"Data Source={warehouse};ACCESS_MODE=READ_ONLY"))
{
    await source.OpenAsync();
    var names = new List<string>();
    await using (var list = source.CreateCommand())
    {
        list.CommandText = "SELECT table_name FROM duckdb_tables() WHERE table_name <> 'dim_date' "
            + "AND table_name NOT LIKE 'etl\\_%' ESCAPE '\\' "
            + $"AND table_name NOT IN (SELECT replace(view_name, '{MetricViews.DefinitionSuffix}', '') FROM duckdb_views() WHERE view_name LIKE '%\\{MetricViews.DefinitionSuffix}' ESCAPE '\\') "
            + "ORDER BY table_oid";
        await using var reader = await list.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
    }

    foreach (var name in names)
    {
        var clock = Stopwatch.StartNew();
        await using var copy = source.CreateCommand();
        copy.CommandText = $"COPY \"{name}\" TO {Quote(Path.Combine(work, name + ".csv"))} (FORMAT csv, HEADER true)";
        long rows = await copy.ExecuteNonQueryAsync();
        tables.Add((name, rows, clock.Elapsed.TotalSeconds));
    }
}

var target = Path.Combine(work, "ceiling.duckdb");
await using (var connection = new DuckDBConnection($"Data Source={target}"))
{
    await connection.OpenAsync();
    await using (var create = connection.CreateCommand())
    {
        create.CommandText = await File.ReadAllTextAsync(schema);
        await create.ExecuteNonQueryAsync();
    }

    var total = Stopwatch.StartNew();
    long totalRows = 0;
    foreach (var (name, rows, exportSeconds) in tables)
    {
        var clock = Stopwatch.StartNew();
        await using var copy = connection.CreateCommand();
        copy.CommandText = $"COPY \"{name}\" FROM {Quote(Path.Combine(work, name + ".csv"))} (FORMAT csv, HEADER true)";
        long loaded = await copy.ExecuteNonQueryAsync();
        if (loaded != rows)
        {
            Console.Error.WriteLine($"{name}: exported {rows} rows but loaded {loaded}");
            return 1;
        }

        totalRows += loaded;
        Console.WriteLine(string.Create(inv, $"table\t{name}\t{rows}\t{exportSeconds:0.000}\t{clock.Elapsed.TotalSeconds:0.000}"));
    }

    var checkpoint = Stopwatch.StartNew();
    await using (var command = connection.CreateCommand())
    {
        command.CommandText = "CHECKPOINT";
        await command.ExecuteNonQueryAsync();
    }

    Console.WriteLine(string.Create(inv, $"checkpoint\t{checkpoint.Elapsed.TotalSeconds:0.000}"));
    Console.WriteLine(string.Create(inv, $"total\t{totalRows}\t{total.Elapsed.TotalSeconds:0.000}"));
}

return 0;
