using Analytics.Api.GraphQL;
using Analytics.Api.GraphQL.Querying;
using Analytics.Api.Grids;
using Analytics.Api.Organizations;
using Analytics.Api.Regions;
using Analytics.Domain;

namespace Analytics.Api.Pairings;

public sealed class PairingGraphType : EntityGraphType<Pairing>
{
    public PairingGraphType()
        : base("结对共建: an agency's party organization linked to a village, community, enterprise or project under a program.")
    {
        Field(x => x.Program).Description("四联四促, 三联共建, 四进四联 or 跨村联建.");
        Field(x => x.TargetKind).Description("Which of targetRegion, targetEnterprise, targetProject is set.");
        Field(x => x.From);
        Field(x => x.To, nullable: true).Description("Last day of the pairing; null while it lasts.");
        Field(x => x.Version).Description("Concurrency version: pass it to endPairing.")
            .Requires(nameof(IVersioned.Version)); // a token, not a quantity: neither filtered, sorted nor summed
        Reference<PartyOrganization, PartyOrganizationGraphType>("organization", "The organization doing the linking.");
        OptionalReference<Region, RegionGraphType>("targetRegion", "The village or community linked.");
        OptionalReference<Enterprise, EnterpriseGraphType>("targetEnterprise", "The enterprise linked.");
        OptionalReference<Project, ProjectGraphType>("targetProject", "The project linked.");
        AuditTrailField();
        UpdatedAtField();
    }
}

public sealed class ActivityGraphType : EntityGraphType<Activity>
{
    public ActivityGraphType()
        : base("调研 / 走访 / 联合党课 / 主题党日 / 居民夜谈会 / 党建轮值: a dated event with participants and cadre attendance.")
    {
        Field(x => x.Kind);
        Field(x => x.Title);
        Field(x => x.Date);
        Field(x => x.Participants);
        Field(x => x.CadreCount).Description("Party cadres attending (下沉党员干部人次).");
        Reference<PartyOrganization, PartyOrganizationGraphType>("organization", "The organization holding it.");
        Reference<Region, RegionGraphType>("region", "Where it took place.");
        OptionalReference<Grid, GridGraphType>("grid", "The grid, for grid activities.");
        OptionalReference<Pairing, PairingGraphType>("pairing", "The pairing it was held under.");
        UpdatedAtField();
    }
}
