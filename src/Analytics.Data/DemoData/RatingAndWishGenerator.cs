using Analytics.Domain;

namespace Analytics.Data.DemoData;

/// <summary>五星创评 ratings of village and community organizations, and 微心愿 in every stage of their lifecycle.</summary>
internal static class RatingAndWishGenerator
{
    private static readonly Dictionary<BeneficiaryKind, (string Who, string[] Wishes)> Wishes = new()
    {
        [BeneficiaryKind.LeftBehindChild] = ("留守儿童", ["一个新书包", "一套课外读物", "一双运动鞋", "一台学习机", "一件冬季棉衣", "一套绘画工具"]),
        [BeneficiaryKind.PoorStudent] = ("困难学生", ["一盏护眼台灯", "一套学习用品", "一辆自行车", "一台旧电脑", "一套英语教辅"]),
        [BeneficiaryKind.EmptyNestElder] = ("空巢老人", ["一台收音机", "一个电暖器", "一副老花镜", "一根助行拐杖", "一床冬被", "一台电饭煲"]),
        [BeneficiaryKind.LowIncome] = ("低收入群众", ["一袋大米和食用油", "一台电风扇", "一套冬衣", "一次家电维修", "一批果树苗"]),
        [BeneficiaryKind.Disabled] = ("残疾人", ["一辆轮椅", "一副助听器", "一次康复理疗", "一台按摩仪", "一部老年手机"]),
    };

    /// <summary>
    /// Each organization has its own level, a drift and yearly noise; the county's quality shifts the level, so about
    /// one in ten ratings is two stars or fewer overall, more in weak counties.
    /// </summary>
    public static IEnumerable<StarRating> Ratings(int seed, CountyPlan county)
    {
        var random = DemoRandom.For(seed, county.Spec.Code, "ratings");
        var mean = 74 + 8 * county.Spec.Quality;
        foreach (var unit in county.Units)
        {
            var level = random.Normal(mean, 6);
            var drift = random.Normal(0.4, 0.8);
            for (var year = Sanming.FirstYear; year <= Sanming.LastYear; year++)
            {
                var score = Math.Round((decimal)Math.Clamp(level + drift * (year - Sanming.FirstYear) + random.Normal(0, 4), 40, 99.5), 1);
                yield return new StarRating
                {
                    OrganizationId = unit.Organization!.Id,
                    Year = year,
                    Score = score,
                    Stars = StarRating.StarsFor(score),
                };
            }
        }
    }

    /// <summary>
    /// Wishes at every stage: each date up to the status is set and none after it, none falls after 2024, and wishes
    /// still waiting at an early stage are recent. Claimed mostly by a member, sometimes by an organization as a group.
    /// </summary>
    public static IEnumerable<MicroWish> MicroWishes(int seed, int scale, CountyPlan county)
    {
        var random = DemoRandom.For(seed, county.Spec.Code, "wishes");
        var units = new WeightedPool<UnitPlan>(county.Units, u => u.Region.Households);
        var claimers = county.Units.Select(u => u.Organization!).Concat(county.Agencies.Select(a => a.Organization)).ToList();
        var kinds = Enum.GetValues<BeneficiaryKind>();
        double[] kindWeights = [0.3, 0.2, 0.25, 0.15, 0.1];
        double[] statusWeights = [0.02, 0.02, 0.04, 0.06, 0.14, 0.72];
        var total = (long)county.Spec.MicroWishes * scale;

        for (long i = 0; i < total; i++)
        {
            var unit = units.Draw(random);
            var kind = kinds[random.Weighted(kindWeights)];
            var status = (MicroWishStatus)(random.Weighted(statusWeights) + 1);
            var (who, wishes) = Wishes[kind];

            // Days from posting to each stage; the stage after the status would fall after the end of 2024.
            int[] steps = [0, random.Between(1, 5), random.Between(0, 3), random.Between(0, 20), random.Between(3, 30), random.Between(1, 10)];
            var reached = (int)status - 1;
            var toReached = steps.Take(reached + 1).Sum();
            var next = reached + 1 < steps.Length ? steps[reached + 1] : 0;
            DateOnly posted;
            // Publicized wishes are done; fulfilled ones may have stayed unpublicized for any time. Earlier stages are recent.
            if (status is MicroWishStatus.Publicized or MicroWishStatus.Fulfilled)
            {
                posted = random.Date(new DateOnly(2019, 3, 1), Sanming.LastDay.AddDays(-toReached));
            }
            else
            {
                var latest = Sanming.LastDay.AddDays(-toReached);
                posted = latest.AddDays(-random.Between(0, Math.Max(next - 1, 0)));
            }

            DateOnly? Stage(int index) => reached >= index ? posted.AddDays(steps.Take(index + 1).Sum()) : null;

            var claimed = reached >= (int)MicroWishStatus.Claimed - 1;
            var byMember = claimed && county.Members.All.Count > 0 && random.Chance(0.75);
            yield return new MicroWish
            {
                Title = $"{who}{ChineseNames.Surname(random)}某的心愿：{random.Pick(wishes)}",
                RegionId = unit.Region.Id,
                Beneficiary = kind,
                Status = status,
                PostedOn = posted,
                VerifiedOn = Stage(1),
                PublishedOn = Stage(2),
                ClaimedOn = Stage(3),
                FulfilledOn = Stage(4),
                PublicizedOn = Stage(5),
                ClaimedByMemberId = byMember ? random.Pick(county.Members.All) : null,
                ClaimedByOrganizationId = claimed && !byMember ? random.Pick(claimers).Id : null,
            };
        }
    }
}
