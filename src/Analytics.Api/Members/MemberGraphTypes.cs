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
        : base("党员: a party member. Name, ID number and phone are personal data: ID number and phone are masked for every role but admin; "
            + "the birth date is the year only for every role but admin; analysts read no field that singles a person out.")
    {
        // Designed as a whole (README, "Security"): what a role may read together must not rebuild what is masked. The
        // ID number holds the region prefix, the birth date (8 digits) and the gender (17th digit): a county officer
        // sees the prefix, the last four and the gender, so the birth date itself is the year only, leaving month and
        // day (about 30 ID numbers per member, after the check digit) hidden. Analysts see none of a member's
        // quasi-identifiers (gender, birth year, join date, cadre flag, organization): in a small branch they name
        // the person; they count members in the warehouse's aggregates instead.
        Field(x => x.Name).Personal();
        Field(x => x.Gender).Personal();
        Field(x => x.BirthDate).Description("出生日期: administrators only (inside the ID number); others read birthYear.").AdminOnly().Masked();
        Field<NonNullGraphType<IntGraphType>>("birthYear")
            .Description("出生年份: the year of birth, what county officers see of the birth date.")
            .Personal()
            .Requires(nameof(PartyMember.BirthDate))
            .Resolve(context => context.Source.BirthDate.Year);
        Field(x => x.JoinedOn).Description("Date of admission to the party (入党时间).").Personal();
        Field(x => x.Category);
        Field(x => x.IsStarMember).Description("星级党员.");
        Field(x => x.IsCadre).Description("A party or government cadre (党员干部).").Personal();

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
        GetField("organization")!.Personal();
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
