using Analytics.Domain;

namespace Analytics.Data.DemoData;

/// <summary>
/// Activities of one county: visits and joint activities under pairings, night talks (居民夜谈会), rotation duty
/// (党建轮值), home visits and enterprise service days (三百活动 / 18汇企日). Each planned occurrence is repeated
/// <c>scale</c> times on different days; a skipped one stays skipped at every scale, so compliance gaps persist.
/// </summary>
internal static class ActivityGenerator
{
    private static readonly string[] NightTalkTopics =
    [
        "物业管理", "停车难", "老旧小区改造", "垃圾分类", "邻里关系", "养老服务", "道路修缮", "安全隐患排查", "农房建设", "产业发展",
        "电梯加装", "文明创建", "防汛备汛", "就业帮扶",
    ];

    public static IEnumerable<Activity> Activities(int seed, int scale, CountyPlan county)
    {
        var spec = county.Spec;
        var random = DemoRandom.For(seed, spec.Code, "activities");

        foreach (var pairing in county.Pairings)
        {
            foreach (var activity in UnderPairing(random, scale, spec.VisitSkipShare, pairing))
            {
                yield return activity;
            }
        }

        var units = county.Units.ToList();
        var talkUnits = new WeightedPool<UnitPlan>(units, u => u.Region.Households * (u.IsCommunity ? 3.0 : 1.0));
        var talks = new PublicationSplit(spec, (long)spec.NightTalks * scale, spec.NightTalksByPublication * scale, new DateOnly(2019, 3, 1), new DateOnly(2024, 12, 20));
        for (long i = 0; i < talks.Count; i++)
        {
            var unit = talkUnits.Draw(random);
            var grid = unit.Areas.Count > 0 ? random.Pick(unit.Areas).Grid : unit.Grid!;
            var (from, to, index, count) = talks.Window(i);

            // 3.7 cadres a talk: 3 each and a fourth at 7 talks in 10, counted within the talks before and after the
            // publication day apart (三元区: 2,150 talks by then → 7,955 cadre attendances, "2100余场…7900余人次").
            var cadres = 3 + (DemoRandom.Stratified(index, count, count * 7 / 10) ? 1 : 0);
            yield return new Activity
            {
                Kind = ActivityKind.NightTalk,
                Title = $"{unit.Region.Name}居民夜谈会：{random.Pick(NightTalkTopics)}",
                Date = random.Date(from, to),
                OrganizationId = unit.Organization!.Id,
                RegionId = unit.Region.Id,
                GridId = grid.Id,
                Participants = random.Between(15, 60),
                CadreCount = cadres,
            };
        }

        var rotating = county.GridBranches.Concat(county.ResidentialBranches)
            .Concat(county.Communities.Select(c => c.Organization!))
            .ToList();
        if (rotating.Count == 0)
        {
            rotating = county.Villages.Select(v => v.Organization!).ToList();
        }

        var duties = new PublicationSplit(spec, (long)spec.RotationDuties * scale, spec.RotationDutiesByPublication * scale, new DateOnly(2019, 6, 1), new DateOnly(2024, 12, 20));
        for (long i = 0; i < duties.Count; i++)
        {
            var organization = random.Pick(rotating);
            var (from, to, _, _) = duties.Window(i);
            yield return new Activity
            {
                Kind = ActivityKind.RotationDuty,
                Title = $"{organization.Name["中共".Length..]}党建轮值活动",
                Date = random.Date(from, to),
                OrganizationId = organization.Id,
                RegionId = organization.Region!.Id,
                GridId = organization.Grid?.Id,
                // Open to the neighbourhood (法制宣传, 消防安全, 卫生健康 …): 永安市's 200多场 reached "3万余人".
                Participants = random.Between(60, 220),
                CadreCount = random.Between(2, 8),
            };
        }

        var visitUnits = new WeightedPool<UnitPlan>(units, u => u.UnitGrids.Count);
        for (long i = 0; i < (long)spec.HomeVisits * scale; i++)
        {
            var unit = visitUnits.Draw(random);
            var grid = random.Pick(unit.UnitGrids);
            yield return new Activity
            {
                Kind = ActivityKind.HomeVisit,
                Title = $"{grid.Name}入户走访",
                Date = random.Date(grid.CreatedOn, Sanming.LastDay),
                OrganizationId = unit.Organization!.Id,
                RegionId = unit.Region.Id,
                GridId = grid.Id,
                Participants = random.Between(2, 4),
                CadreCount = random.Between(1, 2),
            };
        }

        var service = spec.Code == Sanming.YonganCode ? "三百活动" : "18汇企日";
        for (long i = 0; i < (long)spec.EnterpriseServiceVisits * scale && county.Agencies.Count > 0; i++)
        {
            var agency = random.Pick(county.Agencies);
            var enterprise = random.Pick(county.Enterprises);
            yield return new Activity
            {
                Kind = ActivityKind.EnterpriseService,
                Title = $"{service}：{agency.ShortName}走访{enterprise.Name}",
                Date = random.Date(Sanming.FirstDay, new DateOnly(2024, 12, 18)),
                OrganizationId = agency.Organization.Id,
                RegionId = enterprise.Region!.Id,
                Participants = random.Between(3, 10),
                CadreCount = random.Between(2, 6),
            };
        }
    }

    /// <summary>Keeps the activities cases can be raised at.</summary>
    public static void Remember(CountyPlan county, IReadOnlyList<Activity> written)
    {
        foreach (var activity in written)
        {
            var pool = activity.Kind switch
            {
                ActivityKind.NightTalk => county.Activities.NightTalks,
                ActivityKind.RotationDuty => county.Activities.RotationDuties,
                ActivityKind.EnterpriseService => county.Activities.EnterpriseServices,
                _ => null,
            };
            pool?.Add(new ActivityRef(activity.Id, activity.Date, activity.RegionId, activity.OrganizationId));
        }
    }

    /// <summary>
    /// What a pairing requires each year it runs: at a village the principal leader's visit, a deputy's day each
    /// half-year, a joint party class, a theme day and practice activities; a theme day at a community; a service visit
    /// at an enterprise; a deputy's visit at a project. 三联共建 points get six or more leader visits a year.
    /// </summary>
    private static IEnumerable<Activity> UnderPairing(DemoRandom random, int scale, double skip, PairingPlan plan)
    {
        var pairing = plan.Pairing;
        var end = pairing.To ?? Sanming.LastDay;
        var who = plan.Agency?.ShortName ?? plan.Organization.Name["中共".Length..];
        for (var year = pairing.From.Year; year <= end.Year; year++)
        {
            var from = Max(pairing.From, new DateOnly(year, 1, 1));
            var to = Min(end, new DateOnly(year, 12, 31));
            if (to.DayNumber - from.DayNumber < 14)
            {
                continue;
            }

            var plans = new List<(ActivityKind Kind, DateOnly From, DateOnly To)>();
            void Plan(ActivityKind kind, int times, DateOnly windowFrom, DateOnly windowTo)
            {
                for (var t = 0; t < times; t++)
                {
                    if (!random.Chance(skip) && windowTo >= windowFrom)
                    {
                        plans.Add((kind, windowFrom, windowTo));
                    }
                }
            }

            switch (pairing.Program, pairing.TargetKind)
            {
                case (PairingProgram.FourLinks, PairingTargetKind.Village):
                    Plan(ActivityKind.LeaderVisit, 1, from, to);
                    var midYear = new DateOnly(year, 6, 30);
                    Plan(ActivityKind.DeputyVisit, 1, from, Min(to, midYear));
                    Plan(ActivityKind.DeputyVisit, 1, Max(from, midYear.AddDays(1)), to);
                    Plan(ActivityKind.JointPartyClass, 1, from, to);
                    Plan(ActivityKind.ThemeDay, 1, from, to);
                    Plan(ActivityKind.PracticeActivity, random.Between(1, 2), from, to);
                    break;
                case (PairingProgram.FourLinks, PairingTargetKind.Community):
                    Plan(ActivityKind.ThemeDay, 1, from, to);
                    Plan(ActivityKind.PracticeActivity, random.Chance(0.5) ? 1 : 0, from, to);
                    break;
                case (PairingProgram.FourLinks, PairingTargetKind.Enterprise):
                    Plan(ActivityKind.EnterpriseService, random.Between(1, 2), from, to);
                    break;
                case (PairingProgram.FourLinks, PairingTargetKind.Project):
                    Plan(ActivityKind.DeputyVisit, 1, from, to);
                    break;
                case (PairingProgram.ThreeLinks, _):
                    Plan(ActivityKind.LeaderVisit, random.Between(6, 8), from, to);
                    break;
                case (PairingProgram.CrossVillage, _):
                    Plan(ActivityKind.ThemeDay, 1, from, to);
                    Plan(ActivityKind.PracticeActivity, 1, from, to);
                    break;
            }

            foreach (var (kind, windowFrom, windowTo) in plans)
            {
                for (var copy = 0; copy < scale; copy++)
                {
                    var (participants, cadres) = kind switch
                    {
                        ActivityKind.LeaderVisit => (random.Between(3, 8), random.Between(1, 3)),
                        ActivityKind.DeputyVisit => (random.Between(2, 5), random.Between(1, 2)),
                        ActivityKind.JointPartyClass => (random.Between(20, 60), random.Between(5, 15)),
                        ActivityKind.ThemeDay => (random.Between(15, 50), random.Between(5, 12)),
                        ActivityKind.PracticeActivity => (random.Between(10, 40), random.Between(4, 10)),
                        _ => (random.Between(3, 10), random.Between(2, 6)),
                    };
                    yield return new Activity
                    {
                        Kind = kind,
                        Title = Title(kind, who, plan.TargetName),
                        Date = random.Date(windowFrom, windowTo),
                        OrganizationId = plan.Organization.Id,
                        RegionId = plan.Place.Id,
                        PairingId = pairing.Id,
                        Participants = participants,
                        CadreCount = cadres,
                    };
                }
            }
        }
    }

    private static string Title(ActivityKind kind, string who, string target) => kind switch
    {
        ActivityKind.LeaderVisit => $"{who}主要领导到{target}调研",
        ActivityKind.DeputyVisit => $"{who}分管领导到{target}蹲点",
        ActivityKind.JointPartyClass => $"{who}与{target}联合党课",
        ActivityKind.ThemeDay => $"{who}与{target}联合开展主题党日",
        ActivityKind.PracticeActivity => $"{who}在{target}开展为民办实事活动",
        _ => $"{who}走访{target}协调解决企业诉求",
    };

    /// <summary>
    /// Splits <paramref name="Count"/> occurrences between the publication day's window and the days after it, exactly
    /// <paramref name="ByPublication"/> before, spread evenly over the sequence (a county without a publication day, or
    /// a plan without a count, keeps one window).
    /// </summary>
    private sealed record PublicationSplit(CountySpec Spec, long Count, long? ByPublication, DateOnly From, DateOnly To)
    {
        /// <summary>The window of occurrence <paramref name="i"/>, its index within that window's occurrences and their number.</summary>
        public (DateOnly From, DateOnly To, long Index, long Count) Window(long i)
        {
            if (Spec.PublishedOn is not { } published || ByPublication is not { } before)
            {
                return (From, To, i, Count);
            }

            // Stratified picks are counted in closed form: how many of 0..i-1 are selected.
            var beforeSoFar = i * before / Count;
            return DemoRandom.Stratified(i, Count, before)
                ? (From, published, beforeSoFar, before)
                : (published.AddDays(1), To, i - beforeSoFar, Count - before);
        }
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
