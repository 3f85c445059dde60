using Analytics.Domain.Workflows;

namespace Analytics.Domain.Tests;

public sealed class CaseWorkflowTests
{
    private static readonly DateTimeOffset _reported = new(2024, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset _now = new(2024, 3, 10, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The workflow as the offices describe it; every (state, action) pair not listed here is illegal.</summary>
    private static readonly Dictionary<(CaseStatus, CaseAction), CaseStatus> _legal = new()
    {
        [(CaseStatus.Reported, CaseAction.Classify)] = CaseStatus.Classified,
        [(CaseStatus.Reported, CaseAction.Reject)] = CaseStatus.Rejected,
        [(CaseStatus.Reported, CaseAction.Withdraw)] = CaseStatus.Withdrawn,
        [(CaseStatus.Classified, CaseAction.Start)] = CaseStatus.InProgress,
        [(CaseStatus.Classified, CaseAction.Reject)] = CaseStatus.Rejected,
        [(CaseStatus.Classified, CaseAction.Withdraw)] = CaseStatus.Withdrawn,
        [(CaseStatus.InProgress, CaseAction.Resolve)] = CaseStatus.Resolved,
        [(CaseStatus.InProgress, CaseAction.Withdraw)] = CaseStatus.Withdrawn,
        [(CaseStatus.Resolved, CaseAction.GiveFeedback)] = CaseStatus.FeedbackGiven,
        [(CaseStatus.FeedbackGiven, CaseAction.Evaluate)] = CaseStatus.Evaluated,
    };

    public static TheoryData<CaseStatus, CaseAction> EveryPair()
    {
        var data = new TheoryData<CaseStatus, CaseAction>();
        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            foreach (var action in Enum.GetValues<CaseAction>())
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_state_and_action_pair_is_legal_exactly_when_the_workflow_says_so(CaseStatus from, CaseAction action)
    {
        var item = NewCase(from);
        var before = Snapshot(item);

        if (_legal.TryGetValue((from, action), out var expected))
        {
            Apply(item, action);
            Assert.Equal(expected, item.Status);
            if (action is CaseAction.Reject or CaseAction.Withdraw)
            {
                Assert.Equal((ClosingReason(action), (DateTimeOffset?)_now), (item.ClosingReason, item.ClosedAt));
            }
        }
        else
        {
            var error = Assert.Throws<InvalidTransitionException>(() => Apply(item, action));
            Assert.Equal("Case", error.Workflow);
            Assert.Equal(before, Snapshot(item)); // nothing changed
        }
    }

    [Fact]
    public void The_machine_holds_no_transition_the_specification_lacks() =>
        Assert.Equal(_legal.Count, CaseWorkflow.Machine.Transitions.Count());

    [Fact]
    public void Each_step_stamps_its_own_time()
    {
        var item = NewCase(CaseStatus.Reported);
        CaseWorkflow.Classify(item, CaseCategory.Safety, 7, new DateOnly(2024, 3, 20), _now);
        CaseWorkflow.Start(item, _now.AddHours(1));
        CaseWorkflow.Resolve(item, _now.AddHours(2));
        CaseWorkflow.GiveFeedback(item, _now.AddHours(3));
        CaseWorkflow.Evaluate(item, 5, _now.AddHours(4));

        Assert.Equal((CaseCategory.Safety, 7, new DateOnly(2024, 3, 20)), (item.Category, item.AssignedOrganizationId, item.DueOn));
        Assert.Equal([_now, _now.AddHours(1), _now.AddHours(2), _now.AddHours(3), _now.AddHours(4)],
            new[] { item.ClassifiedAt, item.StartedAt, item.ResolvedAt, item.FeedbackAt, item.EvaluatedAt }.Select(t => t!.Value));
        Assert.Equal(5, item.Satisfaction);
        Assert.Equal(CaseStatus.Evaluated, item.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Satisfaction_outside_one_to_five_is_refused_and_changes_nothing(int satisfaction)
    {
        var item = NewCase(CaseStatus.FeedbackGiven);

        var error = Assert.Throws<DomainRuleException>(() => CaseWorkflow.Evaluate(item, satisfaction, _now));

        Assert.Equal("satisfaction", error.Field);
        Assert.Equal(CaseStatus.FeedbackGiven, item.Status);
        Assert.Null(item.Satisfaction);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_rejection_without_a_reason_is_refused_and_changes_nothing(string reason)
    {
        var item = NewCase(CaseStatus.Classified);

        var error = Assert.Throws<DomainRuleException>(() => CaseWorkflow.Reject(item, reason, _now));

        Assert.Equal("reason", error.Field);
        Assert.Equal((CaseStatus.Classified, (DateTimeOffset?)null, (string?)null), (item.Status, item.ClosedAt, item.ClosingReason));
    }

    [Fact]
    public void Rejecting_and_withdrawing_keep_the_reason_trimmed_and_withdrawing_needs_none()
    {
        var rejected = NewCase(CaseStatus.Reported);
        var withdrawn = NewCase(CaseStatus.InProgress);
        var silent = NewCase(CaseStatus.Reported);

        CaseWorkflow.Reject(rejected, "  属于司法程序，已引导诉讼  ", _now);
        CaseWorkflow.Withdraw(withdrawn, "已自行协商解决", _now);
        CaseWorkflow.Withdraw(silent, "  ", _now);

        Assert.Equal((CaseStatus.Rejected, "属于司法程序，已引导诉讼", (DateTimeOffset?)_now), (rejected.Status, rejected.ClosingReason, rejected.ClosedAt));
        Assert.Equal((CaseStatus.Withdrawn, "已自行协商解决"), (withdrawn.Status, withdrawn.ClosingReason));
        Assert.Equal((CaseStatus.Withdrawn, (string?)null), (silent.Status, silent.ClosingReason));
    }

    [Fact]
    public void A_due_date_before_the_report_is_refused()
    {
        var item = NewCase(CaseStatus.Reported);

        Assert.Throws<DomainRuleException>(() => CaseWorkflow.Classify(item, CaseCategory.Other, 1, new DateOnly(2024, 2, 28), _now));
        Assert.Equal(CaseStatus.Reported, item.Status);
    }

    [Theory]
    [InlineData(CaseStatus.InProgress, "2024-03-09", null, true)]            // open past its due day
    [InlineData(CaseStatus.InProgress, "2024-03-10", null, false)]           // due today: not yet
    [InlineData(CaseStatus.Resolved, "2024-03-05", "2024-03-04", false)]     // resolved in time
    [InlineData(CaseStatus.Evaluated, "2024-03-05", "2024-03-06", true)]     // resolved late
    [InlineData(CaseStatus.Withdrawn, "2024-03-01", null, false)]
    [InlineData(CaseStatus.Reported, null, null, false)]                     // no due date yet
    public void Overdue_means_unresolved_after_the_due_day(CaseStatus status, string? dueOn, string? resolvedOn, bool overdue)
    {
        DateTimeOffset? resolvedAt = resolvedOn is null ? null : new DateTimeOffset(DateOnly.Parse(resolvedOn).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

        Assert.Equal(overdue, CaseWorkflow.IsOverdue(status, dueOn is null ? null : DateOnly.Parse(dueOn), resolvedAt, _now));
    }

    [Theory]
    [InlineData("2024-03-10T15:59:59Z", false)] // 23:59:59 on the due day in Beijing
    [InlineData("2024-03-10T16:00:00Z", true)]  // midnight in Beijing: the due day has passed, in UTC it has not
    public void The_due_day_ends_at_midnight_in_Beijing(string now, bool overdue) =>
        Assert.Equal(overdue, CaseWorkflow.IsOverdue(CaseStatus.InProgress, new DateOnly(2024, 3, 10), null,
            DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_due_date_on_the_Beijing_day_of_the_report_is_allowed_though_UTC_is_a_day_behind()
    {
        var item = NewCase(CaseStatus.Reported);
        item.ReportedAt = new DateTimeOffset(2024, 3, 1, 17, 0, 0, TimeSpan.Zero); // 01:00 on 2 March in Beijing

        CaseWorkflow.Classify(item, CaseCategory.Other, 1, new DateOnly(2024, 3, 2), _now);
        Assert.Throws<DomainRuleException>(() => CaseWorkflow.Classify(NewCaseAt(item.ReportedAt), CaseCategory.Other, 1, new DateOnly(2024, 3, 1), _now));

        Assert.Equal(CaseStatus.Classified, item.Status);

        static Case NewCaseAt(DateTimeOffset reported)
        {
            var other = NewCase(CaseStatus.Reported);
            other.ReportedAt = reported;
            return other;
        }
    }

    private static Case NewCase(CaseStatus status) => new()
    {
        Code = "350481-2024-000001",
        Title = "路灯不亮",
        Status = status,
        ReportedAt = _reported,
    };

    private static void Apply(Case item, CaseAction action)
    {
        switch (action)
        {
            case CaseAction.Classify: CaseWorkflow.Classify(item, CaseCategory.Infrastructure, 1, new DateOnly(2024, 3, 31), _now); break;
            case CaseAction.Start: CaseWorkflow.Start(item, _now); break;
            case CaseAction.Resolve: CaseWorkflow.Resolve(item, _now); break;
            case CaseAction.GiveFeedback: CaseWorkflow.GiveFeedback(item, _now); break;
            case CaseAction.Evaluate: CaseWorkflow.Evaluate(item, 4, _now); break;
            case CaseAction.Reject: CaseWorkflow.Reject(item, ClosingReason(action), _now); break;
            case CaseAction.Withdraw: CaseWorkflow.Withdraw(item, ClosingReason(action), _now); break; // a reason, so a refused withdrawal that wrote it would show in Snapshot
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    private static string ClosingReason(CaseAction action) => action == CaseAction.Reject ? "不属于受理范围，已告知转交12345" : "反映人撤回";

    private static string Snapshot(Case c) =>
        $"{c.Status}|{c.Category}|{c.AssignedOrganizationId}|{c.DueOn}|{c.ClassifiedAt}|{c.StartedAt}|{c.ResolvedAt}|{c.FeedbackAt}|{c.EvaluatedAt}|{c.ClosedAt}|{c.ClosingReason}|{c.Satisfaction}";
}
