using System.Globalization;
using System.Text.RegularExpressions;

namespace Analytics.Etl.Warehouse;

/// <summary>
/// A figure as a Chinese reader reads it in print (宣传报道中的数据): the number, and the values it admits.
/// <list type="bullet">
/// <item>An exact count (<c>175个</c>, <c>清零</c>) admits that number only.</item>
/// <item><c>余</c> / <c>多</c> (<c>1600余件</c>, <c>650多个</c>, <c>3万余人</c>) admits the printed number up to, not
/// including, the next step of its last significant digit: 1600余 → 1600–1699, 650多 → 650–659, 100余 → 100–199,
/// 3万余 → 30000–39999. Were there 1,700, the text would say 1700余.</item>
/// <item><c>以上</c> (<c>100人以上</c>) admits the printed number or more, with no upper bound.</item>
/// <item>A percentage (<c>44.6%</c>) admits the shares that round to it at the printed precision: 44.55 % ≤ x &lt; 44.65 %.
/// <c>100%</c> and <c>0%</c> say "all" and "none" (实现全区100%的村…): they admit exactly that, not 99.6 %.</item>
/// </list>
/// </summary>
/// <param name="Value">The printed number (1600 for 1600余件, 30000 for 3万余人, 30.81 for 30.81%).</param>
/// <param name="Qualifier">How it is read.</param>
/// <param name="Upper">The least value no longer admitted (1700 for 1600余); null when unbounded (以上) or exact.</param>
/// <param name="Decimals">Decimals printed (2 for 30.81%): the precision of a percentage.</param>
public sealed partial record PrintedFigure(decimal Value, ClaimQualifier Qualifier, decimal? Upper, int Decimals)
{
    /// <summary>Reads a printed figure; throws <see cref="FormatException"/> saying why when it cannot.</summary>
    public static PrintedFigure Parse(string printed)
    {
        var text = printed.Trim();
        if (text == "清零")
        {
            // "Cleared to zero" (低收入村实现"清零"): none left.
            return new PrintedFigure(0, ClaimQualifier.Exact, null, 0);
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"'{printed}' is not a printed figure: digits, an optional 万/亿, an optional 余/多/以上, then % or a unit (e.g. 1600余件, 3万余人, 30.81%).");
        }

        var digits = match.Groups["number"].Value;
        var number = decimal.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var decimals = digits.Contains('.', StringComparison.Ordinal) ? digits.Length - digits.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        var multiplier = match.Groups["myriad"].Value switch
        {
            "万" => 10_000m,
            "亿" => 100_000_000m,
            _ => 1m,
        };
        // 余/多 stand before 万 (4000余万元) or after it (3万余人); 以上 after the number or after the unit (100人以上).
        var marks = new[] { match.Groups["before"].Value, match.Groups["more"].Value, match.Groups["above"].Value }
            .Where(m => m.Length > 0).ToList();
        var more = marks.Count switch { 0 => "", 1 => marks[0], _ => "?" };
        var percent = match.Groups["unit"].Value == "%";
        if (more == "?")
        {
            throw new FormatException($"'{printed}': more than one of 余/多/以上 is not one reading.");
        }

        if (percent && (more.Length > 0 || multiplier != 1))
        {
            throw new FormatException($"'{printed}': a percentage is read at its printed precision; 余/多/以上 or 万 on one is not supported.");
        }

        var value = number * multiplier;
        if (percent)
        {
            return new PrintedFigure(number, ClaimQualifier.Percent, null, decimals);
        }

        return more switch
        {
            "余" or "多" => new PrintedFigure(value, ClaimQualifier.MoreThan, value + Step(digits) * multiplier, decimals),
            "以上" => new PrintedFigure(value, ClaimQualifier.AtLeast, null, decimals),
            _ => new PrintedFigure(value, ClaimQualifier.Exact, null, decimals),
        };
    }

    /// <summary>Whether a computed value is one the print admits (a percentage: the share × 100).</summary>
    public bool Admits(decimal computed) => Qualifier switch
    {
        ClaimQualifier.Percent when Value is 0 or 100 => computed == Value,
        ClaimQualifier.Percent => Math.Round(computed, Decimals, MidpointRounding.AwayFromZero) == Value,
        ClaimQualifier.MoreThan => computed >= Value && computed < Upper,
        ClaimQualifier.AtLeast => computed >= Value,
        _ => computed == Value,
    };

    /// <summary>The admitted values in words: <c>1600–1699</c>, <c>≥ 100</c>, <c>175</c>, <c>30.805–30.815%</c>.</summary>
    public string Range
    {
        get
        {
            var step = Pow10(-Decimals);
            return Qualifier switch
            {
                ClaimQualifier.Percent when Value is 0 or 100 => $"exactly {Text(Value)}%",
                ClaimQualifier.Percent => $"{Text(Value - step / 2)}–{Text(Value + step / 2)}% (rounding to {Text(Value)}%)",
                ClaimQualifier.MoreThan when Upper - Value >= 1 => $"{Text(Value)}–{Text(Upper!.Value - 1)}",
                ClaimQualifier.MoreThan => $"{Text(Value)} ≤ x < {Text(Upper!.Value)}",
                ClaimQualifier.AtLeast => $"≥ {Text(Value)}",
                _ => Text(Value),
            };
        }
    }

    /// <summary>The place value of the last significant digit: 1600 → 100, 650 → 10, 3 → 1, 2.5 → 0.1, 0 → 1.</summary>
    private static decimal Step(string digits)
    {
        var point = digits.IndexOf('.', StringComparison.Ordinal);
        var integer = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? "" : digits[(point + 1)..];
        if (fraction.TrimEnd('0').Length > 0)
        {
            return Pow10(-fraction.TrimEnd('0').Length);
        }

        var trailingZeros = integer.Length - integer.TrimEnd('0').Length;
        return integer.TrimStart('0').Length == 0 ? 1m : Pow10(trailingZeros);
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result = exponent > 0 ? result * 10 : result / 10;
        }

        return result;
    }

    private static string Text(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    // number, then 余/多, then 万/亿, then 余/多/以上, then % or a measure word (个, 件, 场次, 名, 人次 …) or nothing, then 以上
    // when the unit comes first (100人以上, 10万元以上).
    [GeneratedRegex(@"^(?<number>\d+(?:\.\d+)?)(?<before>余|多)?(?<myriad>[万亿])?(?<more>余|多|以上)?(?<unit>%|[\p{IsCJKUnifiedIdeographs}-[万亿余多以上]]{0,3})(?<above>以上)?$")]
    private static partial Regex Pattern();
}
