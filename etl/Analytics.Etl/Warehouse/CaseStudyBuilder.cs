using System.Collections.Concurrent;
using System.Globalization;
using Analytics.Domain;
using Analytics.Etl.Commands;
using DuckDB.NET.Data;

namespace Analytics.Etl.Warehouse;

/// <summary>
/// Builds a county's <see cref="CaseStudy"/> from the warehouse. Headline figures come from <see cref="ClaimVerifier"/>
/// (the county's published claims, or the same metric ids for a county without any); theme tables are rows of the
/// metric views for the county's own region row. No metric is computed here: every number is a view's.
/// </summary>
/// <param name="claimsPath">Claims file (default: the shipped <c>Claims/claims.json</c>).</param>
public sealed class CaseStudyBuilder(string? claimsPath = null)
{
    private readonly Lazy<IReadOnlyList<PublishedClaim>> _claims = new(() => ClaimVerifier.LoadClaims(claimsPath));

    /// <summary>Each source document's title (its first line), read once: every headline of a county cites the same few.</summary>
    private readonly ConcurrentDictionary<string, string> _sourceTitles = new(StringComparer.Ordinal);

    private string SourcesDirectory => Path.Combine(
        Path.GetDirectoryName(Path.GetFullPath(claimsPath ?? ClaimVerifier.DefaultClaimsPath))!, "sources");

    /// <summary>Opens the warehouse read-only and builds the county's case study.</summary>
    public async Task<CaseStudy> BuildAsync(string warehousePath, string county, CancellationToken cancellationToken = default)
    {
        var claims = _claims.Value; // a bad claims file is reported before the warehouse is opened
        await using var connection = await WarehouseReader.OpenReadOnlyAsync(warehousePath, cancellationToken);
        return await BuildAsync(connection, county, claims, cancellationToken);
    }

    /// <summary>Builds the county's case study on an open connection whose default catalog is the warehouse.</summary>
    /// <exception cref="EtlException">The county is not a county-level unit of the warehouse (the message lists them), or
    /// the warehouse has no metric views or run history.</exception>
    public Task<CaseStudy> BuildAsync(DuckDBConnection connection, string county, CancellationToken cancellationToken = default) =>
        BuildAsync(connection, county, _claims.Value, cancellationToken);

    private async Task<CaseStudy> BuildAsync(
        DuckDBConnection connection, string county, IReadOnlyList<PublishedClaim> claims, CancellationToken cancellationToken)
    {
        try
        {
            var counties = await ColumnAsync(connection,
                "SELECT region_name FROM metric_region WHERE region_level = 'County' AND valid_to IS NULL ORDER BY region_code", cancellationToken);
            if (!counties.Contains(county, StringComparer.Ordinal))
            {
                throw new EtlException($"No county-level unit named '{county}' in the warehouse; use one of: {string.Join(", ", counties)}.");
            }

            var (runId, builtAt, dataAsOf) = await NewestRunAsync(connection, cancellationToken);
            var ofCounty = claims.Where(c => c.County == county).ToList();
            var headlines = ofCounty.Count > 0
                ? await PublishedHeadlinesAsync(connection, ofCounty, cancellationToken)
                : await ComputedHeadlinesAsync(connection, county, claims, cancellationToken);

            var themes = new List<CaseStudyTable>();
            foreach (var theme in CaseStudyThemes.All)
            {
                themes.Add(await ReadThemeAsync(connection, theme, county, OfficeCalendar.DayOf(builtAt), cancellationToken));
            }

            return new CaseStudy(county, builtAt, runId, ofCounty.Count > 0, headlines, themes) { DataAsOf = dataAsOf };
        }
        catch (DuckDBException ex)
        {
            throw new EtlException($"The warehouse cannot give a case study ({WarehouseReader.OneLine(ex.Message)}); rebuild it with `etl run`.");
        }
    }

    /// <summary>Every claim of the county, as <see cref="ClaimVerifier"/> checks it.</summary>
    private async Task<List<CaseStudyHeadline>> PublishedHeadlinesAsync(
        DuckDBConnection connection, List<PublishedClaim> claims, CancellationToken cancellationToken)
    {
        var results = await ClaimVerifier.VerifyAsync(connection, claims, cancellationToken);
        return results.Select(r => new CaseStudyHeadline(
            r.Claim.Id, r.Metric, r.Period, r.Computed, r.ComputedText, SentenceOf(r), r.Printed, r.Verdict, r.Detail,
            r.Claim.Source, SourceTitle(r.Claim.Source), r.Claim.Quote) { AsOf = r.Claim.AsOf }).ToList();
    }

    /// <summary>
    /// A county nobody has printed figures for gets the headline metric ids of the claims file, each once per period,
    /// computed by the same verifier (so the same query and the same number format), with the claim's sentence made
    /// the county's own (全市 → 全县 for a 县). Printed value, verdict and source are not the county's, so they are dropped,
    /// and so is the article's day: no article speaks of this county, so its figures run to the end of the data.
    /// </summary>
    private static async Task<List<CaseStudyHeadline>> ComputedHeadlinesAsync(
        DuckDBConnection connection, string county, IReadOnlyList<PublishedClaim> claims, CancellationToken cancellationToken)
    {
        var scope = "全" + county[^1];
        var templates = claims
            .Where(c => c.Unverifiable is null)
            .DistinctBy(c => (c.Metric, c.Period))
            .Select(c => c with
            {
                Id = c.Metric,
                County = county,
                AsOf = DateOnly.MaxValue,
                Sentence = c.Sentence.Replace("全市", scope, StringComparison.Ordinal).Replace("全区", scope, StringComparison.Ordinal),
                SentenceAsPrinted = c.SentenceAsPrinted?.Replace("全市", scope, StringComparison.Ordinal).Replace("全区", scope, StringComparison.Ordinal),
            })
            .ToList();
        var results = await ClaimVerifier.VerifyAsync(connection, templates, cancellationToken);
        return results.Select(r => new CaseStudyHeadline(
            null, r.Metric, r.Period, r.Computed, r.ComputedText, SentenceOf(r), null, null,
            r.Computed is null ? r.Detail : null, null, null, null)).ToList();
    }

    /// <summary>
    /// The ready sentence: in the article's own words (低收入村实现“清零”) when the claim has them and the computed value
    /// is exactly the printed one, else the template filled with the computed value (…的村0个 would not be said).
    /// </summary>
    private static string? SentenceOf(ClaimResult result) =>
        result.Claim.SentenceAsPrinted is { } asPrinted && result.Computed is { } computed
            && result.Claim.Reading is { Qualifier: ClaimQualifier.Exact } reading && computed == reading.Value
            ? asPrinted
            : result.Sentence;

    private string SourceTitle(string source) => _sourceTitles.GetOrAdd(source, s =>
    {
        var path = Path.Combine(SourcesDirectory, s);
        // A Markdown heading's marks (# 三元区：…) are not part of the title.
        return File.Exists(path) ? File.ReadLines(path).Select(l => l.Trim().TrimStart('#').Trim()).FirstOrDefault(l => l.Length > 0) ?? s : s;
    });

    private static async Task<(string RunId, DateTimeOffset BuiltAt, DateOnly? DataAsOf)> NewestRunAsync(
        DuckDBConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, finished_at, data_as_of FROM etl_runs ORDER BY finished_at DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new EtlException("The warehouse records no ETL run (etl_runs is empty); rebuild it with `etl run`.");
        }

        return (reader.GetString(0), new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2));
    }

    /// <summary>
    /// A theme's rows as text. A year that had not ended on the day the warehouse was built (<paramref name="builtOn"/>,
    /// in Beijing) is marked 未完整 (incomplete), so that a part-year is never read beside whole ones as if it were one.
    /// </summary>
    private static async Task<CaseStudyTable> ReadThemeAsync(
        DuckDBConnection connection, CaseStudyTheme theme, string county, DateOnly builtOn, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = theme.Sql;
        command.Parameters.Add(new DuckDBParameter(county));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        if (!names.SequenceEqual(theme.Columns.Select(c => c.Name)))
        {
            // The labels are matched to the query's columns by position: a mismatch is a bug in CaseStudyThemes.
            throw new InvalidOperationException($"Theme {theme.Id}: the query returns {string.Join(", ", names)}.");
        }

        var rows = new List<IReadOnlyList<string?>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? null
                    : names[i] == "year" && Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture) is var year
                        && !OfficeCalendar.IsComplete(year, null, builtOn)
                        ? string.Create(CultureInfo.InvariantCulture, $"{year}{IncompleteYear}")
                        : SqlCommand.Format(reader.GetValue(i)))
                .ToArray());
        }

        return new CaseStudyTable(theme.Id, theme.Title, theme.View, theme.Columns, rows);
    }

    private static async Task<List<string>> ColumnAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>What follows a year that had not ended when the warehouse was built.</summary>
    public const string IncompleteYear = "（未完整）";

    /// <summary>Beijing time (UTC+8, no daylight saving), as the sheets print the data's freshness.</summary>
    public static string BeijingTime(DateTimeOffset time) =>
        time.ToOffset(OfficeCalendar.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
