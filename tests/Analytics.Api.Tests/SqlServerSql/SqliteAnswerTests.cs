using System.Globalization;
using System.Text.Json.Nodes;
using Analytics.Api.GraphQL;
using Analytics.Api.Members;
using Analytics.Api.Tests.Infrastructure;
using Analytics.Data;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Api.Tests.SqlServerSql;

/// <summary>
/// The documents of <see cref="ProofQueries"/> on the demo city in SQLite: each answer is checked against one computed
/// independently, in memory from plain rows (ordinal string comparison, C# null semantics), never a number written here.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SqliteAnswerTests(ApiFactory factory)
{
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;

    [Fact]
    public async Task Equality_finds_the_counties_but_yongan()
    {
        var regions = await RegionsAsync();
        var matching = regions.Where(r => r.Level == RegionLevel.County && r.Name != "永安市").OrderBy(r => r.Id).ToList();

        var connection = (await RunAsync(ProofQueries.Equality))["regions"]!;

        AssertMatches(connection, matching, pageSize: 20);
        Assert.Equal(matching.Select(r => r.Name), Nodes(connection).Select(n => (string?)n!["name"]));
    }

    [Fact]
    public async Task Eq_null_finds_missing_values_and_neq_null_present_ones()
    {
        var cases = await ReadAsync(db => db.Cases.Select(c => new { c.Id, c.Satisfaction, c.DueOn }).ToListAsync());
        var matching = cases.Where(c => c.Satisfaction == null && c.DueOn != null).OrderBy(c => c.Id).ToList();

        var connection = (await RunAsync(ProofQueries.EqualsNull))["cases"]!;

        Assert.True(cases.Any(c => c.Satisfaction == null && c.DueOn == null), "neq: null should have rows to exclude");
        Assert.True(cases.Any(c => c.Satisfaction != null && c.DueOn != null), "eq: null should have rows to exclude");
        AssertMatches(connection, [.. matching.Select(c => Id<Case>(c.Id))], pageSize: 10);
        Assert.All(Nodes(connection), n => Assert.Null(n!["satisfaction"]));
        Assert.Equal(matching.Take(10).Select(c => c.DueOn!.Value), Nodes(connection).Select(n => DateOnly.Parse((string)n!["dueOn"]!, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Enum_in_and_nin_keep_the_listed_categories_without_the_listed_statuses()
    {
        var cases = await ReadAsync(db => db.Cases.Select(c => new { c.Id, c.Category, c.Status }).ToListAsync());
        CaseStatus[] excluded = [CaseStatus.Rejected, CaseStatus.Withdrawn, CaseStatus.Reported];
        var matching = cases
            .Where(c => c.Category is CaseCategory.Safety or CaseCategory.Dispute && !excluded.Contains(c.Status))
            .OrderBy(c => c.Id).ToList();

        var connection = (await RunAsync(ProofQueries.EnumInAndNotIn))["cases"]!;

        AssertMatches(connection, [.. matching.Select(c => Id<Case>(c.Id))], pageSize: 10);
        Assert.Equal(matching.Take(10).Select(c => Screaming(c.Category)), Nodes(connection).Select(n => (string?)n!["category"]));
        Assert.Equal(matching.Take(10).Select(c => Screaming(c.Status)), Nodes(connection).Select(n => (string?)n!["status"]));
    }

    [Fact]
    public async Task Int_and_decimal_comparisons_bound_years_and_yuan()
    {
        var incomes = await ReadAsync(db => db.CollectiveIncomes.AsNoTracking().ToListAsync());
        var matching = incomes
            .Where(i => (i.Year == 2019 || i.Year == 2021) && !(i.Year > 2020) && i.Year >= 2019)
            .Where(i => i.OperatingIncome > 100000.50m && i.OperatingIncome <= 2000000m && !(i.OperatingIncome <= 100000.5m))
            .Where(i => !(i.TotalIncome < 150000m) && !(i.TotalIncome >= 5000000.25m))
            .OrderBy(i => i.Id).ToList();

        var connection = (await RunAsync(ProofQueries.IntAndDecimalComparisons))["collectiveIncomes"]!;

        AssertMatches(connection, matching, pageSize: 10);
        Assert.Equal(matching.Take(10).Select(i => i.OperatingIncome), Nodes(connection).Select(n => n!["operatingIncome"]!.GetValue<decimal>()));
        Assert.Equal(matching.Take(10).Select(i => i.TotalIncome), Nodes(connection).Select(n => n!["totalIncome"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task DateTime_comparisons_compare_instants_and_date_comparisons_days()
    {
        var cases = await ReadAsync(db => db.Cases.Select(c => new { c.Id, c.ReportedAt, c.DueOn }).ToListAsync());
        var from = new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2021, 6, 1, 8, 0, 0, TimeSpan.FromHours(8)); // midnight UTC
        var due = cases.Where(c => c.DueOn >= new DateOnly(2021, 3, 15) && !(c.DueOn > new DateOnly(2021, 6, 30))).ToList();
        var matching = due.Where(c => c.ReportedAt >= from && c.ReportedAt < to).OrderBy(c => c.Id).ToList();

        var connection = (await RunAsync(ProofQueries.DateTimeAndDateComparisons))["cases"]!;

        // Had the +08:00 been dropped, the bound would sit eight hours later and let these rows in.
        Assert.Contains(due, c => c.ReportedAt >= to && c.ReportedAt < to.AddHours(8));

        AssertMatches(connection, [.. matching.Select(c => Id<Case>(c.Id))], pageSize: 10);
        Assert.Equal(matching.Take(10).Select(c => c.ReportedAt), Nodes(connection).Select(n => DateTimeOffset.Parse((string)n!["reportedAt"]!, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Contains_starts_with_and_ends_with_match_like_ordinal_strings()
    {
        var regions = await RegionsAsync();
        var matching = regions
            .Where(r => r.Name.Contains('村', StringComparison.Ordinal) && r.Name.EndsWith('村') && r.Code.StartsWith("350481", StringComparison.Ordinal))
            .OrderBy(r => r.Id).ToList();

        var connection = (await RunAsync(ProofQueries.StringOperators))["regions"]!;

        AssertMatches(connection, matching, pageSize: 10);
    }

    [Fact]
    public async Task Negated_string_operators_exclude_their_matches()
    {
        var cases = await ReadAsync(db => db.Cases.Select(c => new { c.Id, c.Title }).ToListAsync());
        var matching = cases.Where(c => c.Title.EndsWith("隐患", StringComparison.Ordinal)
            && !c.Title.Contains("高空", StringComparison.Ordinal)
            && !c.Title.StartsWith("永安", StringComparison.Ordinal)
            && !c.Title.EndsWith("山体滑坡隐患", StringComparison.Ordinal)).OrderBy(c => c.Id).ToList();
        var connection = (await RunAsync(ProofQueries.StringNegations))["cases"]!;

        // The negations must have had something to exclude, or the test proves nothing.
        Assert.True(cases.Count(c => c.Title.EndsWith("隐患", StringComparison.Ordinal)) > matching.Count);
        AssertMatches(connection, [.. matching.Select(c => Id<Case>(c.Id))], pageSize: 10);
        Assert.Equal(matching.Take(10).Select(c => c.Title), Nodes(connection).Select(n => (string?)n!["title"]));
    }

    [Fact]
    public async Task And_and_or_nest_as_written()
    {
        var grids = await GridsAsync();
        var matching = grids
            .Where(g => (g.Level == 1 || (g.Level == 4 && g.Households >= 119 && (g.Population < 300 || g.Population > 400)))
                && g.CreatedOn >= new DateOnly(2018, 1, 1))
            .OrderBy(g => g.Id).ToList();

        var connection = (await RunAsync(ProofQueries.AndOrNesting))["grids"]!;

        Assert.Contains(matching, g => g.Level == 4);
        AssertMatches(connection, matching, pageSize: 10);
    }

    [Fact]
    public async Task A_nested_reference_filter_follows_region_then_parent()
    {
        var regions = (await RegionsAsync()).ToDictionary(r => r.Id);
        var grids = await GridsAsync();
        var matching = grids
            .Where(g => regions[g.RegionId].ParentId is { } parent && regions[parent].Name == "永安市")
            .OrderBy(g => g.Id).ToList();

        var connection = (await RunAsync(ProofQueries.NestedReference))["grids"]!;

        AssertMatches(connection, matching, pageSize: 10);
    }

    [Fact]
    public async Task Some_finds_parents_with_at_least_one_matching_child()
    {
        var regions = await RegionsAsync();
        var children = regions.ToLookup(r => r.ParentId);
        var matching = regions
            .Where(r => children[r.Id].Any(c => c.Name.EndsWith("社区", StringComparison.Ordinal) && c.Population > 5000))
            .OrderBy(r => r.Id).ToList();

        var connection = (await RunAsync(ProofQueries.CollectionSome))["regions"]!;

        AssertMatches(connection, matching, pageSize: 10);
    }

    [Fact]
    public async Task All_and_any_find_townships_made_only_of_villages()
    {
        var regions = await RegionsAsync();
        var children = regions.ToLookup(r => r.ParentId);
        var matching = regions
            .Where(r => r.Level == RegionLevel.Township && children[r.Id].Any() && children[r.Id].All(c => c.Level == RegionLevel.Village))
            .OrderBy(r => r.Id).ToList();

        var connection = (await RunAsync(ProofQueries.CollectionAllAndAny))["regions"]!;

        Assert.True(regions.Any(r => r.Level == RegionLevel.Township && children[r.Id].Any(c => c.Level != RegionLevel.Village)),
            "some township should hold a community, or 'all' excludes nothing");
        AssertMatches(connection, matching, pageSize: 10);
    }

    [Fact]
    public async Task None_and_any_false_find_unit_grids_without_cadre_stewards()
    {
        var grids = await GridsAsync();
        var stewards = await ReadAsync(db => db.GridStewards.Select(s => new { s.GridId, s.IsCadre }).ToListAsync());
        var withCadre = stewards.Where(s => s.IsCadre).Select(s => s.GridId).ToHashSet();
        var parents = grids.Where(g => g.ParentId is not null).Select(g => g.ParentId!.Value).ToHashSet();
        var matching = grids
            .Where(g => g.Level >= 3 && !withCadre.Contains(g.Id) && !parents.Contains(g.Id))
            .OrderBy(g => g.Id).ToList();

        var connection = (await RunAsync(ProofQueries.CollectionNone))["grids"]!;

        Assert.Contains(grids, g => g.Level >= 3 && !parents.Contains(g.Id) && withCadre.Contains(g.Id)); // none excludes some
        Assert.Contains(grids, g => g.Level >= 3 && parents.Contains(g.Id)); // any: false excludes some
        AssertMatches(connection, matching, pageSize: 10);
        Assert.Equal(matching.Take(10).Select(g => g.Code), Nodes(connection).Select(n => (string?)n!["code"]));
    }

    [Fact]
    public async Task A_global_id_filter_finds_the_county_and_its_townships()
    {
        var regions = await RegionsAsync();
        var yongan = regions.Single(r => r.Name == "永安市");
        var matching = regions.Where(r => r.Id == yongan.Id || r.ParentId == yongan.Id).OrderBy(r => r.Id).ToList();

        var connection = (await RunAsync(ProofQueries.GlobalIdFilter, new { id = Id<Region>(yongan.Id) }))["regions"]!;

        Assert.True(matching.Count > 1);
        AssertMatches(connection, matching, pageSize: 50);
    }

    [Fact]
    public async Task Several_sort_keys_apply_in_order_then_the_key()
    {
        var regions = await RegionsAsync();
        var expected = regions.Where(r => r.Level == RegionLevel.Township)
            .OrderByDescending(r => r.Households).ThenBy(r => r.Name, Ordinal).ThenBy(r => r.Id)
            .Take(10).ToList();

        var nodes = Nodes((await RunAsync(ProofQueries.MultiKeySort))["regions"]!);

        Assert.Equal(expected.Select(r => Id<Region>(r.Id)), Ids(nodes));
        Assert.Equal(expected.Select(r => r.Households), nodes.Select(n => (int)n!["households"]!));
    }

    [Fact]
    public async Task A_nested_sort_orders_by_the_parent_s_name()
    {
        var regions = await RegionsAsync();
        var byId = regions.ToDictionary(r => r.Id);
        var expected = regions.Where(r => r.Level == RegionLevel.Village)
            .OrderBy(r => byId[r.ParentId!.Value].Name, Ordinal).ThenByDescending(r => r.Name, Ordinal).ThenBy(r => r.Id)
            .Take(10).ToList();

        var nodes = Nodes((await RunAsync(ProofQueries.NestedSort))["regions"]!);

        Assert.Equal(expected.Select(r => Id<Region>(r.Id)), Ids(nodes));
    }

    [Fact]
    public async Task Paging_forward_after_the_tenth_row_reads_rows_eleven_to_fifteen()
    {
        var order = await CasesByReportedAtDescendingAsync();

        var connection = (await RunAsync(ProofQueries.PagingForward))["cases"]!;

        AssertPage(connection, order, from: 10, count: 5, hasPrevious: true, hasNext: true);
    }

    [Fact]
    public async Task Paging_backward_before_the_twenty_first_row_reads_rows_sixteen_to_twenty()
    {
        var order = await CasesByReportedAtDescendingAsync();

        var connection = (await RunAsync(ProofQueries.PagingBackward))["cases"]!;

        AssertPage(connection, order, from: 15, count: 5, hasPrevious: true, hasNext: true);
    }

    [Fact]
    public async Task Last_without_before_reads_the_final_rows()
    {
        var counties = (await RegionsAsync()).Where(r => r.Level == RegionLevel.County).OrderBy(r => r.Id).ToList();

        var connection = (await RunAsync(ProofQueries.LastPage))["regions"]!;

        Assert.Equal(counties.TakeLast(3).Select(r => Id<Region>(r.Id)), Ids(connection["nodes"]!.AsArray()));
        Assert.True((bool)connection["pageInfo"]!["hasPreviousPage"]!);
        Assert.False((bool)connection["pageInfo"]!["hasNextPage"]!);
    }

    [Fact]
    public async Task Total_count_counts_every_matching_row_not_the_page()
    {
        var members = await ReadAsync(db => db.PartyMembers.Select(m => new { m.Id, m.Gender, m.JoinedOn, m.IsCadre }).ToListAsync());
        var matching = members.Where(m => m.Gender == Gender.Female && m.JoinedOn >= new DateOnly(2000, 1, 1) && m.IsCadre).ToList();

        var connection = (await RunAsync(ProofQueries.TotalCount))["partyMembers"]!;

        Assert.True(matching.Count > 3);
        Assert.Equal(matching.Count, (int)connection["totalCount"]!);
        Assert.Equal(matching.OrderBy(m => m.Id).Take(3).Select(m => Id<PartyMember>(m.Id)), Ids(connection["nodes"]!.AsArray()));
    }

    [Fact]
    public async Task Money_aggregates_are_exact_to_the_fen()
    {
        var incomes = (await ReadAsync(db => db.CollectiveIncomes.AsNoTracking().ToListAsync())).Where(i => i.Year == 2021).ToList();

        var connection = (await RunAsync(ProofQueries.MoneyAggregates))["collectiveIncomes"]!;
        var aggregate = connection["aggregate"]!;

        Assert.NotEmpty(incomes);
        Assert.Equal(incomes.Count, (int)connection["totalCount"]!);
        Assert.Equal(incomes.Count, (int)aggregate["count"]!);
        Assert.Equal(incomes.Sum(i => i.OperatingIncome), aggregate["sum"]!["operatingIncome"]!.GetValue<decimal>());
        Assert.Equal(incomes.Sum(i => i.TotalIncome), aggregate["sum"]!["totalIncome"]!.GetValue<decimal>());
        Assert.Equal(incomes.Sum(i => i.OperatingIncome) / incomes.Count, aggregate["avg"]!["operatingIncome"]!.GetValue<decimal>());
        Assert.Equal(incomes.Min(i => i.OperatingIncome), aggregate["min"]!["operatingIncome"]!.GetValue<decimal>());
        Assert.Equal(2021, (int)aggregate["min"]!["year"]!);
        Assert.Equal(incomes.Max(i => i.TotalIncome), aggregate["max"]!["totalIncome"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Int_and_time_aggregates_skip_nulls()
    {
        var cases = (await ReadAsync(db => db.Cases.Select(c => new { c.Status, c.Satisfaction, c.ReportedAt, c.DueOn }).ToListAsync()))
            .Where(c => c.Status == CaseStatus.Evaluated).ToList();
        var rated = cases.Where(c => c.Satisfaction is not null).Select(c => c.Satisfaction!.Value).ToList();

        var aggregate = (await RunAsync(ProofQueries.IntAndTimeAggregates))["cases"]!["aggregate"]!;

        Assert.NotEmpty(rated);
        Assert.Equal(cases.Count, (int)aggregate["count"]!);
        Assert.Equal(rated.Sum(s => (long)s), (long)aggregate["sum"]!["satisfaction"]!);
        Assert.Equal(rated.Average(), (double)aggregate["avg"]!["satisfaction"]!, 9);
        Assert.Equal(rated.Max(), (int)aggregate["max"]!["satisfaction"]!);
        Assert.Equal(cases.Min(c => c.ReportedAt), DateTimeOffset.Parse((string)aggregate["min"]!["reportedAt"]!, CultureInfo.InvariantCulture));
        Assert.Equal(cases.Max(c => c.ReportedAt), DateTimeOffset.Parse((string)aggregate["max"]!["reportedAt"]!, CultureInfo.InvariantCulture));
        Assert.Equal(cases.Min(c => c.DueOn), DateOnly.Parse((string)aggregate["min"]!["dueOn"]!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_projected_query_still_answers_every_selected_field()
    {
        var members = await ReadAsync(db => db.PartyMembers.Select(m => new { m.Id, m.Name, m.JoinedOn, m.Phone }).ToListAsync());
        var expected = members.OrderBy(m => m.JoinedOn).ThenBy(m => m.Id).Take(5).ToList();

        var nodes = Nodes((await RunAsync(ProofQueries.Projection))["partyMembers"]!);

        Assert.Equal(expected.Select(m => m.Name), nodes.Select(n => (string?)n!["name"]));
        Assert.Equal(expected.Select(m => m.JoinedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), nodes.Select(n => (string?)n!["joinedOn"]));
        // The tests' client is an administrator, who sees phones in clear (RoleTests covers the masking).
        Assert.Equal(expected.Select(m => m.Phone), nodes.Select(n => (string?)n!["phone"]));
    }

    private static void AssertPage(JsonNode connection, IReadOnlyList<string> orderedIds, int from, int count, bool hasPrevious, bool hasNext)
    {
        var edges = connection["edges"]!.AsArray();
        Assert.Equal(orderedIds.Skip(from).Take(count), edges.Select(e => (string)e!["node"]!["id"]!));
        Assert.Equal(Enumerable.Range(from, count).Select(PagingArguments.EncodeCursor), edges.Select(e => (string?)e!["cursor"]));
        Assert.Equal(hasPrevious, (bool)connection["pageInfo"]!["hasPreviousPage"]!);
        Assert.Equal(hasNext, (bool)connection["pageInfo"]!["hasNextPage"]!);
        Assert.Equal(PagingArguments.EncodeCursor(from), (string?)connection["pageInfo"]!["startCursor"]);
        Assert.Equal(PagingArguments.EncodeCursor(from + count - 1), (string?)connection["pageInfo"]!["endCursor"]);
    }

    /// <summary>The global ids of every case, newest report first, then by key.</summary>
    private async Task<List<string>> CasesByReportedAtDescendingAsync()
    {
        var cases = await ReadAsync(db => db.Cases.Select(c => new { c.Id, c.ReportedAt }).ToListAsync());
        return [.. cases.OrderByDescending(c => c.ReportedAt).ThenBy(c => c.Id).Select(c => Id<Case>(c.Id))];
    }

    private Task<List<Region>> RegionsAsync() => ReadAsync(db => db.Regions.AsNoTracking().ToListAsync());

    private Task<List<Grid>> GridsAsync() => ReadAsync(db => db.Grids.AsNoTracking().ToListAsync());

    private async Task<T> ReadAsync<T>(Func<OperationalDbContext, Task<T>> read)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OperationalDbContext>>().CreateDbContextAsync();
        return await read(db);
    }

    private async Task<JsonNode> RunAsync(ProofQuery query, object? variables = null) =>
        (await factory.CreateGraphQLClient().PostQueryAsync(query.Document, variables ?? query.Variables)).AssertData();

    private static JsonArray Nodes(JsonNode connection) => connection["nodes"]!.AsArray();

    /// <summary>The connection counts every matching row and its page holds the first of them, by key.</summary>
    private static void AssertMatches<T>(JsonNode connection, IReadOnlyList<T> matchingById, int pageSize)
        where T : Entity =>
        AssertMatches(connection, [.. matchingById.Select(e => Id<T>(e.Id))], pageSize);

    private static void AssertMatches(JsonNode connection, IReadOnlyList<string> matchingIds, int pageSize)
    {
        Assert.NotEmpty(matchingIds);
        Assert.Equal(matchingIds.Count, (int)connection["totalCount"]!);
        Assert.Equal(matchingIds.Take(pageSize), Ids(Nodes(connection)));
    }

    private static IEnumerable<string> Ids(JsonArray nodes) => nodes.Select(n => (string)n!["id"]!);

    private static string Id<T>(int id) => GlobalId.Encode(typeof(T).Name, id);

    /// <summary>GraphQL enum values as GraphQL.NET names them: SAFETY, SOCIAL_SECURITY.</summary>
    private static string Screaming<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $"_{c}" : $"{c}")).ToUpperInvariant();
}
