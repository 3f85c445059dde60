using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Data;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Benchmarks;

/// <summary>
/// The dashboard-typical query under test: 永安市's resolved cases (办结 or later), newest first, one page of 50 with the
/// total, each with its village or community, that region's township and the organization it was assigned to.
/// </summary>
public static class DashboardQuery
{
    public const string County = "永安市";
    public const int PageSize = 50;

    /// <summary>Resolved, or a later step of the workflow (<see cref="CaseStatusExtensions.IsResolved"/>).</summary>
    public static readonly CaseStatus[] ResolvedStatuses = [CaseStatus.Resolved, CaseStatus.FeedbackGiven, CaseStatus.Evaluated];

    /// <summary>(a) What a dashboard sends: filter + sort + <c>first: 50</c> + two nested levels, with <c>totalCount</c>.</summary>
    public static readonly string GraphQL = Cases(
        "totalCount nodes { code title status resolvedAt region { name parent { name } } assignedOrganization { name } }");

    /// <summary>Breakdown: the HTTP and GraphQL pipeline with no resolver and no database.</summary>
    public const string TypenameOnly = "{ __typename }";

    /// <summary>Breakdown: the count statement (the connection resolver reads the page too, even when no node is selected).</summary>
    public static readonly string TotalCountOnly = Cases("totalCount");

    /// <summary>Breakdown: the page statement alone (no count, no nested references).</summary>
    public static readonly string PageOnly = Cases("nodes { code title status resolvedAt }");

    /// <summary>Breakdown: the page and its nested references (three batched statements), no count.</summary>
    public static readonly string PageWithReferences = Cases(
        "nodes { code title status resolvedAt region { name parent { name } } assignedOrganization { name } }");

    private static string Cases(string selection) => $$"""
        {
          cases(
            first: {{PageSize}}
            where: { status: { in: [RESOLVED, FEEDBACK_GIVEN, EVALUATED] }, region: { parent: { parent: { name: { eq: "{{County}}" } } } } }
            order: [{ resolvedAt: DESC }]
          ) {
            {{selection}}
          }
        }
        """;

    /// <summary>
    /// (b) The same answer written by hand: one count and one page query with joins, projected to exactly the fields
    /// above, in the response shape a GraphQL client would get (<c>{"data":{"cases":{…}}}</c>).
    /// </summary>
    /// <remarks>
    /// Ordered like the GraphQL connection, which always ends with the primary key so that pages are stable.
    /// Not a compiled query: this is the code a developer would write in a controller.
    /// </remarks>
    public static async Task<CasesResponse> QueryAsync(
        OperationalDbContext db, string county, CaseStatus[] statuses, int pageSize, CancellationToken cancellationToken)
    {
        var cases = Filter(db, county, statuses);
        var totalCount = await cases.CountAsync(cancellationToken);
        var nodes = await PageAsync(cases, pageSize, cancellationToken);
        return new CasesResponse(new CasesData(new CasesConnection(totalCount, nodes)));
    }

    public static IQueryable<Case> Filter(OperationalDbContext db, string county, CaseStatus[] statuses) =>
        db.Cases.AsNoTracking().Where(c => statuses.Contains(c.Status) && c.Region!.Parent!.Parent!.Name == county);

    /// <summary>
    /// Breakdown: the filter in the shape the API's <c>FilterBuilder</c> gives it, which guards every optional reference
    /// (<c>Parent != null &amp;&amp; …</c>), so SQL tests <c>"r0"."Id" IS NOT NULL AND "r1"."Id" IS NOT NULL</c> for each case.
    /// </summary>
    public static IQueryable<Case> FilterWithReferenceGuards(OperationalDbContext db, string county, CaseStatus[] statuses) =>
        db.Cases.AsNoTracking().Where(c => statuses.Contains(c.Status)
            && c.Region!.Parent != null && c.Region.Parent.Parent != null && c.Region.Parent.Parent.Name == county);

    public static Task<List<CaseNode>> PageAsync(IQueryable<Case> cases, int pageSize, CancellationToken cancellationToken) =>
        cases
            .OrderByDescending(c => c.ResolvedAt)
            .ThenBy(c => c.Id)
            .Take(pageSize)
            .Select(c => new CaseNode(
                c.Code,
                c.Title,
                c.Status,
                c.ResolvedAt,
                new RegionNode(c.Region!.Name, c.Region.Parent == null ? null : new ParentRegionNode(c.Region.Parent.Name)),
                c.AssignedOrganization == null ? null : new OrganizationNode(c.AssignedOrganization.Name)))
            .ToListAsync(cancellationToken);

    /// <summary>(b) end to end: a fresh context (as per request in an API), the query, and the JSON a client would get.</summary>
    public static async Task<byte[]> HandWrittenJsonAsync(IDbContextFactory<OperationalDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var response = await QueryAsync(db, County, ResolvedStatuses, PageSize, cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(response, Json);
    }

    /// <summary>As the API writes JSON: camelCase, enums as GraphQL names (FEEDBACK_GIVEN), Chinese text unescaped.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };
}

public sealed record CasesResponse(CasesData Data);

public sealed record CasesData(CasesConnection Cases);

public sealed record CasesConnection(int TotalCount, IReadOnlyList<CaseNode> Nodes);

public sealed record CaseNode(
    string Code, string Title, CaseStatus Status, DateTimeOffset? ResolvedAt, RegionNode Region, OrganizationNode? AssignedOrganization);

public sealed record RegionNode(string Name, ParentRegionNode? Parent);

public sealed record ParentRegionNode(string Name);

public sealed record OrganizationNode(string Name);
