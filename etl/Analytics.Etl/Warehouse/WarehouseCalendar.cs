using System.Globalization;
using DuckDB.NET.Data;

namespace Analytics.Etl.Warehouse;

/// <summary>The calendar a run built: the whole years of <c>dim_date</c> and the latest business day of the data.</summary>
/// <param name="First">1 January of the earliest year any date of the data (or today) falls in.</param>
/// <param name="Last">31 December of the latest such year.</param>
/// <param name="DataAsOf">数据截至: the latest day on which something recorded happened; null for a warehouse without events.</param>
public sealed record WarehouseCalendarSpan(DateOnly First, DateOnly Last, DateOnly? DataAsOf);

/// <summary>
/// The date dimension (日期维度, <c>dim_date</c>) and the data's as-of day, derived from the loaded rows at every run,
/// full or incremental, never a fixed range: a write dated in any year (the API takes dates from 1921 to today) finds
/// its day, and the offices' current year is always there for a dashboard's "this year".
/// </summary>
public static class WarehouseCalendar
{
    /// <summary>
    /// The columns whose days are business events (a case reported or resolved, an activity held, a wish claimed, a
    /// member registered): the latest of them is the data's as-of day. Plans and deadlines (a due date, a pairing's end)
    /// and dimension dates are not events that happened.
    /// </summary>
    private static readonly (string Table, string[] Columns)[] Events =
    [
        ("fact_case", ["reported_at", "classified_at", "started_at", "resolved_at", "feedback_at", "evaluated_at", "closed_at"]),
        ("fact_activity", ["date"]),
        ("fact_micro_wish", ["posted_on", "verified_on", "published_on", "claimed_on", "fulfilled_on", "publicized_on"]),
        ("fact_community_registration", ["registered_on"]),
    ];

    /// <summary>
    /// Refills <c>dim_date</c> with every day of the whole years from the earliest to the latest date of any date or
    /// time column of the loaded tables (times as their Beijing day, <c>office_day</c>; a <c>year</c> column as its
    /// year) and of <paramref name="today"/>. Needs the <c>office_day</c> macro (metrics.sql).
    /// </summary>
    public static async Task<WarehouseCalendarSpan> FillAsync(DuckDBConnection connection, DateOnly today, CancellationToken cancellationToken)
    {
        var bounds = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT table_name, column_name, data_type FROM duckdb_columns()
                WHERE database_name = current_database() AND schema_name = 'main'
                  AND table_name NOT LIKE 'etl\_%' ESCAPE '\' AND table_name <> 'dim_date'
                  AND table_name IN (SELECT table_name FROM duckdb_tables() WHERE database_name = current_database())
                  AND (data_type IN ('DATE', 'TIMESTAMP', 'TIMESTAMP_NS', 'TIMESTAMP WITH TIME ZONE')
                       OR (column_name = 'year' AND data_type = 'INTEGER'))
                ORDER BY table_name, column_name
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (table, column, type) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
                var day = type switch
                {
                    "DATE" => $"\"{column}\"",
                    "INTEGER" => $"make_date(\"{column}\", 1, 1)",
                    _ => $"office_day(\"{column}\")",
                };
                bounds.Add($"SELECT min({day}) AS first_day, max({day}) AS last_day FROM {table}");
            }
        }

        var todayText = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        bounds.Add($"SELECT DATE '{todayText}', DATE '{todayText}'");
        DateOnly first, last;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT year(min(first_day)), year(max(last_day)) FROM ({string.Join(" UNION ALL ", bounds)})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            first = new DateOnly(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), 1, 1);
            last = new DateOnly(Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), 12, 31);
        }

        await WarehouseBuilder.ExecuteAsync(connection, "DELETE FROM dim_date", cancellationToken);
        await WarehouseBuilder.ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO dim_date
            SELECT CAST(strftime(d, '%Y%m%d') AS INTEGER), CAST(d AS DATE), year(d), quarter(d), month(d), day(d), isodow(d), dayname(d)
            FROM range(TIMESTAMP '{first:yyyy-MM-dd}', TIMESTAMP '{last.AddDays(1):yyyy-MM-dd}', INTERVAL 1 DAY) AS t(d)
            """), cancellationToken);
        return new WarehouseCalendarSpan(first, last, await DataAsOfAsync(connection, cancellationToken));
    }

    /// <summary>The latest day of any business event (<see cref="Events"/>), as the offices count days; null without one.</summary>
    private static async Task<DateOnly?> DataAsOfAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        var latest = Events.SelectMany(e => e.Columns.Select(c => c.EndsWith("_at", StringComparison.Ordinal)
            ? $"SELECT max(office_day(\"{c}\")) AS day FROM {e.Table}"
            : $"SELECT max(\"{c}\") AS day FROM {e.Table}"));
        var value = await WarehouseChecks.ScalarAsync(connection, $"SELECT max(day) FROM ({string.Join(" UNION ALL ", latest)})", cancellationToken);
        return value is DateOnly day ? day : value is DateTime time ? DateOnly.FromDateTime(time) : null;
    }
}
