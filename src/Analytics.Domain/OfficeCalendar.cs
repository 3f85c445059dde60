namespace Analytics.Domain;

/// <summary>
/// The calendar the offices work in: China Standard Time (Beijing, UTC+8, no daylight saving). Instants are stored in
/// UTC; whenever a day is taken from one — today, the day a case was reported or resolved, whether it is past its due
/// date — it is the office's day, so 07:00 in Sanming on 23 November is the 23rd, not the UTC 22nd.
/// </summary>
public static class OfficeCalendar
{
    /// <summary>Beijing time's offset from UTC, the same all year.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The office's calendar day at <paramref name="at"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    /// <summary>
    /// Whether a year, or a month of it, has ended on <paramref name="today"/> (an office day): the current year or month
    /// is incomplete, its figures still growing.
    /// </summary>
    public static bool IsComplete(int year, int? month, DateOnly today) =>
        month is { } m ? (year, m).CompareTo((today.Year, today.Month)) < 0 : year < today.Year;

    /// <summary>
    /// The latest year that has ended on <paramref name="today"/> and that data as of <paramref name="dataAsOf"/> reaches:
    /// the year a report shows by default. Null without data.
    /// </summary>
    public static int? LatestCompleteYear(DateOnly? dataAsOf, DateOnly today) =>
        dataAsOf is { } asOf ? Math.Min(asOf.Year, today.Year - 1) : null;

    /// <summary>A wall-clock time written in an office (a ledger cell, a form) as the instant it names.</summary>
    public static DateTimeOffset FromOfficeTime(DateTime local) =>
        new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset).ToUniversalTime();
}
