using Analytics.Api.GraphQL;
using Analytics.Api.GraphQL.Querying;
using Analytics.Api.Members;
using Analytics.Api.Organizations;
using Analytics.Api.Regions;
using Analytics.Domain;

namespace Analytics.Api.MicroWishes;

public sealed class MicroWishGraphType : EntityGraphType<MicroWish>
{
    public MicroWishGraphType()
        : base("微心愿: a small wish of a person in need, posted, claimed, fulfilled and publicized.")
    {
        Field(x => x.Title);
        Field(x => x.Beneficiary);
        Field(x => x.Status);
        Field(x => x.PostedOn);
        Field(x => x.VerifiedOn, nullable: true);
        Field(x => x.PublishedOn, nullable: true);
        Field(x => x.ClaimedOn, nullable: true);
        Field(x => x.FulfilledOn, nullable: true);
        Field(x => x.PublicizedOn, nullable: true);
        Field(x => x.Version).Description("Concurrency version: pass it to the next mutation of this wish.")
            .Requires(nameof(IVersioned.Version)); // a token, not a quantity: neither filtered, sorted nor summed
        Reference<Region, RegionGraphType>("region", "The beneficiary's village or community.");
        OptionalReference<PartyMember, PartyMemberGraphType>("claimedByMember", "The member who claimed it.");
        OptionalReference<PartyOrganization, PartyOrganizationGraphType>(
            "claimedByOrganization", "The organization that claimed it as a group.");
        AuditTrailField();
        UpdatedAtField();
    }
}
