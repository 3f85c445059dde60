using System.Text.Json.Nodes;
using Analytics.Api.GraphQL;
using Analytics.Api.Security;
using Analytics.Api.Tests.Infrastructure;
using GraphQL.Types;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.Contract;

/// <summary>
/// What every GraphQL client does first: graphql-js's <c>getIntrospectionQuery()</c> (GraphiQL, Apollo, graphql-codegen,
/// Postman, Insomnia, Banana Cake Pop send it), then <c>buildClientSchema</c> and <c>assertValidSchema</c> on the
/// answer, run by graphql-js itself in Node.js (Contract/node/introspection.cjs).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IntrospectionTests(ApiFactory factory)
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Graphql_js_builds_a_valid_schema_from_the_standard_introspection_with_every_combination_of_options()
    {
        var schema = factory.Services.GetRequiredService<ISchema>();
        var queries = JsonNode.Parse(await NodeScript.RunAsync("Contract/node/introspection.cjs", null, NodeTimeout, "queries"))!.AsArray();
        Assert.Equal(1 + 64, queries.Count); // the defaults, then every combination of graphql-js's six options

        using var client = factory.CreateClientAs(ApiRoles.Analyst);
        var answers = new JsonArray();
        foreach (var entry in queries)
        {
            var response = await client.PostQueryAsync((string)entry!["query"]!);
            Assert.True(response.Status == 200 && response.Errors is null,
                $"options {entry["options"]?.ToJsonString() ?? "(defaults)"}: {response.Status} {response.Errors?.ToJsonString()}");
            answers.Add(response.Body.DeepClone());
        }

        // Throws (and the script exits non-zero) unless every answer builds a schema graphql-js judges valid.
        var facts = JsonNode.Parse(await NodeScript.RunAsync("Contract/node/introspection.cjs", answers.ToJsonString(), NodeTimeout, "check"))!.AsArray();

        var serverFields = schema.AllTypes.OfType<IObjectGraphType>().Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal)).Sum(t => t.Fields.Count);
        var dateTimeUrl = SpecifiedByDirective.UrlOf((ScalarGraphType)schema.AllTypes["DateTime"]!);
        var dateUrl = SpecifiedByDirective.UrlOf((ScalarGraphType)schema.AllTypes["Date"]!);
        Assert.NotNull(dateTimeUrl);
        Assert.NotNull(dateUrl);
        for (var i = 0; i < queries.Count; i++)
        {
            var options = queries[i]!["options"];
            bool On(string name) => options is not null && (bool)options[name]!;
            var fact = facts[i]!;
            Assert.Equal("Query", (string?)fact["queryType"]);
            Assert.Equal("Mutation", (string?)fact["mutationType"]);
            Assert.Equal(serverFields, (int)fact["fieldCount"]!);
            Assert.Equal(On("specifiedByUrl") ? dateTimeUrl : null, (string?)fact["specifiedBy"]!["DateTime"]);
            Assert.Equal(On("specifiedByUrl") ? dateUrl : null, (string?)fact["specifiedBy"]!["Date"]);
            Assert.Equal(On("schemaDescription") && On("descriptions") ? schema.Description : null, (string?)fact["description"]);
            Assert.Contains(fact["directives"]!.AsArray(), d => (string?)d!["name"] == SpecifiedByDirective.DirectiveName);
        }
    }

    [Fact]
    public async Task The_october_2021_introspection_fields_are_answered()
    {
        using var client = factory.CreateClientAs(ApiRoles.Analyst);

        var data = (await client.PostQueryAsync(
            "{ __schema { directives { name isRepeatable args(includeDeprecated: true) { name isDeprecated deprecationReason } } } }")).AssertData();
        var input = (await client.PostQueryAsync(
            "{ __type(name: \"CaseFilterInput\") { inputFields(includeDeprecated: true) { name isDeprecated } specifiedByURL } }")).AssertData();
        var dateTime = (await client.PostQueryAsync("{ __type(name: \"DateTime\") { specifiedByURL } }")).AssertData();

        var specifiedBy = data["__schema"]!["directives"]!.AsArray().Single(d => (string?)d!["name"] == "specifiedBy")!;
        Assert.False((bool)specifiedBy["isRepeatable"]!);
        Assert.Equal("url", (string?)specifiedBy["args"]![0]!["name"]);
        Assert.False((bool)specifiedBy["args"]![0]!["isDeprecated"]!);
        Assert.NotEmpty(input["__type"]!["inputFields"]!.AsArray());
        Assert.Null(input["__type"]!["specifiedByURL"]); // not a scalar
        Assert.Equal("https://scalars.graphql.org/andimarek/date-time.html", (string?)dateTime["__type"]!["specifiedByURL"]);
    }

    [Fact]
    public async Task Introspection_is_refused_twice_in_one_document()
    {
        var response = await factory.CreateClient().PostQueryAsync("{ a: __schema { queryType { name } } b: __type(name: \"Case\") { name } }");

        Assert.Equal(400, response.Status);
        Assert.Equal(IntrospectionLimitsRule.TwiceCode, (string?)response.Errors![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task OfType_chains_deeper_than_the_limit_are_refused()
    {
        static string Chain(int depth) => "{ __type(name: \"Case\") { " + string.Concat(Enumerable.Repeat("ofType { ", depth)) + "name" + new string('}', depth) + " } }";

        var deepest = await factory.CreateClient().PostQueryAsync(Chain(IntrospectionLimitsRule.MaxOfTypeDepth));
        var tooDeep = await factory.CreateClient().PostQueryAsync(Chain(IntrospectionLimitsRule.MaxOfTypeDepth + 1));

        deepest.AssertData();
        Assert.Equal(400, tooDeep.Status);
        Assert.Equal(IntrospectionLimitsRule.TooDeepCode, (string?)tooDeep.Errors![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Recursion_through_introspection_is_still_costed()
    {
        const string Recursive = "{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { name } } } } } } } } } } } }";

        var response = await factory.CreateClient().PostQueryAsync(Recursive);

        Assert.Equal(400, response.Status);
        Assert.Equal(ExecutionLimits.TooComplexCode, (string?)response.Errors![0]!["extensions"]!["code"]);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    public async Task Outside_development_introspection_is_off_unless_configured(string? enable, bool answered)
    {
        using var production = factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Auth:SigningKey", factory.Services.GetRequiredService<AuthOptions>().SigningKey);
            if (enable is not null)
            {
                builder.UseSetting("GraphQL:Limits:EnableIntrospection", enable);
            }
        });
        var query = (string)JsonNode.Parse(await NodeScript.RunAsync("Contract/node/introspection.cjs", null, NodeTimeout, "queries"))!.AsArray()[0]!["query"]!;
        using var client = production.CreateClient().WithToken(ApiTokens.Mint(production.Services, ApiRoles.Analyst));

        var response = await client.PostQueryAsync(query);

        Assert.Equal(answered ? 200 : 400, response.Status);
        Assert.Equal(answered, response.Errors is null);
    }
}
