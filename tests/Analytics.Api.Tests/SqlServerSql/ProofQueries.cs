using Analytics.Api.GraphQL;

namespace Analytics.Api.Tests.SqlServerSql;

/// <summary>A GraphQL request whose SQL Server SQL is snapshotted and whose SQLite answer is checked.</summary>
/// <param name="Name">Names the snapshot.</param>
/// <param name="Variables">Variables of the SQL Server run; the SQLite run passes ids that exist in its store.</param>
public sealed record ProofQuery(string Name, string Document, object? Variables = null)
{
    public override string ToString() => Name;
}

/// <summary>
/// Representative queries over the root connections, one per family of what the querying layer translates: every
/// operator family, and/or, references, collections, ids, sorting, both paging directions, counts, aggregates and
/// projection. The same documents run on SQL Server (SQL snapshots) and SQLite (checked answers).
/// </summary>
public static class ProofQueries
{
    /// <summary>An id for the SQL Server run, where no row exists: only the parameter it becomes matters.</summary>
    public static readonly string SomeRegionId = GlobalId.Encode("Region", 42);

    /// <summary>The cursor of the 10th row (index 9) and of the 21st (index 20): cursors are positions.</summary>
    public static readonly string TenthRow = PagingArguments.EncodeCursor(9);
    public static readonly string TwentyFirstRow = PagingArguments.EncodeCursor(20);

    public static readonly ProofQuery Equality = new("equality", """
        {
          regions(first: 20, where: { level: { eq: COUNTY }, name: { neq: "永安市" } }) {
            totalCount
            nodes { id name }
          }
        }
        """);

    public static readonly ProofQuery EqualsNull = new("eq_null", """
        {
          cases(first: 10, where: { satisfaction: { eq: null }, dueOn: { neq: null } }) {
            totalCount
            nodes { id code satisfaction dueOn }
          }
        }
        """);

    public static readonly ProofQuery EnumInAndNotIn = new("enum_in_nin", """
        {
          cases(first: 10, where: { category: { in: [SAFETY, DISPUTE] }, status: { nin: [REJECTED, WITHDRAWN, REPORTED] } }) {
            totalCount
            nodes { id category status }
          }
        }
        """);

    public static readonly ProofQuery IntAndDecimalComparisons = new("int_decimal_comparisons", """
        {
          collectiveIncomes(first: 10, where: {
            year: { in: [2019, 2021], ngt: 2020, gte: 2019 }
            operatingIncome: { gt: 100000.50, nlte: 100000.5, lte: 2000000 }
            totalIncome: { nlt: 150000, ngte: 5000000.25 }
          }) {
            totalCount
            nodes { id year operatingIncome totalIncome }
          }
        }
        """);

    public static readonly ProofQuery DateTimeAndDateComparisons = new("datetime_date_comparisons", """
        {
          cases(first: 10, where: {
            reportedAt: { gte: "2021-03-01T00:00:00Z", lt: "2021-06-01T08:00:00+08:00" }
            dueOn: { gte: "2021-03-15", ngt: "2021-06-30" }
          }) {
            totalCount
            nodes { id reportedAt dueOn }
          }
        }
        """);

    public static readonly ProofQuery StringOperators = new("string_operators", """
        {
          regions(first: 10, where: { name: { contains: "村", endsWith: "村" }, code: { startsWith: "350481" } }) {
            totalCount
            nodes { id code name }
          }
        }
        """);

    public static readonly ProofQuery StringNegations = new("string_negations", """
        {
          cases(first: 10, where: { title: { endsWith: "隐患", ncontains: "高空", nstartsWith: "永安", nendsWith: "山体滑坡隐患" } }) {
            totalCount
            nodes { id title }
          }
        }
        """);

    public static readonly ProofQuery AndOrNesting = new("and_or_nesting", """
        {
          grids(first: 10, where: {
            or: [
              { level: { eq: 1 } }
              { and: [{ level: { eq: 4 } }, { households: { gte: 119 } }, { or: [{ population: { lt: 300 } }, { population: { gt: 400 } }] }] }
            ]
            createdOn: { gte: "2018-01-01" }
          }) {
            totalCount
            nodes { id level households population }
          }
        }
        """);

    public static readonly ProofQuery NestedReference = new("nested_reference", """
        {
          grids(first: 10, where: { region: { parent: { name: { eq: "永安市" } } } }) {
            totalCount
            nodes { id name }
          }
        }
        """);

    public static readonly ProofQuery CollectionSome = new("collection_some", """
        {
          regions(first: 10, where: { children: { some: { name: { endsWith: "社区" }, population: { gt: 5000 } } } }) {
            totalCount
            nodes { id name }
          }
        }
        """);

    public static readonly ProofQuery CollectionAllAndAny = new("collection_all_any", """
        {
          regions(first: 10, where: { level: { eq: TOWNSHIP }, children: { any: true, all: { level: { eq: VILLAGE } } } }) {
            totalCount
            nodes { id name }
          }
        }
        """);

    public static readonly ProofQuery CollectionNone = new("collection_none", """
        {
          grids(first: 10, where: { level: { gte: 3 }, stewards: { none: { isCadre: { eq: true } } }, children: { any: false } }) {
            totalCount
            nodes { id code }
          }
        }
        """);

    public static readonly ProofQuery GlobalIdFilter = new("global_id", """
        query($id: ID!) {
          regions(first: 50, where: { or: [{ id: { eq: $id } }, { parent: { id: { eq: $id } } }] }) {
            totalCount
            nodes { id name }
          }
        }
        """,
        new { id = SomeRegionId });

    public static readonly ProofQuery MultiKeySort = new("multi_key_sort", """
        {
          regions(first: 10, where: { level: { eq: TOWNSHIP } }, order: [{ households: DESC }, { name: ASC }]) {
            nodes { id name households }
          }
        }
        """);

    public static readonly ProofQuery NestedSort = new("nested_sort", """
        {
          regions(first: 10, where: { level: { eq: VILLAGE } }, order: [{ parent: { name: ASC } }, { name: DESC }]) {
            nodes { id name }
          }
        }
        """);

    public static readonly ProofQuery PagingForward = new("paging_forward", """
        query($after: String) {
          cases(first: 5, after: $after, order: [{ reportedAt: DESC }]) {
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { id code } }
          }
        }
        """,
        new { after = TenthRow });

    public static readonly ProofQuery PagingBackward = new("paging_backward", """
        query($before: String) {
          cases(last: 5, before: $before, order: [{ reportedAt: DESC }]) {
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { id code } }
          }
        }
        """,
        new { before = TwentyFirstRow });

    public static readonly ProofQuery LastPage = new("paging_last_page", """
        {
          regions(last: 3, where: { level: { eq: COUNTY } }) {
            pageInfo { hasNextPage hasPreviousPage }
            nodes { id name }
          }
        }
        """);

    public static readonly ProofQuery TotalCount = new("total_count", """
        {
          partyMembers(first: 3, where: { gender: { eq: FEMALE }, joinedOn: { gte: "2000-01-01" }, isCadre: { eq: true } }) {
            totalCount
            nodes { id }
          }
        }
        """);

    public static readonly ProofQuery MoneyAggregates = new("aggregates_money", """
        {
          collectiveIncomes(where: { year: { eq: 2021 } }) {
            totalCount
            aggregate {
              count
              sum { operatingIncome totalIncome }
              avg { operatingIncome }
              min { operatingIncome year }
              max { totalIncome }
            }
          }
        }
        """);

    public static readonly ProofQuery IntAndTimeAggregates = new("aggregates_int_and_time", """
        {
          cases(where: { status: { eq: EVALUATED } }) {
            aggregate {
              count
              sum { satisfaction }
              avg { satisfaction }
              min { reportedAt dueOn }
              max { reportedAt satisfaction }
            }
          }
        }
        """);

    public static readonly ProofQuery Projection = new("projection", """
        {
          partyMembers(first: 5, order: [{ joinedOn: ASC }]) {
            nodes { name joinedOn phone }
          }
        }
        """);

    public static readonly IReadOnlyList<ProofQuery> All =
    [
        Equality, EqualsNull, EnumInAndNotIn, IntAndDecimalComparisons, DateTimeAndDateComparisons, StringOperators,
        StringNegations, AndOrNesting, NestedReference, CollectionSome, CollectionAllAndAny, CollectionNone, GlobalIdFilter,
        MultiKeySort, NestedSort, PagingForward, PagingBackward, LastPage, TotalCount, MoneyAggregates, IntAndTimeAggregates,
        Projection,
    ];

    public static ProofQuery Named(string name) => All.Single(q => q.Name == name);
}
