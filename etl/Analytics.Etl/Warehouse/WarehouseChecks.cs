using System.Globalization;
using Analytics.Domain;
using DuckDB.NET.Data;

namespace Analytics.Etl.Warehouse;

/// <summary>
/// The checks a load must pass before it is published, each a named SQL query: reconciliation with the source
/// (rows, distinct keys, control totals) and data-quality rules (unique and non-null keys, dimension keys exist,
/// accepted values). A failed check's detail says what a person can act on: the table, how many rows, and a few of the
/// offending keys or values, never only the rule's name.
/// </summary>
public static class WarehouseChecks
{
    public const string Reconciliation = "reconciliation";
    public const string DataQuality = "data-quality";

    private static readonly (string Table, string Key)[] Keys =
    [
        ("dim_region", "region_key"), ("dim_grid", "grid_key"), ("dim_organization", "organization_key"),
        ("dim_enterprise", "enterprise_key"), ("dim_project", "project_key"),
        ("dim_member", "member_key"), ("fact_collective_income", "income_key"), ("fact_activity", "activity_key"),
        ("fact_case", "case_key"), ("fact_pairing", "pairing_key"), ("fact_grid_steward", "steward_key"),
        ("fact_star_rating", "rating_key"), ("fact_micro_wish", "wish_key"),
        ("fact_community_registration", "registration_key"), ("fact_community_attendance", "attendance_key"), ("fact_income_project", "project_key"),
    ];

    /// <summary>(table, column, referenced table, referenced key).</summary>
    private static readonly (string Table, string Column, string Dimension, string Key)[] References =
    [
        ("dim_region", "parent_key", "dim_region", "region_key"),
        ("dim_region", "county_key", "dim_region", "region_key"),
        ("dim_grid", "parent_key", "dim_grid", "grid_key"),
        ("dim_grid", "region_key", "dim_region", "region_key"),
        ("dim_organization", "parent_key", "dim_organization", "organization_key"),
        ("dim_organization", "region_key", "dim_region", "region_key"),
        ("dim_organization", "grid_key", "dim_grid", "grid_key"),
        ("dim_enterprise", "region_key", "dim_region", "region_key"),
        ("dim_enterprise", "organization_key", "dim_organization", "organization_key"),
        ("dim_project", "region_key", "dim_region", "region_key"),
        ("dim_member", "organization_key", "dim_organization", "organization_key"),
        ("fact_collective_income", "village_key", "dim_region", "region_key"),
        ("fact_case", "region_key", "dim_region", "region_key"),
        ("fact_case", "grid_key", "dim_grid", "grid_key"),
        ("fact_case", "organization_key", "dim_organization", "organization_key"),
        ("fact_case", "activity_key", "fact_activity", "activity_key"),
        ("fact_case", "reported_date_key", "dim_date", "date_key"),
        ("fact_case", "resolved_date_key", "dim_date", "date_key"),
        ("fact_activity", "organization_key", "dim_organization", "organization_key"),
        ("fact_activity", "region_key", "dim_region", "region_key"),
        ("fact_activity", "grid_key", "dim_grid", "grid_key"),
        ("fact_activity", "pairing_key", "fact_pairing", "pairing_key"),
        ("fact_activity", "date_key", "dim_date", "date_key"),
        ("fact_pairing", "organization_key", "dim_organization", "organization_key"),
        ("fact_pairing", "target_region_key", "dim_region", "region_key"),
        ("fact_pairing", "target_enterprise_id", "dim_enterprise", "enterprise_key"),
        ("fact_pairing", "target_project_id", "dim_project", "project_key"),
        ("fact_grid_steward", "grid_key", "dim_grid", "grid_key"),
        ("fact_grid_steward", "member_key", "dim_member", "member_key"),
        ("fact_star_rating", "organization_key", "dim_organization", "organization_key"),
        ("fact_micro_wish", "region_key", "dim_region", "region_key"),
        ("fact_micro_wish", "posted_date_key", "dim_date", "date_key"),
        ("fact_micro_wish", "claimed_by_member_key", "dim_member", "member_key"),
        ("fact_micro_wish", "claimed_by_organization_key", "dim_organization", "organization_key"),
        ("fact_community_registration", "member_key", "dim_member", "member_key"),
        ("fact_community_registration", "community_key", "dim_region", "region_key"),
        ("fact_community_registration", "registered_date_key", "dim_date", "date_key"),
        ("fact_community_attendance", "registration_key", "fact_community_registration", "registration_key"),
        ("fact_income_project", "village_key", "dim_region", "region_key"),
    ];

    private static readonly (string Table, string Column, string[] Values)[] AcceptedNames =
    [
        ("dim_region", "level", Enum.GetNames<RegionLevel>()),
        ("dim_organization", "kind", Enum.GetNames<OrganizationKind>()),
        ("dim_organization", "domain", Enum.GetNames<OrganizationDomain>()),
        ("dim_enterprise", "kind", Enum.GetNames<EnterpriseKind>()),
        ("dim_member", "category", Enum.GetNames<MemberCategory>()),
        ("member_counts", "category", Enum.GetNames<MemberCategory>()),
        ("member_joins", "category", Enum.GetNames<MemberCategory>()),
        ("member_profile", "gender", Enum.GetNames<Gender>()),
        ("member_profile", "organization_domain", Enum.GetNames<OrganizationDomain>()),
        ("fact_case", "channel", Enum.GetNames<CaseChannel>()),
        ("fact_case", "category", Enum.GetNames<CaseCategory>()),
        ("fact_case", "reporter", Enum.GetNames<CaseReporter>()),
        ("fact_case", "status", Enum.GetNames<CaseStatus>()),
        ("fact_activity", "kind", Enum.GetNames<ActivityKind>()),
        ("fact_pairing", "program", Enum.GetNames<PairingProgram>()),
        ("fact_pairing", "target_kind", Enum.GetNames<PairingTargetKind>()),
        ("fact_grid_steward", "employment", Enum.GetNames<StewardEmployment>()),
        ("fact_micro_wish", "beneficiary", Enum.GetNames<BeneficiaryKind>()),
        ("fact_micro_wish", "status", Enum.GetNames<MicroWishStatus>()),
        ("fact_income_project", "kind", Enum.GetNames<IncomeProjectKind>()),
    ];

    /// <summary>(table, date key, time): the key holds the Beijing day of the time, as metrics.sql's office_day(t) takes it.</summary>
    private static readonly (string Table, string DateKey, string Time)[] DaysOfTimes =
    [
        ("fact_case", "reported_date_key", "reported_at"),
        ("fact_case", "resolved_date_key", "resolved_at"),
    ];

    private static readonly (string Table, string Column, int Min, int Max)[] AcceptedRanges =
    [
        ("dim_grid", "level", Grid.MinLevel, Grid.MaxLevel),
        ("fact_star_rating", "stars", 1, 5),
        ("fact_case", "satisfaction", Case.MinSatisfaction, Case.MaxSatisfaction),
    ];

    /// <summary>Offending rows a failed check quotes.</summary>
    private const int MaxExamples = 5;

    /// <summary>The loaded tables in the schema's order.</summary>
    public static IEnumerable<string> Tables => Keys.Select(k => k.Table);

    /// <summary>The key column of a dimension or fact table.</summary>
    internal static string KeyOf(string table) => Keys.Single(k => k.Table == table).Key;

    public static async Task<IReadOnlyList<WarehouseCheck>> RunAsync(
        DuckDBConnection connection,
        IReadOnlyList<WarehouseTableLoad> tables,
        SourceTotals totals,
        CancellationToken cancellationToken)
    {
        var checks = new List<WarehouseCheck>();

        // A failure's detail: the figures, then what they mean and where to look (explain is only asked on failure).
        async Task Compare(string name, string kind, object? actual, object expected, Func<Task<string>>? explain = null)
        {
            // SUM of BIGINT is a HUGEINT (BigInteger): compare every number as decimal through its invariant text.
            var passed = ToDecimal(actual) == ToDecimal(expected);
            var detail = Invariant($"expected {expected}, got {actual}");
            if (!passed && explain is not null)
            {
                detail += ": " + await explain();
            }

            checks.Add(new WarehouseCheck(name, kind, passed, detail));
        }

        async Task Expect(string name, string kind, string sql, object expected, Func<long, Task<string>>? explain = null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var actual = await ScalarAsync(connection, sql, cancellationToken);
            await Compare(name, kind, actual, expected,
                explain is null ? null : () => explain((long)(ToDecimal(actual) ?? 0)));
        }

        // Up to five offending rows, each formatted by the query itself as one text column.
        async Task<string> Examples(string sql)
        {
            var examples = new List<string>();
            await using var command = connection.CreateCommand();
            command.CommandText = Invariant($"SELECT * FROM ({sql}) LIMIT {MaxExamples}");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                examples.Add(reader.IsDBNull(0) ? "NULL" : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
            }

            return "e.g. " + string.Join(", ", examples);
        }

        static string Rows(long count, string table) => Invariant($"{table}: {count:N0} row{(count == 1 ? "" : "s")}");

        // One scan per table counts its rows, its non-null keys and its distinct keys: the row and distinct-key
        // reconciliations and the unique and not-null rules all read these (a distinct count of millions of keys is the
        // costly part, once instead of twice).
        var keyCounts = new Dictionary<string, (long Rows, long Keys, long Distinct)>(StringComparer.Ordinal);
        foreach (var (table, key) in Keys.Append(("dim_date", "date_key")))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*), COUNT({key}), COUNT(DISTINCT {key}) FROM {table}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            keyCounts[table] = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        // Reconciliation: the warehouse holds exactly what was read from the source.
        foreach (var table in tables)
        {
            var counts = keyCounts[table.Table];
            var source = table.SourceRows;
            await Compare($"reconcile.{table.Table}.rows", Reconciliation, counts.Rows, source, () => Task.FromResult(Invariant(
                $"{table.Table} holds {counts.Rows:N0} rows where the source has {source:N0} ({Math.Abs(counts.Rows - source):N0} {(counts.Rows < source ? "lost" : "too many")}); if the source changed during the run, run again")));
            await Compare($"reconcile.{table.Table}.distinct_keys", Reconciliation, counts.Distinct, source, () => Task.FromResult(Invariant(
                $"{table.Table} holds {counts.Distinct:N0} distinct {KeyOf(table.Table)}s where the source has {source:N0} rows")));
        }

        foreach (var (year, income) in totals.OperatingIncomeByYear)
        {
            await Expect(Invariant($"reconcile.fact_collective_income.operating_income.{year}"), Reconciliation,
                Invariant($"SELECT COALESCE(SUM(operating_income), 0) FROM fact_collective_income WHERE year = {year}"), income,
                _ => Task.FromResult(Invariant($"fact_collective_income's operating income of {year} differs from the source's sum")));
        }

        await Expect("reconcile.fact_case.resolved", Reconciliation,
            "SELECT COUNT(*) FROM fact_case WHERE is_resolved", totals.ResolvedCases,
            _ => Task.FromResult("fact_case's resolved cases differ in number from the source's cases of a resolved status"));
        // Members are only counted beyond dim_member: every count adds up to the source's.
        foreach (var (table, column, total) in new[]
        {
            ("member_counts", "members", totals.Members), ("member_counts", "cadres", totals.MemberCadres),
            ("member_counts", "star_members", totals.StarMembers), ("member_joins", "members", totals.Members),
            ("member_profile", "members", totals.Members),
        })
        {
            await Expect($"reconcile.{table}.{column}", Reconciliation, $"SELECT COALESCE(SUM({column}), 0) FROM {table}", total,
                _ => Task.FromResult($"{table}'s sum of {column} differs from the source's count"));
        }

        await Expect($"dq.member_profile.minimum_cell", DataQuality,
            Invariant($"SELECT COUNT(*) FROM member_profile WHERE NOT suppressed AND members < {MemberAggregates.MinimumCell}"), 0,
            count => Task.FromResult(Invariant($"member_profile shows {count} combinations of fewer than {MemberAggregates.MinimumCell} members")));
        await Expect("reconcile.fact_activity.cadre_count", Reconciliation,
            "SELECT COALESCE(SUM(cadre_count), 0) FROM fact_activity", totals.CadreCount,
            _ => Task.FromResult("fact_activity's sum of cadre_count differs from the source's"));

        // Data quality: each rule counts violations; a failure names the table, the count and a few offending rows.
        foreach (var (table, key) in Keys.Append(("dim_date", "date_key")))
        {
            var counts = keyCounts[table];
            var repeated = counts.Keys - counts.Distinct;
            await Compare($"dq.{table}.{key}.unique", DataQuality, repeated, 0, async () =>
                Invariant($"{table}: {repeated:N0} more row{(repeated == 1 ? "" : "s")} than distinct {key}s; ")
                + await Examples($"SELECT {key} || ' (' || COUNT(*) || ' rows)' FROM {table} WHERE {key} IS NOT NULL GROUP BY {key} HAVING COUNT(*) > 1 ORDER BY {key}"));
            await Compare($"dq.{table}.{key}.not_null", DataQuality, counts.Rows - counts.Keys, 0, () => Task.FromResult(
                Rows(counts.Rows - counts.Keys, table) + $" without a {key}"));
        }

        foreach (var (table, column, dimension, key) in References)
        {
            var own = KeyOf(table);
            var offending = $"FROM {table} f WHERE f.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {dimension} d WHERE d.{key} = f.{column})";
            await Expect($"dq.{table}.{column}.exists", DataQuality, $"SELECT COUNT(*) {offending}", 0, async count =>
            {
                // A day missing from the calendar: say which days the calendar holds, so the gap is plain.
                var span = dimension == "dim_date"
                    ? $" (which holds {await ScalarAsync(connection, "SELECT COALESCE(min(date) || '..' || max(date), 'no day') FROM dim_date", cancellationToken)})"
                    : "";
                return Rows(count, table) + $" with a {column} missing from {dimension}{span}; "
                    + await Examples($"SELECT f.{column} || ' ({own} ' || f.{own} || ')' {offending} ORDER BY f.{column}, f.{own}");
            });
        }

        foreach (var (table, column, values) in AcceptedNames)
        {
            var list = string.Join(", ", values.Select(v => $"'{v}'"));
            var offending = $"FROM {table} WHERE {column} IS NOT NULL AND {column} NOT IN ({list})";
            await Expect($"dq.{table}.{column}.accepted", DataQuality, $"SELECT COUNT(*) {offending}", 0, async count =>
                Rows(count, table) + $" with a {column} other than {string.Join("/", values)}; "
                + await Examples($"SELECT {column} || ' (' || COUNT(*) || ' rows)' {offending} GROUP BY {column} ORDER BY {column}"));
        }

        foreach (var (table, dateKey, time) in DaysOfTimes)
        {
            var own = KeyOf(table);
            var offending = $"FROM {table} WHERE {dateKey} IS DISTINCT FROM CAST(strftime(office_day({time}), '%Y%m%d') AS INTEGER)";
            await Expect($"dq.{table}.{dateKey}.office_day", DataQuality, $"SELECT COUNT(*) {offending}", 0, async count =>
                Rows(count, table) + $" with a {dateKey} other than the Beijing day of {time}; "
                + await Examples($"SELECT '{own} ' || {own} || ': ' || COALESCE(CAST({dateKey} AS VARCHAR), 'NULL') || ' for ' || COALESCE(CAST({time} AS VARCHAR), 'NULL') || ' UTC' {offending} ORDER BY {own}"));
        }

        foreach (var (table, column, min, max) in AcceptedRanges)
        {
            var own = KeyOf(table);
            var offending = Invariant($"FROM {table} WHERE {column} NOT BETWEEN {min} AND {max}");
            await Expect($"dq.{table}.{column}.accepted", DataQuality, $"SELECT COUNT(*) {offending}", 0, async count =>
                Rows(count, table) + Invariant($" with a {column} outside {min}..{max}; ")
                + await Examples($"SELECT '{own} ' || {own} || ': ' || {column} {offending} ORDER BY {own}"));
        }

        cancellationToken.ThrowIfCancellationRequested();
        checks.AddRange(await IncomeReportChecksAsync(connection, cancellationToken));
        return checks;
    }

    /// <summary>Village-years named in a failed income-report check; the rest are counted.</summary>
    internal const int NamedVillageYears = 20;

    /// <summary>
    /// 村集体收入 reports against the villages' validity (metrics.sql's <c>income_village_years</c>): a village that exists
    /// on 31 December of a year its county reported (between the county's first and last reported year) owes that year's
    /// row, and only a village that exists then may have one. Either failure would change a total and every growth
    /// computed from it (a missing village lowers the year's total; a dissolved village still reporting beside its
    /// successor counts twice), so the run fails, naming each village and year, and the previous warehouse stays.
    /// A county that has not reported a year at all (its accounts still being filed) owes nothing for it yet.
    /// </summary>
    private static async Task<WarehouseCheck[]> IncomeReportChecksAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        const string Missing = """
            WITH ranges AS (
                SELECT county_key, MIN(year) AS first_year, MAX(year) AS last_year FROM income_village_years WHERE reported GROUP BY county_key
            )
            SELECT iv.village_name, iv.village_code, iv.county_name, iv.year
            FROM income_village_years iv JOIN ranges r ON r.county_key = iv.county_key
            WHERE iv.owed AND NOT iv.reported AND iv.year BETWEEN r.first_year AND r.last_year
            ORDER BY iv.village_code, iv.year
            """;
        const string NotExisting = """
            SELECT village_name, village_code, county_name, year FROM income_village_years WHERE reported AND NOT owed ORDER BY village_code, year
            """;
        return
        [
            await VillageYearsAsync(connection, "dq.fact_collective_income.village_years_reported",
                "missing (the village exists on 31 December of a year its county reported)", Missing, cancellationToken),
            await VillageYearsAsync(connection, "dq.fact_collective_income.village_exists",
                "reported for a village that did not exist on 31 December (dissolved or merged before, or formed after: dim_region.valid_from/valid_to)",
                NotExisting, cancellationToken),
        ];
    }

    private static async Task<WarehouseCheck> VillageYearsAsync(
        DuckDBConnection connection, string name, string what, string sql, CancellationToken cancellationToken)
    {
        var named = new List<string>();
        var count = 0;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (count++ < NamedVillageYears)
                {
                    var county = reader.IsDBNull(2) ? "no county" : reader.GetString(2);
                    named.Add(Invariant($"{reader.GetString(0)} ({reader.GetString(1)}, {county}) {reader.GetInt32(3)}"));
                }
            }
        }

        var more = count > named.Count ? Invariant($"; and {count - named.Count} more") : "";
        var detail = count == 0
            ? "expected 0 village-years, got 0"
            : Invariant($"{count} village-year(s) {what}: {string.Join("; ", named)}{more}");
        return new WarehouseCheck(name, DataQuality, count == 0, detail);
    }

    internal static async Task<object?> ScalarAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static decimal? ToDecimal(object? value) => value is null or DBNull
        ? null
        : decimal.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
