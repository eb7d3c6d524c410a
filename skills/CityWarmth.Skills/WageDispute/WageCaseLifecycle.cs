using System.Text.Json.Serialization;

namespace CityWarmth.Skills.WageDispute;

/// <summary>How a closed case ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WageCaseOutcome>))]
public enum WageCaseOutcome
{
    /// <summary>The worker was paid in full.</summary>
    Paid,

    /// <summary>Part of the wages was recovered.</summary>
    PartlyPaid,

    /// <summary>Passed on to another body (a court, another city) and closed here.</summary>
    Referred,

    /// <summary>The worker withdrew the case.</summary>
    Withdrawn,

    /// <summary>The worker could not be reached.</summary>
    Unreachable,
}

/// <summary>The body a case is referred to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WageCaseReferralBody>))]
public enum WageCaseReferralBody
{
    /// <summary>劳动保障监察 (the labour inspectorate).</summary>
    LabourInspection,

    /// <summary>劳动人事争议仲裁委员会 (labour arbitration).</summary>
    Arbitration,
}

/// <summary>A caseworker's note on a case; <paramref name="ForWorker"/> notes are told to the worker, others never.</summary>
public sealed record WageCaseNote(DateTimeOffset At, string Author, string Text, bool ForWorker);

/// <summary>A referral: to whom, the number they gave the case, and when.</summary>
public sealed record WageCaseReferral(WageCaseReferralBody Body, string Number, DateTimeOffset At);

/// <summary>
/// The moves a wage case may make: Submitted → Claimed → Referred → Closed. A case nobody has claimed may be closed
/// (a worker who withdraws at once), a claimed one closed without a referral; a closed case stays closed.
/// </summary>
public static class WageCaseLifecycle
{
    public static bool CanMove(WageCaseStatus from, WageCaseStatus to) => (from, to) switch
    {
        (WageCaseStatus.Submitted, WageCaseStatus.Claimed) => true,
        (WageCaseStatus.Submitted, WageCaseStatus.Closed) => true,
        (WageCaseStatus.Claimed, WageCaseStatus.Referred) => true,
        (WageCaseStatus.Claimed, WageCaseStatus.Closed) => true,
        (WageCaseStatus.Referred, WageCaseStatus.Closed) => true,
        _ => false,
    };

    /// <summary>Outcomes that recover money, so an amount above zero goes with them (and with no other).</summary>
    public static bool RecoversMoney(WageCaseOutcome outcome) => outcome is WageCaseOutcome.Paid or WageCaseOutcome.PartlyPaid;

    public static string StatusLabel(WageCaseStatus status) => status switch
    {
        WageCaseStatus.Submitted => "待接手",
        WageCaseStatus.Claimed => "处理中",
        WageCaseStatus.Referred => "已转交",
        _ => "已办结",
    };

    public static string OutcomeLabel(WageCaseOutcome outcome) => outcome switch
    {
        WageCaseOutcome.Paid => "工资已全部追回",
        WageCaseOutcome.PartlyPaid => "追回了一部分工资",
        WageCaseOutcome.Referred => "已转其他部门处理",
        WageCaseOutcome.Withdrawn => "工友撤回了登记",
        _ => "联系不上工友",
    };

    public static string BodyLabel(WageCaseReferralBody body) => body switch
    {
        WageCaseReferralBody.LabourInspection => "劳动保障监察",
        _ => "劳动人事争议仲裁委员会",
    };
}
