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
}
