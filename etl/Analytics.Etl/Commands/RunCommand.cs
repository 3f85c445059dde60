using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Analytics.Data;
using Analytics.Etl.Warehouse;
using Spectre.Console;

namespace Analytics.Etl.Commands;

/// <summary><c>run</c>: rebuilds the warehouse from the operational store and publishes it only if every check passes.</summary>
public static class RunCommand
{
    public static Command Create(
        Option<DatabaseProvider?> provider, Option<string?> connection, Option<string?> warehouse, TextWriter output, TextWriter error,
        TimeProvider clock)
    {
        var incremental = new Option<bool>("--incremental")
        {
            Description = "Start from a copy of the live warehouse and apply only the rows inserted or updated since its last "
                + "watermark (deletions are not seen). Without a live warehouse or a watermark, a full rebuild.",
        };
        var command = new Command("run", "Rebuild (or with --incremental, update) the DuckDB warehouse; published only when every reconciliation and data-quality check passes.")
        {
            warehouse,
            incremental,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = EtlSettings.Load(parse.GetValue(provider), parse.GetValue(connection), parse.GetValue(warehouse));
            return await RunOnceAsync(settings, output, error, cancellationToken, parse.GetValue(incremental), clock);
        });
        return command;
    }

    /// <summary>Progress bars when stderr is a terminal; otherwise one plain line per step, for logs.</summary>
    private static async Task<WarehouseRunResult> BuildWithProgressAsync(
        WarehouseBuilder builder, bool incremental, TextWriter error, CancellationToken cancellationToken)
    {
        Task<WarehouseRunResult> Build(IProgress<WarehouseProgress> progress) => incremental
            ? builder.BuildIncrementalAsync(progress, cancellationToken)
            : builder.BuildAsync(progress, cancellationToken);

        if (!ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected)
        {
            // One line when a step starts and, for a table, one when it is loaded: tables load side by side.
            var clock = Stopwatch.StartNew();
            var started = new Dictionary<string, TimeSpan>();
            return await Build(new SynchronousProgress<WarehouseProgress>(p =>
            {
                lock (started)
                {
                    if (started.TryAdd(p.Step, clock.Elapsed))
                    {
                        error.WriteLine($"  {clock.Elapsed.TotalSeconds,6:0.0}s  {p.Step}");
                    }

                    if (p.Done)
                    {
                        var seconds = (clock.Elapsed - started[p.Step]).TotalSeconds;
                        error.WriteLine($"  {clock.Elapsed.TotalSeconds,6:0.0}s  {p.Step}: {p.Rows:N0} rows in {seconds:0.0} s"
                            + $" (reading {p.Reading?.TotalSeconds:0.0} s, appending {p.Appending?.TotalSeconds:0.0} s)");
                    }
                }
            }));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = InteractionSupport.Yes, // stderr is a terminal (checked above), whatever stdout is redirected to
        });
        var tables = WarehouseChecks.Tables.ToHashSet();
        return await console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                // A bar per table (several load at once, each finished by its last report); other steps one after another.
                var tasks = new Dictionary<string, ProgressTask>();
                void Finish(ProgressTask task)
                {
                    task.IsIndeterminate = false;
                    task.Value = task.MaxValue;
                    task.StopTask();
                }

                var progress = new SynchronousProgress<WarehouseProgress>(p =>
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(p.Step, out var task))
                        {
                            foreach (var (step, open) in tasks)
                            {
                                if (!tables.Contains(step) && !open.IsFinished)
                                {
                                    Finish(open);
                                }
                            }

                            task = tasks[p.Step] = context.AddTask(Markup.Escape(p.Step)).IsIndeterminate();
                        }

                        task.Description = Markup.Escape($"{p.Step,-30}{p.Rows,12:N0}");
                        if (p.Done)
                        {
                            Finish(task);
                        }
                    }
                });
                try
                {
                    return await Build(progress);
                }
                finally
                {
                    lock (tasks)
                    {
                        foreach (var task in tasks.Values.Where(t => !t.IsFinished))
                        {
                            Finish(task);
                        }
                    }
                }
            });
    }

    /// <summary>One full rebuild (also what <c>schedule</c> runs each night) or incremental run; 0 when published.</summary>
    public static async Task<int> RunOnceAsync(
        EtlSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken, bool incremental = false,
        TimeProvider? clock = null)
    {
        var contexts = OperationalStoreExtensions.CreateFactory(settings.Provider, settings.OperationalConnectionString);
        await settings.EnsureStoreReadyAsync(contexts, cancellationToken);
        // The ETL's process: the load's rows go back to the operating system before the metric step (1 GiB at scale 100).
        var builder = new WarehouseBuilder(contexts, settings.WarehousePath)
        {
            CompactMemoryAfterLoad = true,
            Clock = clock ?? TimeProvider.System,
        };
        error.WriteLine(incremental
            ? $"Updating {builder.WarehousePath} incrementally from the {settings.Provider} store…"
            : $"Building {builder.WarehousePath} from the {settings.Provider} store…");
        WarehouseRunResult result;
        try
        {
            result = await BuildWithProgressAsync(builder, incremental, error, cancellationToken);
        }
        catch (WarehouseCheckFailedException failed)
        {
            foreach (var check in failed.Failed)
            {
                output.WriteLine($"FAIL  {check.Name}  {check.Detail}");
            }

            throw new EtlException(failed.Message);
        }

        output.WriteLine(result switch
        {
            { Mode: WarehouseBuilder.IncrementalMode, PreviousWatermark: { } since } =>
                $"mode: Incremental (rows updated after {Analytics.Domain.Instants.Format(since)}; dimensions rebuilt whole)",
            { FallbackReason: { } reason } => $"mode: Full (incremental not possible: {reason})",
            _ => "mode: Full",
        });
        if (result.Calendar is { } calendar)
        {
            output.WriteLine($"calendar: {calendar.First:yyyy-MM-dd}..{calendar.Last:yyyy-MM-dd}; data as of {calendar.DataAsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(no events)"}");
        }

        output.WriteLine($"{"table",-30}{"source",12}{"warehouse",12}{"applied",12}");
        foreach (var table in result.Tables)
        {
            output.WriteLine($"{table.Table,-30}{table.SourceRows,12:N0}{table.WarehouseRows,12:N0}{table.AppliedRows,12:N0}");
        }

        foreach (var check in result.Checks)
        {
            output.WriteLine($"{(check.Passed ? "ok  " : "FAIL")}  {check.Name}  {check.Detail}");
        }

        var seconds = result.Elapsed.TotalSeconds;
        error.WriteLine(
            $"Published {result.TotalRows:N0} rows ({result.Mode}, {result.Tables.Sum(t => t.AppliedRows):N0} applied) in {seconds:0.0} s{(result.Mode == WarehouseBuilder.FullMode ? $" ({result.TotalRows / seconds:N0} rows/s)" : "")}; "
            + $"{result.Checks.Count} checks passed; run {result.RunId}.");
        return 0;
    }
}
