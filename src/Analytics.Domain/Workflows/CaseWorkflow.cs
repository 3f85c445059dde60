namespace Analytics.Domain.Workflows;

/// <summary>What an office does to a case after it was reported (倾听民声 → 分类处置 → 办结反馈 → 考核评议).</summary>
public enum CaseAction
{
    Classify = 1,
    Start = 2,
    Resolve = 3,
    GiveFeedback = 4,
    Evaluate = 5,
    Reject = 6,
    Withdraw = 7,
}

/// <summary>
/// The case workflow: Reported → Classified → InProgress → Resolved → FeedbackGiven → Evaluated. An office may reject a
/// case until work starts; the reporter may withdraw it until it is resolved. Evaluated, Rejected and Withdrawn are final.
/// Each method checks the transition first and changes the case only when it is legal.
/// </summary>
public static class CaseWorkflow
{
    public static readonly StateMachine<CaseStatus, CaseAction> Machine = new("Case",
    [
        (CaseStatus.Reported, CaseAction.Classify, CaseStatus.Classified),
        (CaseStatus.Reported, CaseAction.Reject, CaseStatus.Rejected),
        (CaseStatus.Reported, CaseAction.Withdraw, CaseStatus.Withdrawn),
        (CaseStatus.Classified, CaseAction.Start, CaseStatus.InProgress),
        (CaseStatus.Classified, CaseAction.Reject, CaseStatus.Rejected),
        (CaseStatus.Classified, CaseAction.Withdraw, CaseStatus.Withdrawn),
        (CaseStatus.InProgress, CaseAction.Resolve, CaseStatus.Resolved),
        (CaseStatus.InProgress, CaseAction.Withdraw, CaseStatus.Withdrawn),
        (CaseStatus.Resolved, CaseAction.GiveFeedback, CaseStatus.FeedbackGiven),
        (CaseStatus.FeedbackGiven, CaseAction.Evaluate, CaseStatus.Evaluated),
    ]);

    /// <summary>分类处置: category, the organization it is assigned to and the day it is due.</summary>
    public static void Classify(Case item, CaseCategory category, int assignedOrganizationId, DateOnly dueOn, DateTimeOffset at)
    {
        var next = Machine.Next(item.Status, CaseAction.Classify);
        if (dueOn < OfficeCalendar.DayOf(item.ReportedAt))
        {
            throw new DomainRuleException("dueOn", $"The due date {dueOn:yyyy-MM-dd} is before the case was reported.");
        }

        item.Category = category;
        item.AssignedOrganizationId = assignedOrganizationId;
        item.DueOn = dueOn;
        item.ClassifiedAt = at;
        item.Status = next;
    }

    public static void Start(Case item, DateTimeOffset at)
    {
        item.Status = Machine.Next(item.Status, CaseAction.Start);
        item.StartedAt = at;
    }

    /// <summary>办结.</summary>
    public static void Resolve(Case item, DateTimeOffset at)
    {
        item.Status = Machine.Next(item.Status, CaseAction.Resolve);
        item.ResolvedAt = at;
    }

    /// <summary>反馈: the reporter was told the outcome.</summary>
    public static void GiveFeedback(Case item, DateTimeOffset at)
    {
        item.Status = Machine.Next(item.Status, CaseAction.GiveFeedback);
        item.FeedbackAt = at;
    }

    /// <summary>考核评议: the reporter's satisfaction, 1–5.</summary>
    public static void Evaluate(Case item, int satisfaction, DateTimeOffset at)
    {
        var next = Machine.Next(item.Status, CaseAction.Evaluate);
        if (satisfaction is < Case.MinSatisfaction or > Case.MaxSatisfaction)
        {
            throw new DomainRuleException("satisfaction",
                $"Satisfaction is {Case.MinSatisfaction} (very dissatisfied) to {Case.MaxSatisfaction} (very satisfied); {satisfaction} was given.");
        }

        item.Satisfaction = satisfaction;
        item.EvaluatedAt = at;
        item.Status = next;
    }

    /// <summary>不予受理: the offices do not take the case up, and say why (the reporter is told).</summary>
    public static void Reject(Case item, string reason, DateTimeOffset at)
    {
        var next = Machine.Next(item.Status, CaseAction.Reject);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("reason", "A rejected case needs the reason the reporter is told.");
        }

        item.Status = next;
        item.ClosedAt = at;
        item.ClosingReason = reason.Trim();
    }

    /// <summary>撤回: the reporter withdraws the case, with the reason if they gave one.</summary>
    public static void Withdraw(Case item, string? reason, DateTimeOffset at)
    {
        item.Status = Machine.Next(item.Status, CaseAction.Withdraw);
        item.ClosedAt = at;
        item.ClosingReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }

    /// <summary>
    /// Past its due date without being resolved: still open after the due day, or resolved only after it. Rejected and
    /// withdrawn cases, and cases without a due date, are never overdue.
    /// </summary>
    public static bool IsOverdue(CaseStatus status, DateOnly? dueOn, DateTimeOffset? resolvedAt, DateTimeOffset now)
    {
        if (dueOn is not { } due || status is CaseStatus.Rejected or CaseStatus.Withdrawn)
        {
            return false;
        }

        var doneOn = status.IsResolved() && resolvedAt is { } resolved ? resolved : now;
        return OfficeCalendar.DayOf(doneOn) > due;
    }
}
