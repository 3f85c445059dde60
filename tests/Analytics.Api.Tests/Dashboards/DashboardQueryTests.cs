using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;
using GraphQLParser;
using GraphQLParser.AST;
using Snapshooter;
using Snapshooter.Xunit;

namespace Analytics.Api.Tests.Dashboards;

/// <summary>
/// <c>dashboards/queries/*.graphql</c> is the contract with BI tools (and the persisted-operation allow-list): each file
/// is one named operation that runs against the demo city over HTTP, and its answer is kept, reviewed, as a snapshot.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardQueryTests(ApiFactory factory)
{
    /// <summary>Fields that change with every warehouse build: checked present, then left out of the snapshot.</summary>
    private static readonly HashSet<string> VolatileFields = ["builtAt", "runId", "warehouseBuiltAt"];

    public static TheoryData<string> Names() => [.. DashboardQueries.Names];

    [Fact]
    public void Every_file_is_one_operation_named_as_the_file_with_demo_variables()
    {
        var names = DashboardQueries.Names.ToList();
        Assert.Equal(DashboardQueries.DemoVariables.Keys.Order(StringComparer.Ordinal), names);
        foreach (var name in names)
        {
            var document = Parser.Parse(DashboardQueries.Text(name));
            var operation = Assert.Single(document.Definitions.OfType<GraphQLOperationDefinition>());
            Assert.Equal(OperationType.Query, operation.Operation);
            Assert.Equal(name, operation.Name?.StringValue);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_operation_answers_the_demo_city_as_reviewed(string name)
    {
        using var response = await factory.CreateGraphQLClient().PostAsJsonAsync("/graphql", new JsonObject
        {
            ["query"] = DashboardQueries.Text(name),
            ["operationName"] = name,
            ["variables"] = DashboardQueries.DemoVariables[name].DeepClone(),
        });

        Assert.Equal(200, (int)response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(body["errors"] is null, body["errors"]?.ToJsonString());
        var data = body["data"]!;
        Stabilize(data);
        Snapshot.Match(data.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            SnapshotNameExtension.Create(name));
    }

    /// <summary>
    /// Blanks build-specific fields and rounds floats to 10 decimals (DuckDB's parallel sums may differ in the last
    /// bits between runs; no figure is shown with more than 4).
    /// </summary>
    private static void Stabilize(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (VolatileFields.Contains(key))
                    {
                        Assert.False(value is null, $"{key} is null");
                        obj[key] = "(changes with every build)";
                    }
                    else if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number && !number.ToJsonString().All(c => char.IsDigit(c) || c == '-'))
                    {
                        obj[key] = Math.Round(number.GetValue<double>(), 10);
                    }
                    else if (value is not null)
                    {
                        Stabilize(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Stabilize(item);
                    }
                }

                break;
        }
    }
}
