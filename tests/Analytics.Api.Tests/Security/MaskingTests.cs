using System.Globalization;
using System.Text.Json.Nodes;
using Analytics.Api.Security;
using Analytics.Api.Tests.Infrastructure;

namespace Analytics.Api.Tests.Security;

/// <summary>
/// Masking designed per role as a whole: what a role may read together must not rebuild what it is shown masked.
/// A 居民身份证号码 is region prefix (6) · birth date (8) · sequence (3, its last digit odd for men) · check digit: a
/// county officer sees the prefix, the last four and the gender, so it must not see the birth date itself.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MaskingTests(ApiFactory factory)
{
    /// <summary>ISO 7064 MOD 11-2 weights of the first 17 digits, and the check character for each remainder.</summary>
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    [Fact]
    public async Task A_county_officer_cannot_rebuild_any_masked_id_number_from_what_it_reads_of_the_member()
    {
        var officer = factory.CreateClientAs(ApiRoles.CountyOfficer, "永安市");
        var nodes = (await officer.PostQueryAsync(
            "{ partyMembers(first: 50) { nodes { idNumber gender birthYear joinedOn organization { name } } } }")).AssertData()["partyMembers"]!["nodes"]!.AsArray();

        Assert.Equal(50, nodes.Count);
        foreach (var member in nodes)
        {
            var masked = (string)member!["idNumber"]!;
            Assert.Matches("^[0-9]{6}\\*{8}[0-9]{3}[0-9X]$", masked);
            var candidates = Candidates(masked, (int)member["birthYear"]!, (string)member["gender"]!);
            // Every date of the year that fits the check digit and the gender stays possible: about one in eleven.
            Assert.True(candidates >= 10, $"{masked} born {member["birthYear"]} leaves only {candidates} ID numbers");
        }
    }

    [Fact]
    public async Task The_check_is_not_vacuous_a_full_birth_date_would_rebuild_the_id_number()
    {
        var admin = factory.CreateClientAs(ApiRoles.Admin);
        var member = (await admin.PostQueryAsync("{ partyMembers(first: 1) { nodes { idNumber birthDate birthYear gender } } }"))
            .AssertData()["partyMembers"]!["nodes"]![0]!;
        var clear = (string)member["idNumber"]!;
        var birthDate = DateOnly.Parse((string)member["birthDate"]!, CultureInfo.InvariantCulture);

        var masked = Analytics.Domain.PersonalData.MaskIdNumber(clear);

        Assert.Equal(birthDate.Year, (int)member["birthYear"]!);
        Assert.Equal(clear, Rebuild(masked, birthDate)); // what an officer did while it read birthDate in clear
        Assert.True(Candidates(masked, birthDate.Year, (string)member["gender"]!) >= 10);
    }

    [Theory]
    [InlineData(ApiRoles.CountyOfficer, "{ partyMembers(first: 1) { nodes { birthDate } } }")]
    [InlineData(ApiRoles.Analyst, "{ partyMembers(first: 1) { nodes { birthDate } } }")]
    [InlineData(ApiRoles.Analyst, "{ partyMembers(first: 1) { nodes { birthYear } } }")]
    [InlineData(ApiRoles.Analyst, "{ partyMembers(first: 1) { nodes { gender } } }")]
    [InlineData(ApiRoles.Analyst, "{ partyMembers(first: 1) { nodes { joinedOn } } }")]
    [InlineData(ApiRoles.Analyst, "{ partyMembers(first: 1) { nodes { isCadre } } }")]
    [InlineData(ApiRoles.Analyst, "{ partyMembers(first: 1) { nodes { organization { name } } } }")]
    [InlineData(ApiRoles.Analyst, "{ communityRegistrations(first: 1) { nodes { member { joinedOn } } } }")]
    public async Task What_would_single_out_or_unmask_a_member_is_refused_before_anything_runs(string role, string query)
    {
        var client = factory.CreateClientAs(role, role == ApiRoles.CountyOfficer ? "永安市" : null);
        await client.PostQueryAsync("{ __typename }");
        factory.SqlCommands.Reset();

        var response = await client.PostQueryAsync(query);

        Assert.Equal((403, "FORBIDDEN"), (response.Status, (string?)response.Errors![0]!["extensions"]!["code"]));
        Assert.Equal(0, factory.SqlCommands.Count);
    }

    [Theory]
    [InlineData(ApiRoles.CountyOfficer, "{ partyMembers(where: { birthDate: { gte: \"1980-06-01\" } }) { totalCount } }")]
    [InlineData(ApiRoles.CountyOfficer, "{ partyMembers(order: [{ birthDate: ASC }]) { totalCount } }")]
    [InlineData(ApiRoles.Analyst, "{ partyMembers(where: { gender: { eq: FEMALE } }) { totalCount } }")]
    [InlineData(ApiRoles.Analyst, "{ partyMembers(where: { joinedOn: { lt: \"1960-01-01\" } }) { totalCount } }")]
    [InlineData(ApiRoles.Analyst, "{ partyMembers(where: { isCadre: { eq: true } }) { aggregate { count } } }")]
    [InlineData(ApiRoles.Analyst, "{ partyMembers(where: { organization: { name: { contains: \"支部\" } } }) { totalCount } }")]
    [InlineData(ApiRoles.Analyst, "{ partyMembers(order: [{ joinedOn: ASC }]) { totalCount } }")]
    public async Task A_filter_or_sort_cannot_reveal_what_the_role_does_not_see(string role, string query)
    {
        var client = factory.CreateClientAs(role, role == ApiRoles.CountyOfficer ? "永安市" : null);
        await client.PostQueryAsync("{ __typename }");
        factory.SqlCommands.Reset();

        var response = await client.PostQueryAsync(query);

        Assert.Equal("PERSONAL_DATA_FORBIDDEN", (string?)response.Errors![0]!["extensions"]!["code"]);
        Assert.Equal(0, factory.SqlCommands.Count);
    }

    /// <summary>How many valid ID numbers fit the masked one, the birth year and the gender.</summary>
    private static int Candidates(string masked, int birthYear, string gender)
    {
        var count = 0;
        for (var day = new DateOnly(birthYear, 1, 1); day.Year == birthYear; day = day.AddDays(1))
        {
            var candidate = Rebuild(masked, day);
            var male = (candidate[16] - '0') % 2 == 1;
            if (candidate[17] == masked[17] && male == (gender == "MALE"))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The masked number with <paramref name="birthDate"/> filled in and the check digit recomputed.</summary>
    private static string Rebuild(string masked, DateOnly birthDate)
    {
        var first17 = masked[..6] + birthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + masked[14..17];
        var sum = first17.Select((c, i) => (c - '0') * Weights[i]).Sum();
        return first17 + CheckCharacters[sum % 11];
    }
}
