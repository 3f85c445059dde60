using System.CommandLine;
using System.Text;
using Analytics.Etl.Warehouse;

namespace Analytics.Etl.Commands;

/// <summary>
/// <c>casestudy &lt;county&gt; --format md|html|xlsx|pdf</c>: writes a county's case-study sheet for publicity staff (headline
/// figures and sentences, printed against computed, a table per theme, source quotes, data freshness). The file is
/// written beside its target and moved into place, so a failure leaves nothing half-written. The sheets are in Chinese
/// only (there is no other language). pdf is the html sheet printed by Chromium; without Chromium the command exits
/// <see cref="PdfUnavailable"/>.
/// </summary>
public static class CaseStudyCommand
{
    public const string Name = "casestudy";

    /// <summary>The sheet's formats, as file extensions.</summary>
    public static readonly IReadOnlyList<string> Formats = ["md", "html", "xlsx", "pdf"];

    /// <summary>Exit code when pdf is asked for and there is no Chromium to print it (1: any other failure, 2: usage).</summary>
    public const int PdfUnavailable = 3;

    /// <summary>Each format's media type, as the API serves it.</summary>
    public static string MediaType(string format) => format switch
    {
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "html" => "text/html; charset=utf-8",
        "pdf" => "application/pdf",
        _ => "text/markdown; charset=utf-8",
    };

    public static Command Create(Option<string?> warehouse, TextWriter output, TextWriter error)
    {
        var county = new Argument<string>("county") { Description = "County-level unit as named in the warehouse, e.g. 永安市." };
        var format = new Option<string>("--format")
        {
            Description = "md (GitHub Markdown), html (one self-contained page, prints on A4), xlsx (Excel workbook) or pdf (the html printed by Chromium).",
            DefaultValueFactory = _ => "md",
        };
        format.AcceptOnlyFromAmong([.. Formats]);
        var file = new Option<string?>("--output")
        {
            Description = "File to write (default: casestudy-<county>.<format> in the current folder).",
        };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists." };
        var chromium = new Option<string?>("--chromium")
        {
            Description = $"Chromium binary that prints --format pdf (default: ${CaseStudyPdf.ChromiumVariable}, else {CaseStudyPdf.DefaultChromium}).",
        };
        var claims = VerifyCommand.ClaimsOption();
        var command = new Command(Name, "Write a county's case-study sheet (headline figures, sentences, printed vs computed, theme tables, sources).")
        {
            county,
            format,
            file,
            force,
            chromium,
            warehouse,
            claims,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = EtlSettings.Load(null, null, parse.GetValue(warehouse));
            try
            {
                return await RunAsync(
                    settings.WarehousePath, parse.GetValue(county)!, parse.GetValue(format)!, parse.GetValue(file), parse.GetValue(force),
                    parse.GetValue(claims), output, cancellationToken, parse.GetValue(chromium));
            }
            catch (CaseStudyPdfException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return ex.Code == CaseStudyPdf.UnavailableCode ? PdfUnavailable : 1;
            }
        });
        return command;
    }

    public static async Task<int> RunAsync(
        string warehousePath, string county, string format, string? file, bool force, string? claimsPath, TextWriter output,
        CancellationToken cancellationToken, string? chromium = null)
    {
        if (format == "pdf" && CaseStudyPdf.Unavailable(chromium) is { } unavailable)
        {
            // Said before the warehouse is read: nothing else could make the file.
            throw new CaseStudyPdfException(CaseStudyPdf.UnavailableCode, unavailable);
        }

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
                await WriteAsync(study, format, stream, cancellationToken, chromium);
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

    /// <summary>Writes the sheet in <paramref name="format"/> (md, html, xlsx or pdf); also used by the API's download at /dashboards.</summary>
    /// <exception cref="CaseStudyPdfException">pdf without Chromium (<paramref name="chromium"/>, else the default), or it failed.</exception>
    public static async Task WriteAsync(CaseStudy study, string format, Stream stream, CancellationToken cancellationToken, string? chromium = null)
    {
        if (format == "xlsx")
        {
            await CaseStudyWorkbook.WriteAsync(study, stream, cancellationToken);
            return;
        }

        if (format == "pdf")
        {
            await CaseStudyPdf.WriteAsync(study, stream, chromium, cancellationToken: cancellationToken);
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
