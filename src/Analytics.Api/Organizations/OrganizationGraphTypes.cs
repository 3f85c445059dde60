using Analytics.Api.GraphQL;
using Analytics.Api.Grids;
using Analytics.Api.Members;
using Analytics.Api.Regions;
using Analytics.Domain;

namespace Analytics.Api.Organizations;

public sealed class PartyOrganizationGraphType : EntityGraphType<PartyOrganization>
{
    public PartyOrganizationGraphType()
        : base("党组织: a party committee (党委), general branch (党总支) or branch (党支部) in one domain of work.")
    {
        Field(x => x.Name);
        Field(x => x.Kind);
        Field(x => x.Domain);
        Field(x => x.EstablishedOn);
        Field(x => x.DissolvedOn, nullable: true);
        OptionalReference<PartyOrganization, PartyOrganizationGraphType>("parent", "The organization one level up.");
        Reference<Region, RegionGraphType>("region", "The region the organization belongs to.");
        OptionalReference<Grid, GridGraphType>("grid", "The grid a grid or residential-area branch is built on.");
        Children<PartyOrganization, PartyOrganizationGraphType>("children", nameof(PartyOrganization.ParentId), "The organizations one level down.");
        UpdatedAtField();
    }
}

public sealed class EnterpriseGraphType : EntityGraphType<Enterprise>
{
    public EnterpriseGraphType()
        : base("企业: an enterprise that agencies pair with (联企业); its party organization, if any, counts towards coverage.")
    {
        Field(x => x.Name);
        Field(x => x.CreditCode).Description("统一社会信用代码.");
        Field(x => x.Kind);
        Field(x => x.Employees);
        Reference<Region, RegionGraphType>("region", "Where it is registered.");
        OptionalReference<PartyOrganization, PartyOrganizationGraphType>(
            "partyOrganization", "The party organization built in the enterprise.");
        UpdatedAtField();
    }
}

public sealed class ProjectGraphType : EntityGraphType<Project>
{
    public ProjectGraphType()
        : base("项目: a key construction or industry project that agencies pair with (联项目).")
    {
        Field(x => x.Name);
        Field(x => x.Investment).Description("Planned investment in yuan.");
        Field(x => x.StartedOn);
        Field(x => x.CompletedOn, nullable: true);
        Reference<Region, RegionGraphType>("region", "Where the project is.");
        UpdatedAtField();
    }
}
