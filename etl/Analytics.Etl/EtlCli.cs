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
            CaseStudyCommand.Create(warehouse, output, error),
            ScheduleCommand.Create(provider, connection, warehouse, error, clock,
                async (settings, incremental, log, cancellationToken) =>
                    await RunCommand.RunOnceAsync(settings, log, log, cancellationToken, incremental, clock) == 0),
        };

        // A stack trace helps nobody running a nightly job: one line says what failed.
        try
        {
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                await error.WriteLineAsync($"error: {UsageMessage(root, parsed)}");

                // import and casestudy promise 2 for usage errors, so scripts can tell a bad command line from a bad
                // ledger or an unknown county (1); the other commands document 1 for every failure.
                return parsed.CommandResult.Command.Name is ImportCommand.Name or CaseStudyCommand.Name ? UsageError : 1;
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

    /// <summary>
    /// A bad command line as one line with the next step: an unknown command with the nearest ones and the list, a
    /// missing argument or option with the command's usage (help pages are for <c>--help</c>, not for mistakes).
    /// </summary>
    private static string UsageMessage(RootCommand root, ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var commands = root.Subcommands.Select(c => c.Name).ToList();
        if (command == root)
        {
            if (parsed.UnmatchedTokens.FirstOrDefault() is { } unknown)
            {
                var near = commands.Where(c => Distance(c, unknown) <= 2 || c.StartsWith(unknown, StringComparison.Ordinal)).ToList();
                return $"unknown command '{unknown}'{(near.Count > 0 ? $" (did you mean {string.Join(" or ", near.Select(n => $"'{n}'"))}?)" : "")}; "
                    + $"the commands are {string.Join(", ", commands)} (`etl --help` describes them).";
            }

            return $"no command given; the commands are {string.Join(", ", commands)} (`etl --help` describes them).";
        }

        var usage = string.Join(" ", new[] { "etl", command.Name }.Concat(command.Arguments.Select(a => $"<{a.Name}>")));
        var problems = string.Join(" ", parsed.Errors.Select(e => WarehouseReader.OneLine(e.Message).TrimEnd('.') + "."));
        return $"{problems} Usage: {usage} [options] (`etl {command.Name} --help` lists them).";
    }

    /// <summary>Levenshtein distance, for "did you mean".</summary>
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
