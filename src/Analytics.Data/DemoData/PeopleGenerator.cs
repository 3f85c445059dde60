using Analytics.Domain;

namespace Analytics.Data.DemoData;

/// <summary>Party members, grid stewards and in-service members' community registrations of one county.</summary>
internal static class PeopleGenerator
{
    private static readonly DateOnly LatestJoin = new(2024, 7, 1);

    /// <summary>
    /// Members by category in exact numbers (× scale; 永安市's 379 mobile members stay 379), interleaved at random.
    /// The first <paramref name="scale"/>×<see cref="CountySpec.Cadres"/> in-service members picked evenly are cadres.
    /// </summary>
    public static IEnumerable<PartyMember> Members(int seed, int scale, CountyPlan county)
    {
        var spec = county.Spec;
        var random = DemoRandom.For(seed, spec.Code, "members");
        var remaining = new long[]
        {
            (long)spec.RuralMembers * scale,
            (long)spec.InServiceMembers * scale,
            spec.MobileMembersFixed ? spec.MobileMembers : (long)spec.MobileMembers * scale,
            (long)spec.RetiredMembers * scale,
        };
        var inServiceTotal = remaining[1];
        var cadres = Math.Min((long)spec.Cadres * scale, inServiceTotal);
        long inServiceIndex = 0;

        var villageOrganizations = county.Villages.Select(v => v.Organization!).ToList();
        var villageGridBranches = county.GridBranches.Where(b => b.Region!.Level == RegionLevel.Village).ToList();
        var rural = Pool(
            (villageOrganizations, 0.9, o => o.Region!.Households),
            (villageGridBranches, 0.1, _ => 1));
        var inService = Pool(
            (county.Agencies.Select(a => a.Organization).ToList(), 0.6, _ => 1),
            (county.EnterpriseOrganizations, 0.3, _ => 1),
            (county.OtherOrganizations.Where(o => o.Domain is OrganizationDomain.Youth or OrganizationDomain.SocialOrganization).ToList(), 0.1, _ => 1));
        var cadreOrganizations = Pool(
            (county.Agencies.Select(a => a.Organization).ToList(), 0.9, _ => 1),
            (county.EnterpriseOrganizations.Where(o => o.Domain == OrganizationDomain.StateOwnedEnterprise).ToList(), 0.1, _ => 1));
        var mobile = Pool(
            (county.MobileMemberOrganizations, 0.45, _ => 1),
            (villageOrganizations, 0.55, o => o.Region!.Households));
        var retired = Pool(
            (county.Communities.Select(c => c.Organization!).ToList(), 0.45, o => o.Region!.Households),
            (county.ResidentialBranches, 0.2, _ => 1),
            (county.GridBranches, 0.15, _ => 1),
            (villageOrganizations, 0.2, o => o.Region!.Households));

        var issued = new Dictionary<(int Prefix, int Day, bool Male), int>();
        while (true)
        {
            var left = remaining.Sum();
            if (left == 0)
            {
                yield break;
            }

            // Draw the category in proportion to what is left, so every category ends exactly on its count.
            var x = (long)(random.NextDouble() * left);
            var category = 0;
            while (x >= remaining[category])
            {
                x -= remaining[category];
                category++;
            }

            remaining[category]--;
            var memberCategory = (MemberCategory)(category + 1);
            var isCadre = memberCategory switch
            {
                MemberCategory.InService => DemoRandom.Stratified(inServiceIndex++, inServiceTotal, cadres),
                MemberCategory.Rural => random.Chance(0.06), // 村干部
                _ => false,
            };

            var (maleShare, bornFrom, bornTo, joinFrom, joinTo) = memberCategory switch
            {
                MemberCategory.Rural => (0.72, new DateOnly(1945, 1, 1), new DateOnly(2000, 12, 31), 18, 45),
                MemberCategory.InService => (0.6, new DateOnly(1962, 1, 1), new DateOnly(1999, 12, 31), 20, 35),
                MemberCategory.Mobile => (0.7, new DateOnly(1970, 1, 1), new DateOnly(2001, 12, 31), 18, 30),
                _ => (0.75, new DateOnly(1935, 1, 1), new DateOnly(1964, 12, 31), 20, 40),
            };
            var male = random.Chance(maleShare);
            var birth = random.Date(bornFrom, bornTo);
            var joined = birth.AddYears(random.Between(joinFrom, joinTo)).AddDays(random.Next(365));
            // A published register (永安市: 379 mobile members) counts members who had joined by the day it speaks of.
            var latestJoin = memberCategory == MemberCategory.Mobile && spec.MobileMembersFixed ? spec.Until(LatestJoin) : LatestJoin;
            if (joined > latestJoin)
            {
                joined = random.Date(birth.AddYears(18) < latestJoin ? birth.AddYears(18) : latestJoin, latestJoin);
            }

            var organization = isCadre && memberCategory == MemberCategory.InService
                ? cadreOrganizations.Draw(random)
                : memberCategory switch
                {
                    MemberCategory.Rural => rural.Draw(random),
                    MemberCategory.InService => inService.Draw(random),
                    MemberCategory.Mobile => mobile.Draw(random),
                    _ => retired.Draw(random),
                };

            var name = ChineseNames.Person(random, male);
            var (idNumber, birthDate) = NextIdNumber(random, spec, issued, birth, male);
            yield return new PartyMember
            {
                Name = name,
                Gender = male ? Gender.Male : Gender.Female,
                BirthDate = birthDate,
                JoinedOn = joined,
                Category = memberCategory,
                IsCadre = isCadre,
                IsStarMember = random.Chance(memberCategory == MemberCategory.InService ? 0.1 : 0.14),
                IdNumber = idNumber,
                Phone = IdentityCodes.MobilePhone(random),
                OrganizationId = organization.Id,
            };
        }
    }

    /// <summary>Keeps the ids (and a bounded sample of names) the later steps refer to.</summary>
    public static void Remember(CountyPlan county, IReadOnlyList<PartyMember> written)
    {
        var pools = county.Members;
        var cadreCap = county.Spec.UnitGrids * 5 / 4 + 50;
        var stewardCap = county.Spec.UnitGrids + county.Spec.AreaGrids;
        foreach (var member in written)
        {
            pools.All.Add(member.Id);
            if (member.Category == MemberCategory.InService)
            {
                pools.InService.Add(member.Id);
            }

            if (member.IsCadre)
            {
                if (pools.Cadres.Count < cadreCap)
                {
                    pools.Cadres.Add((member.Id, member.Name));
                }
            }
            else if (member.Category is MemberCategory.Rural or MemberCategory.Retired && pools.Stewards.Count < stewardCap)
            {
                pools.Stewards.Add((member.Id, member.Name));
            }
        }
    }

    /// <summary>
    /// An ID number unique across the city: each county prints only its own region codes, and within a code the
    /// sequence counts up per birth day and sex from a day-dependent start. A full day moves the birth date on a day.
    /// </summary>
    private static (string IdNumber, DateOnly BirthDate) NextIdNumber(
        DemoRandom random, CountySpec spec, Dictionary<(int, int, bool), int> issued, DateOnly birth, bool male)
    {
        var prefix = spec.IdPrefixes.Count == 1 || random.Chance(0.7) ? 0 : random.Next(spec.IdPrefixes.Count);
        while (true)
        {
            var key = (prefix, birth.DayNumber, male);
            issued.TryGetValue(key, out var count);
            var start = (birth.DayNumber * 37 + prefix * 11) % 150;
            if (start + count < 500)
            {
                issued[key] = count + 1;
                var sequence = 2 * (start + count) + (male ? 1 : 0);
                return (IdentityCodes.IdNumber(spec.IdPrefixes[prefix], birth, sequence), birth);
            }

            birth = birth.AddDays(1);
        }
    }

    /// <summary>
    /// Every unit grid gets an ordinary steward (full-time in communities, mostly part-time in villages), a share of
    /// them replaced once; cadres are sunk to unit grids (三元区: one per unit grid, spread over as many distinct cadres
    /// as the pool holds); every level-3 area has a full-time area steward.
    /// </summary>
    public static IEnumerable<GridSteward> Stewards(int seed, CountyPlan county)
    {
        var spec = county.Spec;
        var random = DemoRandom.For(seed, spec.Code, "stewards");
        var pools = county.Members;
        var cadreCursor = 0;
        var stewardCursor = 0;

        (int? Id, string Name) Ordinary()
        {
            if (pools.Stewards.Count > 0 && random.Chance(0.35))
            {
                var (id, name) = pools.Stewards[stewardCursor++ % pools.Stewards.Count];
                return (id, name);
            }

            return (null, ChineseNames.Person(random, random.Chance(0.45)));
        }

        foreach (var unit in county.Units)
        {
            foreach (var area in unit.Areas)
            {
                var (id, name) = Ordinary();
                yield return new GridSteward
                {
                    GridId = area.Grid.Id,
                    PersonName = name,
                    MemberId = id,
                    Employment = StewardEmployment.FullTime,
                    From = area.Grid.CreatedOn.AddDays(random.Between(0, 45)),
                };
            }

            foreach (var grid in unit.UnitGrids)
            {
                var employment = random.Chance(unit.IsCommunity ? 0.8 : 0.3) ? StewardEmployment.FullTime : StewardEmployment.PartTime;
                var (id, name) = Ordinary();
                var from = grid.CreatedOn.AddDays(random.Between(0, 60));
                var to = from.AddDays(random.Between(365, 1100));
                if (random.Chance(0.08) && to < new DateOnly(2024, 6, 30))
                {
                    yield return new GridSteward { GridId = grid.Id, PersonName = name, MemberId = id, Employment = employment, From = from, To = to };
                    (id, name) = Ordinary();
                    from = to.AddDays(random.Between(1, 30));
                }

                yield return new GridSteward { GridId = grid.Id, PersonName = name, MemberId = id, Employment = employment, From = from };

                var cadreStewards = spec.CadreStewardShare >= 1
                    ? (random.Chance(0.08) ? 2 : 1)
                    : (random.Chance(spec.CadreStewardShare) ? 1 : 0);
                for (var c = 0; c < cadreStewards && pools.Cadres.Count > 0; c++)
                {
                    var (cadreId, cadreName) = pools.Cadres[cadreCursor++ % pools.Cadres.Count];
                    var start = grid.CreatedOn > new DateOnly(2020, 3, 1) ? grid.CreatedOn : new DateOnly(2020, 3, 1);
                    yield return new GridSteward
                    {
                        GridId = grid.Id,
                        PersonName = cadreName,
                        MemberId = cadreId,
                        Employment = StewardEmployment.PartTime,
                        IsCadre = true,
                        From = random.Date(start, start.AddDays(240)),
                    };
                }
            }
        }
    }

    /// <summary>
    /// 在职党员到社区报到: most in-service members register at a community of their county, most within the month
    /// (stronger counties more punctually). Each registration's quarters of community activity (每季度至少参加1次) go
    /// into <paramref name="quarters"/>, written once the registration has its id (<see cref="Attendance"/>); its
    /// <see cref="CommunityRegistration.ActivitiesAttended"/> is their sum.
    /// </summary>
    public static IEnumerable<CommunityRegistration> Registrations(
        int seed, CountyPlan county, Dictionary<CommunityRegistration, List<(int Year, int Quarter, int Activities)>> quarters)
    {
        var random = DemoRandom.For(seed, county.Spec.Code, "registrations");
        var attendance = DemoRandom.For(seed, county.Spec.Code, "attendance");
        var communities = county.Communities.Count > 0
            ? new WeightedPool<UnitPlan>(county.Communities, c => c.Region.Households)
            : new WeightedPool<UnitPlan>(county.Villages, v => v.Region.Households);
        var onTimeShare = 0.68 + 0.27 * county.Spec.Quality;

        foreach (var memberId in county.Members.InService)
        {
            if (!random.Chance(0.9))
            {
                continue;
            }

            var due = random.Date(Sanming.FirstDay, new DateOnly(2024, 11, 30));
            var registered = random.Chance(onTimeShare)
                ? due.AddDays(random.Between(0, 27))
                : due.AddMonths(1).AddDays(random.Between(3, 120));
            if (registered > Sanming.LastDay)
            {
                var shift = registered.DayNumber - Sanming.LastDay.DayNumber;
                due = due.AddDays(-shift);
                registered = Sanming.LastDay;
            }

            var registration = new CommunityRegistration
            {
                MemberId = memberId,
                CommunityId = communities.Draw(random).Region.Id,
                DueFrom = due,
                RegisteredOn = registered,
            };
            var attended = Quarters(attendance, registered, county.Spec.Quality);
            registration.ActivitiesAttended = attended.Sum(q => q.Activities);
            quarters[registration] = attended;
            yield return registration;
        }
    }

    /// <summary>The quarters' attendance rows of registrations written (so with their ids).</summary>
    public static IEnumerable<CommunityAttendance> Attendance(
        IReadOnlyList<CommunityRegistration> written, Dictionary<CommunityRegistration, List<(int Year, int Quarter, int Activities)>> quarters)
    {
        foreach (var registration in written)
        {
            foreach (var (year, quarter, activities) in quarters[registration])
            {
                yield return new CommunityAttendance { RegistrationId = registration.Id, Year = year, Quarter = quarter, Activities = activities };
            }

            quarters.Remove(registration);
        }
    }

    /// <summary>
    /// From the quarter of registering to the last of the data: most members take part every quarter (one to three
    /// activities), some now and then miss one (fewer in stronger counties), a few miss every other.
    /// </summary>
    private static List<(int Year, int Quarter, int Activities)> Quarters(DemoRandom random, DateOnly registered, double quality)
    {
        var regularity = random.NextDouble() switch
        {
            < 0.05 => 0.5,
            < 0.2 => 0.8 + (0.1 * quality),
            _ => 1.0,
        };
        var rows = new List<(int, int, int)>();
        for (var (year, quarter) = (registered.Year, ((registered.Month - 1) / 3) + 1);
             CommunityAttendance.QuarterStart(year, quarter) <= Sanming.LastDay;
             (year, quarter) = quarter == 4 ? (year + 1, 1) : (year, quarter + 1))
        {
            if (random.Chance(regularity))
            {
                rows.Add((year, quarter, random.Between(1, 3)));
            }
        }

        return rows;
    }

    private static WeightedPool<PartyOrganization> Pool(
        params (List<PartyOrganization> Organizations, double Share, Func<PartyOrganization, double> Weight)[] parts)
    {
        var entries = new List<(PartyOrganization Organization, double Weight)>();
        var usable = parts.Where(p => p.Organizations.Count > 0).ToList();
        var totalShare = usable.Sum(p => p.Share);
        foreach (var (organizations, share, weight) in usable)
        {
            var sum = organizations.Sum(o => Math.Max(weight(o), 0.001));
            entries.AddRange(organizations.Select(o => (o, share / totalShare * Math.Max(weight(o), 0.001) / sum)));
        }

        return new WeightedPool<PartyOrganization>(entries);
    }
}
