using static Analytics.Api.Tests.Http.GraphQLTestHost;

namespace Analytics.Api.Tests.Http;

public sealed class GetRequestTests : IAsyncLifetime
{
    private GraphQLTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_query_in_the_query_string_is_200_with_data()
    {
        var response = await _host.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ hello }"));

        var data = await response.AssertDataAsync();
        Assert.Equal("Hello, world!", data.GetProperty("hello").GetString());
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task Variables_are_a_json_encoded_parameter()
    {
        var query = Uri.EscapeDataString("query Add($a: Int!, $b: Int!) { add(a: $a, b: $b) }");
        var variables = Uri.EscapeDataString("""{"a": 20, "b": 22}""");

        var response = await _host.GetAsync($"/graphql?query={query}&variables={variables}");

        var data = await response.AssertDataAsync();
        Assert.Equal(42, data.GetProperty("add").GetInt32());
    }

    [Fact]
    public async Task OperationName_selects_one_of_several_operations()
    {
        var query = Uri.EscapeDataString("query First { hello(name: \"first\") } query Second { hello(name: \"second\") }");

        var response = await _host.GetAsync($"/graphql?query={query}&operationName=Second");

        var data = await response.AssertDataAsync();
        Assert.Equal("Hello, second!", data.GetProperty("hello").GetString());
    }

    [Fact]
    public async Task A_mutation_is_405_with_Allow_POST()
    {
        var response = await _host.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { increment }"));

        await response.AssertErrorAsync(405, GraphQLResponseJson, "METHOD_NOT_ALLOWED");
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_mutation_chosen_by_operationName_is_405_and_a_query_beside_it_runs()
    {
        var document = Uri.EscapeDataString("query Read { hello } mutation Write { increment }");

        var write = await _host.GetAsync($"/graphql?query={document}&operationName=Write");
        var read = await _host.GetAsync($"/graphql?query={document}&operationName=Read");

        await write.AssertErrorAsync(405, GraphQLResponseJson, "METHOD_NOT_ALLOWED");
        await read.AssertDataAsync();
    }

    [Fact]
    public async Task A_mutation_is_405_with_application_json_too()
    {
        var response = await _host.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { increment }"), accept: Json);

        await response.AssertErrorAsync(405, Json, "METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task Variables_that_are_not_json_are_400_INVALID_JSON()
    {
        var response = await _host.GetAsync("/graphql?query=%7Bhello%7D&variables=%7Ba%3A1");

        await response.AssertErrorAsync(400, GraphQLResponseJson, "INVALID_JSON");
    }

    [Fact]
    public async Task Variables_that_are_not_an_object_are_400_INVALID_REQUEST()
    {
        var response = await _host.GetAsync("/graphql?query=%7Bhello%7D&variables=%5B1%5D");

        await response.AssertErrorAsync(400, GraphQLResponseJson, "INVALID_REQUEST");
    }

    [Fact]
    public async Task A_repeated_query_parameter_is_400_INVALID_REQUEST()
    {
        var response = await _host.GetAsync("/graphql?query=%7Bhello%7D&query=%7Bhello%7D");

        await response.AssertErrorAsync(400, GraphQLResponseJson, "INVALID_REQUEST");
    }

    [Fact]
    public async Task No_query_parameter_is_400_MISSING_QUERY()
    {
        var response = await _host.GetAsync("/graphql");

        await response.AssertErrorAsync(400, GraphQLResponseJson, "MISSING_QUERY");
    }

    [Fact]
    public async Task A_syntax_error_is_400_not_405()
    {
        var response = await _host.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation {"));

        await response.AssertErrorAsync(400, GraphQLResponseJson, "SYNTAX_ERROR");
    }

    [Fact]
    public async Task An_unknown_field_is_400_with_graphql_response_json_and_200_with_application_json()
    {
        var graphQLResponse = await _host.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ nope }"));
        var jsonResponse = await _host.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ nope }"), accept: Json);

        await graphQLResponse.AssertErrorAsync(400, GraphQLResponseJson, "FIELDS_ON_CORRECT_TYPE");
        await jsonResponse.AssertErrorAsync(200, Json, "FIELDS_ON_CORRECT_TYPE");
    }

    [Fact]
    public async Task A_browser_asking_with_a_query_parameter_gets_json_not_the_ide()
    {
        const string browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

        var response = await _host.GetAsync("/graphql?query=%7Bhello%7D", accept: browserAccept);

        await response.AssertDataAsync(GraphQLResponseJson);
    }
}
