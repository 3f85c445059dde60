namespace Analytics.Api.Hosting;

/// <summary>
/// Browser files the API build copies from npm (GraphiQL, the dashboard): where to find them, and the start of a page
/// that serves them or says they are missing.
/// </summary>
public static class WebAssets
{
    /// <summary>
    /// The configured folder (relative to the content root), else the web root's <paramref name="folder"/> (published
    /// apps, tests), else the copy beside the binaries (`dotnet run` from the repository root, where the content root has
    /// no wwwroot of this app).
    /// </summary>
    public static string Directory(string? configured, string folder, IWebHostEnvironment environment)
    {
        if (configured is { Length: > 0 })
        {
            return Path.GetFullPath(configured, environment.ContentRootPath);
        }

        var webRoot = string.IsNullOrEmpty(environment.WebRootPath)
            ? Path.Combine(environment.ContentRootPath, "wwwroot")
            : environment.WebRootPath;
        string[] candidates = [Path.Combine(webRoot, folder), Path.Combine(AppContext.BaseDirectory, "wwwroot", folder)];
        return candidates.FirstOrDefault(System.IO.Directory.Exists) ?? candidates[0];
    }

    /// <summary>
    /// Starts an HTML page that is not cached as such; without its files, answers 503 with <paramref name="missingPage"/>
    /// (which says how to get them) and returns that write; otherwise returns null and the caller writes the page.
    /// </summary>
    public static Task? StartPageOrMissing(HttpContext httpContext, bool hasAssets, string missingPage)
    {
        var response = httpContext.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        if (hasAssets)
        {
            return null;
        }

        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        return response.WriteAsync(missingPage, httpContext.RequestAborted);
    }
}
