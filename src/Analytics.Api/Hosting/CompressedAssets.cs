using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace Analytics.Api.Hosting;

/// <summary>
/// One browser file as it is sent: its bytes, a hash of them, and its brotli and gzip forms, each compressed once at the
/// smallest size when first needed (a form that would not be smaller is left out, so the content is sent as it is).
/// </summary>
public sealed class CompressedAsset
{
    /// <summary>Hex digits of the SHA-256 of the content kept in fingerprinted names (64 bits).</summary>
    public const int HashLength = 16;

    private CompressedAsset(byte[] content, string contentType)
    {
        Content = content;
        ContentType = contentType;
        Hash = Convert.ToHexStringLower(SHA256.HashData(content))[..HashLength];
        var compressible = IsCompressible(contentType);
        _brotli = new(() => compressible ? SmallerOrNull(Compress(content, stream => new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true))) : null);
        _gzip = new(() => compressible ? SmallerOrNull(Compress(content, stream => new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true))) : null);

        byte[]? SmallerOrNull(byte[] compressed) => compressed.Length < content.Length ? compressed : null;
    }

    private readonly Lazy<byte[]?> _brotli;
    private readonly Lazy<byte[]?> _gzip;

    public byte[] Content { get; }

    public string ContentType { get; }

    /// <summary>The first <see cref="HashLength"/> hex digits of the SHA-256 of <see cref="Content"/>.</summary>
    public string Hash { get; }

    /// <summary>The brotli form (quality 11), or null when it would not be smaller.</summary>
    public byte[]? Brotli => _brotli.Value;

    /// <summary>The gzip form (level 9), or null when it would not be smaller.</summary>
    public byte[]? Gzip => _gzip.Value;

    /// <summary>Compresses now rather than on the first request that accepts a compressed form.</summary>
    public void Compress() => _ = (Brotli, Gzip);

    public static CompressedAsset FromBytes(byte[] content, string contentType) => new(content, contentType);

    /// <summary>Text and JSON compress; images and fonts of other types are sent as they are.</summary>
    public static bool IsCompressible(string contentType) =>
        contentType.StartsWith("text/", StringComparison.Ordinal)
        || contentType.StartsWith("application/json", StringComparison.Ordinal)
        || contentType.StartsWith("application/graphql", StringComparison.Ordinal)
        || contentType.StartsWith("application/javascript", StringComparison.Ordinal)
        || contentType.StartsWith("image/svg+xml", StringComparison.Ordinal);

    private static byte[] Compress(byte[] content, Func<Stream, Stream> encoder)
    {
        using var output = new MemoryStream();
        using (var stream = encoder(output))
        {
            stream.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>
    /// The response: the brotli or gzip form when the request accepts it (brotli first at equal preference), else the
    /// content itself; <c>Vary: Accept-Encoding</c>, the length of what is sent, an ETag of the content (one per form, as
    /// each form is its own representation) and 304 when <c>If-None-Match</c> names any of them. A fingerprinted URL
    /// (<paramref name="immutable"/>) is cached for a year; anything else is revalidated on every use.
    /// </summary>
    public IResult ToResult(bool immutable) => new Result(this, immutable);

    /// <summary>The ETag of the form sent with <paramref name="encoding"/> (null: the content itself).</summary>
    public string EntityTag(string? encoding) => encoding switch
    {
        "br" => $"\"{Hash}-br\"",
        "gzip" => $"\"{Hash}-gz\"",
        _ => $"\"{Hash}\"",
    };

    /// <summary>Which form to send for <paramref name="acceptEncoding"/>: <c>br</c>, <c>gzip</c> or null (the content).</summary>
    public string? ChooseEncoding(IList<StringWithQualityHeaderValue> acceptEncoding)
    {
        double Quality(string coding)
        {
            double? any = null;
            foreach (var value in acceptEncoding)
            {
                if (value.Value.Equals(coding, StringComparison.OrdinalIgnoreCase))
                {
                    return value.Quality ?? 1;
                }

                if (value.Value == "*")
                {
                    any = value.Quality ?? 1;
                }
            }

            return any ?? 0;
        }

        // RFC 9110 12.5.3: a coding is acceptable when listed (or by *) with q > 0; the content itself always, unless
        // excluded, but it is preferred to a compressed form only when listed with a higher q.
        var best = (Encoding: (string?)null, Quality: Quality("identity"));
        foreach (var (coding, form) in new[] { ("gzip", Gzip), ("br", Brotli) })
        {
            // Compressed wins ties with the content itself; brotli (checked last) wins ties with gzip.
            if (form is not null && Quality(coding) is > 0 and var quality && quality >= best.Quality)
            {
                best = (coding, quality);
            }
        }

        return best.Encoding;
    }

    private sealed class Result(CompressedAsset asset, bool immutable) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var request = httpContext.Request;
            var response = httpContext.Response;
            var encoding = asset.ChooseEncoding(request.GetTypedHeaders().AcceptEncoding);
            var body = encoding switch
            {
                "br" => asset.Brotli!,
                "gzip" => asset.Gzip!,
                _ => asset.Content,
            };

            response.Headers.Vary = HeaderNames.AcceptEncoding;
            response.Headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "no-cache";
            response.Headers.ETag = asset.EntityTag(encoding);
            response.Headers.XContentTypeOptions = "nosniff";
            if (request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } ifNoneMatch
                && ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any)
                    || new[] { null, "br", "gzip" }.Any(form => tag.Tag.Equals(asset.EntityTag(form), StringComparison.Ordinal))))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = asset.ContentType;
            response.ContentLength = body.Length;
            if (encoding is not null)
            {
                response.Headers.ContentEncoding = encoding;
            }

            return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}

/// <summary>
/// The files of a browser app (GraphiQL, the dashboard) as <see cref="CompressedAsset"/>s: each read, hashed and
/// compressed once per process on first use (every test server of a test run shares them), again only when the file's
/// length or modification time changes. Fingerprinted names (<c>echarts.min.&lt;hash&gt;.js</c>) carry the hash, so a
/// page can be cached for good by URL and still change with its content.
/// </summary>
public static partial class CompressedAssets
{
    private static readonly ConcurrentDictionary<string, Entry> Cache = new(StringComparer.Ordinal);

    private sealed record Entry(long Length, DateTime LastWriteTimeUtc, Lazy<CompressedAsset> Asset);

    /// <summary>The file at <paramref name="path"/>, or null when there is none.</summary>
    public static CompressedAsset? Get(string path, string contentType)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return null;
        }

        var key = $"{file.FullName}\n{contentType}";
        var entry = Cache.AddOrUpdate(
            key,
            _ => NewEntry(file, contentType),
            (_, cached) => cached.Length == file.Length && cached.LastWriteTimeUtc == file.LastWriteTimeUtc ? cached : NewEntry(file, contentType));
        return entry.Asset.Value;
    }

    /// <summary>
    /// Content made by the server (a page with fingerprinted URLs, a JSON list), kept under <paramref name="key"/>:
    /// compressed again only when the content differs from the last time.
    /// </summary>
    public static CompressedAsset FromContent(string key, byte[] content, string contentType)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..CompressedAsset.HashLength];
        var entry = Cache.AddOrUpdate(
            "generated\n" + key,
            _ => new Entry(content.Length, default, new Lazy<CompressedAsset>(() => CompressedAsset.FromBytes(content, contentType))),
            (_, cached) => cached.Asset.Value.Hash == hash && cached.Asset.Value.ContentType == contentType
                ? cached
                : new Entry(content.Length, default, new Lazy<CompressedAsset>(() => CompressedAsset.FromBytes(content, contentType))));
        return entry.Asset.Value;
    }

    private static Entry NewEntry(FileInfo file, string contentType) =>
        new(file.Length, file.LastWriteTimeUtc, new Lazy<CompressedAsset>(() => CompressedAsset.FromBytes(File.ReadAllBytes(file.FullName), contentType)));

    /// <summary><c>vendor/echarts.min.js</c> with hash <c>h</c> → <c>vendor/echarts.min.h.js</c>.</summary>
    public static string Fingerprinted(string path, string hash)
    {
        var dot = path.LastIndexOf('.');
        var slash = path.LastIndexOf('/');
        return dot > slash + 1 ? $"{path[..dot]}.{hash}{path[dot..]}" : $"{path}.{hash}";
    }

    /// <summary>
    /// Splits a fingerprinted path (<c>vendor/echarts.min.0123456789abcdef.js</c>) into the file's own path and the
    /// hash; false for any other path.
    /// </summary>
    public static bool TryParseFingerprinted(string path, out string original, out string hash)
    {
        var match = FingerprintedName().Match(path);
        original = match.Success ? match.Groups["stem"].Value + match.Groups["extension"].Value : path;
        hash = match.Success ? match.Groups["hash"].Value : string.Empty;
        return match.Success;
    }

    [GeneratedRegex(@"^(?<stem>.+)\.(?<hash>[0-9a-f]{16})(?<extension>\.[A-Za-z0-9]+)$")]
    private static partial Regex FingerprintedName();
}
