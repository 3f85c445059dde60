using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Analytics.Etl.Warehouse;
using Spectre.Console;

namespace Analytics.Etl.Commands;

/// <summary>
/// <c>verify</c>: computes every published figure of the claims file from the warehouse (through the metric views) and
/// prints claim, printed, computed and verdict; exit code 1 when any claim fails.
/// </summary>
public static class VerifyCommand
{
    private static readonly string[] Columns = ["claim", "county", "metric", "period", "as of", "printed", "computed", "verdict"];

    /// <summary><c>--claims &lt;file&gt;</c>, for every command that reads the published claims.</summary>
    public static Option<string?> ClaimsOption() => new("--claims")
    {
        Description = "Claims file (default: Claims/claims.json shipped with the ETL).",
    };

    public static Command Create(Option<string?> warehouse, TextWriter output, TextWriter error)
    {
        var claims = ClaimsOption();
        var format = SqlCommand.FormatOption();
        var command = new Command("verify", "Check every published figure (claims file) against the warehouse; exit code 1 if any fails.")
        {
            warehouse,
            claims,
            format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = EtlSettings.Load(null, null, parse.GetValue(warehouse));
            return await RunAsync(settings.WarehousePath, parse.GetValue(claims), parse.GetValue(format), output, error, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(
        string warehousePath, string? claimsPath, SqlOutputFormat format, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var results = await ClaimVerifier.VerifyAsync(warehousePath, claimsPath, cancellationToken);
        var rows = results.Select(r => new[]
        {
            r.Claim.Id, r.County, r.Metric, r.Period, AsOf(r.Claim), r.Printed, r.ComputedText, r.Verdict.ToString(),
        }).ToList();
        switch (format)
        {
            case SqlOutputFormat.Csv:
                await output.WriteLineAsync(SqlCommand.CsvLine(Columns.Append("detail").Append("sentence")));
                foreach (var (row, result) in rows.Zip(results))
                {
                    await output.WriteLineAsync(SqlCommand.CsvLine(row.Append(result.Detail).Append(result.Sentence ?? "")));
                }

                break;
            case SqlOutputFormat.Json:
                await output.WriteLineAsync(JsonSerializer.Serialize(
                    results.Select(r => new
                    {
                        claim = r.Claim.Id, county = r.County, metric = r.Metric, period = r.Period, asOf = AsOf(r.Claim),
                        asOfQuote = r.Claim.AsOfQuote, printed = r.Printed, value = r.Claim.Value,
                        qualifier = r.Claim.Reading.Qualifier.ToString(), admits = r.Claim.Reading.Range, computed = r.Computed,
                        computedText = r.ComputedText, verdict = r.Verdict.ToString(), detail = r.Detail, sentence = r.Sentence,
                        source = r.Claim.Source, quote = r.Claim.Quote,
                    }),
                    new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                break;
            default:
                if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
                {
                    WriteSpectreTable(results);
                }
                else
                {
                    await SqlCommand.WriteTableAsync(Columns, rows, output);
                }

                break;
        }

        var failed = results.Where(r => r.Verdict == ClaimVerdict.Fail).ToList();
        var unverifiable = results.Where(r => r.Verdict == ClaimVerdict.Unverifiable).ToList();
        var summary = new StringBuilder($"{results.Count} claims: {results.Count - failed.Count - unverifiable.Count} passed, {failed.Count} failed");
        if (unverifiable.Count > 0)
        {
            summary.Append($", {unverifiable.Count} not verifiable ({string.Join("; ", unverifiable.Select(r => $"{r.Claim.Id}: {r.Detail}"))})");
        }

        await error.WriteLineAsync(summary.Append('.').ToString());
        if (failed.Count > 0)
        {
            throw new EtlException($"{failed.Count} of {results.Count} published claims failed: "
                + string.Join("; ", failed.Select(r => $"{r.Claim.Id} ({r.Detail})")));
        }

        if (unverifiable.Count > 0)
        {
            // A figure the warehouse cannot compute is not verified either: say so with the exit code too.
            throw new EtlException($"{unverifiable.Count} of {results.Count} published claims cannot be verified from the warehouse: "
                + string.Join("; ", unverifiable.Select(r => $"{r.Claim.Id} ({r.Detail})")));
        }

        return 0;
    }

    private static string AsOf(PublishedClaim claim) => IsoDate.Format(claim.AsOf);

    private static void WriteSpectreTable(IReadOnlyList<ClaimResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in Columns)
        {
            table.AddColumn(new TableColumn(column).NoWrap());
        }

        foreach (var result in results)
        {
            var color = result.Verdict switch { ClaimVerdict.Pass => "green", ClaimVerdict.Fail => "red", _ => "yellow" };
            table.AddRow(
                Markup.Escape(result.Claim.Id), Markup.Escape(result.County), Markup.Escape(result.Metric), Markup.Escape(result.Period),
                AsOf(result.Claim),
                Markup.Escape(result.Printed), Markup.Escape(result.ComputedText), $"[{color}]{result.Verdict}[/]");
        }

        AnsiConsole.Write(table);
    }
}
