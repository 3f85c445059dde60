using System.Text.RegularExpressions;

namespace Analytics.Api.Dashboards;

/// <summary>
/// The web dashboard's files: the page, its script and styles, the <c>.graphql</c> operations it posts, and ECharts
/// from npm. The <c>DashboardAssets</c> target in Analytics.Api.csproj copies them from <c>dashboards/</c> into
/// <c>wwwroot/dashboards/</c>; without ECharts (no Node.js at build time) the page says how to get it instead of failing.
/// </summary>
internal sealed partial class DashboardSite(string assetsDirectory)
{
    /// <summary>What the page cannot work without; ECharts is the one that needs npm.</summary>
    public static readonly IReadOnlyList<string> RequiredAssets = ["index.html", "app.js", "i18n.js", "style.css", "vendor/echarts.min.js"];

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".graphql"] = "application/graphql; charset=utf-8",
    };

    // Scripts and connections only to this server; ECharts' tooltips need inline styles.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public string AssetsDirectory { get; } = Path.GetFullPath(assetsDirectory);

    public bool HasAssets => RequiredAssets.All(name => File.Exists(Path.Combine(AssetsDirectory, name)));

    /// <summary>Pages besides <c>index.html</c>, served as it is (same policy and headers): the 大屏 for a wall.</summary>
    public static readonly IReadOnlySet<string> Pages = new HashSet<string>(StringComparer.Ordinal) { "wall.html" };

    /// <summary>The dashboard page (or <paramref name="page"/>, one of <see cref="Pages"/>), or a page saying its files are missing (503).</summary>
    public Task WritePageAsync(HttpContext httpContext, string page = "index.html")
    {
        if (Hosting.WebAssets.StartPageOrMissing(httpContext, HasAssets, MissingAssetsPage) is { } missing)
        {
            return missing;
        }

        var response = httpContext.Response;

        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return response.SendFileAsync(Path.Combine(AssetsDirectory, page), httpContext.RequestAborted);
    }

    private sealed class PageResult(DashboardSite site, string page) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => site.WritePageAsync(httpContext, page);
    }

    /// <summary>
    /// Serves a file of the dashboard by its relative path (<c>app.js</c>, <c>queries/IncomeGrowth.graphql</c>,
    /// <c>vendor/echarts.min.js</c>). Only plain names of known types in the assets folder: no path from the URL leaves it.
    /// </summary>
    public IResult GetAsset(string? path)
    {
        if (path == DocumentIdsPath)
        {
            return Results.Json(_documentIds.Value);
        }

        if (path is not null && Pages.Contains(path) && File.Exists(Path.Combine(AssetsDirectory, path)))
        {
            return new PageResult(this, path);
        }

        if (path is null || !SafePath().IsMatch(path) || !ContentTypes.TryGetValue(Path.GetExtension(path), out var contentType))
        {
            return Results.NotFound();
        }

        var file = new FileInfo(Path.Combine(AssetsDirectory, path));
        return file.FullName.StartsWith(AssetsDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Hosting.WebAssets.File(file, contentType)
            : Results.NotFound();
    }

    /// <summary>
    /// <c>queries/documents.json</c>: each operation's persisted-document id (<c>sha256:</c> + hex of the file's bytes, as
    /// <c>GraphQL:PersistedDocuments</c> computes it), so the page posts <c>documentId</c> and works in allow-list mode.
    /// </summary>
    public const string DocumentIdsPath = "queries/documents.json";

    // The build copies the operations before the API starts and nothing changes them while it runs: hashed once.
    private readonly Lazy<Dictionary<string, string>> _documentIds = new(() => DocumentIds(Path.Combine(Path.GetFullPath(assetsDirectory), "queries")));

    private static Dictionary<string, string> DocumentIds(string folder)
    {
        return !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder, "*.graphql").Order(StringComparer.Ordinal).ToDictionary(
                file => Path.GetFileNameWithoutExtension(file),
                file => "sha256:" + Security.FolderPersistedDocumentLoader.Hash(File.ReadAllBytes(file)),
                StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^(?:[A-Za-z0-9_-]+/)?[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$")]
    private static partial Regex SafePath();

    private const string MissingAssetsPage =
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <title>仪表盘文件缺失 · The dashboard is not installed</title>
          <style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; } code { background: #f2f2f2; padding: 0 .25em; }</style>
        </head>
        <body>
          <h1>The dashboard is not installed</h1>
          <p lang="zh-CN">仪表盘所需的 ECharts 文件未随本服务器构建：请安装 Node.js（含 npm）后重新构建 API。GraphQL 接口 <code>/graphql</code> 照常可用。</p>
          <p>The API works, but the dashboard's files are missing from <code>wwwroot/dashboards/</code> on this server.
             Its charts use Apache ECharts from npm, which is installed and copied there when the API is built on a machine
             with Node.js and npm. To get them:</p>
          <ol>
            <li>Install Node.js 18 or later (with npm).</li>
            <li>Run <code>dotnet build src/Analytics.Api</code>: the build runs <code>npm ci</code> in <code>dashboards/</code> and
                copies the files. Or run <code>npm ci</code> there yourself, then build.</li>
            <li>Restart the API and reload this page.</li>
          </ol>
          <p>Meanwhile the same figures are served by <code>POST /graphql</code>: the dashboard's operations are in
             <code>dashboards/queries/*.graphql</code>.</p>
        </body>
        </html>
        """;
}
