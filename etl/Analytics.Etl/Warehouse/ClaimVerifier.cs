using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Analytics.Etl.Commands;
using DuckDB.NET.Data;

namespace Analytics.Etl.Warehouse;

/// <summary>How a printed figure is read (宣传报道中的数据); <see cref="PrintedFigure.Parse"/> derives it from the print.</summary>
public enum ClaimQualifier
{
    /// <summary>Printed as is (175个, 清零): the computed value must equal it.</summary>
    Exact,

    /// <summary>Printed with 余/多 (1600余件, 650多个): at least the printed number and less than the next step of its last
    /// significant digit (1600–1699, 650–659).</summary>
    MoreThan,

    /// <summary>Printed with 以上: the printed number or more.</summary>
    AtLeast,

    /// <summary>A percentage: the computed share × 100, rounded to the printed decimals, must equal it (100% and 0%: exactly).</summary>
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
/// <param name="Period"><c>YYYY</c>, <c>YYYY-YYYY</c> or <c>to date</c> (from the beginning of the data).</param>
/// <param name="AsOf">The day the article speaks of: a stock or cumulative figure counts what existed or happened by the
/// end of it (Beijing day), never what came later. <see cref="DateOnly.MaxValue"/>: no day, to the end of the data (a
/// county's computed headlines where no article speaks of it).</param>
/// <param name="AsOfQuote">The words of the source the date is derived from.</param>
/// <param name="Printed">The figure as printed (<c>1600余件</c>, <c>30.81%</c>): its qualifier and range are read from it.</param>
/// <param name="Value">The printed number (30.81 for 30.81 %, 30000 for 3万余); must agree with <paramref name="Printed"/>.</param>
/// <param name="Source">Seed document the figure comes from.</param>
/// <param name="Quote">The Chinese sentence it is printed in.</param>
/// <param name="Sentence">Template of a ready sentence; <c>{value}</c> is replaced by the computed value.</param>
/// <param name="Unverifiable">Why the warehouse cannot compute this claim, when it cannot.</param>
/// <param name="SentenceAsPrinted">The sentence in the article's own words (低收入村实现“清零”), said instead of
/// <paramref name="Sentence"/> when the computed value is exactly the printed one; only case studies use it.</param>
public sealed record PublishedClaim(
    string Id,
    string County,
    string Metric,
    string Period,
    DateOnly AsOf,
    string AsOfQuote,
    string Printed,
    decimal Value,
    string Source,
    string Quote,
    string Sentence,
    string? Unverifiable = null,
    string? SentenceAsPrinted = null)
{
    /// <summary>The years of <see cref="Period"/>: (2019, 2021), (2021, 2021) or (null, null) for "to date".</summary>
    public (int? First, int? Last) Years => ClaimVerifier.ParsePeriod(Period)
        ?? throw new EtlException($"Claim {Id}: period '{Period}' is not YYYY, YYYY-YYYY or 'to date'.");

    /// <summary>How <see cref="Printed"/> reads: its number, qualifier and the values it admits.</summary>
    public PrintedFigure Reading => PrintedFigure.Parse(Printed);
}

/// <summary>A figure printed in a source that the data model does not hold (money raised, training sessions …): listed
/// in the claims file with the reason, so that every printed number of the articles is accounted for.</summary>
/// <param name="Source">Seed document.</param>
/// <param name="Printed">The figure as printed.</param>
/// <param name="Quote">The words it is printed in.</param>
/// <param name="Reason">Why no warehouse figure can check it.</param>
public sealed record UnclaimedFigure(string Source, string Printed, string Quote, string Reason);

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

    private sealed record ClaimsFile(IReadOnlyList<PublishedClaim> Claims, IReadOnlyList<UnclaimedFigure>? NotClaimed = null);

    /// <summary>Reads and validates a claims file; any problem is an <see cref="EtlException"/> naming the file and claim.</summary>
    public static IReadOnlyList<PublishedClaim> LoadClaims(string? path = null) => LoadClaimsFile(path).Claims;

    /// <summary>The figures of the sources that the claims file lists as outside the data model, with why.</summary>
    public static IReadOnlyList<UnclaimedFigure> LoadNotClaimed(string? path = null) => LoadClaimsFile(path).NotClaimed ?? [];

    private static ClaimsFile LoadClaimsFile(string? path)
    {
        path ??= DefaultClaimsPath;
        if (!File.Exists(path))
        {
            throw new EtlException($"No claims file at {Path.GetFullPath(path)}.");
        }

        ClaimsFile file;
        try
        {
            file = JsonSerializer.Deserialize<ClaimsFile>(File.ReadAllText(path), Json)
                ?? throw new EtlException($"{path}: no \"claims\" array.");
        }
        catch (JsonException ex)
        {
            throw new EtlException($"{path}: {ex.Message}");
        }

        var claims = file.Claims ?? throw new EtlException($"{path}: no \"claims\" array.");
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

            PrintedFigure reading;
            try
            {
                reading = claim.Reading;
            }
            catch (FormatException ex)
            {
                throw new EtlException($"{path}: claim {claim.Id}: {ex.Message}");
            }

            // The number is typed twice (printed text and value): a slip in either must not go unnoticed.
            if (reading.Value != claim.Value)
            {
                throw new EtlException(
                    $"{path}: claim {claim.Id}: printed '{claim.Printed}' reads {reading.Value}, but its value is {claim.Value}.");
            }

            if (claim.Years.Last is { } last && last > claim.AsOf.Year)
            {
                throw new EtlException($"{path}: claim {claim.Id}: period {claim.Period} ends after its date {IsoDate.Format(claim.AsOf)}.");
            }

            if (string.IsNullOrWhiteSpace(claim.AsOfQuote))
            {
                throw new EtlException($"{path}: claim {claim.Id}: asOfQuote is empty: say which words of the source the date comes from.");
            }
        }

        return file;
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
                "SELECT value FROM published_figure($1, first_year := CAST($2 AS INTEGER), last_year := CAST($3 AS INTEGER), as_of := CAST($5 AS DATE)) WHERE metric_id = $4";
            command.Parameters.Add(new DuckDBParameter(claim.County));
            command.Parameters.Add(new DuckDBParameter((object?)first ?? DBNull.Value));
            command.Parameters.Add(new DuckDBParameter((object?)last ?? DBNull.Value));
            command.Parameters.Add(new DuckDBParameter(claim.Metric));
            command.Parameters.Add(new DuckDBParameter(claim.AsOf == DateOnly.MaxValue ? DBNull.Value : IsoDate.Format(claim.AsOf)));
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
        var reading = claim.Reading;
        var (shown, passed, detail) = reading.Qualifier == ClaimQualifier.Percent
            ? Percent(computed * 100, claim, reading)
            : (Number(computed), reading.Admits(computed), (reading.Qualifier, reading.Admits(computed)) switch
            {
                (ClaimQualifier.Exact, true) => $"{Number(computed)} = printed {claim.Printed}",
                (ClaimQualifier.Exact, false) => $"{Number(computed)} ≠ printed {claim.Printed}",
                (_, true) => $"{Number(computed)} is within {reading.Range} ({claim.Printed})",
                _ => $"{Number(computed)} is outside {reading.Range}, what '{claim.Printed}' admits",
            });
        return new ClaimResult(
            claim, computed, shown, passed ? ClaimVerdict.Pass : ClaimVerdict.Fail, detail,
            claim.Sentence.Replace("{value}", shown, StringComparison.Ordinal));
    }

    private static (string Shown, bool Passed, string Detail) Percent(decimal percent, PublishedClaim claim, PrintedFigure reading)
    {
        var rounded = Math.Round(percent, reading.Decimals, MidpointRounding.AwayFromZero);
        var shown = rounded.ToString("F" + reading.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";
        var exact = Math.Round(percent, 4).ToString(CultureInfo.InvariantCulture);
        return reading.Admits(percent)
            ? (shown, true, $"{exact}% is within {reading.Range}")
            : (shown, false, $"{exact}% is outside {reading.Range}, what '{claim.Printed}' admits");
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
