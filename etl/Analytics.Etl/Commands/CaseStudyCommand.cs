using System.CommandLine;
using System.Text;
using Analytics.Etl.Warehouse;

namespace Analytics.Etl.Commands;

/// <summary>
/// <c>casestudy &lt;county&gt; --format md|html|xlsx</c>: writes a county's case-study sheet for publicity staff (headline
/// figures and sentences, printed against computed, a table per theme, source quotes, data freshness). The file is
/// written beside its target and moved into place, so a failure leaves nothing half-written.
/// </summary>
public static class CaseStudyCommand
{
    public const string Name = "casestudy";

    /// <summary>The sheet's formats, as file extensions.</summary>
    public static readonly IReadOnlyList<string> Formats = ["md", "html", "xlsx"];

    public static Command Create(Option<string?> warehouse, TextWriter output)
    {
        var county = new Argument<string>("county") { Description = "County-level unit as named in the warehouse, e.g. 永安市." };
        var format = new Option<string>("--format")
        {
            Description = "md (GitHub Markdown), html (one self-contained page) or xlsx (Excel workbook).",
            DefaultValueFactory = _ => "md",
        };
        format.AcceptOnlyFromAmong([.. Formats]);
        var file = new Option<string?>("--output")
        {
            Description = "File to write (default: casestudy-<county>.<format> in the current folder).",
        };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists." };
        var claims = VerifyCommand.ClaimsOption();
        var command = new Command(Name, "Write a county's case-study sheet (headline figures, sentences, printed vs computed, theme tables, sources).")
        {
            county,
            format,
            file,
            force,
            warehouse,
            claims,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = EtlSettings.Load(null, null, parse.GetValue(warehouse));
            return await RunAsync(
                settings.WarehousePath, parse.GetValue(county)!, parse.GetValue(format)!, parse.GetValue(file), parse.GetValue(force),
                parse.GetValue(claims), output, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(
        string warehousePath, string county, string format, string? file, bool force, string? claimsPath, TextWriter output,
        CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(file ?? $"casestudy-{county}.{format}");
        if (Directory.Exists(target))
        {
            throw new EtlException($"{target} is a folder, not a file.");
        }

        if (File.Exists(target) && !force)
        {
            throw new EtlException($"{target} exists; use --force to replace it.");
        }

        var study = await new CaseStudyBuilder(claimsPath).BuildAsync(warehousePath, county, cancellationToken);

        var folder = Path.GetDirectoryName(target)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                await WriteAsync(study, format, stream, cancellationToken);
            }

            File.Move(temporary, target, overwrite: force);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EtlException($"Cannot write {target}: {ex.Message}");
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        var verdicts = study.HasPublishedClaims
            ? $", {study.Headlines.Count(h => h.Verdict == ClaimVerdict.Pass)} of {study.Headlines.Count} printed figures reproduced"
            : " (no printed figures: computed values only)";
        await output.WriteLineAsync(
            $"Wrote {target}: {study.County}, {study.Headlines.Count} headline figures{verdicts}, {study.Themes.Count} theme tables; "
            + $"data as of {study.DataAsOf?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "(no events)"}, "
            + $"built {CaseStudyBuilder.BeijingTime(study.WarehouseBuiltAt)} Beijing time (run {study.RunId}).");
        return 0;
    }

    /// <summary>Writes the sheet in <paramref name="format"/> (md, html or xlsx); also used by the API's download at /dashboards.</summary>
    public static async Task WriteAsync(CaseStudy study, string format, Stream stream, CancellationToken cancellationToken)
    {
        if (format == "xlsx")
        {
            await CaseStudySheets.WriteXlsxAsync(study, stream, cancellationToken);
            return;
        }

        // UTF-8 without BOM: what GitHub, browsers (with <meta charset>) and editors expect.
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        if (format == "html")
        {
            await CaseStudySheets.WriteHtmlAsync(study, writer);
        }
        else
        {
            await CaseStudySheets.WriteMarkdownAsync(study, writer);
        }
    }
}
