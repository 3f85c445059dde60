using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Analytics.Etl.Commands;
using DuckDB.NET.Data;

namespace Analytics.Etl.Warehouse;

/// <summary>How a printed figure is read (宣传报道中的数据).</summary>
public enum ClaimQualifier
{
    /// <summary>Printed as is: the computed value must equal it.</summary>
    Exact,

    /// <summary>Printed with 余/多/以上 ("more than"): the computed value must be at least the printed one.</summary>
    AtLeast,

    /// <summary>A percentage: the computed share × 100, rounded to the printed decimals, must equal it.</summary>
    Percent,
}

public enum ClaimVerdict
{
    Pass,
    Fail,

    /// <summary>The warehouse holds no data to compute the claim from (the claim says why); verify exits 1 on it too.</summary>
    Unverifiable,
}

/// <summary>One published figure (<c>Claims/claims.json</c>).</summary>
/// <param name="Id">Stable name, e.g. <c>yongan.income-growth</c>.</param>
/// <param name="County">County-level unit as named in the warehouse (永安市).</param>
/// <param name="Metric">A <c>metric_id</c> of the warehouse macro <c>published_figure</c>.</param>
/// <param name="Period"><c>YYYY</c>, <c>YYYY-YYYY</c> or <c>to date</c>.</param>
/// <param name="Printed">The figure as printed (<c>1600余件</c>, <c>30.81%</c>).</param>
/// <param name="Value">The printed number (30.81 for 30.81 %; its decimals are the printed precision).</param>
/// <param name="Source">Seed document the figure comes from.</param>
/// <param name="Quote">The Chinese sentence it is printed in.</param>
/// <param name="Sentence">Template of a ready sentence; <c>{value}</c> is replaced by the computed value.</param>
/// <param name="Unverifiable">Why the warehouse cannot compute this claim, when it cannot.</param>
public sealed record PublishedClaim(
    string Id,
    string County,
    string Metric,
    string Period,
    string Printed,
    decimal Value,
    ClaimQualifier Qualifier,
    string Source,
    string Quote,
    string Sentence,
    string? Unverifiable = null)
{
    /// <summary>The years of <see cref="Period"/>: (2019, 2021), (2021, 2021) or (null, null) for "to date".</summary>
    public (int? First, int? Last) Years => ClaimVerifier.ParsePeriod(Period)
        ?? throw new EtlException($"Claim {Id}: period '{Period}' is not YYYY, YYYY-YYYY or 'to date'.");
}

/// <summary>A claim checked against the warehouse.</summary>
/// <param name="Computed">The value the metric views give (a share as a fraction for percent claims); null when none.</param>
/// <param name="ComputedText">The computed value as the claim prints it (<c>30.81%</c>, <c>1650</c>).</param>
/// <param name="Detail">Why it passed or failed, in one line.</param>
/// <param name="Sentence">The claim's sentence filled with the computed value; null when nothing was computed.</param>
public sealed record ClaimResult(
    PublishedClaim Claim, decimal? Computed, string ComputedText, ClaimVerdict Verdict, string Detail, string? Sentence)
{
    public string County => Claim.County;
    public string Metric => Claim.Metric;
    public string Period => Claim.Period;
    public string Printed => Claim.Printed;
}

/// <summary>
/// Checks published figures against the warehouse. Each claim's value comes from the warehouse macro
/// <c>published_figure(county, first_year, last_year)</c> (Warehouse/metrics.sql), which reads the metric views: the
/// figures are defined in SQL, once; this class only compares.
/// </summary>
public static partial class ClaimVerifier
{
    public static string DefaultClaimsPath => Path.Combine(AppContext.BaseDirectory, "Claims", "claims.json");

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private sealed record ClaimsFile(IReadOnlyList<PublishedClaim> Claims);

    /// <summary>Reads and validates a claims file; any problem is an <see cref="EtlException"/> naming the file and claim.</summary>
    public static IReadOnlyList<PublishedClaim> LoadClaims(string? path = null)
    {
        path ??= DefaultClaimsPath;
        if (!File.Exists(path))
        {
            throw new EtlException($"No claims file at {Path.GetFullPath(path)}.");
        }

        IReadOnlyList<PublishedClaim> claims;
        try
        {
            claims = JsonSerializer.Deserialize<ClaimsFile>(File.ReadAllText(path), Json)?.Claims
                ?? throw new EtlException($"{path}: no \"claims\" array.");
        }
        catch (JsonException ex)
        {
            throw new EtlException($"{path}: {ex.Message}");
        }

        var duplicate = claims.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new EtlException($"{path}: claim id '{duplicate.Key}' appears {duplicate.Count()} times.");
        }

        foreach (var claim in claims)
        {
            if (ParsePeriod(claim.Period) is null)
            {
                throw new EtlException($"{path}: claim {claim.Id}: period '{claim.Period}' is not YYYY, YYYY-YYYY or 'to date'.");
            }

            if (!claim.Sentence.Contains("{value}", StringComparison.Ordinal))
            {
                throw new EtlException($"{path}: claim {claim.Id}: the sentence has no {{value}} placeholder.");
            }
        }

        return claims;
    }

    /// <summary>Opens the warehouse read-only and checks every claim of the file (default: the shipped claims).</summary>
    public static async Task<IReadOnlyList<ClaimResult>> VerifyAsync(
        string warehousePath, string? claimsPath = null, CancellationToken cancellationToken = default)
    {
        var claims = LoadClaims(claimsPath);
        await using var connection = await WarehouseReader.OpenReadOnlyAsync(warehousePath, cancellationToken);
        return await VerifyAsync(connection, claims, cancellationToken);
    }

    public static async Task<IReadOnlyList<ClaimResult>> VerifyAsync(
        DuckDBConnection connection, IEnumerable<PublishedClaim> claims, CancellationToken cancellationToken = default)
    {
        var counties = new List<string>();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT region_name FROM metric_region WHERE region_level = 'County'";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                counties.Add(reader.GetString(0));
            }
        }
        catch (DuckDBException ex)
        {
            throw new EtlException($"The warehouse has no metric views ({WarehouseReader.OneLine(ex.Message)}); rebuild it with `etl run`.");
        }

        var results = new List<ClaimResult>();
        foreach (var claim in claims)
        {
            results.Add(await VerifyOneAsync(connection, claim, counties, cancellationToken));
        }

        return results;
    }

    private static async Task<ClaimResult> VerifyOneAsync(
        DuckDBConnection connection, PublishedClaim claim, List<string> counties, CancellationToken cancellationToken)
    {
        if (claim.Unverifiable is { } reason)
        {
            return new ClaimResult(claim, null, "", ClaimVerdict.Unverifiable, reason, null);
        }

        if (!counties.Contains(claim.County, StringComparer.Ordinal))
        {
            return new ClaimResult(claim, null, "", ClaimVerdict.Fail, $"no county-level unit named '{claim.County}' in the warehouse", null);
        }

        var (first, last) = claim.Years;
        var values = new List<object>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText =
                "SELECT value FROM published_figure($1, first_year := CAST($2 AS INTEGER), last_year := CAST($3 AS INTEGER)) WHERE metric_id = $4";
            command.Parameters.Add(new DuckDBParameter(claim.County));
            command.Parameters.Add(new DuckDBParameter((object?)first ?? DBNull.Value));
            command.Parameters.Add(new DuckDBParameter((object?)last ?? DBNull.Value));
            command.Parameters.Add(new DuckDBParameter(claim.Metric));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                values.Add(reader.GetValue(0));
            }
        }

        if (values.Count != 1 || values[0] is DBNull)
        {
            return new ClaimResult(claim, null, "", ClaimVerdict.Fail, values.Count > 1
                ? $"published_figure gave {values.Count} values for metric '{claim.Metric}'"
                : $"published_figure gave no value for metric '{claim.Metric}' of {claim.County}, period {claim.Period} (unknown metric id, or no data)", null);
        }

        var computed = (decimal)Convert.ToDouble(values[0], CultureInfo.InvariantCulture);
        var printedDecimals = claim.Value.Scale;
        var (shown, passed, detail) = claim.Qualifier switch
        {
            ClaimQualifier.Percent => Percent(computed * 100, claim, printedDecimals),
            ClaimQualifier.AtLeast => (Number(computed), computed >= claim.Value,
                computed >= claim.Value ? $"{Number(computed)} ≥ {claim.Value}" : $"{Number(computed)} is less than the printed {claim.Value}"),
            _ => (Number(computed), computed == claim.Value,
                computed == claim.Value ? $"{Number(computed)} = {claim.Value}" : $"{Number(computed)} ≠ printed {claim.Value}"),
        };
        return new ClaimResult(
            claim, computed, shown, passed ? ClaimVerdict.Pass : ClaimVerdict.Fail, detail,
            claim.Sentence.Replace("{value}", shown, StringComparison.Ordinal));
    }

    private static (string Shown, bool Passed, string Detail) Percent(decimal percent, PublishedClaim claim, int decimals)
    {
        var rounded = Math.Round(percent, decimals, MidpointRounding.AwayFromZero);
        var shown = rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";
        var exact = Math.Round(percent, 4).ToString(CultureInfo.InvariantCulture);
        return rounded == claim.Value
            ? (shown, true, $"{exact}% rounds to {claim.Value}%")
            : (shown, false, $"{exact}% rounds to {shown}, not the printed {claim.Value}%");
    }

    private static string Number(decimal value) =>
        value == decimal.Truncate(value) ? decimal.Truncate(value).ToString(CultureInfo.InvariantCulture) : Math.Round(value, 4).ToString(CultureInfo.InvariantCulture);

    internal static (int? First, int? Last)? ParsePeriod(string period)
    {
        if (period == "to date")
        {
            return (null, null);
        }

        var match = PeriodPattern().Match(period);
        if (!match.Success)
        {
            return null;
        }

        var first = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var last = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : first;
        return last >= first ? (first, last) : null;
    }

    [GeneratedRegex(@"^(\d{4})(?:-(\d{4}))?$")]
    private static partial Regex PeriodPattern();
}
