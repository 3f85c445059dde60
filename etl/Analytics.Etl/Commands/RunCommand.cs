using System.CommandLine;
using System.Diagnostics;
using Analytics.Data;
using Analytics.Etl.Warehouse;
using Microsoft.Data.Sqlite;
using Spectre.Console;

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
            return await RunOnceAsync(settings, output, error, cancellationToken);
        });
        return command;
    }

    /// <summary>Progress bars when stderr is a terminal; otherwise one plain line per step, for logs.</summary>
    private static async Task<WarehouseRunResult> BuildWithProgressAsync(
        WarehouseBuilder builder, TextWriter error, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected)
        {
            var clock = Stopwatch.StartNew();
            string? lastStep = null;
            return await builder.BuildAsync(new SynchronousProgress<WarehouseProgress>(p =>
            {
                if (p.Step != lastStep)
                {
                    lastStep = p.Step;
                    error.WriteLine($"  {clock.Elapsed.TotalSeconds,6:0.0}s  {p.Step}");
                }
            }), cancellationToken);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = InteractionSupport.Yes, // stderr is a terminal (checked above), whatever stdout is redirected to
        });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask? current = null;
                string? step = null;
                void Finish()
                {
                    if (current is not null)
                    {
                        current.IsIndeterminate = false;
                        current.Value = current.MaxValue;
                        current.StopTask();
                    }
                }

                var progress = new SynchronousProgress<WarehouseProgress>(p =>
                {
                    if (p.Step != step)
                    {
                        Finish();
                        step = p.Step;
                        current = context.AddTask(Markup.Escape(p.Step)).IsIndeterminate();
                    }

                    current!.Description = Markup.Escape($"{p.Step,-30}{p.Rows,12:N0}");
                });
                try
                {
                    return await builder.BuildAsync(progress, cancellationToken);
                }
                finally
                {
                    Finish();
                }
            });
    }

    /// <summary>One full rebuild (also what <c>schedule</c> runs each night); 0 when published.</summary>
    public static async Task<int> RunOnceAsync(EtlSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // Opening a missing SQLite file would create an empty one and fail later with "no such table".
        if (settings.Provider == DatabaseProvider.Sqlite
            && new SqliteConnectionStringBuilder(settings.OperationalConnectionString).DataSource is { Length: > 0 } file
            && file != ":memory:" && !File.Exists(file))
        {
            throw new EtlException($"No operational store at {Path.GetFullPath(file)}; run `etl seed` or point --connection at one.");
        }

        var contexts = OperationalStoreExtensions.CreateFactory(settings.Provider, settings.OperationalConnectionString);
        var builder = new WarehouseBuilder(contexts, settings.WarehousePath);
        error.WriteLine($"Building {builder.WarehousePath} from the {settings.Provider} store…");
        WarehouseRunResult result;
        try
        {
            result = await BuildWithProgressAsync(builder, error, cancellationToken);
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
