using Analytics.Etl.Warehouse;

namespace Analytics.Etl.Tests.Metrics;

/// <summary>Printed figures read as a Chinese reader reads them: 余/多 up to the next step of the last significant digit.</summary>
public sealed class PrintedFigureTests
{
    [Theory]
    [InlineData("1600余件", 1600, 1700)]
    [InlineData("2300多名", 2300, 2400)]
    [InlineData("100余个", 100, 200)]
    [InlineData("100余件", 100, 200)]
    [InlineData("650多个", 650, 660)]
    [InlineData("200多场次", 200, 300)]
    [InlineData("7900余人次", 7900, 8000)]
    [InlineData("5300余个", 5300, 5400)]
    [InlineData("3万余人", 30000, 40000)]
    [InlineData("1.5万余人", 15000, 16000)]
    [InlineData("4000余万元", 40_000_000, 50_000_000)]
    [InlineData("10余", 10, 20)]
    [InlineData("30余项", 30, 40)]
    [InlineData("5000余名", 5000, 6000)]
    [InlineData("1205多", 1205, 1206)]
    public void Yu_and_duo_admit_the_printed_number_up_to_the_next_step_of_its_last_significant_digit(string printed, int value, int upper)
    {
        var figure = PrintedFigure.Parse(printed);

        Assert.Equal(ClaimQualifier.MoreThan, figure.Qualifier);
        Assert.Equal(value, figure.Value);
        Assert.Equal(upper, figure.Upper);
        Assert.True(figure.Admits(value));
        Assert.True(figure.Admits(upper - 1));
        Assert.False(figure.Admits(value - 1));
        Assert.False(figure.Admits(upper));
    }

    [Theory]
    [InlineData("2300多名", 2445)]
    [InlineData("7900余人次", 9063)]
    [InlineData("650多个", 680)]
    [InlineData("1600余件", 1700)]
    [InlineData("3万余人", 3385)]
    public void A_figure_past_the_next_step_is_not_what_was_printed(string printed, int computed) =>
        Assert.False(PrintedFigure.Parse(printed).Admits(computed));

    [Theory]
    [InlineData("175个", 175)]
    [InlineData("1775个", 1775)]
    [InlineData("13家", 13)]
    [InlineData("130支", 130)]
    [InlineData("379名", 379)]
    [InlineData("清零", 0)]
    [InlineData("12", 12)]
    public void An_exact_count_admits_itself_only(string printed, int value)
    {
        var figure = PrintedFigure.Parse(printed);

        Assert.Equal(ClaimQualifier.Exact, figure.Qualifier);
        Assert.Equal(value, figure.Value);
        Assert.True(figure.Admits(value));
        Assert.False(figure.Admits(value + 1));
        Assert.False(figure.Admits(value - 1));
    }

    [Fact]
    public void Yishang_is_at_least_with_no_upper_bound()
    {
        var figure = PrintedFigure.Parse("100人以上");

        Assert.Equal(ClaimQualifier.AtLeast, figure.Qualifier);
        Assert.True(figure.Admits(100));
        Assert.True(figure.Admits(100_000));
        Assert.False(figure.Admits(99));
    }

    [Theory]
    [InlineData("30.81%", 30.805, true)]
    [InlineData("30.81%", 30.8149, true)]
    [InlineData("30.81%", 30.815, false)]
    [InlineData("30.81%", 30.8049, false)]
    [InlineData("44.6%", 44.594, true)]
    [InlineData("44.6%", 44.5, false)]
    [InlineData("97%", 97.01, true)]
    [InlineData("97%", 96.5, true)]
    [InlineData("97%", 96.49, false)]
    [InlineData("100%", 100, true)]
    [InlineData("100%", 99.6, false)] // "100% of villages" says all of them
    [InlineData("0%", 0.2, false)]
    public void A_percentage_matches_at_the_printed_precision(string printed, double computedPercent, bool admitted)
    {
        var figure = PrintedFigure.Parse(printed);

        Assert.Equal(ClaimQualifier.Percent, figure.Qualifier);
        Assert.Equal(admitted, figure.Admits((decimal)computedPercent));
    }

    [Fact]
    public void The_range_is_said_in_words()
    {
        Assert.Equal("1600–1699", PrintedFigure.Parse("1600余件").Range);
        Assert.Equal("650–659", PrintedFigure.Parse("650多个").Range);
        Assert.Equal("30000–39999", PrintedFigure.Parse("3万余人").Range);
        Assert.Equal("175", PrintedFigure.Parse("175个").Range);
        Assert.Equal("≥ 100", PrintedFigure.Parse("100人以上").Range);
    }

    [Theory]
    [InlineData("约1600件")]
    [InlineData("一千六百件")]
    [InlineData("1600余万余")]
    [InlineData("30余%")]
    [InlineData("")]
    public void Text_that_is_not_a_printed_figure_is_refused(string printed) =>
        Assert.Throws<FormatException>(() => PrintedFigure.Parse(printed));
}
