using Analytics.Api.GraphQL;
using Analytics.Api.GraphQL.Mutations;
using Analytics.Domain;
using GraphQL.Types;

namespace Analytics.Api.Ratings;

/// <summary>五星创评 assessments and 在职党员到社区报到 registrations.</summary>
public static class RatingMutations
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Mutation("assessStarRating", "五星创评: an organization's yearly score; the stars follow (≥90 ★5, 80–89 ★4, 70–79 ★3, 60–69 ★2, below 60 ★1).", input =>
        {
            input.Field<NonNullGraphType<IdGraphType>>("organizationId").Description("The organization rated (a PartyOrganization id).");
            input.Field<NonNullGraphType<IntGraphType>>("year").Description("1921 to this year; one rating per organization and year.");
            input.Field<NonNullGraphType<DecimalGraphType>>("score").Description("0–100, kept to 0.01.");
        }, async m =>
        {
            var rating = new StarRating
            {
                OrganizationId = m.Id<PartyOrganization>("organizationId"),
                Year = m.Int("year", MutationContext.EarliestDate.Year, m.Today.Year),
                Score = m.Decimal("score", 0, 100),
            };
            rating.Stars = StarRating.StarsFor(rating.Score);
            await m.ExistingAsync<PartyOrganization>("organizationId", rating.OrganizationId);
            await m.RequireUniqueAsync<StarRating>(r => r.OrganizationId == rating.OrganizationId && r.Year == rating.Year,
                "year", $"The organization is rated for {rating.Year} already.");
            m.Db.StarRatings.Add(rating);
            return rating;
        });

        mutation.Mutation("registerInCommunity", "在职党员到社区报到: an in-service member registers at the community where they live (due within one month).", input =>
        {
            input.Field<NonNullGraphType<IdGraphType>>("memberId").Description("An in-service member (a PartyMember id).");
            input.Field<NonNullGraphType<IdGraphType>>("communityId").Description("The community (a Region id of level COMMUNITY).");
            input.Field<NonNullGraphType<DateScalar>>("dueFrom").Description("The day the obligation began (joining, moving, taking the post).");
            input.Field<DateScalar>("registeredOn").Description("Default today; not in the future, not before dueFrom.");
        }, async m =>
        {
            var registration = new CommunityRegistration
            {
                MemberId = m.Id<PartyMember>("memberId"),
                CommunityId = m.Id<Region>("communityId"),
                DueFrom = m.PastDate("dueFrom"),
                RegisteredOn = m.OptionalPastDate("registeredOn") ?? m.Today,
            };
            if (registration.RegisteredOn < registration.DueFrom)
            {
                throw MutationContext.Invalid("registeredOn", "registeredOn is before dueFrom.");
            }

            var member = await m.ExistingAsync<PartyMember>("memberId", registration.MemberId);
            if (member.Category != MemberCategory.InService)
            {
                throw MutationContext.Invalid("memberId", $"Only in-service members register at a community; {member.Name} is {member.Category}.");
            }

            var community = await m.ExistingAsync<Region>("communityId", registration.CommunityId);
            if (community.Level != RegionLevel.Community)
            {
                throw MutationContext.Invalid("communityId", $"{community.Name} is a {community.Level}, not a community.");
            }

            await m.RequireUniqueAsync<CommunityRegistration>(r => r.MemberId == registration.MemberId && r.CommunityId == registration.CommunityId,
                "memberId", "The member is registered at this community already.");
            m.Db.CommunityRegistrations.Add(registration);
            return registration;
        });
    }
}
