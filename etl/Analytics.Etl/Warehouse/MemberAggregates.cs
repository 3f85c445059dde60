using System.Globalization;
using DuckDB.NET.Data;

namespace Analytics.Etl.Warehouse;

/// <summary>
/// What the warehouse keeps of a member's quasi-identifiers (gender, birth year, join date, cadre and star flags): only
/// counts, summed as the members stream past on their way into <c>dim_member</c> (which keeps none of them), so no
/// row of the file holds one person's. Three tables:
/// <list type="bullet">
/// <item><c>member_counts</c>: organization × category → members, cadres, star members, exact (metric_members sums it);</item>
/// <item><c>member_joins</c>: county × category × join day → members, exact (a published figure counts the members who had
/// joined by the article's day);</item>
/// <item><c>member_profile</c>: county × township × organization domain × gender × age band × join decade × cadre →
/// members, with every cell of fewer than <see cref="MinimumCell"/> members folded into one row per township whose
/// attributes are NULL (<c>suppressed</c>), so totals stay exact and no shown combination describes fewer than
/// <see cref="MinimumCell"/> people.</item>
/// </list>
/// </summary>
/// <param name="organizations">Every organization's county, township (NULL above townships) and domain.</param>
/// <param name="regionNames">Region names by key, for the profile's county and township.</param>
/// <param name="year">The year ages are reached in: the run's Beijing year.</param>
public sealed class MemberAggregates(
    IReadOnlyDictionary<int, (int? CountyKey, int? TownshipKey, string Domain)> organizations,
    IReadOnlyDictionary<int, string> regionNames,
    int year)
{
    /// <summary>The fewest members a shown combination of member_profile describes (k-anonymity's k).</summary>
    public const int MinimumCell = 5;

    private readonly Dictionary<(int Organization, string Category), (long Members, long Cadres, long Stars)> _counts = [];
    private readonly Dictionary<(int? County, string Category, DateOnly JoinedOn), long> _joins = [];
    private readonly Dictionary<ProfileKey, long> _profile = [];

    /// <summary>A member_profile cell; suppressed rows carry only the county and township.</summary>
    public sealed record ProfileKey(int? CountyKey, int? TownshipKey, string? Domain, string? Gender, string? AgeBand, int? JoinedDecade, bool? IsCadre);

    /// <summary>The age bands of member_profile, from the age reached in <c>year</c>.</summary>
    public static string AgeBand(int age) => age switch
    {
        < 30 => "18-29",
        < 40 => "30-39",
        < 50 => "40-49",
        < 60 => "50-59",
        < 70 => "60-69",
        _ => "70+",
    };

    /// <summary>Counts one member (called on the load's reader thread, one member at a time).</summary>
    public void Add(MemberRow member)
    {
        var counts = _counts.GetValueOrDefault((member.OrganizationKey, member.Category));
        _counts[(member.OrganizationKey, member.Category)] =
            (counts.Members + 1, counts.Cadres + (member.IsCadre ? 1 : 0), counts.Stars + (member.IsStarMember ? 1 : 0));

        var organization = organizations.GetValueOrDefault(member.OrganizationKey);
        var join = (organization.CountyKey, member.Category, member.JoinedOn);
        _joins[join] = _joins.GetValueOrDefault(join) + 1;

        var cell = new ProfileKey(organization.CountyKey, organization.TownshipKey, organization.Domain, member.Gender,
            AgeBand(year - member.BirthYear), member.JoinedOn.Year / 10 * 10, member.IsCadre);
        _profile[cell] = _profile.GetValueOrDefault(cell) + 1;
    }

    /// <summary>
    /// The profile as published: cells of at least <see cref="MinimumCell"/> members as they are; the smaller ones of a
    /// township summed into one row with no attributes, <c>suppressed</c>.
    /// </summary>
    public static IEnumerable<(ProfileKey Cell, long Members, bool Suppressed)> Suppress(IEnumerable<KeyValuePair<ProfileKey, long>> cells)
    {
        var folded = new Dictionary<(int? County, int? Township), long>();
        foreach (var (cell, members) in cells)
        {
            if (members >= MinimumCell)
            {
                yield return (cell, members, false);
            }
            else
            {
                folded[(cell.CountyKey, cell.TownshipKey)] = folded.GetValueOrDefault((cell.CountyKey, cell.TownshipKey)) + members;
            }
        }

        foreach (var ((county, township), members) in folded)
        {
            yield return (new ProfileKey(county, township, null, null, null, null, null), members, true);
        }
    }

    /// <summary>Replaces the three tables' rows with these counts.</summary>
    public async Task WriteAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "DELETE FROM member_counts; DELETE FROM member_joins; DELETE FROM member_profile";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        using (var appender = connection.CreateAppender("member_counts"))
        {
            foreach (var ((organization, category), (members, cadres, stars)) in _counts)
            {
                appender.CreateRow().AppendValue(organization).AppendValue(category).AppendValue(members).AppendValue(cadres).AppendValue(stars).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("member_joins"))
        {
            foreach (var ((county, category, joinedOn), members) in _joins)
            {
                appender.CreateRow().AppendValue(county).AppendValue(category).AppendValue((DateOnly?)joinedOn).AppendValue(members).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("member_profile"))
        {
            foreach (var (cell, members, suppressed) in Suppress(_profile))
            {
                appender.CreateRow()
                    .AppendValue(cell.CountyKey).AppendValue(Name(cell.CountyKey))
                    .AppendValue(cell.TownshipKey).AppendValue(Name(cell.TownshipKey))
                    .AppendValue(cell.Domain).AppendValue(cell.Gender).AppendValue(cell.AgeBand).AppendValue(cell.JoinedDecade)
                    .AppendValue(cell.IsCadre).AppendValue(members).AppendValue(suppressed)
                    .AppendValue(year)
                    .EndRow();
            }
        }
    }

    private string? Name(int? region) => region is { } key ? regionNames.GetValueOrDefault(key) : null;

    /// <summary>For messages: "3 organizations × categories, 120 join days, 40 profile cells".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{_counts.Count} organization × category counts, {_joins.Count} county × category × join-day counts, {_profile.Count} profile cells");
}
