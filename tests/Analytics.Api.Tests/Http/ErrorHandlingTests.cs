using Analytics.Api.GraphQL.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Analytics.Api.Tests.Http.GraphQLTestHost;

namespace Analytics.Api.Tests.Http;

public sealed class ErrorHandlingTests
{
    [Fact]
    public async Task A_resolver_exception_is_200_with_null_field_and_an_INTERNAL_SERVER_ERROR()
    {
        await using var host = await StartAsync(environment: "Production");

        var response = await host.PostAsync(new { query = "{ hello boom }" });

        Assert.Equal(200, (int)response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Hello, world!", body.GetProperty("data").GetProperty("hello").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("data").GetProperty("boom").ValueKind);
        var error = body.GetProperty("errors")[0];
        Assert.Equal("INTERNAL_SERVER_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("boom", error.GetProperty("path")[0].GetString());
        Assert.True(error.TryGetProperty("locations", out _));
    }

    [Fact]
    public async Task Outside_Development_the_client_gets_a_correlation_id_and_no_exception_details()
    {
        await using var host = await StartAsync(environment: "Production");

        var response = await host.PostAsync(new { query = "{ boom }" });

        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(TestSchema.SecretInExceptionMessage, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperation", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", raw, StringComparison.Ordinal);
        var error = (await response.ReadJsonAsync()).GetProperty("errors")[0];
        var correlationId = error.GetProperty("extensions").GetProperty("correlationId").GetString();
        Assert.Equal($"Unexpected error; correlation id {correlationId}", error.GetProperty("message").GetString());
        Assert.Equal(["INTERNAL_SERVER_ERROR"], error.GetProperty("extensions").GetProperty("codes").EnumerateArray().Select(code => code.GetString()));
    }

    [Fact]
    public async Task The_exception_is_logged_under_the_correlation_id_the_client_sees()
    {
        await using var host = await StartAsync(environment: "Production");

        var response = await host.PostAsync(new { query = "{ boom }" });

        var error = (await response.ReadJsonAsync()).GetProperty("errors")[0];
        var correlationId = error.GetProperty("extensions").GetProperty("correlationId").GetString()!;
        var logged = Assert.Single(host.Logs.Entries, entry => entry.Level == LogLevel.Error);
        Assert.Contains(correlationId, logged.Message, StringComparison.Ordinal);
        Assert.Equal(TestSchema.SecretInExceptionMessage, logged.Exception?.Message);
    }

    [Fact]
    public async Task In_Development_the_client_sees_the_exception()
    {
        await using var host = await StartAsync(environment: "Development");

        var response = await host.PostAsync(new { query = "{ boom }" });

        Assert.Equal(200, (int)response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("errors")[0];
        Assert.Contains(TestSchema.SecretInExceptionMessage, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", error.GetProperty("extensions").GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal("INTERNAL_SERVER_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ExposeExceptionDetails_overrides_the_environment()
    {
        await using var host = await StartAsync(environment: "Development", configureOptions: options => options.ExposeExceptionDetails = false);

        var response = await host.PostAsync(new { query = "{ boom }" });

        Assert.DoesNotContain(TestSchema.SecretInExceptionMessage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ExecutionError_thrown_on_purpose_keeps_its_message_and_code()
    {
        await using var host = await StartAsync(environment: "Production");

        var response = await host.PostAsync(new { query = "{ refused }" });

        var body = await response.AssertErrorAsync(200, GraphQLResponseJson, "FORBIDDEN_GRID");
        Assert.Equal("Cases of another grid are not visible.", body.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.DoesNotContain(host.Logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_failure_outside_execution_is_a_graphql_shaped_500_without_details()
    {
        await using var host = await StartAsync(
            environment: "Production",
            configureServices: services => services.AddSingleton<IGraphQLRequestInterceptor, ThrowingInterceptor>());

        var response = await host.PostAsync(new { query = "{ hello }" });

        var body = await response.AssertErrorAsync(500, GraphQLResponseJson, "INTERNAL_SERVER_ERROR");
        Assert.StartsWith("Unexpected error; correlation id ", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestSchema.SecretInExceptionMessage, body.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Client mistakes of every kind we could think of: none may be answered with a 5xx.</summary>
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("[]")]
    [InlineData("[{}]")]
    [InlineData("[{\"query\":\"{ hello }\"}]")]
    [InlineData("[1, \"a\", null]")]
    [InlineData("0")]
    [InlineData("true")]
    [InlineData("{\"query\":[]}")]
    [InlineData("{\"query\":{}}")]
    [InlineData("{\"query\":true}")]
    [InlineData("{\"query\":\"{ hello }\",\"variables\":1}")]
    [InlineData("{\"query\":\"{ hello }\",\"variables\":{\"x\":{\"y\":[1,{\"z\":null}]}}}")]
    [InlineData("{\"query\":\"{ hello }\",\"extensions\":\"x\"}")]
    [InlineData("{\"query\":\"{ hello }\",\"documentId\":5}")]
    [InlineData("{\"documentId\":\"sha256:abc\"}")]
    [InlineData("{\"query\":\"query ($n: String) { hello(name: $n) }\",\"variables\":{\"n\":{\"a\":1}}}")]
    [InlineData("{\"query\":\"query ($a: Int!) { add(a: $a, b: 1) }\",\"variables\":{\"a\":99999999999999999999}}")]
    [InlineData("{\"query\":\"query ($a: Int!) { add(a: $a, b: 1) }\",\"variables\":{\"a\":1.5}}")]
    [InlineData("{\"query\":\"{ add(a: 2147483647, b: 1) }\"}")]
    [InlineData("{\"query\":\"{ hello(name: 1) }\"}")]
    [InlineData("{\"query\":\"{ hello { nested } }\"}")]
    [InlineData("{\"query\":\"subscription { hello }\"}")]
    [InlineData("{\"query\":\"fragment F on Query { ...F } { ...F }\"}")]
    [InlineData("{\"query\":\"{ __schema { types { name } } }\",\"operationName\":\"\"}")]
    [InlineData("{\"query\":\"\\u0000\"}")]
    public async Task Client_mistakes_are_never_5xx(string body)
    {
        await using var host = await StartAsync();

        var graphQLResponse = await host.PostJsonAsync(body);
        var jsonResponse = await host.PostJsonAsync(body, accept: Json);

        Assert.True((int)graphQLResponse.StatusCode < 500, $"{(int)graphQLResponse.StatusCode}: {await graphQLResponse.Content.ReadAsStringAsync()}");
        Assert.True((int)jsonResponse.StatusCode < 500, $"{(int)jsonResponse.StatusCode}: {await jsonResponse.Content.ReadAsStringAsync()}");
        var errors = (await graphQLResponse.ReadJsonAsync()).TryGetProperty("errors", out var found) ? found.EnumerateArray().ToList() : [];
        Assert.All(errors, error => Assert.False(string.IsNullOrEmpty(error.GetProperty("extensions").GetProperty("code").GetString())));
    }

    [Fact]
    public async Task Deeply_nested_json_is_400_not_a_crash()
    {
        await using var host = await StartAsync();
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500);

        var response = await host.PostJsonAsync($$"""{"query":"{ hello }","variables":{{nested}}}""");

        await response.AssertErrorAsync(400, GraphQLResponseJson, "INVALID_JSON");
    }

    private sealed class ThrowingInterceptor : IGraphQLRequestInterceptor
    {
        public ValueTask OnRequestAsync(GraphQLRequestContext context) =>
            throw new InvalidOperationException(TestSchema.SecretInExceptionMessage);
    }
}
