using System.Text;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Mutations;

/// <summary><c>importLedger</c>: the ledger import of <c>etl import</c>, over GraphQL, attributed to the caller.</summary>
[Collection(WritableApiCollection.Name)]
public sealed class LedgerMutationTests(WritableApiFactory api)
{
    private const string Selection = "succeeded kind format encoding rowsRead inserted updated unchanged";

    [Fact]
    public async Task A_clean_ledger_imports_once_and_a_second_import_changes_nothing()
    {
        var client = api.CreateOfficeClient();
        var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Ledgers", "samples", "members.csv"));
        var rows = Encoding.UTF8.GetString(sample).Trim().Split('\n').Length - 1;
        var members = await MemberCountAsync(client);

        var first = (await client.PostQueryAsync(Import("members.csv", sample))).AssertData()["importLedger"]!;
        var second = (await client.PostQueryAsync(Import("members.csv", sample))).AssertData()["importLedger"]!;

        Assert.Equal((true, "MEMBERS", "CSV", rows, rows, 0), ((bool)first["succeeded"]!, (string?)first["kind"], (string?)first["format"],
            (int)first["rowsRead"]!, (int)first["inserted"]!, (int)first["unchanged"]!));
        Assert.Null(first["errors"]); // the mutation conventions: errors is null when the mutation succeeded
        Assert.Equal((true, 0, 0, rows), ((bool)second["succeeded"]!, (int)second["inserted"]!, (int)second["updated"]!, (int)second["unchanged"]!));
        Assert.Equal(members + rows, await MemberCountAsync(client));

        var audit = (await client.PostQueryAsync("""{ auditEntries(where: { operation: { eq: "ledgerImport" } }) { totalCount nodes { actor entityType } } }"""))
            .AssertData()["auditEntries"]!;
        Assert.Equal(rows, (int)audit["totalCount"]!);
        Assert.All(audit["nodes"]!.AsArray(), n => Assert.Equal(("王芳", "PartyMember"), ((string?)n!["actor"], (string?)n["entityType"])));
    }

    [Fact]
    public async Task A_ledger_with_a_bad_row_lists_it_in_the_payload_errors_and_writes_nothing()
    {
        var client = api.CreateOfficeClient();
        var sample = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Ledgers", "samples", "members.csv")));
        var lines = sample.Trim().Split('\n');
        // Row 2 as Excel numbers it: the gender column says 未知, which is neither 男 nor 女.
        lines[1] = lines[1].Replace(",男,", ",未知,", StringComparison.Ordinal).Replace(",女,", ",未知,", StringComparison.Ordinal);
        var members = await MemberCountAsync(client);
        var audited = await api.AuditCountAsync();

        var response = await client.PostQueryAsync(Import("members.csv", Encoding.UTF8.GetBytes(string.Join('\n', lines))));

        Assert.Null(response.Errors); // expected failures are in the payload, not top-level
        var payload = response.Body["data"]!["importLedger"]!;
        Assert.False((bool)payload["succeeded"]!);
        var error = Assert.Single(payload["errors"]!.AsArray())!;
        Assert.Equal((2, "性别", "LedgerError"), ((int)error["row"]!, (string?)error["column"], (string?)error["__typename"]));
        Assert.False(string.IsNullOrEmpty((string?)error["code"]));
        Assert.Equal(0, (int)payload["inserted"]!);
        Assert.Equal(members, await MemberCountAsync(client));
        Assert.Equal(audited, await api.AuditCountAsync());
    }

    [Fact]
    public async Task Content_that_is_not_base64_is_refused_as_invalid_input()
    {
        var response = await api.CreateOfficeClient().PostQueryAsync(
            $$"""mutation { importLedger(input: { fileName: "members.csv", contentBase64: "not base64!" }) { {{Selection}} errors { __typename ... on Error { code message } ... on LedgerError { row column } } } }""");

        Assert.Equal("INVALID_INPUT", response.ErrorCode());
        Assert.Contains("contentBase64", (string?)response.FirstError()["message"], StringComparison.Ordinal);
        Assert.False((bool)response.Data["importLedger"]!["succeeded"]!);
    }

    [Theory]
    [InlineData("cell-AO1048576.xlsx", "TOO_MANY_ROWS")]
    [InlineData("cell-XFD2.xlsx", "TOO_MANY_COLUMNS")]
    [InlineData("bomb-150mb.xlsx", "FILE_TOO_LARGE")]
    public async Task A_hostile_workbook_is_refused_at_its_limit_and_writes_nothing(string name, string code)
    {
        var client = api.CreateOfficeClient();
        var bytes = name switch
        {
            "cell-AO1048576.xlsx" => Analytics.Data.Tests.Ledgers.HostileLedgers.LoneCell("AO1048576"),
            "cell-XFD2.xlsx" => Analytics.Data.Tests.Ledgers.HostileLedgers.LoneCell("XFD2"),
            _ => Analytics.Data.Tests.Ledgers.HostileLedgers.DeflateBomb(150),
        };
        var audited = await api.AuditCountAsync();

        var response = await client.PostQueryAsync(Import(name, bytes));

        Assert.Null(response.Errors);
        var error = Assert.Single(response.Body["data"]!["importLedger"]!["errors"]!.AsArray())!;
        Assert.Equal(code, (string?)error["code"]);
        Assert.Equal(audited, await api.AuditCountAsync());
    }

    private static string Import(string fileName, byte[] content) =>
        $$"""mutation { importLedger(input: { fileName: "{{fileName}}", contentBase64: "{{Convert.ToBase64String(content)}}" }) { {{Selection}} errors { __typename ... on Error { code message } ... on LedgerError { row column } } } }""";

    private static async Task<int> MemberCountAsync(HttpClient client) =>
        (int)(await client.PostQueryAsync("{ partyMembers { totalCount } }")).AssertData()["partyMembers"]!["totalCount"]!;
}
