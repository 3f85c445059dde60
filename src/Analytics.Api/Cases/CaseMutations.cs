using System.Text.RegularExpressions;
using Analytics.Api.GraphQL;
using Analytics.Api.GraphQL.Mutations;
using Analytics.Domain;
using Analytics.Domain.Workflows;
using GraphQL.Types;

namespace Analytics.Api.Cases;

/// <summary>民情处置: report a case, then move it along <see cref="CaseWorkflow"/>; every step checks the version read.</summary>
public static partial class CaseMutations
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Mutation("reportCase", "倾听民声: records a case as Reported.", input =>
        {
            input.Field<NonNullGraphType<StringGraphType>>("code").Description("Case number, unique: the county's 行政区划 code, '-', then letters, digits and '-', at most 32, e.g. 350481-2024-000123.");
            input.Field<NonNullGraphType<StringGraphType>>("title").Description("At most 200 characters.");
            input.Field<NonNullGraphType<IdGraphType>>("regionId").Description("The village or community (a Region id).");
            input.Field<IdGraphType>("gridId").Description("The grid it arose in (a Grid id).");
            input.Field<NonNullGraphType<EnumerationGraphType<CaseChannel>>>("channel");
            input.Field<NonNullGraphType<EnumerationGraphType<CaseReporter>>>("reporter");
            input.Field<EnumerationGraphType<CaseCategory>>("category").Description("Default OTHER; classifyCase sets it.");
            input.Field<IdGraphType>("activityId").Description("The activity where it was raised (an Activity id).");
            input.Field<DateTimeScalar>("reportedAt").Description("When it was received; default now. Not in the future.");
        }, async m =>
        {
            var code = m.Text("code", 32);
            if (!CaseCode().IsMatch(code))
            {
                throw MutationContext.Invalid("code", "code may hold only letters, digits and '-'.");
            }

            var item = new Case
            {
                Code = code,
                Title = m.Text("title", 200),
                RegionId = m.Id<Region>("regionId"),
                GridId = m.OptionalId<Grid>("gridId"),
                Channel = m.Enum<CaseChannel>("channel"),
                Reporter = m.Enum<CaseReporter>("reporter"),
                Category = m.OptionalEnum<CaseCategory>("category") ?? CaseCategory.Other,
                ActivityId = m.OptionalId<Activity>("activityId"),
                ReportedAt = m.OptionalPastTime("reportedAt") ?? m.Now,
                Status = CaseStatus.Reported,
            };
            var region = await m.ExistingAsync<Region>("regionId", item.RegionId);
            // Case numbers begin with their county's 行政区划 code (350481-2025-000123), so they are unique per county by
            // construction: the DUPLICATE below can only name a case of the same county, never reveal one of another.
            var county = await m.CountyCodeAsync(region)
                ?? throw MutationContext.Invalid("regionId", "regionId must be a region within a county (a village or community).");
            if (!code.StartsWith(county + "-", StringComparison.Ordinal))
            {
                throw MutationContext.Invalid("code", $"code must begin with the county's 行政区划 code and a hyphen, {county}-, e.g. {county}-{m.Today.Year}-000123.");
            }

            if (item.GridId is { } gridId)
            {
                await m.ExistingAsync<Grid>("gridId", gridId);
            }

            if (item.ActivityId is { } activityId)
            {
                await m.ExistingAsync<Activity>("activityId", activityId);
            }

            await m.RequireUniqueAsync<Case>(c => c.Code == code, "code", $"A case with code {code} exists already.");
            m.Db.Cases.Add(item);
            return item;
        });

        mutation.Mutation("classifyCase", "分类处置: category, assigned organization and due date (Reported → Classified).", input =>
        {
            input.IdAndVersion("Case");
            input.Field<NonNullGraphType<EnumerationGraphType<CaseCategory>>>("category");
            input.Field<NonNullGraphType<IdGraphType>>("assignedOrganizationId").Description("The organization that handles it (a PartyOrganization id).");
            input.Field<NonNullGraphType<DateScalar>>("dueOn").Description("The day it must be resolved by; not before it was reported.");
        }, async m =>
        {
            var category = m.Enum<CaseCategory>("category");
            var organizationId = m.Id<PartyOrganization>("assignedOrganizationId");
            var dueOn = m.Date("dueOn");
            var item = await m.FindForUpdateAsync<Case>();
            await m.ExistingAsync<PartyOrganization>("assignedOrganizationId", organizationId);
            CaseWorkflow.Classify(item, category, organizationId, dueOn, m.Now);
            return item;
        });

        mutation.Step<Case>("startCase", "Work starts (Classified → InProgress).", (item, m) => CaseWorkflow.Start(item, m.Now));
        mutation.Step<Case>("resolveCase", "办结 (InProgress → Resolved).", (item, m) => CaseWorkflow.Resolve(item, m.Now));
        mutation.Step<Case>("giveCaseFeedback", "反馈: the reporter was told the outcome (Resolved → FeedbackGiven).", (item, m) => CaseWorkflow.GiveFeedback(item, m.Now));
        mutation.Step<Case>("rejectCase", "不予受理: not a case for the offices (Reported or Classified → Rejected), with the reason the reporter is told.",
            (item, m) => CaseWorkflow.Reject(item, m.Text("reason", Case.MaxClosingReasonLength), m.Now),
            input => input.Field<NonNullGraphType<StringGraphType>>("reason")
                .Description($"Why the offices do not take it up, as the reporter is told; at most {Case.MaxClosingReasonLength} characters."));
        mutation.Step<Case>("withdrawCase", "撤回: the reporter withdraws it (before it is resolved → Withdrawn).",
            (item, m) => CaseWorkflow.Withdraw(item, m.OptionalText("reason", Case.MaxClosingReasonLength), m.Now),
            input => input.Field<StringGraphType>("reason")
                .Description($"The reporter's reason, if given; at most {Case.MaxClosingReasonLength} characters."));

        mutation.Mutation("evaluateCase", "考核评议: the reporter's satisfaction 1–5 (FeedbackGiven → Evaluated).", input =>
        {
            input.IdAndVersion("Case");
            input.Field<NonNullGraphType<IntGraphType>>("satisfaction").Description("1 (very dissatisfied) to 5 (very satisfied).");
        }, async m =>
        {
            var item = await m.FindForUpdateAsync<Case>();
            CaseWorkflow.Evaluate(item, m.Int("satisfaction", int.MinValue, int.MaxValue), m.Now);
            return item;
        });
    }

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex CaseCode();
}
