using System.Text.Json.Nodes;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Querying;

/// <summary>
/// A filter field given as null (<c>cases(where: { grid: null })</c>) is refused with INVALID_FILTER, as Hot Chocolate
/// refuses it, never silently ignored; the error names the idiom that selects rows without the reference, and that
/// idiom answers what SQL answers. A variable left unset is no null: the field is simply absent.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class NullFilterFieldTests(ApiFactory factory)
{
    [Fact]
    public async Task Grid_null_is_refused_and_points_to_the_filter_that_selects_cases_without_a_grid()
    {
        var client = factory.CreateGraphQLClient();
        var refused = await client.PostQueryAsync("{ cases(where: { grid: null }) { totalCount } }");
        var withoutGrid = (await client.PostQueryAsync("{ cases(where: { grid: { id: { eq: null } } }) { totalCount } }")).AssertData();

        Assert.Equal("INVALID_FILTER", (string?)refused.Errors?[0]?["extensions"]?["code"]);
        Assert.Contains("grid: { id: { eq: null } }", (string?)refused.Errors![0]!["message"], StringComparison.Ordinal);
        Assert.Null(refused.Body["data"]);
        var expected = await factory.SqlNumberAsync("SELECT COUNT(*) FROM Cases WHERE GridId IS NULL");
        Assert.True(expected > 0, "the demo data should hold cases without a grid");
        Assert.Equal(expected, (long)withoutGrid["cases"]!["totalCount"]!);
    }

    [Fact]
    public async Task A_null_sent_as_a_variable_is_refused_and_an_unset_variable_leaves_the_field_out()
    {
        var client = factory.CreateGraphQLClient();
        const string byGrid = "query($grid: GridFilterInput) { cases(where: { grid: $grid }) { totalCount } }";

        var nullGrid = await client.PostQueryAsync(byGrid, JsonNode.Parse("""{ "grid": null }"""));
        var nullInWhere = await client.PostQueryAsync(
            "query($where: CaseFilterInput) { cases(where: $where) { totalCount } }", JsonNode.Parse("""{ "where": { "grid": null } }"""));
        var unset = (await client.PostQueryAsync(byGrid)).AssertData();

        Assert.Equal("INVALID_FILTER", (string?)nullGrid.Errors?[0]?["extensions"]?["code"]);
        Assert.Equal("INVALID_FILTER", (string?)nullInWhere.Errors?[0]?["extensions"]?["code"]);
        Assert.Equal(await factory.SqlNumberAsync("SELECT COUNT(*) FROM Cases"), (long)unset["cases"]!["totalCount"]!);
    }

    [Theory]
    [InlineData("regions", "{ children: { all: null } }")]
    [InlineData("regions", "{ children: { some: null } }")]
    [InlineData("regions", "{ children: { any: null } }")]
    [InlineData("regions", "{ parent: { parent: null } }")]
    [InlineData("regions", "{ or: [{ parent: null }] }")]
    public async Task Null_list_operators_and_nested_nulls_are_refused(string list, string where)
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync($"{{ {list}(where: {where}) {{ totalCount }} }}");

        Assert.Equal("INVALID_FILTER", (string?)response.Errors?[0]?["extensions"]?["code"]);
    }

    /// <summary>Every field of every root list's filter (references, lists, scalars, ids), read from introspection.</summary>
    [Fact]
    public async Task Every_field_of_every_filter_input_refuses_null()
    {
        var client = factory.CreateGraphQLClient();
        var schema = (await client.PostQueryAsync(
            "{ __schema { queryType { fields { name args { name type { name } } } } types { name inputFields { name type { name } } } } }")).AssertData()["__schema"]!;
        var inputs = schema["types"]!.AsArray()
            .Where(t => t!["inputFields"] is JsonArray)
            .ToDictionary(t => (string)t!["name"]!, t => t!["inputFields"]!.AsArray().Select(f => ((string)f!["name"]!, (string?)f["type"]!["name"])).ToList());
        var lists = schema["queryType"]!["fields"]!.AsArray()
            .Select(f => (Name: (string)f!["name"]!, Where: f["args"]!.AsArray().Select(a => a!).FirstOrDefault(a => (string?)a["name"] == "where")))
            .Where(f => f.Where is not null)
            .Select(f => (f.Name, Filter: (string)f.Where!["type"]!["name"]!))
            .ToList();
        var asked = 0;
        var references = 0;
        var ignored = new List<string>();

        foreach (var (list, filter) in lists)
        {
            foreach (var (field, type) in inputs[filter].Where(f => f.Item1 is not ("and" or "or")))
            {
                asked++;
                references += type is { } t && t.EndsWith("FilterInput", StringComparison.Ordinal) && !t.Contains("Operation", StringComparison.Ordinal) ? 1 : 0;
                var response = await client.PostQueryAsync($"{{ {list}(where: {{ {field}: null }}) {{ totalCount }} }}");
                if ((string?)response.Errors?[0]?["extensions"]?["code"] != "INVALID_FILTER")
                {
                    ignored.Add($"{list}(where: {{ {field}: null }}): {response.Body.ToJsonString()}");
                }
            }
        }

        Assert.True(lists.Count >= 10, $"expected a root list per entity, found {lists.Count}");
        Assert.True(references >= 10, $"expected the entities' references among the filter fields, found {references}");
        Assert.True(ignored.Count == 0, $"{ignored.Count} of {asked} null filter fields not refused:\n" + string.Join("\n", ignored));
    }
}
