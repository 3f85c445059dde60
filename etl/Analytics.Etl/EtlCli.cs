using System.CommandLine;
using Analytics.Data;
using Analytics.Etl.Commands;

namespace Analytics.Etl;

/// <summary>The command line: parses, runs, and turns every failure into one line on stderr and a non-zero exit code.</summary>
public static class EtlCli
{
    /// <summary>Exit code of a bad command line for the commands that tell it apart from a failure (1): import, casestudy.</summary>
    public const int UsageError = 2;

    /// <param name="clock">The time every command takes "now" and today from (tests set other years); the system's by default.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, TimeProvider? clock = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        clock ??= TimeProvider.System;

        // Options shared by every command; environment variables (Database__Provider, ConnectionStrings__Operational,
        // Warehouse__Path) supply the same settings as for the API.
        var provider = new Option<DatabaseProvider?>("--provider")
        {
            Description = "Operational store provider: Sqlite or SqlServer (default: Database:Provider, else Sqlite).",
            Recursive = true,
        };
        var connection = new Option<string?>("--connection")
        {
            Description = "Operational store connection string (default: ConnectionStrings:Operational, else Data Source=data/operational.db).",
            Recursive = true,
        };

        var warehouse = new Option<string?>("--warehouse")
        {
            Description = "DuckDB warehouse file (default: Warehouse:Path, else data/warehouse.duckdb).",
        };

        var root = new RootCommand("Analytics ETL: operational store → DuckDB warehouse, and the demo city.")
        {
            provider,
            connection,
            SeedCommand.Create(provider, connection, output, error, clock),
            ImportCommand.Create(provider, connection, output, error, clock),
            RunCommand.Create(provider, connection, warehouse, output, error, clock),
            SqlCommand.Create(warehouse, output),
            VerifyCommand.Create(warehouse, output, error),
            ExportCommand.Create(warehouse, output),
            CaseStudyCommand.Create(warehouse, output),
            ScheduleCommand.Create(provider, connection, warehouse, error, clock,
                async (settings, incremental, log, cancellationToken) =>
                    await RunCommand.RunOnceAsync(settings, log, log, cancellationToken, incremental, clock) == 0),
        };

        // A stack trace helps nobody running a nightly job: one line says what failed.
        try
        {
            var parsed = root.Parse(args);

            // import and casestudy promise 2 for usage errors, so scripts can tell a bad command line from a bad ledger
            // or an unknown county (1).
            if (parsed.Errors.Count > 0 && parsed.CommandResult.Command.Name is ImportCommand.Name or CaseStudyCommand.Name)
            {
                foreach (var parseError in parsed.Errors)
                {
                    await error.WriteLineAsync($"error: {WarehouseReader.OneLine(parseError.Message)}");
                }

                return UsageError;
            }

            return await parsed.InvokeAsync(
                new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("error: cancelled.");
            return 130;
        }
        catch (Exception ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }
}
