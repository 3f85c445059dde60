using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace Analytics.Api.GraphQL.Ide;

/// <summary>
/// The GraphiQL page served on GET from a browser, and the npm files it loads. The files are copied from
/// <c>node_modules</c> into <c>wwwroot/graphiql/</c> by the <c>GraphiQLAssets</c> target in Analytics.Api.csproj;
/// without them the page says how to get them instead of failing. Nothing is loaded from a CDN.
/// </summary>
internal sealed class GraphiQLIde(string assetsDirectory)
{
    /// <summary>Route segment, under the endpoint's own path, that serves <see cref="Assets"/>.</summary>
    public const string AssetsSegment = "ide";

    /// <summary>Everything the page loads; names and paths must match the copy list in Analytics.Api.csproj.</summary>
    public static readonly IReadOnlyDictionary<string, string> Assets = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["react.production.min.js"] = "text/javascript; charset=utf-8",
        ["react-dom.production.min.js"] = "text/javascript; charset=utf-8",
        ["graphiql.min.js"] = "text/javascript; charset=utf-8",
        ["graphiql.min.css"] = "text/css; charset=utf-8",
    };

    /// <summary>What a first visitor sees in the editor: the README's first query, ready to run.</summary>
    public const string DefaultQuery =
        "# Sanming's county-level units today (validTo null: 梅列区, merged into 三元区 in 2021, is closed) with their\n"
        + "# villages, communities, unit grids and grid party branches.\n"
        + "# Press Ctrl-Enter to run; Ctrl-Space completes field names.\n"
        + "{\n  regions(first: 1) {\n    nodes {\n      name\n      children(where: { validTo: { eq: null } }) {\n        name\n        code\n"
        + "        villages: descendantCount(level: VILLAGE)\n        communities: descendantCount(level: COMMUNITY)\n"
        + "        unitGrids: gridCount(level: 4)\n        gridBranches: partyOrganizationCount(domain: GRID_BRANCH)\n"
        + "      }\n    }\n  }\n}\n";

    /// <summary>What the headers pane holds when the page was opened without <c>?token=</c>.</summary>
    public const string TokenPlaceholder = "<paste a token: dotnet run --project src/Analytics.Api -- token --role analyst>";

    /// <summary>Where the page keeps the token of <c>?token=</c>: this tab only, as the dashboard does.</summary>
    public const string TokenStorageKey = "analytics.graphiql.token";

    // The fetcher posts to the page's own URL: the IDE is served by the GraphQL endpoint itself. Every request, the
    // schema's introspection included, needs a token: taken once from ?token= (then removed from the address bar) as
    // the dashboard does, or pasted into the Authorization template of the headers pane, shown open when there is none.
    private static readonly string _startupScript =
        "(() => {"
        + $" const key = {System.Text.Json.JsonSerializer.Serialize(TokenStorageKey)};"
        + " const params = new URLSearchParams(window.location.search);"
        + " if (params.has('token')) { sessionStorage.setItem(key, params.get('token')); params.delete('token');"
        + " const rest = params.toString(); window.history.replaceState(null, '', window.location.pathname + (rest ? '?' + rest : '')); }"
        + " const token = sessionStorage.getItem(key);"
        + $" const headers = JSON.stringify({{ Authorization: 'Bearer ' + (token || {System.Text.Json.JsonSerializer.Serialize(TokenPlaceholder)}) }}, null, 2);"
        + " ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, {"
        + " fetcher: GraphiQL.createFetcher({ url: window.location.pathname }),"
        + $" defaultQuery: {System.Text.Json.JsonSerializer.Serialize(DefaultQuery)},"
        + " defaultHeaders: headers, headers: headers, shouldPersistHeaders: false, inputValueDeprecation: true, schemaDescription: true,"
        + " defaultEditorToolbarTabs: token ? 'variables' : 'headers' }));"
        + " })();";

    private static readonly string _contentSecurityPolicy =
        "default-src 'none'; "
        + $"script-src 'self' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(_startupScript)))}'; "
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public string AssetsDirectory { get; } = assetsDirectory;

    public bool HasAssets => Assets.Keys.All(name => File.Exists(Path.Combine(AssetsDirectory, name)));

    /// <summary>Writes the IDE page, or a page saying the IDE's files are missing (503).</summary>
    public Task WritePageAsync(HttpContext httpContext)
    {
        if (Hosting.WebAssets.StartPageOrMissing(httpContext, HasAssets, MissingAssetsPage) is { } missing)
        {
            return missing;
        }

        var response = httpContext.Response;

        var endpointPath = (httpContext.Request.PathBase + httpContext.Request.Path).Value?.TrimEnd('/') ?? string.Empty;
        var assetsUrl = HtmlEncoder.Default.Encode($"{endpointPath}/{AssetsSegment}/");
        response.Headers.ContentSecurityPolicy = _contentSecurityPolicy;
        var page =
            $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>GraphiQL · Analytics API</title>
              <link rel="icon" href="data:,">
              <link rel="stylesheet" href="{{assetsUrl}}{{FingerprintedName("graphiql.min.css")}}">
              <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
            </head>
            <body>
              <div id="graphiql">Loading GraphiQL…</div>
              <script src="{{assetsUrl}}{{FingerprintedName("react.production.min.js")}}"></script>
              <script src="{{assetsUrl}}{{FingerprintedName("react-dom.production.min.js")}}"></script>
              <script src="{{assetsUrl}}{{FingerprintedName("graphiql.min.js")}}"></script>
              <script>{{_startupScript}}</script>
            </body>
            </html>
            """;
        // Compressed once per endpoint path, like the files (the page is the same for every request).
        return Hosting.CompressedAssets.FromContent($"graphiql\n{endpointPath}", Encoding.UTF8.GetBytes(page), "text/html; charset=utf-8")
            .ToResult(immutable: false)
            .ExecuteAsync(httpContext);
    }

    /// <summary><c>graphiql.min.js</c> → <c>graphiql.min.&lt;hash of its content&gt;.js</c>, which is cached for a year.</summary>
    private string FingerprintedName(string name) =>
        Hosting.CompressedAssets.Fingerprinted(name, Asset(name)!.Hash);

    private Hosting.CompressedAsset? Asset(string name) =>
        Hosting.CompressedAssets.Get(Path.Combine(AssetsDirectory, name), Assets[name]);

    /// <summary>
    /// Serves one of <see cref="Assets"/>, compressed as the browser accepts, by its name (revalidated by ETag) or by the
    /// fingerprinted name the page uses (cached for a year when the hash is its content's); anything else is 404, so no
    /// path from the URL reaches the disk.
    /// </summary>
    public IResult GetAsset(string? name)
    {
        var fingerprinted = Hosting.CompressedAssets.TryParseFingerprinted(name ?? string.Empty, out var original, out var hash);
        var file = fingerprinted ? original : name;
        if (file is null || !Assets.ContainsKey(file) || Asset(file) is not { } asset)
        {
            return Results.NotFound();
        }

        return asset.ToResult(immutable: fingerprinted && asset.Hash == hash);
    }

    private const string MissingAssetsPage =
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>GraphiQL is not installed · Analytics API</title>
          <style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; } code { background: #f2f2f2; padding: 0 .25em; }</style>
        </head>
        <body>
          <h1>GraphiQL is not installed</h1>
          <p>This GraphQL endpoint works, but the files of its in-browser IDE are missing from
             <code>wwwroot/graphiql/</code> on this server.</p>
          <p>They come from npm packages (<code>graphiql</code>, <code>react</code>, <code>react-dom</code>) and are
             copied there when the API is built on a machine with Node.js and npm. To get them:</p>
          <ol>
            <li>Install Node.js 18 or later (with npm).</li>
            <li>Run <code>dotnet build src/Analytics.Api</code>: the build runs <code>npm ci</code> in
                <code>src/Analytics.Api</code> and copies the files. Or run <code>npm ci</code> there yourself, then build.</li>
            <li>Restart the API and reload this page.</li>
          </ol>
          <p>Meanwhile, send queries with <code>POST</code> and <code>Content-Type: application/json</code> to this same URL.</p>
        </body>
        </html>
        """;
}
