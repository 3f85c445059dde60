using System.Globalization;
using Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Data.Tests.DemoData;

/// <summary>Rules every row of the demo city keeps, whatever the county.</summary>
[Collection(DemoCityCollection.Name)]
public sealed class DemoCityConsistencyTests(DemoCityFixture city)
{
    private static readonly DateTimeOffset EndOf2024 = new(2024, 12, 31, 23, 59, 59, TimeSpan.Zero);
    private static readonly DateOnly LastDay = new(2024, 12, 31);

    [Fact]
    public async Task City_has_eleven_county_level_units_with_their_real_names_and_codes()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var published = new Dictionary<string, string>
        {
            ["350404"] = "三元区", ["350405"] = "沙县区", ["350481"] = "永安市", ["350421"] = "明溪县", ["350423"] = "清流县",
            ["350424"] = "宁化县", ["350425"] = "大田县", ["350426"] = "尤溪县", ["350428"] = "将乐县", ["350429"] = "泰宁县",
            ["350430"] = "建宁县",
        };

        var root = await db.Regions.SingleAsync(r => r.Level == RegionLevel.City);
        var counties = await db.Regions.Where(r => r.Level == RegionLevel.County && r.ValidTo == null).ToDictionaryAsync(r => r.Code, r => r);

        Assert.Equal(("350400", "三明市"), (root.Code, root.Name));
        Assert.Equal(published.OrderBy(p => p.Key), counties.Select(c => KeyValuePair.Create(c.Key, c.Value.Name)).OrderBy(p => p.Key));
        Assert.All(counties.Values, c => Assert.Equal(root.Id, c.ParentId));

        // 梅列区, abolished in 2021 and merged into 三元区: a closed county-level unit of the city, holding nothing today.
        var meilie = await db.Regions.SingleAsync(r => r.Level == RegionLevel.County && r.ValidTo != null);
        Assert.Equal(("350402", "梅列区", root.Id, (DateOnly?)new DateOnly(2021, 2, 2)), (meilie.Code, meilie.Name, meilie.ParentId, meilie.ValidTo));
        Assert.False(await db.Regions.AnyAsync(r => r.ParentId == meilie.Id));
    }

    [Fact]
    public async Task Region_paths_list_the_ids_from_the_root_down_to_the_region()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id);

        Assert.All(regions.Values, region =>
        {
            var ids = new Stack<int>();
            for (Region? r = region; r is not null; r = r.ParentId is { } parent ? regions[parent] : null)
            {
                ids.Push(r.Id);
            }

            Assert.Equal("/" + string.Concat(ids.Select(id => id.ToString(CultureInfo.InvariantCulture) + "/")), region.Path);
        });
    }

    [Fact]
    public async Task Every_region_has_households_and_population_adding_up_the_tree()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        // Today's regions: a dissolved county (梅列区) holds no one, its households being its successor's.
        var regions = await db.Regions.AsNoTracking().Where(r => r.ValidTo == null).ToListAsync();
        var children = regions.Where(r => r.ParentId != null).ToLookup(r => r.ParentId!.Value);

        Assert.All(regions, r => Assert.True(r.Households > 0 && r.Population > r.Households, $"{r.Name}: {r.Households} households, {r.Population} people"));
        Assert.All(regions.Where(r => children[r.Id].Any()), r => Assert.Equal(children[r.Id].Sum(c => c.Households), r.Households));
    }

    [Fact]
    public async Task Rejected_cases_say_why_and_only_closed_cases_carry_a_reason()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var byStatus = await db.Cases.GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Cases = g.Count(), WithReason = g.Count(c => c.ClosingReason != null) })
            .ToListAsync();

        Assert.Contains(byStatus, s => s.Status == CaseStatus.Rejected && s.Cases > 0);
        Assert.All(byStatus, s => Assert.Equal(
            s.Status is CaseStatus.Rejected or CaseStatus.Withdrawn ? s.Cases : 0, s.WithReason));
    }

    [Fact]
    public async Task Case_step_times_are_consistent_with_status()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var cases = await db.Cases.AsNoTracking().ToListAsync();

        Assert.All(cases, c =>
        {
            // Which of Classified, Started, Resolved, Feedback, Evaluated a status has passed; a case can be withdrawn
            // before or after it was classified.
            var expected = c.Status switch
            {
                CaseStatus.Classified => (true, false, false, false, false),
                CaseStatus.InProgress => (true, true, false, false, false),
                CaseStatus.Resolved => (true, true, true, false, false),
                CaseStatus.FeedbackGiven => (true, true, true, true, false),
                CaseStatus.Evaluated => (true, true, true, true, true),
                CaseStatus.Withdrawn => (c.ClassifiedAt is not null, false, false, false, false),
                _ => (false, false, false, false, false),
            };
            Assert.Equal(expected, (c.ClassifiedAt is not null, c.StartedAt is not null, c.ResolvedAt is not null, c.FeedbackAt is not null, c.EvaluatedAt is not null));
            Assert.Equal(c.Status is CaseStatus.Rejected or CaseStatus.Withdrawn, c.ClosedAt is not null);
            Assert.Equal(c.Status == CaseStatus.Evaluated, c.Satisfaction is not null);
            Assert.True(c.Satisfaction is null or >= Case.MinSatisfaction and <= Case.MaxSatisfaction);
            Assert.Equal(c.ClassifiedAt is not null, c.DueOn is not null);
            Assert.Equal(c.ClassifiedAt is not null, c.AssignedOrganizationId is not null);

            DateTimeOffset?[] steps = [c.ReportedAt, c.ClassifiedAt, c.StartedAt, c.ResolvedAt, c.FeedbackAt, c.EvaluatedAt];
            var set = steps.Where(s => s is not null).Select(s => s!.Value).ToList();
            Assert.Equal(set.Order(), set);
            Assert.All(set.Append(c.ClosedAt ?? c.ReportedAt), s => Assert.InRange(s, new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), EndOf2024));
            Assert.All(set, s => Assert.Equal(TimeSpan.Zero, s.Offset));
            Assert.True(c.ClosedAt is null || c.ClosedAt >= (c.ClassifiedAt ?? c.ReportedAt));
            Assert.Equal(c.ReportedAt.Year.ToString(CultureInfo.InvariantCulture), c.Code.Split('-')[1]);
        });
        Assert.Contains(cases, c => c.Status == CaseStatus.Withdrawn && c.ClassifiedAt is not null);
        Assert.All(Enum.GetValues<CaseStatus>(), s => Assert.Contains(cases, c => c.Status == s));
    }

    [Fact]
    public async Task Member_id_numbers_carry_a_local_region_the_birth_date_the_sex_and_a_valid_check_digit()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

        var members = await db.PartyMembers.AsNoTracking()
            .Select(m => new { m.IdNumber, m.BirthDate, m.Gender, m.Phone, m.JoinedOn })
            .ToListAsync();

        Assert.All(members, m =>
        {
            Assert.Matches("^3504[0-9]{13}[0-9X]$", m.IdNumber);
            var sum = m.IdNumber.Take(17).Select((c, i) => (c - '0') * weights[i]).Sum();
            Assert.Equal("10X98765432"[sum % 11], m.IdNumber[17]);
            Assert.Equal(m.BirthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture), m.IdNumber[6..14]);
            Assert.Equal(m.Gender == Gender.Male, (m.IdNumber[16] - '0') % 2 == 1);
            Assert.Matches("^1[3-9][0-9]{9}$", m.Phone);
            Assert.True(m.JoinedOn >= m.BirthDate.AddYears(18), $"{m.IdNumber} joined at {m.JoinedOn}");
        });
        Assert.Equal(members.Count, members.Select(m => m.IdNumber).Distinct().Count());
    }

    [Fact]
    public async Task Enterprise_credit_codes_are_valid_and_local()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        const string characters = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

        var codes = await db.Enterprises.Select(e => e.CreditCode).ToListAsync();

        Assert.All(codes, code =>
        {
            Assert.Matches("^913504[0-9]{2}[0-9A-HJ-NPQRTUWXY]{10}$", code);
            var sum = code.Take(17).Select((c, i) => characters.IndexOf(c, StringComparison.Ordinal) * weights[i]).Sum();
            Assert.Equal(characters[(31 - sum % 31) % 31], code[17]);
        });
    }

    [Fact]
    public async Task Collective_income_parts_never_exceed_the_whole()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var incomes = await db.CollectiveIncomes.AsNoTracking().ToListAsync();
        var villages = await db.Regions.CountAsync(r => r.Level == RegionLevel.Village);

        Assert.Equal(villages * 6, incomes.Count);
        Assert.All(incomes, i => Assert.True(
            0 < i.SelfOperatedIncome && i.SelfOperatedIncome <= i.OperatingIncome && i.OperatingIncome <= i.TotalIncome,
            $"{i.VillageId} {i.Year}: {i.SelfOperatedIncome} / {i.OperatingIncome} / {i.TotalIncome}"));
    }

    [Fact]
    public async Task Weaker_counties_still_have_villages_under_100000_yuan_in_2021()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var counties = await db.Regions.Where(r => r.Level == RegionLevel.County).Select(r => r.Code).ToListAsync();

        var under = new Dictionary<string, int>();
        foreach (var county in counties)
        {
            under[county] = (await db.VillageIncomesAsync(county)).Count(i => i.Year == 2021 && i.OperatingIncome < 100_000m);
        }

        Assert.Equal(0, under[DemoCityQueries.Yongan]);
        Assert.True(under.Count(u => u.Value > 0) >= 4, string.Join(", ", under));
    }

    [Fact]
    public async Task The_final_year_receives_and_resolves_cases_like_the_years_before_it()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var cases = (await db.Cases.AsNoTracking().Select(c => new { c.ReportedAt, c.Status }).ToListAsync())
            .Select(c => (Day: OfficeCalendar.DayOf(c.ReportedAt), c.Status)).ToList();
        var finalYear = cases.Max(c => c.Day.Year);
        var byYear = cases.GroupBy(c => c.Day.Year).ToDictionary(g => g.Key, g => g.ToList());
        var earlier = byYear.Keys.Where(y => y < finalYear).Order().ToList();
        static double Rate(IEnumerable<(DateOnly Day, CaseStatus Status)> received) =>
            received.Count(c => c.Status.IsResolved()) / (double)received.Count();
        static bool IsOpen(CaseStatus status) => status is CaseStatus.Reported or CaseStatus.Classified or CaseStatus.InProgress;

        // Every month of the final year receives about what the year before received per month (cases grow slowly):
        // no month swollen by the cases still open at the end.
        var perMonthBefore = byYear[finalYear - 1].Count / 12.0;
        var months = byYear[finalYear].GroupBy(c => c.Day.Month).OrderBy(g => g.Key).Select(g => (Month: g.Key, Received: g.Count())).ToList();
        Assert.Equal(12, months.Count);
        Assert.All(months, m => Assert.InRange(m.Received / perMonthBefore, 0.7, 1.3));

        // Its resolution rate is the earlier years' (within 3 points once the cases genuinely still open are set aside,
        // within 5 with them); the earlier years agree with each other as well.
        var earlierRates = earlier.Select(y => Rate(byYear[y])).ToList();
        Assert.True(earlierRates.Max() - earlierRates.Min() < 0.03, string.Join(", ", earlierRates));
        Assert.InRange(Rate(byYear[finalYear]), earlierRates.Average() - 0.05, earlierRates.Average() + 0.05);
        Assert.InRange(Rate(byYear[finalYear].Where(c => !IsOpen(c.Status))), earlierRates.Average() - 0.03, earlierRates.Average() + 0.03);

        // The cases still open are few and recent: none received before the year before the final one.
        Assert.All(cases.Where(c => IsOpen(c.Status)), c => Assert.True(c.Day.Year >= finalYear - 1, c.Day.ToString("O", CultureInfo.InvariantCulture)));
        Assert.InRange(cases.Count(c => IsOpen(c.Status)), 1, byYear[finalYear].Count / 12);
    }

    [Fact]
    public async Task Counties_resolve_cases_at_different_speeds_and_rates()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var counties = await db.Regions.Where(r => r.Level == RegionLevel.County && r.ValidTo == null).ToListAsync();
        var countyOf = new Dictionary<int, string>();
        foreach (var county in counties)
        {
            foreach (var id in await db.RegionsIn(county).Select(r => r.Id).ToListAsync())
            {
                countyOf[id] = county.Code;
            }
        }

        var cases = await db.Cases.AsNoTracking().Select(c => new { c.RegionId, c.Status, c.ReportedAt, c.ResolvedAt }).ToListAsync();
        var byCounty = cases.GroupBy(c => countyOf[c.RegionId]).ToDictionary(g => g.Key, g => g.ToList());
        var medianDays = byCounty.ToDictionary(g => g.Key, g =>
        {
            var days = g.Value.Where(c => c.ResolvedAt is not null).Select(c => (c.ResolvedAt!.Value - c.ReportedAt).TotalDays).Order().ToList();
            return days[days.Count / 2];
        });
        var resolvedShare = byCounty.ToDictionary(g => g.Key, g => g.Value.Count(c => c.Status.IsResolved()) / (double)g.Value.Count);

        Assert.Equal(11, byCounty.Count);
        Assert.True(medianDays.Values.Max() > 2.5 * medianDays.Values.Min(), string.Join(", ", medianDays));
        Assert.True(resolvedShare.Values.Max() - resolvedShare.Values.Min() > 0.1, string.Join(", ", resolvedShare));
    }

    [Fact]
    public async Task Star_ratings_follow_the_score_and_about_a_tenth_are_two_stars_or_fewer()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var ratings = await db.StarRatings.AsNoTracking().Include(r => r.Organization).ToListAsync();
        var weak = ratings.Count(r => r.Stars <= 2) / (double)ratings.Count;

        Assert.All(ratings, r => Assert.Equal(StarRating.StarsFor(r.Score), r.Stars));
        Assert.All(ratings, r => Assert.Contains(r.Organization!.Domain, new[] { OrganizationDomain.Rural, OrganizationDomain.Community }));
        Assert.Equal(Enumerable.Range(2019, 6), ratings.Select(r => r.Year).Distinct().Order());
        Assert.InRange(weak, 0.06, 0.15);
        Assert.Equal(5, ratings.Select(r => r.Stars).Distinct().Count());
    }

    [Fact]
    public async Task Micro_wish_dates_follow_their_status()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var wishes = await db.MicroWishes.AsNoTracking().ToListAsync();

        Assert.All(wishes, w =>
        {
            DateOnly?[] stages = [w.PostedOn, w.VerifiedOn, w.PublishedOn, w.ClaimedOn, w.FulfilledOn, w.PublicizedOn];
            var reached = (int)w.Status;
            Assert.All(stages.Take(reached), s => Assert.NotNull(s));
            Assert.All(stages.Skip(reached), s => Assert.Null(s));
            var dates = stages.Take(reached).Select(s => s!.Value).ToList();
            Assert.Equal(dates.Order(), dates);
            Assert.True(dates[^1] <= LastDay);
            var claimed = w.Status >= MicroWishStatus.Claimed;
            Assert.Equal(claimed, (w.ClaimedByMemberId is null) != (w.ClaimedByOrganizationId is null));
            Assert.False(w.ClaimedByMemberId is not null && w.ClaimedByOrganizationId is not null);
        });
        Assert.All(Enum.GetValues<MicroWishStatus>(), s => Assert.Contains(wishes, w => w.Status == s));
    }

    [Fact]
    public async Task In_service_members_mostly_register_at_a_community_within_a_month()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var registrations = await db.CommunityRegistrations.AsNoTracking()
            .Select(r => new { r.DueFrom, r.RegisteredOn, r.Member!.Category, CommunityLevel = r.Community!.Level })
            .ToListAsync();
        var onTime = registrations.Count(r => r.RegisteredOn <= r.DueFrom.AddMonths(1)) / (double)registrations.Count;

        Assert.All(registrations, r =>
        {
            Assert.Equal(MemberCategory.InService, r.Category);
            Assert.Equal(RegionLevel.Community, r.CommunityLevel);
            Assert.InRange(r.RegisteredOn, r.DueFrom, LastDay);
        });
        Assert.InRange(onTime, 0.75, 0.97);
    }

    [Fact]
    public async Task Registered_members_mostly_take_part_every_quarter_and_some_miss_quarters()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var registrations = await db.CommunityRegistrations.AsNoTracking().Select(r => new { r.Id, r.RegisteredOn, r.ActivitiesAttended }).ToListAsync();
        var attendance = (await db.CommunityAttendances.AsNoTracking().Select(a => new { a.RegistrationId, a.Year, a.Quarter, a.Activities }).ToListAsync())
            .ToLookup(a => a.RegistrationId);

        // Quarters from the one registered in to the last of the data; a quarter without a row had no activity.
        int Owed(DateOnly registered) =>
            ((LastDay.Year * 4) + ((LastDay.Month - 1) / 3)) - ((registered.Year * 4) + ((registered.Month - 1) / 3)) + 1;
        var everyQuarter = registrations.Count(r => attendance[r.Id].Count() == Owed(r.RegisteredOn)) / (double)registrations.Count;

        Assert.All(registrations, r =>
        {
            Assert.Equal(r.ActivitiesAttended, attendance[r.Id].Sum(a => a.Activities));
            Assert.All(attendance[r.Id], a =>
            {
                Assert.InRange(a.Activities, 1, 3);
                Assert.InRange(CommunityAttendance.QuarterStart(a.Year, a.Quarter), new DateOnly(r.RegisteredOn.Year, ((r.RegisteredOn.Month - 1) / 3 * 3) + 1, 1), LastDay);
            });
        });
        Assert.InRange(everyQuarter, 0.5, 0.95);
    }

    [Fact]
    public async Task Every_county_has_agencies_linked_four_ways_and_some_agencies_miss_a_link()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var counties = await db.Regions.Where(r => r.Level == RegionLevel.County && r.ValidTo == null).ToListAsync();

        var links = await db.Pairings
            .Where(p => p.Program == PairingProgram.FourLinks && p.Organization!.Domain == OrganizationDomain.Agency)
            .Select(p => new { p.OrganizationId, p.TargetKind })
            .ToListAsync();
        var agencies = await db.PartyOrganizations.Where(o => o.Domain == OrganizationDomain.Agency).Select(o => new { o.Id, o.RegionId }).ToListAsync();
        var kinds = links.ToLookup(l => l.OrganizationId, l => l.TargetKind);
        var complete = agencies.Count(a => kinds[a.Id].Distinct().Count() == 4) / (double)agencies.Count;

        Assert.All(counties, county => Assert.True(agencies.Count(a => a.RegionId == county.Id) >= 20, county.Name));
        Assert.InRange(complete, 0.75, 0.99);
        Assert.All(agencies, a => Assert.NotEmpty(kinds[a.Id]));
    }

    [Fact]
    public async Task Every_county_holds_each_kind_of_joint_activity_under_its_pairings()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var counties = await db.Regions.Where(r => r.Level == RegionLevel.County && r.ValidTo == null).ToListAsync();
        ActivityKind[] required = [ActivityKind.LeaderVisit, ActivityKind.DeputyVisit, ActivityKind.JointPartyClass, ActivityKind.ThemeDay, ActivityKind.PracticeActivity];

        foreach (var county in counties)
        {
            var regions = db.RegionsIn(county).Select(r => r.Id);
            var kinds = await db.Activities
                .Where(a => a.PairingId != null && regions.Contains(a.RegionId))
                .Select(a => a.Kind)
                .Distinct()
                .ToListAsync();

            Assert.All(required, k => Assert.Contains(k, kinds));
        }
    }

    [Fact]
    public async Task Activities_under_a_pairing_fall_within_it()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var outside = await db.Activities
            .Where(a => a.PairingId != null)
            .CountAsync(a => a.Date < a.Pairing!.From || (a.Pairing.To != null && a.Date > a.Pairing.To) || a.Date > LastDay);

        Assert.Equal(0, outside);
    }

    [Fact]
    public async Task Grid_stewards_are_full_and_part_time_and_cadres_are_part_time_members()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();

        var stewards = await db.GridStewards.AsNoTracking()
            .Select(s => new { s.Employment, s.IsCadre, s.MemberId, s.From, s.To, s.PersonName, MemberName = s.Member!.Name })
            .ToListAsync();

        Assert.Contains(stewards, s => s.Employment == StewardEmployment.FullTime);
        Assert.Contains(stewards, s => s.Employment == StewardEmployment.PartTime && !s.IsCadre);
        Assert.All(stewards.Where(s => s.MemberId != null), s => Assert.Equal(s.MemberName, s.PersonName));
        Assert.All(stewards, s => Assert.True(s.To is null || s.To > s.From));
        Assert.All(stewards.Where(s => s.IsCadre), s => Assert.Equal(StewardEmployment.PartTime, s.Employment));
    }

    [Fact]
    public async Task Every_foreign_key_points_at_an_existing_row()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var check = db.Database.GetDbConnection().CreateCommand();
        check.CommandText = "PRAGMA foreign_key_check";

        var violations = new List<string>();
        await using (var reader = await check.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                violations.Add($"{reader.GetValue(0)} row {reader.GetValue(1)} → {reader.GetValue(2)}");
            }
        }

        Assert.Empty(violations);
    }

    [Fact]
    public async Task Summary_counts_the_rows_of_every_table()
    {
        await using var db = await city.Contexts.CreateDbContextAsync();
        var rows = city.Summary.RowsPerTable;

        Assert.Equal(16, rows.Count);
        Assert.Equal(await db.Regions.LongCountAsync(), rows["Regions"]);
        Assert.Equal(await db.Grids.LongCountAsync(), rows["Grids"]);
        Assert.Equal(await db.PartyMembers.LongCountAsync(), rows["PartyMembers"]);
        Assert.Equal(await db.Cases.LongCountAsync(), rows["Cases"]);
        Assert.Equal(await db.CommunityRegistrations.LongCountAsync(), rows["CommunityRegistrations"]);
        Assert.Equal(await db.CommunityAttendances.LongCountAsync(), rows["CommunityAttendances"]);
        Assert.All(rows, r => Assert.True(r.Value > 0, r.Key));
    }
}
