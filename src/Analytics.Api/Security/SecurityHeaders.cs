namespace Analytics.Api.Security;

/// <summary>
/// The standard security headers, on every response whatever answers it (GraphQL, downloads, dashboard files,
/// <c>/health</c>, 401s, 404s, errors): set as the response starts, so an error handler clearing the headers or an
/// endpoint writing its own cannot drop them.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// <c>nosniff</c>: a JSON answer or a Markdown download is never run as script or HTML. No framing (clickjacking).
    /// <c>no-referrer</c>: the dashboard's <c>?token=</c> URL never leaves in a <c>Referer</c>. A page that sets its own
    /// Content-Security-Policy keeps it, with <c>frame-ancestors 'none'</c> added when it lacks one. The API serves no
    /// third-party content, so opener and resource policies keep the site to itself.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Values = new Dictionary<string, string>
    {
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Frame-Options"] = "DENY",
        ["Content-Security-Policy"] = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
        ["Referrer-Policy"] = "no-referrer",
        ["Cross-Origin-Opener-Policy"] = "same-origin",
        ["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()",
    };

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                foreach (var (name, value) in Values)
                {
                    // A page's own, stricter policy (the dashboard, GraphiQL) stays; it only gains the framing rule.
                    if (name == "Content-Security-Policy" && headers.ContentSecurityPolicy.ToString() is { Length: > 0 } own)
                    {
                        if (!own.Contains("frame-ancestors", StringComparison.Ordinal))
                        {
                            headers.ContentSecurityPolicy = own + "; frame-ancestors 'none'";
                        }

                        continue;
                    }

                    headers[name] = value;
                }

                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
