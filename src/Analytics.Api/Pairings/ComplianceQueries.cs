using Analytics.Api.GraphQL;
using Analytics.Api.Organizations;
using Analytics.Domain;
using Analytics.Domain.Workflows;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Pairings;

/// <summary>An organization's 四联四促 compliance for a year, computed live from the operational store.</summary>
public sealed record ComplianceStatus(int OrganizationId, int Year, IReadOnlyList<ComplianceCheck> Checks)
{
    public bool IsCompliant => Checks.All(c => c.IsMet);
}

public sealed class ComplianceStatusGraphType : ObjectGraphType<ComplianceStatus>
{
    public ComplianceStatusGraphType()
    {
        Name = "ComplianceStatus";
        Description = "四联四促 compliance of an agency organization for a year (DOMAIN.md's rules), live from the operational store.";
        Field<NonNullGraphType<PartyOrganizationGraphType>>("organization")
            .Resolve(context => context.Loader().LoadById<PartyOrganization>(context.Source.OrganizationId));
        Field(x => x.Year);
        Field(x => x.IsCompliant).Description("Every check is met.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ComplianceCheckGraphType>>>>("checks").Resolve(context => context.Source.Checks);
    }
}

public sealed class ComplianceCheckGraphType : ObjectGraphType<ComplianceCheck>
{
    public ComplianceCheckGraphType()
    {
        Name = "ComplianceCheck";
        Description = "One rule: what is required in the year and what the store holds.";
        Field(x => x.Rule, type: typeof(NonNullGraphType<EnumerationGraphType<ComplianceRule>>));
        Field(x => x.Required);
        Field(x => x.Actual);
        Field(x => x.IsMet);
    }
}

public static class ComplianceQueries
{
    public static void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ComplianceStatusGraphType>>("complianceStatus")
            .Description("四联四促 compliance of an agency organization for a year: pairings per target kind, leader and deputy visits, joint activities.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId", "A PartyOrganization id.")
            .Argument<NonNullGraphType<IntGraphType>>("year", "The year assessed.")
            .ResolveAsync(async context =>
            {
                var organizationId = GlobalId.DecodeFor(nameof(PartyOrganization), context.GetArgument<string>("organizationId"));
                var year = context.GetArgument<int>("year");
                if (year is < 1921 or > 9999)
                {
                    throw new ExecutionError($"year {year} is out of range.") { Code = GraphQL.Mutations.MutationErrors.InvalidInputCode };
                }

                await using var db = await context.CreateDbContextAsync();
                var scope = context.Scope();
                if (!await scope.Read<PartyOrganization>(db).AnyAsync(o => o.Id == organizationId, context.CancellationToken))
                {
                    throw GraphQL.Mutations.MutationErrors.NotFound("organizationId", nameof(PartyOrganization), context.GetArgument<string>("organizationId"));
                }

                var pairings = await scope.Read<Pairing>(db).Where(p => p.OrganizationId == organizationId).ToListAsync(context.CancellationToken);
                var start = new DateOnly(year, 1, 1);
                var end = new DateOnly(year, 12, 31);
                var activities = await scope.Read<Activity>(db)
                    .Where(a => a.OrganizationId == organizationId && a.Date >= start && a.Date <= end)
                    .Select(a => new CompliantActivity(a.Kind, a.Date, a.PairingId))
                    .ToListAsync(context.CancellationToken);
                return new ComplianceStatus(organizationId, year, PairingCompliance.Evaluate(year, pairings, activities));
            });
}
