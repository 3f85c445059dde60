using System.CommandLine;
using System.Globalization;
using Analytics.Data;
using Analytics.Data.Ledgers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace Analytics.Etl.Commands;

/// <summary>
/// <c>import &lt;file&gt;</c>: imports an office's ledger (台账) of members, pairings or cases into the operational store.
/// Exit 0 when imported, 1 with the full error report when any row fails (nothing is written), 2 for usage errors.
/// </summary>
public static class ImportCommand
{
    public const string Name = "import";

    public static Command Create(
        Option<DatabaseProvider?> provider, Option<string?> connection, TextWriter output, TextWriter error, TimeProvider clock)
    {
        var file = new Argument<FileInfo>("file") { Description = "The ledger: .xlsx (first sheet) or .csv (UTF-8 or GBK), header in row 1." };
        var kind = new Option<LedgerKind?>("--kind")
        {
            Description = "Members, Pairings or Cases (default: inferred from the header row).",
        };
        var maxSize = new Option<int?>("--max-size-mb")
        {
            Description = "Refuse larger files before reading them (default: Ledgers:MaxFileMegabytes, else 10).",
        };
        maxSize.Validators.Add(result =>
        {
            if (result.GetValue(maxSize) is < 1 or > 1024)
            {
                result.AddError("--max-size-mb must be between 1 and 1024.");
            }
        });

        var command = new Command(Name, "Import a ledger (台账) of party members, pairings or cases from CSV or XLSX: every row is validated first; any bad row and nothing is written.")
        {
            file,
            kind,
            maxSize,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await error.WriteLineAsync($"error: {path.FullName} does not exist.");
                return EtlCli.UsageError;
            }

            var settings = EtlSettings.Load(parse.GetValue(provider), parse.GetValue(connection), warehousePath: null);
            var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var megabytes = parse.GetValue(maxSize)
                ?? (int.TryParse(environment[$"{LedgerImportOptions.SectionName}:MaxFileMegabytes"],
                    CultureInfo.InvariantCulture, out var configured) ? configured : (int)(LedgerImportOptions.DefaultMaxFileBytes / 1024 / 1024));
            var inflated = int.TryParse(environment[$"{LedgerImportOptions.SectionName}:MaxInflatedMegabytes"], CultureInfo.InvariantCulture, out var inflatedMegabytes)
                ? inflatedMegabytes * 1024L * 1024 : LedgerImportOptions.DefaultMaxInflatedBytes;
            return await RunAsync(settings, path, parse.GetValue(kind),
                new LedgerImportOptions(MaxFileBytes: megabytes * 1024L * 1024, MaxInflatedBytes: inflated), output, error, clock, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        EtlSettings settings, FileInfo file, LedgerKind? kind, LedgerImportOptions options, TextWriter output, TextWriter error,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        // The write interceptors stamp UpdatedAt and versions and write the audit entries of the import.
        var contexts = OperationalStoreExtensions.CreateFactory(
            settings.Provider, settings.OperationalConnectionString, OperationalStoreExtensions.WriteInterceptors(clock));
        // Ledgers name organizations and regions that must already be there: an empty or outdated store is a setup problem.
        await settings.EnsureStoreReadyAsync(contexts, cancellationToken);

        var result = await new LedgerImporter(contexts, clock, options).ImportFileAsync(
            file.FullName, kind, new AuditActor($"etl import ({Environment.UserName})", "Office"), cancellationToken);
        var what = result.Kind is { } k ? $"{k.ToString().ToLowerInvariant()} ledger" : "ledger";
        var how = result.Format is null ? "" : $" ({result.Format}{(result.Encoding is null ? "" : ", " + result.Encoding)})";
        if (result.Succeeded)
        {
            // Which rows overwrote a stored record (perhaps one entered through the API since): the office checks those.
            var which = result.UpdatedRows.Count == 0 ? ""
                : $" ({(result.UpdatedRows.Count == 1 ? "row" : "rows")} {string.Join(", ", result.UpdatedRows.Take(20))}{(result.UpdatedRows.Count > 20 ? $" and {result.UpdatedRows.Count - 20} more" : "")})";
            await output.WriteLineAsync(
                $"Imported the {what}{how} {file.Name}: {result.RowsRead} rows read, {result.Inserted} inserted, {result.Updated} updated{which}, {result.Unchanged} unchanged.");
            return 0;
        }

        WriteReport(result, error);
        var rows = result.Errors.Where(e => e.Row is > 1).Select(e => e.Row).Distinct().Count();
        await error.WriteLineAsync(
            $"error: the {what}{how} {file.Name} has {Count(result.Errors.Count, "problem")}"
            + (rows > 0 ? $" in {Count(rows, "row")} of {result.RowsRead}" : "") + "; nothing was imported.");
        return 1;
    }

    /// <summary>A table when stderr is a terminal; otherwise one plain line per problem, for logs and scripts.</summary>
    private static void WriteReport(LedgerImportResult result, TextWriter error)
    {
        if (!ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected)
        {
            foreach (var e in result.Errors)
            {
                error.WriteLine($"{Where(e)}: {e.Message} [{e.Code}]");
            }

            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var table = new Table().Border(TableBorder.Rounded).AddColumns("行 Row", "列 Column", "Code", "Problem");
        foreach (var e in result.Errors)
        {
            table.AddRow(
                Markup.Escape(e.Row?.ToString(CultureInfo.InvariantCulture) ?? "–"),
                Markup.Escape(e.Column ?? "–"),
                Markup.Escape(e.Code),
                Markup.Escape(e.Message));
        }

        console.Write(table);
    }

    private static string Where(LedgerError e) => (e.Row, e.Column) switch
    {
        (null, _) => "file",
        ({ } row, null) => $"row {row}",
        ({ } row, { } column) => $"row {row}, {column}",
    };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
