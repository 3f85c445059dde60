using Analytics.Domain;

namespace Analytics.Data.DemoData;

/// <summary>Village collective income 2019–2024 and the income-raising projects (村财增收项目) of one county.</summary>
internal static class IncomeGenerator
{
    private const decimal LowIncomeLine = 100_000m;

    private static readonly Dictionary<IncomeProjectKind, string[]> ProjectNames = new()
    {
        [IncomeProjectKind.ForestTicketCarbon] = ["林票碳汇收益项目", "林业碳汇交易项目", "林票合作经营项目"],
        [IncomeProjectKind.MultiVillageBundle] = ["多村捆绑光伏发电项目", "多村联建标准厂房项目", "多村抱团物业项目"],
        [IncomeProjectKind.ShareholdingCooperation] = ["股份合作竹木加工项目", "股份合作茶叶加工项目", "入股小水电站项目"],
        [IncomeProjectKind.PropertyLeasing] = ["集体店面租赁项目", "闲置校舍盘活出租项目", "标准厂房租赁项目"],
        [IncomeProjectKind.SpecialtyFarming] = ["百香果种植基地", "林下中药材种植项目", "稻鱼综合种养项目", "食用菌种植基地", "有机茶园项目"],
        [IncomeProjectKind.RuralTourism] = ["乡村旅游民宿项目", "农家乐示范点项目", "红色研学基地项目"],
        [IncomeProjectKind.Services] = ["劳务服务公司创收项目", "农机作业服务项目", "保洁服务承包项目"],
    };

    /// <summary>
    /// Operating income per village and year: log-normal in 2019, grown to 2021 by the county's rate, then on.
    /// 永安市's Σ 2021 / Σ 2019 is then set to exactly 1.3081 and no village stays under 100,000 yuan from 2021;
    /// 三元区's villages all have at least 100,000 yuan self-operated income from 2021.
    /// </summary>
    public static List<CollectiveIncome> Incomes(int seed, CountyPlan county)
    {
        var spec = county.Spec;
        var random = DemoRandom.For(seed, spec.Code, "incomes");
        var years = Sanming.LastYear - Sanming.FirstYear + 1;
        var villages = county.Villages;
        var operating = new decimal[villages.Count, years];
        var selfShare = new double[villages.Count];

        for (var v = 0; v < villages.Count; v++)
        {
            var income2019 = Math.Clamp(random.LogNormal((double)spec.IncomeMedian2019, spec.IncomeSigma), 25_000, 3_000_000);
            var growth = spec.Growth2019To2021 * random.LogNormal(1.0, 0.35) + random.Normal(0, 0.04);
            var income2021 = income2019 * (1 + growth);
            if (spec.OperatingIncomeFloorFrom2021 && income2021 < (double)LowIncomeLine)
            {
                // 清零: villages under the line in 2019 were lifted over it by 2021.
                income2021 = (double)LowIncomeLine + random.Uniform(2_000, 45_000);
            }

            operating[v, 0] = Yuan(income2019);
            operating[v, 2] = Yuan(income2021);
            selfShare[v] = random.Uniform(0.35, 0.85);
        }

        if (spec.ExactGrowth2019To2021 is { } exact)
        {
            HitGrowth(operating, villages.Count, exact);
        }

        for (var v = 0; v < villages.Count; v++)
        {
            var ratio = (double)(operating[v, 2] / operating[v, 0]);
            operating[v, 1] = Yuan((double)operating[v, 0] * Math.Sqrt(ratio) * random.Uniform(0.97, 1.03));
            for (var y = 3; y < years; y++)
            {
                var next = (double)operating[v, y - 1] * (1 + random.Normal(spec.GrowthAfter2021, 0.06));
                if (spec.OperatingIncomeFloorFrom2021)
                {
                    next = Math.Max(next, (double)LowIncomeLine + random.Uniform(1_000, 20_000));
                }

                operating[v, y] = Yuan(next);
            }
        }

        var rows = new List<CollectiveIncome>(villages.Count * years);
        for (var v = 0; v < villages.Count; v++)
        {
            for (var y = 0; y < years; y++)
            {
                var year = Sanming.FirstYear + y;
                var op = operating[v, y];
                var self = Yuan((double)op * Math.Clamp(selfShare[v] + random.Normal(0, 0.03), 0.2, 0.95));
                if (spec.SelfOperatedFloorFrom2021 && year >= 2021 && self < LowIncomeLine)
                {
                    self = Yuan((double)LowIncomeLine + random.Uniform(1_000, 30_000));
                    if (op < self)
                    {
                        // Only 三元区 carries this floor and its operating income is free: raise it over the self-operated part.
                        op = Yuan((double)self * random.Uniform(1.05, 1.4));
                    }
                }

                rows.Add(new CollectiveIncome
                {
                    VillageId = villages[v].Region.Id,
                    Year = year,
                    OperatingIncome = op,
                    SelfOperatedIncome = self,
                    TotalIncome = op + Yuan(random.LogNormal(120_000, 0.5)),
                });
            }
        }

        return rows;
    }

    /// <summary>
    /// Scales the 2021 incomes above 150,000 yuan so Σ2021 = Σ2019 × (1 + growth) to the fen, then puts the rounding
    /// remainder on the largest village: the published 30.81 % comes out of the rows, not out of a constant.
    /// </summary>
    private static void HitGrowth(decimal[,] operating, int villages, decimal growth)
    {
        decimal sum2019 = 0, sum2021 = 0, adjustable = 0;
        for (var v = 0; v < villages; v++)
        {
            sum2019 += operating[v, 0];
            sum2021 += operating[v, 2];
            if (operating[v, 2] > 150_000m)
            {
                adjustable += operating[v, 2];
            }
        }

        var target = Math.Round(sum2019 * (1 + growth), 2);
        var factor = 1 + (target - sum2021) / adjustable;
        var largest = 0;
        for (var v = 0; v < villages; v++)
        {
            if (operating[v, 2] > 150_000m)
            {
                operating[v, 2] = Math.Round(operating[v, 2] * factor, 2);
            }

            if (operating[v, 2] > operating[largest, 2])
            {
                largest = v;
            }
        }

        decimal total = 0;
        for (var v = 0; v < villages; v++)
        {
            total += operating[v, 2];
        }

        operating[largest, 2] += target - total;
        for (var v = 0; v < villages; v++)
        {
            if (operating[v, 2] < LowIncomeLine)
            {
                throw new InvalidOperationException("Hitting the published growth pushed a village under 100,000 yuan.");
            }
        }
    }

    public static IEnumerable<IncomeProject> Projects(int seed, CountyPlan county)
    {
        var spec = county.Spec;
        var random = DemoRandom.For(seed, spec.Code, "income-projects");
        var kinds = Enum.GetValues<IncomeProjectKind>();
        double[] weights = [0.18, 0.12, 0.16, 0.16, 0.2, 0.1, 0.08];
        for (var i = 0; i < spec.IncomeProjects; i++)
        {
            var village = random.Pick(county.Villages);
            var kind = kinds[random.Weighted(weights)];
            var investment = Math.Round((decimal)Math.Clamp(random.LogNormal(600_000, 0.9), 80_000, 8_000_000) / 1_000m) * 1_000m;
            var name = kind == IncomeProjectKind.MultiVillageBundle
                ? village.Township.Region.Name + random.Pick(ProjectNames[kind])
                : village.Region.Name + random.Pick(ProjectNames[kind]);
            yield return new IncomeProject
            {
                Name = name,
                Kind = kind,
                VillageId = village.Region.Id,
                Year = random.Between(spec.IncomeProjectsFirstYear, spec.IncomeProjectsLastYear),
                Investment = investment,
                AnnualIncome = Math.Round(investment * (decimal)random.Uniform(0.04, 0.18) / 100m) * 100m,
            };
        }
    }

    private static decimal Yuan(double value) => Math.Round((decimal)value, 2);
}
