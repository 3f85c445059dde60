using Analytics.Api.GraphQL;
using Analytics.Api.Grids;
using Analytics.Api.Organizations;
using Analytics.Api.Pairings;
using Analytics.Api.Regions;
using Analytics.Domain;
using Analytics.Api.GraphQL.Querying;
using Analytics.Domain.Workflows;
using GraphQL.Types;

namespace Analytics.Api.Cases;

public sealed class CaseGraphType : EntityGraphType<Case>
{
    public CaseGraphType(TimeProvider clock)
        : base("民情诉求: an issue raised by residents or an enterprise, handled 倾听民声 → 分类处置 → 办结反馈 → 考核评议.")
    {
        Field(x => x.Code).Description("Case number.");
        Field(x => x.Title);
        Field(x => x.Channel).Description("How the case arrived.");
        Field(x => x.Category);
        Field(x => x.Reporter);
        Field(x => x.Status);
        Field(x => x.ReportedAt).Description("倾听民声: received.");
        Field(x => x.ClassifiedAt, nullable: true).Description("分类处置: classified and assigned.");
        Field(x => x.StartedAt, nullable: true);
        Field(x => x.ResolvedAt, nullable: true).Description("办结.");
        Field(x => x.FeedbackAt, nullable: true).Description("反馈: the reporter was told the outcome.");
        Field(x => x.EvaluatedAt, nullable: true).Description("考核评议: the reporter rated the handling.");
        Field(x => x.ClosedAt, nullable: true).Description("When the case was rejected or withdrawn.");
        Field(x => x.ClosingReason, nullable: true)
            .Description("Why it was rejected (as the reporter was told) or withdrawn; null for other cases and where none was recorded.");
        Field(x => x.DueOn, nullable: true);
        Field(x => x.Satisfaction, nullable: true).Description("1 (very dissatisfied) to 5 (very satisfied), given at evaluation.");
        Field<NonNullGraphType<BooleanGraphType>>("isOverdue")
            .Description("Past dueOn without being resolved (still open after the due day, or resolved after it; days in Beijing time); never for rejected or withdrawn cases.")
            .Requires(nameof(Case.Status), nameof(Case.DueOn), nameof(Case.ResolvedAt))
            .Resolve(context => CaseWorkflow.IsOverdue(context.Source.Status, context.Source.DueOn, context.Source.ResolvedAt, clock.GetUtcNow()));
        Field(x => x.Version).Description("Concurrency version: pass it to the next mutation of this case.")
            .Requires(nameof(IVersioned.Version)); // a token, not a quantity: neither filtered, sorted nor summed
        Reference<Region, RegionGraphType>("region", "Where the case arose.");
        OptionalReference<Grid, GridGraphType>("grid", "The grid it arose in.");
        OptionalReference<PartyOrganization, PartyOrganizationGraphType>(
            "assignedOrganization", "The organization it was assigned to.");
        OptionalReference<Activity, ActivityGraphType>("activity", "The activity where it was raised.");
        AuditTrailField();
        UpdatedAtField();
    }
}
