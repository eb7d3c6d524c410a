using System.Globalization;
using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Bot.Cases.ConsolePages;

/// <summary>How the case pages write times, amounts and statuses for caseworkers.</summary>
public static class WageCaseConsoleText
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>A moment in Beijing time, as caseworkers read it.</summary>
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    public static string Yuan(decimal? amount) => amount is { } a ? ParsedAmount.FormatYuan(a) : "";

    /// <summary>Status, and for a closed case its outcome: "已办结 · 追回了一部分工资".</summary>
    public static string Standing(WageCase c) => c.Status == WageCaseStatus.Closed && c.Outcome is { } o
        ? $"{WageCaseLifecycle.StatusLabel(c.Status)} · {WageCaseLifecycle.OutcomeLabel(o)}"
        : WageCaseLifecycle.StatusLabel(c.Status);

    public static IEnumerable<(WageCaseStatus Value, string Label)> Statuses =>
        Enum.GetValues<WageCaseStatus>().Select(s => (s, WageCaseLifecycle.StatusLabel(s)));

    public static IEnumerable<(WageCaseOutcome Value, string Label)> Outcomes =>
        Enum.GetValues<WageCaseOutcome>().Select(o => (o, WageCaseLifecycle.OutcomeLabel(o)));

    public static IEnumerable<(WageCaseReferralBody Value, string Label)> Bodies =>
        Enum.GetValues<WageCaseReferralBody>().Select(b => (b, WageCaseLifecycle.BodyLabel(b)));
}
