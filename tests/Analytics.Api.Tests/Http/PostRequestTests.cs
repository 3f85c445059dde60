using System.Text;
using static Analytics.Api.Tests.Http.GraphQLTestHost;

namespace Analytics.Api.Tests.Http;

public sealed class PostRequestTests : IAsyncLifetime
{
    private GraphQLTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_query_is_200_with_data_as_graphql_response_json()
    {
        var response = await _host.PostAsync(new { query = "{ hello }" });

        var data = await response.AssertDataAsync();
        Assert.Equal("Hello, world!", data.GetProperty("hello").GetString());
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
    }

    [Fact]
    public async Task Variables_reach_the_resolver()
    {
        var response = await _host.PostAsync(new
        {
            query = "query Add($a: Int!, $b: Int!) { add(a: $a, b: $b) }",
            variables = new { a = 2, b = 40 },
        });

        var data = await response.AssertDataAsync();
        Assert.Equal(42, data.GetProperty("add").GetInt32());
    }

    [Fact]
    public async Task OperationName_selects_one_of_several_operations()
    {
        const string document = "query First { hello(name: \"first\") } query Second { hello(name: \"second\") }";

        var first = await (await _host.PostAsync(new { query = document, operationName = "First" })).AssertDataAsync();
        var second = await (await _host.PostAsync(new { query = document, operationName = "Second" })).AssertDataAsync();

        Assert.Equal("Hello, first!", first.GetProperty("hello").GetString());
        Assert.Equal("Hello, second!", second.GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Several_operations_without_operationName_is_a_400_request_error()
    {
        var response = await _host.PostAsync(new { query = "query A { hello } query B { hello }" });

        await response.AssertErrorAsync(400, GraphQLResponseJson, "NO_OPERATION_NAME");
    }

    [Fact]
    public async Task An_unknown_operationName_is_a_400_request_error()
    {
        var response = await _host.PostAsync(new { query = "query A { hello }", operationName = "Missing" });

        await response.AssertErrorAsync(400, GraphQLResponseJson, "INVALID_OPERATION_NAME");
    }

    [Fact]
    public async Task A_mutation_runs_over_POST()
    {
        var response = await _host.PostAsync(new { query = "mutation { increment }" });

        var data = await response.AssertDataAsync();
        Assert.Equal(1, data.GetProperty("increment").GetInt32());
    }

    [Fact]
    public async Task Extensions_and_unknown_members_are_accepted()
    {
        var response = await _host.PostJsonAsync("""{"query":"{ hello }","extensions":{"tracing":true},"somethingElse":[1,2]}""");

        await response.AssertDataAsync();
    }

    [Fact]
    public async Task Malformed_json_is_400_INVALID_JSON()
    {
        var response = await _host.PostJsonAsync("""{"query": "{ hello }" """);

        await response.AssertErrorAsync(400, GraphQLResponseJson, "INVALID_JSON");
    }

    [Fact]
    public async Task Malformed_json_is_400_even_when_only_application_json_is_accepted()
    {
        var response = await _host.PostJsonAsync("not json", accept: Json);

        await response.AssertErrorAsync(400, Json, "INVALID_JSON");
    }

    [Fact]
    public async Task An_empty_body_is_400_INVALID_JSON()
    {
        var response = await _host.PostJsonAsync("");

        await response.AssertErrorAsync(400, GraphQLResponseJson, "INVALID_JSON");
    }

    [Theory]
    [InlineData("""{"query": 42}""")]
    [InlineData("""{"query": "{ hello }", "variables": "a=1"}""")]
    [InlineData("""{"query": "{ hello }", "variables": [1]}""")]
    [InlineData("""{"query": "{ hello }", "operationName": {}}""")]
    [InlineData("""{"query": "{ hello }", "variables": {"a": 1, "a": 2}}""")]
    [InlineData("\"{ hello }\"")]
    [InlineData("null")]
    public async Task Json_that_is_not_a_graphql_request_is_400_INVALID_REQUEST(string body)
    {
        var response = await _host.PostJsonAsync(body, accept: Json);

        await response.AssertErrorAsync(400, Json, "INVALID_REQUEST");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"query": null}""")]
    [InlineData("""{"query": "   "}""")]
    [InlineData("""{"operationName": "A"}""")]
    public async Task A_request_without_query_is_400_MISSING_QUERY(string body)
    {
        var graphQLResponse = await _host.PostJsonAsync(body);
        var jsonResponse = await _host.PostJsonAsync(body, accept: Json);

        await graphQLResponse.AssertErrorAsync(400, GraphQLResponseJson, "MISSING_QUERY");
        await jsonResponse.AssertErrorAsync(400, Json, "MISSING_QUERY");
    }

    [Fact]
    public async Task A_batch_is_400_BATCH_NOT_SUPPORTED()
    {
        var response = await _host.PostJsonAsync("""[{"query":"{ hello }"},{"query":"{ hello }"}]""");

        await response.AssertErrorAsync(400, GraphQLResponseJson, "BATCH_NOT_SUPPORTED");
    }

    [Fact]
    public async Task A_document_syntax_error_is_400_SYNTAX_ERROR_with_its_location()
    {
        var response = await _host.PostAsync(new { query = "{ hello " });

        var body = await response.AssertErrorAsync(400, GraphQLResponseJson, "SYNTAX_ERROR");
        Assert.True(body.GetProperty("errors")[0].TryGetProperty("locations", out _));
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task A_document_syntax_error_is_200_when_only_application_json_is_accepted()
    {
        var response = await _host.PostAsync(new { query = "{ hello " }, accept: Json);

        await response.AssertErrorAsync(200, Json, "SYNTAX_ERROR");
    }

    [Fact]
    public async Task An_unknown_field_is_400_with_graphql_response_json()
    {
        var response = await _host.PostAsync(new { query = "{ nope }" });

        var body = await response.AssertErrorAsync(400, GraphQLResponseJson, "FIELDS_ON_CORRECT_TYPE");
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task An_unknown_field_is_200_when_only_application_json_is_accepted()
    {
        var response = await _host.PostAsync(new { query = "{ nope }" }, accept: Json);

        await response.AssertErrorAsync(200, Json, "FIELDS_ON_CORRECT_TYPE");
    }

    [Fact]
    public async Task A_variable_of_the_wrong_type_is_400_INVALID_VALUE()
    {
        var response = await _host.PostAsync(new
        {
            query = "query Add($a: Int!, $b: Int!) { add(a: $a, b: $b) }",
            variables = new { a = "two", b = 40 },
        });

        await response.AssertErrorAsync(400, GraphQLResponseJson, "INVALID_VALUE");
    }

    [Fact]
    public async Task A_missing_required_variable_is_400()
    {
        var response = await _host.PostAsync(new { query = "query Add($a: Int!, $b: Int!) { add(a: $a, b: $b) }", variables = new { a = 1 } });

        await response.AssertErrorAsync(400, GraphQLResponseJson, "INVALID_VALUE");
    }

    [Fact]
    public async Task A_variable_declared_with_an_output_type_is_400_VARIABLES_ARE_INPUT_TYPES()
    {
        var response = await _host.PostAsync(new { query = "query Q($q: Query) { hello }" });

        var body = await response.AssertErrorAsync(400, GraphQLResponseJson, "VARIABLES_ARE_INPUT_TYPES");
        Assert.Contains(
            body.GetProperty("errors").EnumerateArray(),
            error => error.GetProperty("extensions").GetProperty("code").GetString() == "VARIABLES_ARE_INPUT_TYPES");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json;charset=\"utf-8\"")]
    [InlineData("Application/JSON")]
    public async Task Json_content_types_with_or_without_utf8_charset_are_accepted(string contentType)
    {
        var response = await _host.PostBytesAsync("""{"query":"{ hello(name: \"Zoë\") }"}"""u8.ToArray(), GraphQLResponseJson, contentType);

        var data = await response.AssertDataAsync();
        Assert.Equal("Hello, Zoë!", data.GetProperty("hello").GetString());
    }

    [Fact]
    public async Task A_body_in_another_declared_charset_is_transcoded()
    {
        var body = Encoding.Unicode.GetBytes("""{"query":"{ hello(name: \"Zoë\") }"}""");

        var response = await _host.PostBytesAsync(body, GraphQLResponseJson, "application/json; charset=utf-16");

        var data = await response.AssertDataAsync();
        Assert.Equal("Hello, Zoë!", data.GetProperty("hello").GetString());
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_is_ignored()
    {
        var body = Encoding.UTF8.GetPreamble().Concat("""{"query":"{ hello }"}"""u8.ToArray()).ToArray();

        var response = await _host.PostBytesAsync(body, GraphQLResponseJson, "application/json");

        await response.AssertDataAsync();
    }

    [Fact]
    public async Task Invalid_utf8_is_400_INVALID_JSON()
    {
        byte[] body = [.. "{\"query\":\"{ hello(name: \\\""u8, 0xC3, 0x28, .. "\") }\"}"u8];

        var response = await _host.PostBytesAsync(body, GraphQLResponseJson, "application/json");

        await response.AssertErrorAsync(400, GraphQLResponseJson, "INVALID_JSON");
    }
}
