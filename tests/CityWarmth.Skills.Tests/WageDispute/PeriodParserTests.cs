using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Skills.Tests.WageDispute;

public sealed class PeriodParserTests
{
    private static readonly DateOnly Today = TestClock.Today; // 2025-06-15

    [Theory]
    [InlineData("今年3月到6月", "2025-03-01", "2025-06-15")]
    [InlineData("3月到5月", "2025-03-01", "2025-05-31")]
    [InlineData("去年10月到今年2月", "2024-10-01", "2025-02-28")]
    [InlineData("去年10月到2月", "2024-10-01", "2025-02-28")]
    [InlineData("2024.3-2024.6", "2024-03-01", "2024-06-30")]
    [InlineData("2024年3月至2024年8月", "2024-03-01", "2024-08-31")]
    [InlineData("去年11月", "2024-11-01", "2024-11-30")]
    [InlineData("上个月", "2025-05-01", "2025-05-31")]
    [InlineData("去年一整年", "2024-01-01", "2024-12-31")]
    [InlineData("九月到十一月", "2024-09-01", "2024-11-30")]
    public void ReadsDateRanges(string input, string? from, string? to)
    {
        var period = PeriodParser.Parse(input, Today);

        if (from is null)
        {
            Assert.Null(period);
            return;
        }
        Assert.NotNull(period);
        Assert.Equal(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), period.From);
        Assert.Equal(DateOnly.Parse(to!, System.Globalization.CultureInfo.InvariantCulture), period.To);
        Assert.False(period.Ongoing);
    }

    [Theory]
    [InlineData("2024年10月至今", "2024-10-01")]
    [InlineData("从5月份开始", "2025-05-01")]
    [InlineData("从去年12月起", "2024-12-01")]
    [InlineData("10月到现在", "2024-10-01")]
    [InlineData("２０２４年１０月至今", "2024-10-01")]
    public void ReadsOpenEndedPeriods(string input, string from)
    {
        var period = PeriodParser.Parse(input, Today);

        Assert.NotNull(period);
        Assert.Equal(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), period.From);
        Assert.True(period.Ongoing);
        Assert.Null(period.To);
        Assert.EndsWith("至今", period.Display);
    }

    [Theory]
    [InlineData("过完年就没发过工资")]
    [InlineData("从今年过年后一直没发")]
    [InlineData("春节以后到现在")]
    [InlineData("年後一直沒發")]
    public void ReadsFromTheSpringFestivalOn(string input)
    {
        var period = PeriodParser.Parse(input, Today);

        Assert.NotNull(period);
        Assert.Equal(new DateOnly(2025, 1, 29), period.From);   // 正月初一 2025
        Assert.True(period.Ongoing);
        Assert.True(period.Approximate);
    }

    [Theory]
    [InlineData("两年后")]
    [InlineData("过年前")]
    public void OtherWordsAboutTheNewYearAreNotAPeriodFromIt(string input) =>
        Assert.NotEqual(new DateOnly(2025, 1, 29), PeriodParser.Parse(input, Today)?.From);

    [Theory]
    [InlineData("三个月", 3, false)]
    [InlineData("3个月", 3, false)]
    [InlineData("半年", 6, false)]
    [InlineData("两个多月", 2, true)]
    [InlineData("一年半", 18, false)]
    [InlineData("一年多", 12, true)]
    [InlineData("十个月的工资", 10, false)]
    [InlineData("三個月", 3, false)]
    public void ReadsLengthsWithoutDates(string input, int months, bool approximate)
    {
        var period = PeriodParser.Parse(input, Today);

        Assert.NotNull(period);
        Assert.Equal(months, period.Months);
        Assert.Equal(approximate, period.Approximate);
        Assert.Null(period.From);
    }

    [Fact]
    public void ReadsLastYearsTwelfthLunarMonthAsItsGregorianDays()
    {
        // Lunar 2024's 腊月 ran from 2024-12-31 to 2025-01-28 (Spring Festival 2025 was on 29 January).
        var period = PeriodParser.Parse("去年腊月", Today);

        Assert.NotNull(period);
        Assert.Equal(new DateOnly(2024, 12, 31), period.From);
        Assert.Equal(new DateOnly(2025, 1, 28), period.To);
        Assert.True(period.Approximate);
    }

    [Theory]
    [InlineData("")]
    [InlineData("不记得了")]
    [InlineData("一万二")]
    [InlineData("很久")]
    public void RejectsTextWithoutAPeriod(string input)
    {
        Assert.Null(PeriodParser.Parse(input, Today));
    }

    [Fact]
    public void EstimatesMonthsFromARange()
    {
        Assert.Equal(3, PeriodParser.Parse("今年3月到5月", Today)!.EstimatedMonths);
    }
}
