using System.Text.RegularExpressions;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Nodes;

[Collection(ApiCollection.Name)]
public sealed partial class NodeTests(ApiFactory factory)
{
    [Theory]
    [InlineData("regions", "Region", "name")]
    [InlineData("grids", "Grid", "code")]
    [InlineData("cases", "Case", "code")]
    [InlineData("partyMembers", "PartyMember", "name")]
    [InlineData("collectiveIncomes", "CollectiveIncome", "year")]
    [InlineData("microWishes", "MicroWish", "title")]
    public async Task Every_listed_object_can_be_fetched_again_by_its_global_id(string listField, string typeName, string field)
    {
        var client = factory.CreateGraphQLClient();
        var listed = (await client.PostQueryAsync($"{{ {listField}(first: 3) {{ nodes {{ id {field} }} }} }}")).AssertData()[listField]!["nodes"]!.AsArray();
        Assert.Equal(3, listed.Count);

        foreach (var item in listed)
        {
            var fetched = (await client.PostQueryAsync(
                $"query($id: ID!) {{ node(id: $id) {{ __typename id ... on {typeName} {{ {field} }} }} }}",
                new { id = (string?)item!["id"] })).AssertData()["node"]!;

            Assert.Equal(typeName, (string?)fetched["__typename"]);
            Assert.Equal((string?)item["id"], (string?)fetched["id"]);
            Assert.Equal(item[field]!.ToJsonString(), fetched[field]!.ToJsonString());
        }
    }

    [Fact]
    public async Task Nodes_fetches_several_objects_of_different_types_in_order()
    {
        var client = factory.CreateGraphQLClient();
        var data = (await client.PostQueryAsync("{ regions(first: 1) { nodes { id } } cases(first: 1) { nodes { id } } }")).AssertData();
        var regionId = (string?)data["regions"]!["nodes"]![0]!["id"];
        var caseId = (string?)data["cases"]!["nodes"]![0]!["id"];

        var missing = "UmVnaW9uOjk5OTk5OTk5OQ"; // Region:999999999
        factory.SqlCommands.Reset();

        var nodes = (await client.PostQueryAsync(
            "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", new { ids = new[] { caseId, regionId, missing, caseId } })).AssertData()["nodes"]!.AsArray();

        Assert.Equal(["Case", "Region", null, "Case"], nodes.Select(n => (string?)n?["__typename"]));
        Assert.Equal([caseId, regionId, null, caseId], nodes.Select(n => (string?)n?["id"]));
        Assert.Equal(2, factory.SqlCommands.Count); // one per type
    }

    [Fact]
    public async Task A_well_formed_id_of_a_missing_row_gives_null()
    {
        // "Region:999999999" in the id format: valid, but no such region.
        var response = await factory.CreateGraphQLClient().PostQueryAsync("{ node(id: \"UmVnaW9uOjk5OTk5OTk5OQ\") { id } }");

        Assert.Null(response.AssertData()["node"]);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("UmVnaW9u")]                 // "Region" without a key
    [InlineData("Tm9wZTox")]                 // "Nope:1": a type this API does not serve
    [InlineData("UmVnaW9uOi0x")]             // "Region:-1"
    public async Task A_forged_id_gets_INVALID_ID(string id)
    {
        var response = await factory.CreateGraphQLClient().PostQueryAsync("query($id: ID!) { node(id: $id) { id } }", new { id });

        Assert.Equal("INVALID_ID", (string?)response.Errors![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Party_members_personal_data_comes_masked_for_county_officers()
    {
        var members = (await factory.CreateClientAs(Api.Security.ApiRoles.CountyOfficer, "永安市").PostQueryAsync("{ partyMembers(first: 20) { nodes { idNumber phone } } }"))
            .AssertData()["partyMembers"]!["nodes"]!.AsArray();

        Assert.Equal(20, members.Count);
        Assert.All(members, m => Assert.Matches(MaskedIdNumber(), (string?)m!["idNumber"]));
        Assert.All(members, m => Assert.Matches(MaskedPhone(), (string?)m!["phone"]));
    }

    [GeneratedRegex(@"^\d{6}\*{8}\d{3}[\dX]$")]
    private static partial Regex MaskedIdNumber();

    [GeneratedRegex(@"^1\d{2}\*{4}\d{4}$")]
    private static partial Regex MaskedPhone();
}
