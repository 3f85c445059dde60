namespace Analytics.Domain.Workflows;

/// <summary>One rule of 四联四促 for one organization and year: what is required, what was found.</summary>
public sealed record ComplianceCheck(ComplianceRule Rule, int Required, int Actual)
{
    public bool IsMet => Actual >= Required;
}

public enum ComplianceRule
{
    /// <summary>联乡村: paired with a village by the end of June.</summary>
    VillagePairedByJune = 1,

    /// <summary>联社区.</summary>
    CommunityPaired = 2,

    /// <summary>联企业.</summary>
    EnterprisePaired = 3,

    /// <summary>联项目.</summary>
    ProjectPaired = 4,

    /// <summary>主要领导 visits the paired village at least once a year.</summary>
    LeaderVisits = 5,

    /// <summary>分管领导 spends at least a day at the paired village in the first half-year…</summary>
    DeputyVisitsFirstHalf = 6,

    /// <summary>…and in the second.</summary>
    DeputyVisitsSecondHalf = 7,

    /// <summary>联合党课 at least once a year.</summary>
    JointPartyClasses = 8,

    /// <summary>主题党日 at least once a year.</summary>
    ThemeDays = 9,

    /// <summary>实践活动 at least once a year.</summary>
    PracticeActivities = 10,

    /// <summary>三联共建: the linked leader visits each point at least 6 times a year (checked only for organizations with such pairings).</summary>
    ThreeLinksLeaderVisits = 11,
}

/// <summary>An activity as the compliance rules see it.</summary>
public readonly record struct CompliantActivity(ActivityKind Kind, DateOnly Date, int? PairingId);

/// <summary>
/// 四联四促 compliance of an agency organization for a year (DOMAIN.md, "Rules that become compliance checks"): paired
/// with a village (by end of June), a community, an enterprise and a project; the principal leader visits the paired
/// village ≥ 1 a year, the deputy ≥ 1 day each half-year; a joint party class, a theme day and a practice activity each
/// ≥ 1 a year under the pairings. With 三联共建 pairings, the leader visits each point ≥ 6 times a year (the check counts
/// the least-visited point). Pure: the caller passes the organization's pairings and activities.
/// </summary>
public static class PairingCompliance
{
    public static IReadOnlyList<ComplianceCheck> Evaluate(int year, IReadOnlyCollection<Pairing> pairings, IReadOnlyCollection<CompliantActivity> activities)
    {
        var start = new DateOnly(year, 1, 1);
        var midYear = new DateOnly(year, 6, 30);
        var end = new DateOnly(year, 12, 31);
        var fourLinks = pairings
            .Where(p => p.Program == PairingProgram.FourLinks && p.From <= end && (p.To is null || p.To >= start))
            .ToList();
        int Paired(PairingTargetKind kind, DateOnly by) => fourLinks.Count(p => p.TargetKind == kind && p.From <= by);

        var villagePairings = fourLinks.Where(p => p.TargetKind == PairingTargetKind.Village).Select(p => p.Id).ToHashSet();
        var underPairings = fourLinks.Select(p => p.Id).ToHashSet();
        var inYear = activities.Where(a => a.Date >= start && a.Date <= end && a.PairingId is { } id && underPairings.Contains(id)).ToList();
        int AtVillage(ActivityKind kind, DateOnly from, DateOnly to) =>
            inYear.Count(a => a.Kind == kind && villagePairings.Contains(a.PairingId!.Value) && a.Date >= from && a.Date <= to);
        int Held(ActivityKind kind) => inYear.Count(a => a.Kind == kind);

        List<ComplianceCheck> checks =
        [
            new(ComplianceRule.VillagePairedByJune, 1, Paired(PairingTargetKind.Village, midYear)),
            new(ComplianceRule.CommunityPaired, 1, Paired(PairingTargetKind.Community, end)),
            new(ComplianceRule.EnterprisePaired, 1, Paired(PairingTargetKind.Enterprise, end)),
            new(ComplianceRule.ProjectPaired, 1, Paired(PairingTargetKind.Project, end)),
            new(ComplianceRule.LeaderVisits, 1, AtVillage(ActivityKind.LeaderVisit, start, end)),
            new(ComplianceRule.DeputyVisitsFirstHalf, 1, AtVillage(ActivityKind.DeputyVisit, start, midYear)),
            new(ComplianceRule.DeputyVisitsSecondHalf, 1, AtVillage(ActivityKind.DeputyVisit, midYear.AddDays(1), end)),
            new(ComplianceRule.JointPartyClasses, 1, Held(ActivityKind.JointPartyClass)),
            new(ComplianceRule.ThemeDays, 1, Held(ActivityKind.ThemeDay)),
            new(ComplianceRule.PracticeActivities, 1, Held(ActivityKind.PracticeActivity)),
        ];

        var threeLinks = pairings
            .Where(p => p.Program == PairingProgram.ThreeLinks && p.From <= end && (p.To is null || p.To >= start))
            .Select(p => p.Id)
            .ToList();
        if (threeLinks.Count > 0)
        {
            var visits = activities.Where(a => a.Kind == ActivityKind.LeaderVisit && a.Date >= start && a.Date <= end && a.PairingId is not null)
                .GroupBy(a => a.PairingId!.Value)
                .ToDictionary(g => g.Key, g => g.Count());
            checks.Add(new(ComplianceRule.ThreeLinksLeaderVisits, 6, threeLinks.Min(id => visits.GetValueOrDefault(id))));
        }

        return checks;
    }
}
