namespace Analytics.Domain.Tests;

public sealed class OfficeCalendarTests
{
    [Theory]
    [InlineData("2025-06-16T15:59:59Z", "2025-06-16")] // 23:59:59 in Beijing
    [InlineData("2025-06-16T16:00:00Z", "2025-06-17")] // midnight in Beijing, still the 16th in UTC
    [InlineData("2025-06-16T20:00:00Z", "2025-06-17")]
    [InlineData("2024-12-31T16:00:00Z", "2025-01-01")] // a new year in Beijing eight hours before UTC's
    [InlineData("2025-06-17T04:00:00+08:00", "2025-06-17")]
    public void The_day_of_an_instant_is_its_Beijing_day(string at, string day) =>
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
            OfficeCalendar.DayOf(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void An_office_wall_clock_time_is_the_instant_eight_hours_earlier_in_UTC()
    {
        Assert.Equal(new DateTimeOffset(2021, 7, 1, 1, 30, 0, TimeSpan.Zero), OfficeCalendar.FromOfficeTime(new DateTime(2021, 7, 1, 9, 30, 0)));
        Assert.Equal(new DateTimeOffset(2021, 6, 30, 16, 0, 0, TimeSpan.Zero), OfficeCalendar.FromOfficeTime(new DateTime(2021, 7, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData(2030, null, "2031-01-01", true)]
    [InlineData(2031, null, "2031-12-31", false)] // the current year, still filling up
    [InlineData(2031, 1, "2031-02-01", true)]
    [InlineData(2031, 2, "2031-02-28", false)] // the current month
    [InlineData(2030, 12, "2031-01-01", true)]
    [InlineData(2032, 1, "2031-06-01", false)] // not yet begun
    public void A_period_is_complete_once_the_office_day_has_passed_it(int year, int? month, string today, bool complete) =>
        Assert.Equal(complete, OfficeCalendar.IsComplete(year, month, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2024-12-31", "2026-12-06", 2024)] // the data stops before the last ended year: its own last year
    [InlineData("2026-12-06", "2026-12-06", 2025)] // data up to today: the year before this one
    [InlineData("2031-01-01", "2031-01-01", 2030)]
    [InlineData(null, "2031-01-01", null)]
    public void The_latest_complete_year_has_ended_and_is_reached_by_the_data(string? dataAsOf, string today, int? year) =>
        Assert.Equal(year, OfficeCalendar.LatestCompleteYear(
            dataAsOf is null ? null : DateOnly.Parse(dataAsOf, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
}
