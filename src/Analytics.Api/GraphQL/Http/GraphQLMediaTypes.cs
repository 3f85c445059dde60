using System.Text;
using Microsoft.Net.Http.Headers;

namespace Analytics.Api.GraphQL.Http;

/// <summary>Content negotiation as the GraphQL-over-HTTP draft describes it.</summary>
internal static class GraphQLMediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";
    public const string Html = "text/html";

    /// <summary>
    /// The response media type for the request's <c>Accept</c> header, or <see langword="null"/> when neither
    /// JSON media type is acceptable (406).
    /// </summary>
    /// <remarks>
    /// A missing <c>Accept</c>, <c>*/*</c> and <c>application/*</c> all get <c>application/graphql-response+json</c>:
    /// the spec's watershed (2025-01-01) has passed, after which it says to assume that media type when the client
    /// states no preference. Otherwise the higher quality wins and a tie goes to graphql-response+json.
    /// </remarks>
    public static string? NegotiateResponse(HttpRequest request)
    {
        var header = request.Headers.Accept;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            return GraphQLResponseJson;
        }

        if (!MediaTypeHeaderValue.TryParseList(header, out var ranges))
        {
            return null;
        }

        var graphQLResponseQuality = QualityOf(ranges, GraphQLResponseJson);
        var jsonQuality = QualityOf(ranges, Json);
        if (graphQLResponseQuality <= 0 && jsonQuality <= 0)
        {
            return null;
        }

        return graphQLResponseQuality >= jsonQuality ? GraphQLResponseJson : Json;
    }

    /// <summary>True when the client names <c>text/html</c> itself (a browser), not merely through <c>*/*</c>.</summary>
    public static bool AcceptsHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges)
        && ranges.Any(range => range.MediaType.Equals(Html, StringComparison.OrdinalIgnoreCase) && (range.Quality ?? 1) > 0);

    /// <summary>
    /// Checks a POST's <c>Content-Type</c>: it must be <c>application/json</c>. <paramref name="encoding"/> is
    /// <see langword="null"/> for UTF-8 (the common case, no transcoding) and the declared encoding otherwise.
    /// </summary>
    public static bool TryGetJsonRequestEncoding(string? contentType, out Encoding? encoding)
    {
        encoding = null;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = HeaderUtilities.RemoveQuotes(parsed.Charset).ToString();
        if (charset.Length == 0 || IsUtf8(charset))
        {
            return true;
        }

        try
        {
            encoding = Encoding.GetEncoding(charset);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            // Unknown, or known but unsupported (.NET refuses UTF-7 with NotSupportedException).
            encoding = null;
            return false;
        }

        // UTF-7 is refused even where .NET would read it: obsolete, and it lets any text pass as plain ASCII.
        if (encoding.CodePage == Utf7CodePage)
        {
            encoding = null;
            return false;
        }

        return true;
    }

    private const int Utf7CodePage = 65000;

    private static bool IsUtf8(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    /// <summary>The quality of the most specific range matching <paramref name="mediaType"/> (RFC 9110 §12.5.1).</summary>
    private static double QualityOf(IList<MediaTypeHeaderValue> ranges, string mediaType)
    {
        var quality = 0d;
        var bestSpecificity = -1;
        foreach (var range in ranges)
        {
            var specificity = Specificity(range, mediaType);
            if (specificity <= bestSpecificity)
            {
                continue;
            }

            // We only ever write UTF-8, so a range asking for another charset does not match.
            var charset = HeaderUtilities.RemoveQuotes(range.Charset).ToString();
            if (charset.Length > 0 && !IsUtf8(charset))
            {
                continue;
            }

            bestSpecificity = specificity;
            quality = range.Quality ?? 1;
        }

        return quality;
    }

    private static int Specificity(MediaTypeHeaderValue range, string mediaType)
    {
        if (range.MatchesAllTypes)
        {
            return 0;
        }

        var type = mediaType[..mediaType.IndexOf('/', StringComparison.Ordinal)];
        if (range.MatchesAllSubTypes)
        {
            return range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) ? 1 : -1;
        }

        return range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase) ? 2 : -1;
    }
}
