using System.Text.RegularExpressions;

namespace Analytics.Api.Dashboards;

/// <summary>
/// The web dashboard's files: the page, its script and styles, the <c>.graphql</c> operations it posts, and ECharts
/// from npm. The <c>DashboardAssets</c> target in Analytics.Api.csproj copies them from <c>dashboards/</c> into
/// <c>wwwroot/dashboards/</c>; without ECharts (no Node.js at build time) the page says how to get it instead of failing.
/// Every file is sent brotli- or gzip-compressed when the browser accepts it (compressed once, kept in memory:
/// <see cref="Hosting.CompressedAssets"/>). The pages (<c>index.html</c>, any other <c>*.html</c> beside it) are sent with
/// their references to local files rewritten to fingerprinted names (<c>app.&lt;hash&gt;.js</c>), which are cached for a
/// year; the pages themselves, and what the script fetches by its plain name (<c>i18n.js</c>, <c>queries/*</c>), are
/// revalidated by ETag on every use. So the other files need no cache-busting of their own.
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
        [".json"] = "application/json; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    // Scripts and connections only to this server; ECharts' tooltips need inline styles.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public string AssetsDirectory { get; } = Path.GetFullPath(assetsDirectory);

    public bool HasAssets => RequiredAssets.All(name => File.Exists(Path.Combine(AssetsDirectory, name)));

    /// <summary>Pages besides <c>index.html</c>, served as it is (same policy, headers and fingerprinted references): the 大屏 for a wall.</summary>
    public static readonly IReadOnlySet<string> Pages = new HashSet<string>(StringComparer.Ordinal) { "wall.html" };

    /// <summary>The dashboard page, or a page saying its files are missing (503).</summary>
    public Task WritePageAsync(HttpContext httpContext) => WritePageAsync(httpContext, "index.html");

    /// <summary><paramref name="name"/> (an <c>.html</c> file of the assets folder) with fingerprinted references.</summary>
    private Task WritePageAsync(HttpContext httpContext, string name)
    {
        if (Hosting.WebAssets.StartPageOrMissing(httpContext, HasAssets, MissingAssetsPage) is { } missing)
        {
            return missing;
        }

        httpContext.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return Page(name).ToResult(immutable: false).ExecuteAsync(httpContext);
    }

    /// <summary>
    /// The page as sent: each <c>src</c>/<c>href</c> naming a file of this folder by a relative path
    /// (<c>vendor/echarts.min.js</c>) becomes its fingerprinted name (<c>vendor/echarts.min.&lt;hash&gt;.js</c>); links
    /// to other pages, absolute and external URLs, and names of files that do not exist are left as written.
    /// </summary>
    internal Hosting.CompressedAsset Page(string name)
    {
        var html = File.ReadAllText(Path.Combine(AssetsDirectory, name));
        var rewritten = LocalReference().Replace(html, match =>
        {
            var url = match.Groups["url"].Value;
            var path = url.StartsWith("./", StringComparison.Ordinal) ? url[2..] : url;
            return Asset(path) is { } asset
                ? $"{match.Groups["attribute"].Value}=\"{Hosting.CompressedAssets.Fingerprinted(path, asset.Hash)}\""
                : match.Value;
        });
        return Hosting.CompressedAssets.FromContent(
            Path.Combine(AssetsDirectory, name), System.Text.Encoding.UTF8.GetBytes(rewritten), "text/html; charset=utf-8");
    }

    /// <summary>A file of the folder by its relative path, if it is one the site serves; null otherwise.</summary>
    private Hosting.CompressedAsset? Asset(string path)
    {
        if (!SafePath().IsMatch(path) || !ContentTypes.TryGetValue(Path.GetExtension(path), out var contentType))
        {
            return null;
        }

        var file = Path.GetFullPath(Path.Combine(AssetsDirectory, path));
        return file.StartsWith(AssetsDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Hosting.CompressedAssets.Get(file, contentType)
            : null;
    }

    /// <summary>
    /// Hashes and compresses every file of the folder ahead of the first visitor, in the background (brotli at its
    /// smallest size takes seconds for ECharts).
    /// </summary>
    public void StartWarmUp()
    {
        if (HasAssets)
        {
            _ = Task.Run(() =>
            {
                foreach (var file in Directory.EnumerateFiles(AssetsDirectory, "*", SearchOption.AllDirectories))
                {
                    Asset(Path.GetRelativePath(AssetsDirectory, file).Replace(Path.DirectorySeparatorChar, '/'))?.Compress();
                }
            });
        }
    }

    /// <summary>
    /// Serves a file of the dashboard by its relative path (<c>app.js</c>, <c>queries/IncomeGrowth.graphql</c>,
    /// <c>vendor/echarts.min.js</c>), or by its fingerprinted name (<c>vendor/echarts.min.&lt;hash&gt;.js</c>, cached for
    /// a year when the hash is the content's; an outdated hash gets today's content, revalidated). A page other than
    /// <c>index.html</c> (served at the folder's URL) by its name, e.g. <c>wall.html</c>. Only plain names of known
    /// types in the assets folder: no path from the URL leaves it.
    /// </summary>
    public IResult GetAsset(string? path)
    {
        if (path == DocumentIdsPath)
        {
            return Hosting.CompressedAssets.FromContent(
                Path.Combine(AssetsDirectory, DocumentIdsPath),
                System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(_documentIds.Value),
                "application/json; charset=utf-8").ToResult(immutable: false);
        }

        if (path is not null && Pages.Contains(path) && File.Exists(Path.Combine(AssetsDirectory, path)))
        {
            return new PageResult(this, path);
        }

        if (path is not null && Hosting.CompressedAssets.TryParseFingerprinted(path, out var original, out var hash)
            && Asset(original) is { } fingerprinted)
        {
            return fingerprinted.ToResult(immutable: fingerprinted.Hash == hash);
        }

        return path is not null && Asset(path) is { } asset ? asset.ToResult(immutable: false) : Results.NotFound();
    }

    private sealed class PageResult(DashboardSite site, string name) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => site.WritePageAsync(httpContext, name);
    }

    // src="…" and href="…" in the pages' markup.
    [GeneratedRegex(@"(?<attribute>(?<![\w-])(?:src|href))\s*=\s*""(?<url>(?:\./)?[A-Za-z0-9_-][^"":?#]*)""")]
    private static partial Regex LocalReference();

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
