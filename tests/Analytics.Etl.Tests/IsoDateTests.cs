using System.Globalization;
using Analytics.Etl.Warehouse;

namespace Analytics.Etl.Tests;

public sealed class IsoDateTests
{
    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("2023-12-31")]
    [InlineData("2019-01-01")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("1921-07-01")]
    public void Parses_what_Microsoft_Data_Sqlite_writes_as_DateOnly_Parse_does(string text)
    {
        Assert.Equal(DateOnly.Parse(text, CultureInfo.InvariantCulture), IsoDate.Parse(text));
    }

    [Fact]
    public void Every_day_of_a_leap_and_a_common_year_round_trips()
    {
        for (var day = new DateOnly(2023, 1, 1); day <= new DateOnly(2024, 12, 31); day = day.AddDays(1))
        {
            var text = IsoDate.Format(day);
            Assert.Equal(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), text);
            Assert.Equal(day, IsoDate.Parse(text));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("2023-02-29")]
    [InlineData("2024-02-30")]
    [InlineData("2023-04-31")]
    [InlineData("2023-13-01")]
    [InlineData("2023-00-10")]
    [InlineData("2023-01-00")]
    [InlineData("0000-01-01")]
    [InlineData("2023-1-01")]
    [InlineData("2023/01/01")]
    [InlineData(" 2023-01-01")]
    [InlineData("2023-01-01 00:00:00")]
    [InlineData("2023-01-0a")]
    [InlineData("-023-01-01")]
    [InlineData("２０２３-01-01")]
    public void Anything_but_a_real_yyyy_MM_dd_day_is_refused_with_the_text_in_the_message(string text)
    {
        var error = Assert.Throws<FormatException>(() => IsoDate.Parse(text));

        Assert.Contains($"'{text}'", error.Message);
        Assert.Contains("yyyy-MM-dd", error.Message);
    }

    [Fact]
    public void Null_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => IsoDate.Parse(null!));
    }

    [Fact]
    public void The_converter_reads_and_writes_the_same_text()
    {
        var converter = new DateOnlyAsIsoTextConverter();

        Assert.Equal("2024-02-29", converter.ConvertToProvider(new DateOnly(2024, 2, 29)));
        Assert.Equal(new DateOnly(2024, 2, 29), converter.ConvertFromProvider("2024-02-29"));
    }
}
