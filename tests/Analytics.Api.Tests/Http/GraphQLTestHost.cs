using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Analytics.Api.GraphQL.Http;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Api.Tests.Http;

/// <summary>A minimal API host with <see cref="TestSchema"/> behind <c>MapGraphQLEndpoint()</c>, in memory.</summary>
internal sealed class GraphQLTestHost : IAsyncDisposable
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    private readonly WebApplication _app;

    private GraphQLTestHost(WebApplication app, CapturedLogs logs)
    {
        _app = app;
        Client = app.GetTestClient();
        Logs = logs;
    }

    public HttpClient Client { get; }

    public CapturedLogs Logs { get; }

    public static async Task<GraphQLTestHost> StartAsync(
        string environment = "Production",
        Action<GraphQLHttpOptions>? configureOptions = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddGraphQL(graphQL => graphQL.AddSchema<TestSchema>().AddSystemTextJson());
        builder.Services.Configure<GraphQLHttpOptions>(options =>
        {
            // No test depends on whatever the build put in wwwroot/; IDE tests point this somewhere explicit.
            options.IdeAssetsPath = Path.Combine(Path.GetTempPath(), "graphiql-assets-not-here");
            configureOptions?.Invoke(options);
        });
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapGraphQLEndpoint();
        await app.StartAsync();
        return new GraphQLTestHost(app, logs);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string json, string? accept = GraphQLResponseJson, string contentType = "application/json; charset=utf-8") =>
        PostBytesAsync(Encoding.UTF8.GetBytes(json), accept, contentType);

    public Task<HttpResponseMessage> PostAsync(object body, string? accept = GraphQLResponseJson) =>
        PostJsonAsync(JsonSerializer.Serialize(body), accept);

    public Task<HttpResponseMessage> PostBytesAsync(byte[] body, string? accept, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? accept = GraphQLResponseJson)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>Every log entry the host wrote, to check what operators get that clients do not.</summary>
    internal sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Entries.Enqueue((logLevel, formatter(state, exception), exception));
        }
    }
}

/// <summary>Reading GraphQL responses in assertions.</summary>
internal static class GraphQLResponseAssert
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts status, media type (with charset) and <c>errors[0].extensions.code</c>; returns the body.</summary>
    public static async Task<JsonElement> AssertErrorAsync(this HttpResponseMessage response, int status, string mediaType, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        using var document = JsonDocument.Parse(body);
        var error = document.RootElement.GetProperty("errors")[0];
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> AssertDataAsync(this HttpResponseMessage response, string mediaType = GraphQLTestHost.GraphQLResponseJson)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected 200, got {(int)response.StatusCode}: {body}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        Assert.False(document.RootElement.TryGetProperty("errors", out _), body);
        return document.RootElement.GetProperty("data").Clone();
    }
}
