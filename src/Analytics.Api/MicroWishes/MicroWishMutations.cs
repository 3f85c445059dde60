using Analytics.Api.GraphQL;
using Analytics.Api.GraphQL.Mutations;
using Analytics.Domain;
using Analytics.Domain.Workflows;
using GraphQL.Types;

namespace Analytics.Api.MicroWishes;

/// <summary>微心愿: post, then verify → publish → claim → fulfil → publicize along <see cref="MicroWishWorkflow"/>.</summary>
public static class MicroWishMutations
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Mutation("postMicroWish", "Posts a wish of a person in need (Posted).", input =>
        {
            input.Field<NonNullGraphType<StringGraphType>>("title").Description("At most 200 characters.");
            input.Field<NonNullGraphType<IdGraphType>>("regionId").Description("The beneficiary's village or community (a Region id).");
            input.Field<NonNullGraphType<EnumerationGraphType<BeneficiaryKind>>>("beneficiary");
            input.Field<DateScalar>("postedOn").Description("Default today; not in the future.");
        }, async m =>
        {
            var wish = new MicroWish
            {
                Title = m.Text("title", 200),
                RegionId = m.Id<Region>("regionId"),
                Beneficiary = m.Enum<BeneficiaryKind>("beneficiary"),
                PostedOn = m.OptionalPastDate("postedOn") ?? m.Today,
                Status = MicroWishStatus.Posted,
            };
            var region = await m.ExistingAsync<Region>("regionId", wish.RegionId);
            if (region.Level is not (RegionLevel.Village or RegionLevel.Community))
            {
                throw MutationContext.Invalid("regionId", $"A micro-wish belongs to a village or community; {region.Name} is a {region.Level}.");
            }

            m.Db.MicroWishes.Add(wish);
            return wish;
        });

        mutation.Step<MicroWish>("verifyMicroWish", "The wish was checked (Posted → Verified).", (wish, m) => MicroWishWorkflow.Verify(wish, m.Today));
        mutation.Step<MicroWish>("publishMicroWish", "Offered for claiming (Verified → Published).", (wish, m) => MicroWishWorkflow.Publish(wish, m.Today));
        mutation.Step<MicroWish>("fulfilMicroWish", "The wish came true (Claimed → Fulfilled).", (wish, m) => MicroWishWorkflow.Fulfil(wish, m.Today));
        mutation.Step<MicroWish>("publicizeMicroWish", "Made known (Fulfilled → Publicized).", (wish, m) => MicroWishWorkflow.Publicize(wish, m.Today));

        mutation.Mutation("claimMicroWish", "Claimed by one member or by an organization as a group (Published → Claimed).", input =>
        {
            input.IdAndVersion("MicroWish");
            input.Field<IdGraphType>("memberId").Description("The member who claims it (a PartyMember id); or give organizationId.");
            input.Field<IdGraphType>("organizationId").Description("The organization that claims it as a group (a PartyOrganization id).");
        }, async m =>
        {
            var memberId = m.OptionalId<PartyMember>("memberId");
            var organizationId = m.OptionalId<PartyOrganization>("organizationId");
            var wish = await m.FindForUpdateAsync<MicroWish>();
            if (memberId is { } member)
            {
                await m.ExistingAsync<PartyMember>("memberId", member);
            }

            if (organizationId is { } organization)
            {
                await m.ExistingAsync<PartyOrganization>("organizationId", organization);
            }

            MicroWishWorkflow.Claim(wish, memberId, organizationId, m.Today);
            return wish;
        });
    }
}
