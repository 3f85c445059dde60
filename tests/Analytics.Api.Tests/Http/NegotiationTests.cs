using System.Text;
using static Analytics.Api.Tests.Http.GraphQLTestHost;

namespace Analytics.Api.Tests.Http;

/// <summary>Accept, Content-Type, methods and body size: what the spec calls a well-formed request.</summary>
public sealed class NegotiationTests : IAsyncLifetime
{
    private GraphQLTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync(configureOptions: options => options.MaxRequestBodySize = 2048);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(null, GraphQLResponseJson)]
    [InlineData("*/*", GraphQLResponseJson)]
    [InlineData("application/*", GraphQLResponseJson)]
    [InlineData("application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("application/graphql-response+json; charset=utf-8", GraphQLResponseJson)]
    [InlineData("application/json", Json)]
    [InlineData("application/json; charset=utf-8", Json)]
    [InlineData("application/graphql-response+json, application/json", GraphQLResponseJson)]
    [InlineData("application/json, application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("application/json, application/graphql-response+json;q=0.9", Json)]
    [InlineData("application/json, multipart/mixed", Json)]
    [InlineData("application/json;q=0.5, */*;q=0.1", Json)]
    [InlineData("application/graphql-response+json;q=0, application/json", Json)]
    public async Task The_response_media_type_follows_Accept(string? accept, string expected)
    {
        var response = await _host.PostAsync(new { query = "{ hello }" }, accept);

        await response.AssertDataAsync(expected);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json;q=0")]
    public async Task An_Accept_without_a_json_media_type_is_406(string accept)
    {
        var response = await _host.PostAsync(new { query = "{ hello }" }, accept);

        await response.AssertErrorAsync(406, Json, "NOT_ACCEPTABLE");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/graphql")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=klingon")]
    public async Task A_body_that_is_not_application_json_is_415(string contentType)
    {
        var response = await _host.PostBytesAsync("""{"query":"{ hello }"}"""u8.ToArray(), GraphQLResponseJson, contentType);

        await response.AssertErrorAsync(415, GraphQLResponseJson, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task A_body_without_Content_Type_is_415()
    {
        var response = await _host.PostBytesAsync("""{"query":"{ hello }"}"""u8.ToArray(), GraphQLResponseJson, contentType: null);

        await response.AssertErrorAsync(415, GraphQLResponseJson, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task Other_methods_are_405_with_Allow_GET_POST(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/graphql")
        {
            Content = new StringContent("""{"query":"{ hello }"}""", Encoding.UTF8, "application/json"),
        };

        var response = await _host.Client.SendAsync(request);

        await response.AssertErrorAsync(405, GraphQLResponseJson, "METHOD_NOT_ALLOWED");
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var padding = new string(' ', 4096);

        var response = await _host.PostJsonAsync($$"""{"query":"{ hello }"{{padding}}}""");

        await response.AssertErrorAsync(413, GraphQLResponseJson, "REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task A_body_over_the_limit_without_Content_Length_is_413()
    {
        var padding = new string(' ', 4096);
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            // A stream of unknown length is sent chunked, so only the reading loop can notice.
            Content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes($$"""{"query":"{ hello }"{{padding}}}"""))),
        };
        request.Content.Headers.ContentType = new("application/json");

        var response = await _host.Client.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        await response.AssertErrorAsync(413, GraphQLResponseJson, "REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_executed()
    {
        var padding = new string(' ', 2000);

        var response = await _host.PostJsonAsync($$"""{"query":"{ hello }"{{padding}}}""");

        await response.AssertDataAsync();
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
