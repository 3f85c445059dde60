using Analytics.Api.GraphQL;
using Analytics.Api.GraphQL.Querying;
using Analytics.Api.Organizations;
using Analytics.Domain;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Ratings;

public sealed class StarRatingGraphType : EntityGraphType<StarRating>
{
    public StarRatingGraphType()
        : base("五星创评: an organization's yearly assessment; ≥90 ★5, 80–89 ★4, 70–79 ★3, 60–69 ★2, below 60 ★1. "
            + "The rectification list (软弱涣散) of a year: starRatings(where: { year: { eq: Y }, stars: { lte: 2 } }, order: [{ score: ASC }]).")
    {
        Field(x => x.Year);
        Field(x => x.Score).Description("Assessment score, 0–100.");
        Field(x => x.Stars).Description("1–5 stars.");
        Field<IntGraphType>("previousStars")
            .Description("Stars of the same organization the year before; null when it was not rated then.")
            .Requires(nameof(StarRating.OrganizationId), nameof(StarRating.Year))
            .Resolve(context => PreviousStars(context.Loader(), context.Source));
        Field<NonNullGraphType<EnumerationGraphType<StarChange>>>("change")
            .Description("升级 / 降级: against the year before.")
            .Requires(nameof(StarRating.OrganizationId), nameof(StarRating.Year), nameof(StarRating.Stars))
            .Resolve(context => PreviousStars(context.Loader(), context.Source).Then(previous => previous switch
            {
                null => StarChange.FirstRating,
                var p when p < context.Source.Stars => StarChange.Upgraded,
                var p when p > context.Source.Stars => StarChange.Downgraded,
                _ => StarChange.Unchanged,
            }));
        Reference<PartyOrganization, PartyOrganizationGraphType>("organization", "The organization rated.");
        UpdatedAtField();
    }

    /// <summary>Last year's stars of every rating asked for, in one statement.</summary>
    private static IDataLoaderResult<int?> PreviousStars(BatchLoader loader, StarRating rating) =>
        loader.Load<(int OrganizationId, int Year), int?>("starRating.previousStars", (rating.OrganizationId, rating.Year - 1), async (db, keys, ct) =>
        {
            var organizations = keys.Select(k => k.OrganizationId).Distinct().ToList();
            var years = keys.Select(k => k.Year).Distinct().ToList();
            var rows = await loader.Scope.Read<StarRating>(db)
                .Where(r => organizations.Contains(r.OrganizationId) && years.Contains(r.Year))
                .Select(r => new { r.OrganizationId, r.Year, r.Stars })
                .ToListAsync(ct);
            return rows.Where(r => keys.Contains((r.OrganizationId, r.Year))).ToDictionary(r => (r.OrganizationId, r.Year), r => (int?)r.Stars);
        }, missing: null);
}

/// <summary>How an organization's stars moved against the year before.</summary>
public enum StarChange
{
    /// <summary>Not rated the year before.</summary>
    FirstRating = 1,

    /// <summary>升级.</summary>
    Upgraded = 2,

    /// <summary>降级.</summary>
    Downgraded = 3,

    Unchanged = 4,
}
