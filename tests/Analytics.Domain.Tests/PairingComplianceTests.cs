using Analytics.Domain.Workflows;

namespace Analytics.Domain.Tests;

public sealed class PairingComplianceTests
{
    private static Pairing Pairing(int id, PairingTargetKind kind, string from, string? to = null) => new()
    {
        Id = id,
        Program = PairingProgram.FourLinks,
        TargetKind = kind,
        From = DateOnly.Parse(from),
        To = to is null ? null : DateOnly.Parse(to),
    };

    private static CompliantActivity Held(ActivityKind kind, string date, int pairingId) => new(kind, DateOnly.Parse(date), pairingId);

    [Fact]
    public void An_agency_doing_everything_meets_every_rule()
    {
        Pairing[] pairings =
        [
            Pairing(1, PairingTargetKind.Village, "2023-01-01"), Pairing(2, PairingTargetKind.Community, "2024-06-30"),
            Pairing(3, PairingTargetKind.Enterprise, "2020-01-01"), Pairing(4, PairingTargetKind.Project, "2024-02-01", "2024-11-30"),
        ];
        CompliantActivity[] activities =
        [
            Held(ActivityKind.LeaderVisit, "2024-04-01", 1), Held(ActivityKind.DeputyVisit, "2024-06-30", 1),
            Held(ActivityKind.DeputyVisit, "2024-07-01", 1), Held(ActivityKind.JointPartyClass, "2024-05-01", 1),
            Held(ActivityKind.ThemeDay, "2024-10-01", 1), Held(ActivityKind.PracticeActivity, "2024-12-31", 1),
        ];

        var checks = PairingCompliance.Evaluate(2024, pairings, activities);

        Assert.Equal(Enum.GetValues<ComplianceRule>().Where(r => r != ComplianceRule.ThreeLinksLeaderVisits), checks.Select(c => c.Rule));
        Assert.All(checks, c => Assert.True(c.IsMet, c.Rule.ToString()));
    }

    [Fact]
    public void Late_village_pairing_missing_second_half_visit_and_other_years_activities_fail_their_rules()
    {
        Pairing[] pairings =
        [
            Pairing(1, PairingTargetKind.Village, "2024-07-01"),               // after June
            Pairing(2, PairingTargetKind.Community, "2020-01-01", "2023-12-31"), // ended before the year
            Pairing(3, PairingTargetKind.Enterprise, "2020-01-01", "2024-06-29"), // ended before the deadline
            Pairing(4, PairingTargetKind.Project, "2024-07-01"),                   // after June
        ];
        CompliantActivity[] activities =
        [
            Held(ActivityKind.LeaderVisit, "2024-08-01", 1), Held(ActivityKind.DeputyVisit, "2024-03-01", 1),
            Held(ActivityKind.ThemeDay, "2023-10-01", 1),                      // last year
            new(ActivityKind.JointPartyClass, new DateOnly(2024, 5, 1), null), // not under a pairing
        ];

        var failed = PairingCompliance.Evaluate(2024, pairings, activities).Where(c => !c.IsMet).Select(c => c.Rule);

        Assert.Equal(
            [ComplianceRule.VillagePairedByJune, ComplianceRule.CommunityPairedByJune, ComplianceRule.EnterprisePairedByJune, ComplianceRule.ProjectPairedByJune,
             ComplianceRule.DeputyVisitsSecondHalf, ComplianceRule.JointPartyClasses, ComplianceRule.ThemeDays, ComplianceRule.PracticeActivities],
            failed);
    }

    [Fact]
    public void Three_links_points_need_six_leader_visits_each_and_the_least_visited_point_counts()
    {
        Pairing ThreeLinks(int id) => new() { Id = id, Program = PairingProgram.ThreeLinks, TargetKind = PairingTargetKind.Village, From = new DateOnly(2020, 1, 1) };
        var visits = Enumerable.Range(1, 6).Select(m => Held(ActivityKind.LeaderVisit, $"2024-{m:D2}-10", 7))
            .Concat(Enumerable.Range(1, 5).Select(m => Held(ActivityKind.LeaderVisit, $"2024-{m:D2}-11", 8)))
            .ToList();

        var check = PairingCompliance.Evaluate(2024, [ThreeLinks(7), ThreeLinks(8)], visits).Single(c => c.Rule == ComplianceRule.ThreeLinksLeaderVisits);

        Assert.Equal((6, 5, false), (check.Required, check.Actual, check.IsMet));
    }

    [Fact]
    public void The_leader_must_visit_every_paired_village_and_an_agency_without_one_fails()
    {
        Pairing[] two = [Pairing(1, PairingTargetKind.Village, "2020-01-01"), Pairing(2, PairingTargetKind.Village, "2020-01-01")];
        CompliantActivity[] onlyTheFirst = [Held(ActivityKind.LeaderVisit, "2024-04-01", 1), Held(ActivityKind.LeaderVisit, "2024-05-01", 1)];
        Pairing[] noVillage = [Pairing(3, PairingTargetKind.Community, "2020-01-01"), Pairing(4, PairingTargetKind.Enterprise, "2020-01-01")];

        var twoVillages = PairingCompliance.Evaluate(2024, two, onlyTheFirst).Single(c => c.Rule == ComplianceRule.LeaderVisits);
        var none = PairingCompliance.Evaluate(2024, noVillage, [Held(ActivityKind.LeaderVisit, "2024-04-01", 3)]).Single(c => c.Rule == ComplianceRule.LeaderVisits);

        Assert.Equal((2, 1, false), (twoVillages.Required, twoVillages.Actual, twoVillages.IsMet));
        Assert.Equal((1, 0, false), (none.Required, none.Actual, none.IsMet));
    }

    [Fact]
    public void Joint_activities_count_only_with_the_paired_village()
    {
        Pairing[] pairings = [Pairing(1, PairingTargetKind.Village, "2020-01-01"), Pairing(2, PairingTargetKind.Community, "2020-01-01")];

        var themeDays = PairingCompliance.Evaluate(2024, pairings, [Held(ActivityKind.ThemeDay, "2024-04-01", 2)]).Single(c => c.Rule == ComplianceRule.ThemeDays);

        Assert.Equal((1, 0), (themeDays.Required, themeDays.Actual));
    }

    [Fact]
    public void Every_pairing_rule_has_the_notices_end_of_june_deadline_and_no_other_rule_has_one()
    {
        foreach (var rule in PairingCompliance.Rules)
        {
            var deadline = rule.DeadlineIn(2031);
            Assert.Equal(PairingCompliance.TargetOf(rule.Rule) is null ? null : new DateOnly(2031, 6, 30), deadline);
        }

        Assert.Equal(Enum.GetValues<ComplianceRule>(), PairingCompliance.Rules.Select(r => r.Rule));
    }

    [Fact]
    public void In_service_members_must_take_part_in_every_quarter_they_were_registered_for()
    {
        static RegisteredMember Member(int id, string registered, params int[] quarters) =>
            new(id, DateOnly.Parse(registered), quarters.ToDictionary(q => (2024, q), _ => 1));
        RegisteredMember[] members =
        [
            Member(1, "2023-05-01", 1, 2, 3, 4), // every quarter: meets
            Member(2, "2023-05-01", 1, 2, 4),    // missed the third quarter
            Member(3, "2024-04-02", 3, 4),       // registered after 1 April: owes only the third and fourth
            Member(4, "2024-10-02"),             // registered after the last quarter began: owes nothing this year
        ];

        var check = PairingCompliance.Evaluate(2024, [], [], members).Single(c => c.Rule == ComplianceRule.InServiceMembersQuarterly);
        var noMembers = PairingCompliance.Evaluate(2024, [], []).Single(c => c.Rule == ComplianceRule.InServiceMembersQuarterly);

        Assert.Equal((3, 2, false), (check.Required, check.Actual, check.IsMet));
        Assert.True(noMembers.IsMet);
    }
}
