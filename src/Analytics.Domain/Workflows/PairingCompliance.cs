namespace Analytics.Domain.Workflows;

/// <summary>One rule of 四联四促 for one organization and year: what is required, what was found.</summary>
public sealed record ComplianceCheck(ComplianceRule Rule, int Required, int Actual)
{
    public bool IsMet => Actual >= Required;
}

/// <summary>The rules of 四联四促 (明委工〔2023〕6号) as the notice states them, plus 三联共建's leader visits; the warehouse's compliance_rule uses the same names.</summary>
public enum ComplianceRule
{
    /// <summary>联乡村: a village pairing in force at the end of June (6月底前…至少与1个村党组织建立…共建机制).</summary>
    VillagePairedByJune = 1,

    /// <summary>联社区: a community pairing in force at the end of June (6月底前，至少成为1个社区的党建联席会议成员单位).</summary>
    CommunityPairedByJune = 2,

    /// <summary>联企业: an enterprise pairing in force at the end of June (6月底前推动…与企业结对全覆盖).</summary>
    EnterprisePairedByJune = 3,

    /// <summary>联项目: a project pairing in force at the end of June (6月底前推动…联系项目全覆盖).</summary>
    ProjectPairedByJune = 4,

    /// <summary>主要领导每年到共建村调研不少于1次: required = the year's village pairings (at least 1, so none fails), actual = those the principal leader visited.</summary>
    LeaderVisits = 5,

    /// <summary>分管领导每半年到共建村调研不少于1天: a deputy's day at a paired village in the first half-year…</summary>
    DeputyVisitsFirstHalf = 6,

    /// <summary>…and in the second.</summary>
    DeputyVisitsSecondHalf = 7,

    /// <summary>联合党课 with the paired village at least once a year (每年联合开展的党课、主题党日、实践活动各不少于1次).</summary>
    JointPartyClasses = 8,

    /// <summary>主题党日 with the paired village at least once a year.</summary>
    ThemeDays = 9,

    /// <summary>实践活动 with the paired village at least once a year.</summary>
    PracticeActivities = 10,

    /// <summary>三联共建: the linked leader visits each point at least 6 times a year (checked only for organizations with such pairings).</summary>
    ThreeLinksLeaderVisits = 11,

    /// <summary>在职党员每季度至少参加1次社区组织的活动: required = the organization's in-service members registered at a community by the first day of a quarter of the year, actual = those who took part in every such quarter.</summary>
    InServiceMembersQuarterly = 12,
}

/// <summary>An in-service member as the quarterly rule sees them: first registered at a community on RegisteredOn; activities per (year, quarter).</summary>
public sealed record RegisteredMember(int MemberId, DateOnly RegisteredOn, IReadOnlyDictionary<(int Year, int Quarter), int> Activities);

/// <summary>An activity as the compliance rules see it.</summary>
public readonly record struct CompliantActivity(ActivityKind Kind, DateOnly Date, int? PairingId);

/// <summary>A rule's minimum and, for the pairing rules, the day of the year by which a pairing must be in force.</summary>
public sealed record ComplianceRuleDefinition(ComplianceRule Rule, int Minimum, int? DeadlineMonth, int? DeadlineDay)
{
    /// <summary>The rule's deadline in <paramref name="year"/>, for the rules that have one.</summary>
    public DateOnly? DeadlineIn(int year) => DeadlineMonth is { } month ? new DateOnly(year, month, DeadlineDay!.Value) : null;
}

/// <summary>
/// 四联四促 compliance of an agency organization for a year (DOMAIN.md, "Rules that become compliance checks"): a
/// village, a community, an enterprise and a project pairing each in force at the end of June; the principal leader
/// visits every paired village ≥ 1 a year, the deputy spends ≥ 1 day at a paired village each half-year; a joint party
/// class, a theme day and a practice activity each ≥ 1 a year with the paired village. With 三联共建 pairings, the leader
/// visits each point ≥ 6 times a year (the check counts the least-visited point). Pure: the caller passes the
/// organization's pairings and activities.
/// <para>
/// <see cref="Rules"/> is the one place the minimums and deadlines are written: the warehouse copies it into its
/// <c>compliance_rule</c> table, which <c>metric_compliance_check</c> reads, so the live <c>complianceStatus</c> and the
/// warehouse cannot disagree on a date or a threshold (and a test compares both on the whole demo city).
/// </para>
/// </summary>
public static class PairingCompliance
{
    private const int June = 6;
    private const int EndOfJune = 30;

    public static IReadOnlyList<ComplianceRuleDefinition> Rules { get; } =
    [
        new(ComplianceRule.VillagePairedByJune, 1, June, EndOfJune),
        new(ComplianceRule.CommunityPairedByJune, 1, June, EndOfJune),
        new(ComplianceRule.EnterprisePairedByJune, 1, June, EndOfJune),
        new(ComplianceRule.ProjectPairedByJune, 1, June, EndOfJune),
        new(ComplianceRule.LeaderVisits, 1, null, null),
        new(ComplianceRule.DeputyVisitsFirstHalf, 1, null, null),
        new(ComplianceRule.DeputyVisitsSecondHalf, 1, null, null),
        new(ComplianceRule.JointPartyClasses, 1, null, null),
        new(ComplianceRule.ThemeDays, 1, null, null),
        new(ComplianceRule.PracticeActivities, 1, null, null),
        new(ComplianceRule.ThreeLinksLeaderVisits, 6, null, null),
        new(ComplianceRule.InServiceMembersQuarterly, 1, null, null),
    ];

    public static ComplianceRuleDefinition Rule(ComplianceRule rule) => Rules.Single(r => r.Rule == rule);

    /// <summary>The target kind each pairing rule asks for.</summary>
    public static PairingTargetKind? TargetOf(ComplianceRule rule) => rule switch
    {
        ComplianceRule.VillagePairedByJune => PairingTargetKind.Village,
        ComplianceRule.CommunityPairedByJune => PairingTargetKind.Community,
        ComplianceRule.EnterprisePairedByJune => PairingTargetKind.Enterprise,
        ComplianceRule.ProjectPairedByJune => PairingTargetKind.Project,
        _ => null,
    };

    public static IReadOnlyList<ComplianceCheck> Evaluate(
        int year, IReadOnlyCollection<Pairing> pairings, IReadOnlyCollection<CompliantActivity> activities, IReadOnlyCollection<RegisteredMember>? members = null)
    {
        var start = new DateOnly(year, 1, 1);
        var midYear = new DateOnly(year, 6, 30); // the calendar half-year, not a deadline
        var end = new DateOnly(year, 12, 31);
        bool ActiveInYear(Pairing p) => p.From <= end && (p.To is null || p.To >= start);
        var fourLinks = pairings.Where(p => p.Program == PairingProgram.FourLinks && ActiveInYear(p)).ToList();

        ComplianceCheck InForce(ComplianceRule rule)
        {
            var definition = Rule(rule);
            var deadline = definition.DeadlineIn(year)!.Value;
            var kind = TargetOf(rule);
            return new(rule, definition.Minimum, fourLinks.Count(p => p.TargetKind == kind && p.From <= deadline && (p.To is null || p.To >= deadline)));
        }

        var villagePairings = fourLinks.Where(p => p.TargetKind == PairingTargetKind.Village).Select(p => p.Id).ToHashSet();
        var atVillages = activities
            .Where(a => a.Date >= start && a.Date <= end && a.PairingId is { } id && villagePairings.Contains(id))
            .ToList();
        int AtVillage(ActivityKind kind, DateOnly from, DateOnly to) => atVillages.Count(a => a.Kind == kind && a.Date >= from && a.Date <= to);
        ComplianceCheck Held(ComplianceRule rule, ActivityKind kind, DateOnly from, DateOnly to) => new(rule, Rule(rule).Minimum, AtVillage(kind, from, to));

        var leaderMinimum = Rule(ComplianceRule.LeaderVisits).Minimum;
        var visited = villagePairings.Count(id => atVillages.Count(a => a.Kind == ActivityKind.LeaderVisit && a.PairingId == id) >= leaderMinimum);

        List<ComplianceCheck> checks =
        [
            InForce(ComplianceRule.VillagePairedByJune),
            InForce(ComplianceRule.CommunityPairedByJune),
            InForce(ComplianceRule.EnterprisePairedByJune),
            InForce(ComplianceRule.ProjectPairedByJune),
            new(ComplianceRule.LeaderVisits, Math.Max(1, villagePairings.Count), visited),
            Held(ComplianceRule.DeputyVisitsFirstHalf, ActivityKind.DeputyVisit, start, midYear),
            Held(ComplianceRule.DeputyVisitsSecondHalf, ActivityKind.DeputyVisit, midYear.AddDays(1), end),
            Held(ComplianceRule.JointPartyClasses, ActivityKind.JointPartyClass, start, end),
            Held(ComplianceRule.ThemeDays, ActivityKind.ThemeDay, start, end),
            Held(ComplianceRule.PracticeActivities, ActivityKind.PracticeActivity, start, end),
            Quarterly(year, members ?? []),
        ];

        var threeLinks = pairings
            .Where(p => p.Program == PairingProgram.ThreeLinks && ActiveInYear(p))
            .Select(p => p.Id)
            .ToList();
        if (threeLinks.Count > 0)
        {
            var visits = activities.Where(a => a.Kind == ActivityKind.LeaderVisit && a.Date >= start && a.Date <= end && a.PairingId is not null)
                .GroupBy(a => a.PairingId!.Value)
                .ToDictionary(g => g.Key, g => g.Count());
            checks.Add(new(ComplianceRule.ThreeLinksLeaderVisits, Rule(ComplianceRule.ThreeLinksLeaderVisits).Minimum, threeLinks.Min(id => visits.GetValueOrDefault(id))));
        }

        return checks;
    }

    /// <summary>
    /// A member owes the quarters of the year that begin on or after the day they registered (a member registered on
    /// 1 April owes the second quarter); the year is judged whole, like the other rules. Members owing none are not counted.
    /// </summary>
    private static ComplianceCheck Quarterly(int year, IReadOnlyCollection<RegisteredMember> members)
    {
        var minimum = Rule(ComplianceRule.InServiceMembersQuarterly).Minimum;
        int required = 0, actual = 0;
        foreach (var member in members)
        {
            var owed = Enumerable.Range(1, 4).Where(q => member.RegisteredOn <= CommunityAttendance.QuarterStart(year, q)).ToList();
            if (owed.Count == 0)
            {
                continue;
            }

            required++;
            if (owed.All(q => member.Activities.GetValueOrDefault((year, q)) >= minimum))
            {
                actual++;
            }
        }

        return new(ComplianceRule.InServiceMembersQuarterly, required, actual);
    }
}
