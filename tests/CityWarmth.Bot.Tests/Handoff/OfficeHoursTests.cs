using CityWarmth.Bot.Handoff;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Tests.Handoff;

public sealed class OfficeHoursTests
{
    private static readonly OfficeHours Weekdays = new(Options.Create(new HandoffOptions
    {
        TimeZone = "Asia/Shanghai",
        OpenDays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        OpensAt = "09:00",
        ClosesAt = "17:30",
    }));

    [Theory]
    [InlineData("2025-06-03T01:00:00Z", true)]   // Tuesday 09:00 in Beijing
    [InlineData("2025-06-03T00:59:00Z", false)]  // Tuesday 08:59
    [InlineData("2025-06-03T09:30:00Z", false)]  // Tuesday 17:30, closed
    [InlineData("2025-06-07T03:00:00Z", false)]  // Saturday 11:00
    public void OpenHoursAreReadInBeijingTime(string utc, bool open) =>
        Assert.Equal(open, Weekdays.IsOpen(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void AfterFridayClosingTheNextOpeningIsMondayMorning()
    {
        var fridayEvening = DateTimeOffset.Parse("2025-06-06T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture); // 20:00 Beijing

        var next = Weekdays.NextOpening(fridayEvening);

        Assert.Equal(new DateTimeOffset(2025, 6, 9, 9, 0, 0, TimeSpan.FromHours(8)), next);
        Assert.Equal("6月9日（周一）09:00", OfficeHours.Format(next));
        Assert.Equal("周一至周五 09:00-17:30", Weekdays.Describe());
    }
}
