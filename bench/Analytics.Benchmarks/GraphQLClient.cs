using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Analytics.Benchmarks;

/// <summary>POSTs one GraphQL document as a dashboard would, over pooled keep-alive connections to 127.0.0.1.</summary>
public sealed class GraphQLClient : IDisposable
{
    private static readonly MediaTypeHeaderValue _json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue _graphQLResponse = new("application/graphql-response+json");

    private readonly HttpClient _http;

    public GraphQLClient(Uri baseAddress, string bearerToken)
    {
        if (!baseAddress.IsLoopback)
        {
            throw new BenchmarkException($"Traffic goes to 127.0.0.1 only, not to {baseAddress}.");
        }

        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = int.MaxValue,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
    }

    /// <summary>The request body, serialized once: <c>{"query": …}</c>.</summary>
    public static byte[] Body(string query) => JsonSerializer.SerializeToUtf8Bytes(new { query });

    /// <summary>The whole answer; throws unless it is 200 without errors.</summary>
    public async Task<byte[]> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(Request(body), cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkException($"POST /graphql answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        }

        using var document = JsonDocument.Parse(bytes);
        if (document.RootElement.TryGetProperty("errors", out var errors))
        {
            throw new BenchmarkException($"POST /graphql answered with errors: {errors}");
        }

        return bytes;
    }

    /// <summary>For timing: reads the whole answer and returns its length (checked by the caller against the verified one).</summary>
    public async Task<long> PostAndCountAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(Request(body), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkException($"POST /graphql answered {(int)response.StatusCode} during the run.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Request(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = _json;
        var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = content };
        request.Headers.Accept.Add(_graphQLResponse);
        return request;
    }
}
