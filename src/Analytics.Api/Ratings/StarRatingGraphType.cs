using Analytics.Api.GraphQL;
using Analytics.Api.Organizations;
using Analytics.Domain;

namespace Analytics.Api.Ratings;

public sealed class StarRatingGraphType : EntityGraphType<StarRating>
{
    public StarRatingGraphType()
        : base("五星创评: an organization's yearly assessment; ≥90 ★5, 80–89 ★4, 70–79 ★3, 60–69 ★2, below 60 ★1.")
    {
        Field(x => x.Year);
        Field(x => x.Score).Description("Assessment score, 0–100.");
        Field(x => x.Stars).Description("1–5 stars.");
        Reference<PartyOrganization, PartyOrganizationGraphType>("organization", "The organization rated.");
        UpdatedAtField();
    }
}
