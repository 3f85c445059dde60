using System.CommandLine;
using System.Diagnostics;
using DuckDB.NET.Data;

namespace Analytics.Etl.Commands;

/// <summary>
/// <c>export &lt;dir&gt;</c>: writes the warehouse as Parquet for Spark, Trino or DuckDB. Each fact table is
/// hive-partitioned by county code and year (<c>fact_case/county_code=350481/year=2021/data_0.parquet</c>, with
/// <c>county_name</c> as a column); each dimension is one file (<c>dim_region/dim_region.parquet</c>). The export is
/// written into a hidden sibling folder and renamed into place at the end, so a failure leaves no half-written folder.
/// </summary>
public static class ExportCommand
{
    /// <summary>How a fact table gets its county and year: a join, the region key to look the county up by, the year.</summary>
    private sealed record FactPartitioning(string Join, string RegionKey, string Year, bool HasYearColumn);

    private static readonly Dictionary<string, FactPartitioning> Facts = new(StringComparer.Ordinal)
    {
        ["fact_collective_income"] = new("", "f.village_key", "f.year", HasYearColumn: true),
        ["fact_case"] = new("", "f.region_key", "year(office_day(f.reported_at))", HasYearColumn: false),
        ["fact_activity"] = new("", "f.region_key", "year(f.date)", HasYearColumn: false),
        ["fact_pairing"] = new(
            "LEFT JOIN dim_organization o ON o.organization_key = f.organization_key", "o.region_key", "year(f.from_on)", HasYearColumn: false),
        ["fact_grid_steward"] = new("LEFT JOIN dim_grid g ON g.grid_key = f.grid_key", "g.region_key", "year(f.from_on)", HasYearColumn: false),
        ["fact_star_rating"] = new(
            "LEFT JOIN dim_organization o ON o.organization_key = f.organization_key", "o.region_key", "f.year", HasYearColumn: true),
        ["fact_micro_wish"] = new("", "f.region_key", "year(f.posted_on)", HasYearColumn: false),
        ["fact_community_registration"] = new("", "f.community_key", "year(f.registered_on)", HasYearColumn: false),
        ["fact_community_attendance"] = new(
            "LEFT JOIN fact_community_registration r ON r.registration_key = f.registration_key", "r.community_key", "f.year", HasYearColumn: true),
        ["fact_income_project"] = new("", "f.village_key", "f.year", HasYearColumn: true),
    };

    public static Command Create(Option<string?> warehouse, TextWriter output)
    {
        var directory = new Argument<string>("dir") { Description = "Folder to write (one sub-folder per table)." };
        var force = new Option<bool>("--force") { Description = "Replace the folder if it exists and is not empty." };
        var command = new Command("export", "Write every fact (partitioned by county and year) and dimension as Parquet.")
        {
            directory,
            warehouse,
            force,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = EtlSettings.Load(null, null, parse.GetValue(warehouse));
            return await RunAsync(settings.WarehousePath, parse.GetValue(directory)!, parse.GetValue(force), output, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(
        string warehousePath, string directory, bool force, TextWriter output, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var parent = Path.GetDirectoryName(target) ?? throw new EtlException($"Cannot export to the root folder {target}.");
        if (File.Exists(target))
        {
            throw new EtlException($"{target} is a file, not a folder.");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !force)
        {
            throw new EtlException($"{target} exists and is not empty; use --force to replace it.");
        }

        await using var connection = await WarehouseReader.OpenReadOnlyAsync(warehousePath, cancellationToken);
        var tables = await TablesAsync(connection, cancellationToken);

        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.export-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EtlException($"Cannot write to {parent}: {ex.Message}");
        }

        var published = false;
        try
        {
            var rows = new List<(string Table, long Rows)>();
            foreach (var table in tables)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows.Add((table, await CopyAsync(connection, table, Path.Combine(staging, table), cancellationToken)));
            }

            Publish(staging, target);
            published = true;

            long files = 0, bytes = 0;
            var width = tables.Max(t => t.Length);
            foreach (var (table, count) in rows)
            {
                var written = new DirectoryInfo(Path.Combine(target, table)).GetFiles("*.parquet", SearchOption.AllDirectories);
                files += written.Length;
                bytes += written.Sum(f => f.Length);
                await output.WriteLineAsync(FormattableString.Invariant(
                    $"{table.PadRight(width)}  {written.Length,5} file{(written.Length == 1 ? " " : "s")}  {count,9:N0} rows"));
            }

            await output.WriteLineAsync(FormattableString.Invariant(
                $"Exported {rows.Count} tables, {files} files, {rows.Sum(r => r.Rows):N0} rows, {bytes / 1024.0 / 1024.0:F1} MB to {target} in {stopwatch.Elapsed.TotalSeconds:F1} s."));
            return 0;
        }
        catch (DuckDBException ex)
        {
            throw new EtlException(WarehouseReader.OneLine(ex.Message));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EtlException($"Cannot write the export to {target}: {ex.Message}");
        }
        finally
        {
            if (!published && Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>
    /// Dimensions, facts and the members' counts (member_*, one file each like a dimension), in name order; a fact
    /// without a county/year mapping is an error, not a silent skip.
    /// </summary>
    private static async Task<List<string>> TablesAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'dim\\_%' ESCAPE '\\' OR table_name LIKE 'fact\\_%' ESCAPE '\\' OR table_name LIKE 'member\\_%' ESCAPE '\\' ORDER BY table_name";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        var unmapped = tables.Where(t => t.StartsWith("fact_", StringComparison.Ordinal) && !Facts.ContainsKey(t)).ToList();
        if (unmapped.Count > 0)
        {
            throw new EtlException($"No county/year partitioning defined for {string.Join(", ", unmapped)}.");
        }

        return tables;
    }

    /// <summary>One table to Parquet; returns the rows written.</summary>
    private static async Task<long> CopyAsync(DuckDBConnection connection, string table, string folder, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        if (Facts.TryGetValue(table, out var fact))
        {
            var year = fact.HasYearColumn ? "" : $", {fact.Year} AS year";
            command.CommandText = $"""
                COPY (
                    SELECT f.*, r.county_code, r.county_name{year}
                    FROM {table} f
                    {fact.Join}
                    LEFT JOIN dim_region r ON r.region_key = {fact.RegionKey}
                ) TO {Literal(folder)} (FORMAT PARQUET, PARTITION_BY (county_code, year))
                """;
        }
        else
        {
            Directory.CreateDirectory(folder);
            command.CommandText = $"COPY {table} TO {Literal(Path.Combine(folder, table + ".parquet"))} (FORMAT PARQUET)";
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Puts the finished export in place: a rename, or two when a folder is replaced (the old one goes last).</summary>
    private static void Publish(string staging, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        var replaced = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.replaced-{Guid.NewGuid():N}");
        Directory.Move(target, replaced);
        try
        {
            Directory.Move(staging, target);
        }
        catch
        {
            Directory.Move(replaced, target);
            throw;
        }

        Directory.Delete(replaced, recursive: true);
    }

    private static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
