using System.Globalization;

namespace Analytics.Etl.Warehouse;

/// <summary>Whether a headline figure counts what stands on a day (a stock: 截至) or adds up what happened (a flow: 累计).</summary>
public enum CaseStudyMeasure
{
    /// <summary>What stood at the end of the day (行政村、网格、党组织): its period reads 截至…</summary>
    Stock,

    /// <summary>A sum over time (解决问题、开展活动、实施项目): "to date" reads 累计（截至…）.</summary>
    Flow,
}

/// <summary>A headline metric as an official names it, and how its period reads.</summary>
/// <param name="Name">The Chinese name (村集体经营性收入增长率).</param>
/// <param name="Measure">Stock or flow.</param>
public sealed record CaseStudyMetricLabel(string Name, CaseStudyMeasure Measure);

/// <summary>
/// The Chinese words the sheets print for what the warehouse and the claims file name by keys: metric ids, periods,
/// verdicts and the reasons behind them. Nothing here computes a figure; it only names and explains.
/// </summary>
public static class CaseStudyLabels
{
    private static CaseStudyMetricLabel Stock(string name) => new(name, CaseStudyMeasure.Stock);

    private static CaseStudyMetricLabel Flow(string name) => new(name, CaseStudyMeasure.Flow);

    /// <summary>Every headline metric id of the claims file (a test holds the two together).</summary>
    public static IReadOnlyDictionary<string, CaseStudyMetricLabel> Metrics { get; } = new Dictionary<string, CaseStudyMetricLabel>(StringComparer.Ordinal)
    {
        ["income.operating_growth"] = Flow("村集体经营性收入增长率"),
        ["income.villages_below_100k"] = Stock("经营性收入10万元以下的村（个）"),
        ["income.self_operated_100k_share"] = Stock("自营性收入10万元以上的村占比"),
        ["income.projects"] = Flow("村财增收项目（个）"),
        ["region.villages"] = Stock("行政村（个）"),
        ["region.communities"] = Stock("城市社区（个）"),
        ["region.townships"] = Stock("乡镇（街道）（个）"),
        ["grid.level3_party_branches"] = Stock("三级网格党支部（个）"),
        ["grid.level4_grids"] = Stock("四级单元网格（个）"),
        ["grid.cadre_stewards"] = Stock("党员干部网格员（名）"),
        ["cases.resolved.four_step"] = Flow("民情处置“四步走”解决难题（件）"),
        ["cases.resolved.rotation_duty"] = Flow("党建轮值解决热点难点问题（个）"),
        ["cases.resolved.enterprise_service"] = Flow("“三百”活动协调解决企业问题（件）"),
        ["cases.resolved.grid_visit"] = Flow("“平时工作法”解决群众热点难点问题（个）"),
        ["cases.resolved.red_steward_property"] = Flow("“红色管家”解决物业问题（个）"),
        ["activities.rotation_duty"] = Flow("党建轮值活动（场次）"),
        ["activities.rotation_duty_participants"] = Flow("党建轮值活动惠及群众（人）"),
        ["activities.night_talks"] = Flow("居民夜谈会（场）"),
        ["activities.night_talk_cadre_attendances"] = Flow("夜谈会下沉党员干部（人次）"),
        ["org.residential_area"] = Stock("小区党支部（个）"),
        ["org.new_business_form"] = Stock("新兴业态党组织（个）"),
        ["org.new_business_form_branches"] = Stock("新业态党支部（家）"),
        ["org.mobile_members"] = Stock("驻外商会流动党组织（个）"),
        ["org.temporary"] = Stock("临时党支部（个）"),
        ["org.vanguard_team"] = Stock("党员先锋队（支）"),
        ["org.township_youth_branches"] = Stock("乡镇青年党支部（个）"),
        ["members.mobile"] = Stock("建档管理流动党员（名）"),
        ["cross_village.organizations"] = Stock("联村党组织（个）"),
        ["cross_village.villages_covered"] = Stock("联村党组织覆盖村（个）"),
        ["cross_village.village_share"] = Stock("联村党组织覆盖村占总村数比例"),
        ["enterprise.new_business_form_coverage"] = Stock("新业态组织覆盖率"),
    };

    /// <summary>The metric's Chinese name; a metric without one is a gap in <see cref="Metrics"/>, never printed as its key.</summary>
    /// <exception cref="InvalidOperationException">The metric has no Chinese name.</exception>
    public static CaseStudyMetricLabel Metric(string metricId) => Metrics.TryGetValue(metricId, out var label)
        ? label
        : throw new InvalidOperationException($"Metric '{metricId}' has no Chinese name in CaseStudyLabels.Metrics.");

    /// <summary>A day as written in Chinese documents: 2022年10月22日.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    /// <summary>
    /// The headline's period: 2021年, 2019—2021年; from the beginning of the data, 截至2022年10月22日 for a stock and
    /// 累计（截至2022年10月22日） for a flow. <paramref name="dataAsOf"/> stands in when the figure runs to the end of the data.
    /// </summary>
    public static string Period(CaseStudyHeadline headline, DateOnly? dataAsOf)
    {
        var years = ClaimVerifier.ParsePeriod(headline.Period);
        if (years is ({ } first, { } last))
        {
            return first == last ? $"{first}年" : $"{first}—{last}年";
        }

        var day = headline.AsOf is { } asOf && asOf != DateOnly.MaxValue ? asOf : dataAsOf;
        var until = day is { } d ? $"截至{Day(d)}" : "截至数据最新日";
        return Metric(headline.Metric).Measure == CaseStudyMeasure.Flow ? $"累计（{until}）" : until;
    }

    public static string Verdict(ClaimVerdict? verdict) => verdict switch
    {
        ClaimVerdict.Pass => "一致",
        ClaimVerdict.Fail => "不符",
        ClaimVerdict.Unverifiable => "无法核验",
        _ => "",
    };

    /// <summary>
    /// Why the printed figure is (or is not) what the warehouse computes, in one Chinese sentence: 计算值为30.8100%，
    /// 按刊发精度（两位小数）四舍五入为30.81%，与刊发一致. Empty for a figure that was computed and never printed.
    /// </summary>
    public static string Explanation(CaseStudyHeadline headline)
    {
        if (headline.Verdict == ClaimVerdict.Unverifiable)
        {
            return "数仓无此项数据，无法核验";
        }

        if (headline.Computed is not { } computed)
        {
            return "数仓无该期间数据";
        }

        if (headline.Printed is not { } printed)
        {
            return "";
        }

        var reading = PrintedFigure.Parse(printed);
        var pass = headline.Verdict == ClaimVerdict.Pass;
        var outcome = pass ? "与刊发一致" : "与刊发不符";
        switch (reading.Qualifier)
        {
            case ClaimQualifier.Percent when reading.Value is 0 or 100:
                return $"计算值为{Number(computed * 100)}%，刊发“{printed}”指{(reading.Value == 100 ? "全部" : "没有")}，{outcome}";
            case ClaimQualifier.Percent:
                var percent = computed * 100;
                var rounded = Math.Round(percent, reading.Decimals, MidpointRounding.AwayFromZero);
                return $"计算值为{Math.Round(percent, 4).ToString("0.0000", CultureInfo.InvariantCulture)}%，"
                    + $"按刊发精度（{Decimals(reading.Decimals)}）四舍五入为{rounded.ToString("F" + reading.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}%，{outcome}";
            case ClaimQualifier.MoreThan:
                var range = $"{Number(reading.Value)}至{Number(reading.Upper!.Value - (reading.Upper.Value - reading.Value >= 1 ? 1 : 0))}";
                return $"计算值为{Number(computed)}，{(pass ? "在" : "不在")}“{printed}”所指的{range}之间，{outcome}";
            case ClaimQualifier.AtLeast:
                return $"计算值为{Number(computed)}，{(pass ? "不低于" : "低于")}刊发的{Number(reading.Value)}，{outcome}";
            default:
                return $"计算值为{Number(computed)}，刊发“{printed}”即{Number(reading.Value)}，{outcome}";
        }
    }

    private static string Decimals(int decimals) => decimals switch
    {
        0 => "整数",
        1 => "一位小数",
        2 => "两位小数",
        3 => "三位小数",
        _ => $"{decimals}位小数",
    };

    private static string Number(decimal value) => value == decimal.Truncate(value)
        ? decimal.Truncate(value).ToString(CultureInfo.InvariantCulture)
        : Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
