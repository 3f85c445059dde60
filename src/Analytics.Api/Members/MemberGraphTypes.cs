using Analytics.Api.GraphQL;
using Analytics.Api.GraphQL.Querying;
using Analytics.Api.Organizations;
using Analytics.Api.Regions;
using Analytics.Api.Security;
using Analytics.Domain;
using GraphQL.Types;

namespace Analytics.Api.Members;

public sealed class PartyMemberGraphType : EntityGraphType<PartyMember>
{
    public PartyMemberGraphType()
        : base("党员: a party member. Name, ID number and phone are personal data: ID number and phone are masked for every role but admin.")
    {
        Field(x => x.Name).Personal();
        Field(x => x.Gender);
        Field(x => x.BirthDate);
        Field(x => x.JoinedOn).Description("Date of admission to the party (入党时间).");
        Field(x => x.Category);
        Field(x => x.IsStarMember).Description("星级党员.");
        Field(x => x.IsCadre).Description("A party or government cadre (党员干部).");

        // In clear for administrators only; masked for county officers; other roles may not select them at all.
        Field<NonNullGraphType<StringGraphType>>("idNumber")
            .Description("居民身份证号码: masked (350481********1234) for every role but admin.")
            .Masked()
            .Resolve(context => context.Caller().SeesPersonalDataInClear ? context.Source.IdNumber : PersonalData.MaskIdNumber(context.Source.IdNumber));
        Field<NonNullGraphType<StringGraphType>>("phone")
            .Description("Mobile phone: masked (138****5678) for every role but admin.")
            .Masked()
            .Resolve(context => context.Caller().SeesPersonalDataInClear ? context.Source.Phone : PersonalData.MaskPhone(context.Source.Phone));

        Reference<PartyOrganization, PartyOrganizationGraphType>("organization", "The organization holding the member's relationship.");
        UpdatedAtField();
    }
}

public sealed class CommunityRegistrationGraphType : EntityGraphType<CommunityRegistration>
{
    public CommunityRegistrationGraphType()
        : base("在职党员到社区报到: an in-service member's registration at the community where they live (due within one month).")
    {
        Field(x => x.DueFrom).Description("The day the obligation began; registration is due within one month.");
        Field(x => x.RegisteredOn);
        Field(x => x.IsOnTime).Description("Registered within one month of dueFrom.")
            .Requires(nameof(CommunityRegistration.DueFrom), nameof(CommunityRegistration.RegisteredOn));
        Field(x => x.ActivitiesAttended).Description("Community activities taken part in since registering (≥ 1 per quarter expected).");
        Reference<PartyMember, PartyMemberGraphType>("member", "The member.");
        Reference<Region, RegionGraphType>("community", "The community registered at.");
        UpdatedAtField();
    }
}
