using Analytics.Api.Metrics;
using Analytics.Api.Warehouse;
using Analytics.Api.Security;
using Analytics.Etl;
using Analytics.Etl.Commands;
using Analytics.Etl.Warehouse;

namespace Analytics.Api.Dashboards;

/// <summary>Options bound to <c>Dashboards</c>.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboards";

    /// <summary>
    /// Folder of the dashboard's files, absolute or relative to the content root. Null: <c>{WebRootPath}/dashboards</c>,
    /// else the copy beside the binaries.
    /// </summary>
    public string? AssetsPath { get; set; }

    /// <summary>
    /// Counties whose case study is published: anyone may download it without signing in (e.g. <c>["永安市"]</c>, for a
    /// press page linking to it). Empty by default: every download needs a token.
    /// </summary>
    public string[] PublishedCaseStudies { get; set; } = [];

    /// <summary>Chromium that prints the case study's PDF (null: <c>ANALYTICS_CHROMIUM</c>, else /usr/bin/chromium).</summary>
    public string? Chromium { get; set; }
}

public static class DashboardEndpoints
{
    private sealed class PageResult(DashboardSite site) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => site.WritePageAsync(httpContext);
    }

    public static IHostApplicationBuilder AddDashboards(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName);
        return builder;
    }

    /// <summary>
    /// The web dashboard at <paramref name="pattern"/> (its page, files and <c>.graphql</c> operations) and the case-study
    /// download <c>{pattern}/casestudy/{county}.{md|html|xlsx|pdf}</c>, written by the ETL's <c>casestudy</c> writers, and
    /// <c>{pattern}/casestudy/formats</c>, which says which formats this host can make (pdf needs Chromium).
    /// </summary>
    /// <returns>The group, e.g. to call <c>RequireAuthorization()</c> on the download.</returns>
    public static RouteGroupBuilder MapDashboards(this IEndpointRouteBuilder endpoints, string pattern = "/dashboards")
    {
        var options = endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DashboardOptions>>().Value;
        var environment = endpoints.ServiceProvider.GetRequiredService<IWebHostEnvironment>();
        var site = new DashboardSite(Hosting.WebAssets.Directory(options.AssetsPath, "dashboards", environment));
        site.StartWarmUp();

        var group = endpoints.MapGroup(pattern);
        // The page itself holds no data (it asks for a token and sends it with every request); the download does, so
        // it needs a signed-in caller unless the county's case study is published (checked in the handler).
        group.MapGet("/casestudy/{file}", DownloadCaseStudyAsync).WithDisplayName($"Case-study download {pattern}/casestudy");
        // A literal segment wins over {file}. It holds no data (what the host can make), so it needs no token.
        group.MapGet("/casestudy/formats", CaseStudyFormats).WithDisplayName($"Case-study formats {pattern}/casestudy/formats");
        // Routing ignores a trailing slash, so one endpoint serves the page and its files. The page's relative URLs
        // (app.js, queries/…) need the slash: /dashboards redirects to /dashboards/.
        group.MapGet("/{**path}", (HttpContext context, string? path) =>
        {
            if (!string.IsNullOrEmpty(path))
            {
                return site.GetAsset(path);
            }

            return context.Request.Path.Value?.EndsWith('/') == true
                ? new PageResult(site)
                : Results.Redirect($"{context.Request.PathBase}{context.Request.Path}/{context.Request.QueryString}");
        }).WithDisplayName($"Dashboard {pattern}");
        return group;
    }

    /// <summary><c>永安市.xlsx</c>: the county's case study as <c>etl casestudy --format xlsx</c> writes it.</summary>
    private static async Task<IResult> DownloadCaseStudyAsync(
        string file, Caller caller, WarehouseConnections warehouse, Microsoft.Extensions.Options.IOptions<DashboardOptions> options, CancellationToken cancellationToken)
    {
        var dot = file.LastIndexOf('.');
        var format = dot > 0 ? file[(dot + 1)..] : string.Empty;
        if (!CaseStudyCommand.Formats.Contains(format))
        {
            return Results.NotFound($"Ask for {{county}}.md, .html, .xlsx or .pdf, e.g. 永安市.xlsx.");
        }

        var county = file[..dot];
        if (!options.Value.PublishedCaseStudies.Contains(county, StringComparer.Ordinal))
        {
            // As for /graphql: 401 without a token, whether or not the county exists (an anonymous caller learns nothing
            // but that it must sign in); 403 for a token whose role is none of the API's.
            if (!caller.IsAuthenticated)
            {
                return Results.Challenge();
            }

            if (!caller.IsKnownRole)
            {
                return Results.Problem($"The token's role is not one of: {string.Join(", ", ApiRoles.All)}.", statusCode: StatusCodes.Status403Forbidden);
            }
        }

        if (format == "pdf" && CaseStudyPdf.Unavailable(options.Value.Chromium) is { } unavailable)
        {
            return PdfProblem(CaseStudyPdf.UnavailableCode, unavailable);
        }

        CaseStudy study;
        try
        {
            await using var session = await warehouse.OpenAsync(cancellationToken);
            study = await CaseStudyQuery.StudyAsync(session, county, cancellationToken);
        }
        catch (WarehouseUnavailableException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (EtlException ex)
        {
            return Results.NotFound(ex.Message);
        }

        using var buffer = new MemoryStream();
        try
        {
            await CaseStudyCommand.WriteAsync(study, format, buffer, cancellationToken, options.Value.Chromium);
        }
        catch (CaseStudyPdfException ex)
        {
            return PdfProblem(ex.Code, ex.Message);
        }

        // An attachment, so the HTML sheet is saved rather than run on this origin.
        return Results.File(buffer.ToArray(), CaseStudyCommand.MediaType(format), $"casestudy-{study.County}.{format}");
    }

    /// <summary>503 with the reason's code (PDF_UNAVAILABLE: no Chromium; PDF_RENDER_FAILED: it gave no PDF).</summary>
    private static IResult PdfProblem(string code, string message) =>
        Results.Problem(message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The PDF cannot be made",
            extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>Which case-study formats this host can make: pdf only where Chromium is installed.</summary>
    private static IResult CaseStudyFormats(Microsoft.Extensions.Options.IOptions<DashboardOptions> options)
    {
        var pdf = CaseStudyPdf.Unavailable(options.Value.Chromium);
        return Results.Json(new
        {
            formats = CaseStudyCommand.Formats.Select(format => new
            {
                format,
                mediaType = CaseStudyCommand.MediaType(format),
                available = format != "pdf" || pdf is null,
                code = format == "pdf" && pdf is not null ? CaseStudyPdf.UnavailableCode : null,
                message = format == "pdf" ? pdf : null,
            }),
        });
    }
}
