using System.CommandLine;
using System.Diagnostics;
using Analytics.Data;
using Analytics.Etl.Warehouse;

namespace Analytics.Etl.Commands;

/// <summary><c>run</c>: rebuilds the warehouse from the operational store and publishes it only if every check passes.</summary>
public static class RunCommand
{
    public static Command Create(
        Option<DatabaseProvider?> provider, Option<string?> connection, Option<string?> warehouse, TextWriter output, TextWriter error)
    {
        var command = new Command("run", "Full rebuild of the DuckDB warehouse; published only when every reconciliation and data-quality check passes.")
        {
            warehouse,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = EtlSettings.Load(parse.GetValue(provider), parse.GetValue(connection), parse.GetValue(warehouse));
            return await RunAsync(settings, output, error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(EtlSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var contexts = OperationalStoreExtensions.CreateFactory(settings.Provider, settings.OperationalConnectionString);
        var builder = new WarehouseBuilder(contexts, settings.WarehousePath);
        error.WriteLine($"Building {builder.WarehousePath} from the {settings.Provider} store…");
        var clock = Stopwatch.StartNew();
        string? lastTable = null;
        var progress = new SynchronousProgress<WarehouseProgress>(p =>
        {
            // One line per step, not per batch: the log of a nightly job stays readable.
            if (p.Step != lastTable)
            {
                lastTable = p.Step;
                error.WriteLine($"  {clock.Elapsed.TotalSeconds,6:0.0}s  {p.Step}");
            }
        });

        WarehouseRunResult result;
        try
        {
            result = await builder.BuildAsync(progress, cancellationToken);
        }
        catch (WarehouseCheckFailedException failed)
        {
            foreach (var check in failed.Failed)
            {
                output.WriteLine($"FAIL  {check.Name}  {check.Detail}");
            }

            throw new EtlException(failed.Message);
        }

        output.WriteLine($"{"table",-30}{"source",12}{"warehouse",12}");
        foreach (var table in result.Tables)
        {
            output.WriteLine($"{table.Table,-30}{table.SourceRows,12:N0}{table.WarehouseRows,12:N0}");
        }

        foreach (var check in result.Checks)
        {
            output.WriteLine($"{(check.Passed ? "ok  " : "FAIL")}  {check.Name}  {check.Detail}");
        }

        var seconds = result.Elapsed.TotalSeconds;
        error.WriteLine(
            $"Published {result.TotalRows:N0} rows in {seconds:0.0} s ({result.TotalRows / seconds:N0} rows/s); "
            + $"{result.Checks.Count} checks passed; run {result.RunId}.");
        return 0;
    }
}
