using Microsoft.AspNetCore.ResponseCompression;

namespace Analytics.Api.Hosting;

/// <summary>
/// Brotli or gzip (at their fastest levels) for the API's JSON answers — <c>/graphql</c>'s, <c>/health</c>'s — when the
/// caller accepts them. Browser files are not touched here: they are compressed once, at the smallest size, by
/// <see cref="CompressedAssets"/>, and the middleware leaves a response that already has a <c>Content-Encoding</c> alone.
/// </summary>
/// <remarks>
/// Over HTTPS too, after weighing BREACH: it needs a secret in a compressed body beside text an attacker chooses, and the
/// victim's browser sending requests the attacker makes, with the victim's credentials attached by the browser. This API
/// has no cookies or other ambient credentials (a bearer token the page's script adds itself, kept in
/// <c>sessionStorage</c>) and no CORS, so another site cannot make a browser send a signed-in request, and no answer
/// echoes the token.
/// </remarks>
public static class JsonCompression
{
    /// <summary>The JSON media types compressed: GraphQL over HTTP's and plain JSON.</summary>
    public static readonly IReadOnlyList<string> MimeTypes = ["application/graphql-response+json", "application/json", "application/problem+json"];

    public static IHostApplicationBuilder AddJsonCompression(this IHostApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = MimeTypes;
        });
        return builder;
    }
}
