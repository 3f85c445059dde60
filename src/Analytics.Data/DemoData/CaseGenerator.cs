using System.Globalization;
using Analytics.Domain;

namespace Analytics.Data.DemoData;

/// <summary>
/// Cases of one county, channel by channel, with exactly the planned number resolved (× scale). The step times follow
/// the status: a case carries the time of every step it has passed and no other, all before the end of 2024.
/// </summary>
internal static class CaseGenerator
{
    /// <summary>23:59:59 on 31 December 2024 in China (UTC+8): nothing is dated later.</summary>
    public static readonly DateTimeOffset End = new(2024, 12, 31, 15, 59, 59, TimeSpan.Zero);

    private static readonly DateTimeOffset Start = new(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Cases grew year by year as the channels took hold.
    private static readonly double[] YearWeights = [0.12, 0.14, 0.17, 0.18, 0.19, 0.20];

    /// <summary>
    /// Why a demo case was not taken up or was withdrawn: picked by the case's number, not drawn at random, so every
    /// other generated value stays what it was before reasons were recorded.
    /// </summary>
    private static readonly Dictionary<CaseStatus, string[]> ClosingReasons = new()
    {
        [CaseStatus.Rejected] =
        [
            "属于司法程序处理事项，已告知反映人通过诉讼途径解决",
            "与已受理诉求重复，已合并办理",
            "不属于本级受理范围，已告知反映人向主管部门反映",
        ],
        [CaseStatus.Withdrawn] = ["反映人表示问题已自行解决", "反映人与对方协商一致，申请撤回", "反映人认为已无需办理"],
    };

    private static readonly Dictionary<CaseCategory, string[]> Titles = new()
    {
        [CaseCategory.Infrastructure] = ["路灯损坏", "道路坑洼需修补", "自来水管道漏水", "排水沟堵塞", "村道护栏缺失", "电线老化需改造", "桥梁栏杆松动"],
        [CaseCategory.Environment] = ["垃圾清运不及时", "河道漂浮物需清理", "餐饮油烟扰民", "养殖场异味", "绿化带杂草丛生", "公厕卫生差"],
        [CaseCategory.Property] = ["电梯故障频发", "小区停车位不足", "物业费收支不透明", "楼道堆放杂物", "小区围墙破损", "高空抛物隐患", "地下室渗水"],
        [CaseCategory.Dispute] = ["宅基地边界纠纷", "噪音扰民纠纷", "楼上漏水引发邻里矛盾", "土地流转纠纷", "山林权属纠纷"],
        [CaseCategory.SocialSecurity] = ["低保申请咨询", "医保缴费问题", "高龄补贴未到账", "独居老人需帮扶", "残疾人补贴申请"],
        [CaseCategory.Employment] = ["企业招工难", "返乡人员就业帮扶", "用工缺口需协调", "技能培训需求"],
        [CaseCategory.EnterpriseFinance] = ["企业融资贷款需求", "资金周转困难", "技改项目贷款贴息", "应收账款融资"],
        [CaseCategory.Safety] = ["危房安全隐患", "消防通道被占用", "山体滑坡隐患", "电动车违规充电", "燃气管道老化"],
        [CaseCategory.Other] = ["办事流程咨询", "农产品滞销", "网络信号差", "公交线路调整建议"],
    };

    public static IEnumerable<Case> Cases(int seed, int scale, CountyPlan county)
    {
        var spec = county.Spec;
        var random = DemoRandom.For(seed, spec.Code, "cases");
        var context = new Context(random, county);
        foreach (var plan in spec.Cases)
        {
            var total = (long)plan.Total * scale;
            var resolved = (long)plan.Resolved * scale;
            var byPublication = plan.ResolvedByPublication * scale;
            long resolvedSoFar = 0;
            for (long i = 0; i < total; i++)
            {
                var isResolved = DemoRandom.Stratified(i, total, resolved);
                Window? window = null;
                if (isResolved && byPublication is { } before && spec.PublishedOn is { } published)
                {
                    // A published "to date" figure (永安市 1600余件 by 2022-10-22): exactly that many resolved by the end
                    // of the publication day in Beijing, the others after it.
                    var cutoff = new DateTimeOffset(published.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.FromHours(8)).ToUniversalTime();
                    window = DemoRandom.Stratified(resolvedSoFar++, resolved, before)
                        ? new Window(Start, cutoff)
                        : new Window(cutoff.AddSeconds(1), End);
                }

                yield return context.Next(plan.Channel, isResolved, window);
            }
        }
    }

    /// <summary>When a case's whole timeline must lie (both ends included).</summary>
    private sealed record Window(DateTimeOffset From, DateTimeOffset To);

    private sealed class Context(DemoRandom random, CountyPlan county)
    {
        private readonly CountySpec _spec = county.Spec;
        private readonly WeightedPool<UnitPlan> _units = new(county.Units, u => u.Region.Households);
        private readonly WeightedPool<UnitPlan> _communities = county.Communities.Count > 0
            ? new(county.Communities, u => u.Region.Households)
            : new(county.Units, u => u.Region.Households);
        private readonly Dictionary<int, List<PartyOrganization>> _residentialBranches = county.ResidentialBranches
            .GroupBy(b => b.Region!.Id).ToDictionary(g => g.Key, g => g.ToList());
        private readonly Dictionary<int, PartyOrganization> _agencyOfEnterprise = county.Pairings
            .Where(p => p.Pairing.TargetEnterprise is not null)
            .GroupBy(p => p.Pairing.TargetEnterprise!.Id)
            .ToDictionary(g => g.Key, g => g.First().Organization);
        private readonly Dictionary<int, List<Enterprise>> _enterprisesByRegion = county.Enterprises
            .GroupBy(e => e.Region!.Id).ToDictionary(g => g.Key, g => g.ToList());
        private readonly Dictionary<int, int> _sequences = [];

        public Case Next(CaseChannel channel, bool resolved, Window? window = null)
        {
            var status = resolved
                ? Pick((CaseStatus.Resolved, 0.2 - 0.1 * _spec.Quality), (CaseStatus.FeedbackGiven, 0.3), (CaseStatus.Evaluated, 0.5 + 0.1 * _spec.Quality))
                : Pick((CaseStatus.Reported, 0.15), (CaseStatus.Classified, 0.15), (CaseStatus.InProgress, 0.35), (CaseStatus.Rejected, 0.2), (CaseStatus.Withdrawn, 0.15));

            var category = Category(channel);
            var reporter = channel == CaseChannel.EnterpriseService ? CaseReporter.Enterprise : CaseReporter.Resident;
            var timeline = Timeline.Draw(random, _spec, channel, status);

            // Every case is received from the one intake of the years (an open one too: it does not come on top of it).
            // A case still open at the end of the data is one received recently; one drawn further back was closed
            // without a resolution meanwhile (rejected or withdrawn), as an office's stale requests are. Open cases
            // placed in the last months in addition to that intake doubled those months and sank the year's rate.
            var openReach = timeline.IsOpen ? TimeSpan.FromDays(_spec.BacklogDays * (random.Chance(0.15) ? 2.0 : 1.0)) : TimeSpan.Zero;

            UnitPlan? unit = null;
            ActivityRef? activity = null;
            Enterprise? enterprise = null;
            switch (channel)
            {
                case CaseChannel.NightTalk:
                    activity = ActivityFitting(county.Activities.NightTalks, timeline, window);
                    break;
                case CaseChannel.RotationDuty:
                    activity = ActivityFitting(county.Activities.RotationDuties, timeline, window);
                    break;
                case CaseChannel.EnterpriseService:
                    // Raised on a service day: an enterprise of the township the day was held in.
                    activity = random.Chance(0.6) ? ActivityFitting(county.Activities.EnterpriseServices, timeline, window) : null;
                    enterprise = activity is { } day && _enterprisesByRegion.TryGetValue(day.RegionId, out var local)
                        ? random.Pick(local)
                        : random.Pick(county.Enterprises);
                    break;
                case CaseChannel.RedSteward:
                    unit = _communities.Draw(random);
                    break;
            }

            if (activity is { } raisedAt && channel != CaseChannel.EnterpriseService)
            {
                unit = county.UnitsByRegionId.GetValueOrDefault(raisedAt.RegionId);
            }

            unit ??= enterprise is null ? _units.Draw(random) : null;

            // Raised at an activity: reported that evening (19:00–21:30 local); otherwise in office hours.
            var reportedAt = activity is { } source
                ? new DateTimeOffset(source.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(11 * 60 + random.Between(0, 150))
                : window is { } w
                    ? ReportedWithin(timeline, w)
                    : ReportedAt(ref timeline, channel, status);
            if (timeline.IsOpen && reportedAt + timeline.Length < End - openReach)
            {
                status = Pick((CaseStatus.Rejected, 0.2), (CaseStatus.Withdrawn, 0.15));
                timeline = Timeline.Draw(random, _spec, channel, status);
            }

            var times = timeline.From(reportedAt);

            var regionId = enterprise?.Region!.Id ?? unit!.Region.Id;
            var grid = unit is not null && channel != CaseChannel.Hotline12345 || unit is not null && random.Chance(0.5)
                ? random.Pick(unit.UnitGrids)
                : null;

            int? assigned = null;
            if (times.ClassifiedAt is not null)
            {
                assigned = enterprise is not null
                    ? (_agencyOfEnterprise.TryGetValue(enterprise.Id, out var agency) ? agency.Id : random.Pick(county.Agencies).Organization.Id)
                    : channel == CaseChannel.RedSteward && _residentialBranches.TryGetValue(unit!.Region.Id, out var branches)
                        ? random.Pick(branches).Id
                        : channel == CaseChannel.Hotline12345 && random.Chance(0.4)
                            ? unit!.Township.Committee!.Id
                            : unit!.Organization!.Id;
            }

            var year = reportedAt.Year;
            _sequences[year] = _sequences.GetValueOrDefault(year) + 1;
            var place = enterprise?.Name ?? unit!.Region.Name;
            return new Case
            {
                Code = string.Create(CultureInfo.InvariantCulture, $"{_spec.Code}-{year}-{_sequences[year]:D6}"),
                Title = place + random.Pick(Titles[category]),
                RegionId = regionId,
                GridId = grid?.Id,
                Channel = channel,
                Category = category,
                Reporter = reporter,
                Status = status,
                ReportedAt = reportedAt,
                ClassifiedAt = times.ClassifiedAt,
                StartedAt = times.StartedAt,
                ResolvedAt = times.ResolvedAt,
                FeedbackAt = times.FeedbackAt,
                EvaluatedAt = times.EvaluatedAt,
                ClosedAt = times.ClosedAt,
                DueOn = times.ClassifiedAt is { } classified ? OfficeCalendar.DayOf(classified).AddDays(DueDays(category)) : null,
                AssignedOrganizationId = assigned,
                ActivityId = activity?.Id,
                Satisfaction = status == CaseStatus.Evaluated ? Satisfaction() : null,
                ClosingReason = ClosingReasons.TryGetValue(status, out var reasons) ? reasons[_sequences[year] % reasons.Length] : null,
            };
        }

        /// <summary>An activity early enough for the case's whole timeline to fit before the end of 2024 (and in its window, if any).</summary>
        private ActivityRef? ActivityFitting(List<ActivityRef> activities, Timeline timeline, Window? window)
        {
            if (activities.Count == 0)
            {
                return null;
            }

            for (var attempt = 0; attempt < 30; attempt++)
            {
                var candidate = random.Pick(activities);
                var at = new DateTimeOffset(candidate.Date.ToDateTime(new TimeOnly(13, 30)), TimeSpan.Zero);
                var fits = window is { } w
                    ? at >= w.From && at + timeline.Length <= w.To
                    : at + timeline.Length <= End;
                if (fits)
                {
                    return candidate;
                }
            }

            return null;
        }

        /// <summary>
        /// A day of the years' intake, in office hours. A case received too near the end of the data for the steps it has
        /// passed by then was a quick one: its durations are drawn again, and at last shrunk to fit (moving it to another
        /// day instead would hollow out the last weeks' intake).
        /// </summary>
        private DateTimeOffset ReportedAt(ref Timeline timeline, CaseChannel channel, CaseStatus status)
        {
            var year = Sanming.FirstYear + random.Weighted(YearWeights);
            var day = random.Date(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            var at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(random.Between(0, 12 * 60));
            for (var attempt = 0; at + timeline.Length > End; attempt++)
            {
                timeline = attempt < 20 ? Timeline.Draw(random, _spec, channel, status) : timeline.Within(End - at);
            }

            return at;
        }

        /// <summary>A report time whose timeline fits the window: years weighted as the channels grew, by their days in it.</summary>
        private DateTimeOffset ReportedWithin(Timeline timeline, Window window)
        {
            var latest = window.To - timeline.Length;
            var first = OfficeCalendar.DayOf(window.From);
            var last = OfficeCalendar.DayOf(latest < window.From ? window.From : latest);
            var weights = YearWeights.Select((weight, i) =>
            {
                var year = Sanming.FirstYear + i;
                var from = new DateOnly(year, 1, 1) > first ? new DateOnly(year, 1, 1) : first;
                var to = new DateOnly(year, 12, 31) < last ? new DateOnly(year, 12, 31) : last;
                return to < from ? 0 : weight * (to.DayNumber - from.DayNumber + 1) / 365.0;
            }).ToArray();
            for (var attempt = 0; attempt < 20 && weights.Sum() > 0; attempt++)
            {
                var year = Sanming.FirstYear + random.Weighted(weights);
                var day = random.Date(new DateOnly(year, 1, 1) > first ? new DateOnly(year, 1, 1) : first, new DateOnly(year, 12, 31) < last ? new DateOnly(year, 12, 31) : last);
                var at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(random.Between(0, 12 * 60));
                if (at >= window.From && at <= latest)
                {
                    return at;
                }
            }

            return Round(latest < window.From ? window.From : latest);
        }

        private CaseCategory Category(CaseChannel channel) => channel switch
        {
            CaseChannel.RedSteward => CaseCategory.Property,
            CaseChannel.EnterpriseService => Pick(
                (CaseCategory.EnterpriseFinance, 0.35), (CaseCategory.Employment, 0.35), (CaseCategory.Infrastructure, 0.1),
                (CaseCategory.Safety, 0.05), (CaseCategory.Other, 0.15)),
            CaseChannel.NightTalk => Pick(
                (CaseCategory.Property, 0.3), (CaseCategory.Infrastructure, 0.2), (CaseCategory.Environment, 0.15),
                (CaseCategory.Dispute, 0.15), (CaseCategory.SocialSecurity, 0.1), (CaseCategory.Safety, 0.1)),
            _ => Pick(
                (CaseCategory.Infrastructure, 0.25), (CaseCategory.Environment, 0.18), (CaseCategory.Dispute, 0.14),
                (CaseCategory.SocialSecurity, 0.14), (CaseCategory.Safety, 0.1), (CaseCategory.Property, 0.07),
                (CaseCategory.Employment, 0.04), (CaseCategory.Other, 0.08)),
        };

        private int Satisfaction()
        {
            var q = _spec.Quality;
            return 5 - random.Weighted([0.4 + 0.25 * q, 0.33 - 0.05 * q, 0.15 - 0.08 * q, 0.08 - 0.06 * q, 0.04 - 0.03 * q]);
        }

        private static int DueDays(CaseCategory category) => category switch
        {
            CaseCategory.Safety => 3,
            CaseCategory.Dispute => 10,
            CaseCategory.Infrastructure => 30,
            _ => 15,
        };

        private T Pick<T>(params (T Value, double Weight)[] options) =>
            options[random.Weighted(options.Select(o => o.Weight).ToArray())].Value;
    }

    /// <summary>The durations between a case's steps, drawn before the report time so the whole timeline fits.</summary>
    private sealed class Timeline
    {
        private TimeSpan _classify;
        private TimeSpan _start;
        private TimeSpan _resolve;
        private TimeSpan _feedback;
        private TimeSpan _evaluate;
        private TimeSpan _close;
        private CaseStatus _status;

        public bool IsOpen => _status is CaseStatus.Reported or CaseStatus.Classified or CaseStatus.InProgress;

        /// <summary>From the report to the last step the case has reached.</summary>
        public TimeSpan Length => _status switch
        {
            CaseStatus.Reported => TimeSpan.Zero,
            CaseStatus.Classified => _classify,
            CaseStatus.InProgress => _classify + _start,
            CaseStatus.Resolved => _classify + _start + _resolve,
            CaseStatus.FeedbackGiven => _classify + _start + _resolve + _feedback,
            CaseStatus.Evaluated => _classify + _start + _resolve + _feedback + _evaluate,
            CaseStatus.Rejected => _close,
            _ => _classify + _close,
        };

        public static Timeline Draw(DemoRandom random, CountySpec spec, CaseChannel channel, CaseStatus status)
        {
            // Days to resolve: log-normal around the county's median, slower for enterprise and property requests.
            var channelFactor = channel switch
            {
                CaseChannel.GridVisit => 0.8,
                CaseChannel.RedSteward => 1.2,
                CaseChannel.EnterpriseService => 1.8,
                CaseChannel.Hotline12345 => 1.1,
                CaseChannel.RotationDuty => 0.9,
                _ => 1.0,
            };
            return new Timeline
            {
                _status = status,
                _classify = Hours(Math.Clamp(random.LogNormal(4 + 20 * (1 - spec.Quality), 0.8), 0.2, 240)),
                _start = Hours(Math.Clamp(random.LogNormal(3, 1.0), 0.1, 120)),
                _resolve = Hours(24 * Math.Clamp(random.LogNormal(spec.MedianDaysToResolve * channelFactor, 0.8), 0.05, 365)),
                _feedback = Hours(random.Uniform(1, 72)),
                _evaluate = Hours(24 * random.Uniform(0.5, 10)),
                _close = Hours(random.Uniform(2, 120)),
            };
        }

        public (DateTimeOffset? ClassifiedAt, DateTimeOffset? StartedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? FeedbackAt,
            DateTimeOffset? EvaluatedAt, DateTimeOffset? ClosedAt) From(DateTimeOffset reported)
        {
            var classified = reported + _classify;
            var started = classified + _start;
            var resolved = started + _resolve;
            var feedback = resolved + _feedback;
            var evaluated = feedback + _evaluate;
            return _status switch
            {
                CaseStatus.Reported => (null, null, null, null, null, null),
                CaseStatus.Classified => (classified, null, null, null, null, null),
                CaseStatus.InProgress => (classified, started, null, null, null, null),
                CaseStatus.Resolved => (classified, started, resolved, null, null, null),
                CaseStatus.FeedbackGiven => (classified, started, resolved, feedback, null, null),
                CaseStatus.Evaluated => (classified, started, resolved, feedback, evaluated, null),
                CaseStatus.Rejected => (null, null, null, null, null, reported + _close),
                _ => (classified, null, null, null, null, classified + _close),
            };
        }

        /// <summary>The same steps, every duration shrunk by one factor so that the whole takes at most <paramref name="available"/>.</summary>
        public Timeline Within(TimeSpan available)
        {
            var factor = available / Length;
            TimeSpan Shrink(TimeSpan duration) => TimeSpan.FromSeconds(Math.Floor(duration.TotalSeconds * factor));
            return new Timeline
            {
                _status = _status,
                _classify = Shrink(_classify),
                _start = Shrink(_start),
                _resolve = Shrink(_resolve),
                _feedback = Shrink(_feedback),
                _evaluate = Shrink(_evaluate),
                _close = Shrink(_close),
            };
        }

        private static TimeSpan Hours(double hours) => TimeSpan.FromSeconds(Math.Round(hours * 3600));
    }

    private static DateTimeOffset Round(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
