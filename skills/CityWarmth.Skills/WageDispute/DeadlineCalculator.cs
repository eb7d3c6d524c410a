using System.Text.Json.Serialization;

namespace CityWarmth.Skills.WageDispute;

/// <summary>Where a time limit stands for this worker.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LimitState>))]
public enum LimitState
{
    /// <summary>Not yet running: still employed (arbitration) or the arrears continue (inspection).</summary>
    NotRunning,

    /// <summary>Running, with a deadline.</summary>
    Running,

    /// <summary>Past the deadline as computed from the dates given.</summary>
    Expired,

    /// <summary>The dates needed are missing.</summary>
    Unknown,
}

/// <summary>One time limit: its state, the last day to act, days left and a plain-Chinese explanation.</summary>
public sealed record DeadlineResult(LimitState State, DateOnly? Deadline, int? DaysLeft, string Explanation);

/// <summary>The two limits an intake tells the worker about.</summary>
public sealed record WageDeadlines(DeadlineResult Arbitration, DeadlineResult Inspection);

/// <summary>The dates the limits depend on.</summary>
/// <param name="JobEnded">Whether the employment has ended (null: not said).</param>
/// <param name="JobEndedOn">The day it ended, if known.</param>
/// <param name="LastUnpaidDay">The last day of the period owed, if known.</param>
/// <param name="ArrearsOngoing">Wages are still going unpaid ("至今").</param>
public sealed record DeadlineFacts(bool? JobEnded, DateOnly? JobEndedOn, DateOnly? LastUnpaidDay, bool ArrearsOngoing);

/// <summary>
/// Applies the statutory limits to one worker's dates:
/// 《劳动争议调解仲裁法》第二十七条 (one year; wages owed while employed are not limited, and after the job ends
/// the year runs from the end date) and 《劳动保障监察条例》第二十条 (two years; a continuing violation counts
/// from when it ends). Where a date is only known to the month, callers pass the earliest day, so the deadline
/// shown is never later than the real one.
/// </summary>
public static class DeadlineCalculator
{
    public static WageDeadlines Compute(DeadlineFacts facts, DateOnly today) =>
        new(Arbitration(facts, today), Inspection(facts, today));

    public static DeadlineResult Arbitration(DeadlineFacts facts, DateOnly today)
    {
        if (facts.JobEnded == false)
        {
            return new DeadlineResult(LimitState.NotRunning, null, null,
                "还在职期间讨要欠薪，申请劳动仲裁不受一年时效限制；离职后要在一年内申请。");
        }
        if (facts.JobEnded is null || facts.JobEndedOn is not { } ended)
        {
            return new DeadlineResult(LimitState.Unknown, null, null,
                "劳动仲裁要在离职之日起一年内申请，请尽早。");
        }
        var deadline = ended.AddYears(1);
        var left = deadline.DayNumber - today.DayNumber;
        return left >= 0
            ? new DeadlineResult(LimitState.Running, deadline, left,
                $"你{Format(ended)}离职，劳动仲裁要在{Format(deadline)}前申请（还剩{left}天）。")
            : new DeadlineResult(LimitState.Expired, deadline, left,
                $"按你{Format(ended)}离职算，一年的仲裁时效已在{Format(deadline)}届满。如果这期间你找老板要过钱、向有关部门反映过，或者老板答应过给钱，时效会重新计算，请打12348问问律师。");
    }

    public static DeadlineResult Inspection(DeadlineFacts facts, DateOnly today)
    {
        if (facts.ArrearsOngoing && facts.JobEnded != true)
        {
            return new DeadlineResult(LimitState.NotRunning, null, null,
                "欠薪还在持续，向劳动保障监察投诉的两年期限从欠薪停止时算起，但越早投诉越好。");
        }
        var reference = facts.LastUnpaidDay ?? facts.JobEndedOn;
        if (facts.ArrearsOngoing && facts.JobEndedOn is { } end)
        {
            reference = end;
        }
        if (reference is not { } from)
        {
            return new DeadlineResult(LimitState.Unknown, null, null,
                "劳动保障监察只处理两年内的欠薪，请尽早投诉。");
        }
        var deadline = from.AddYears(2);
        var left = deadline.DayNumber - today.DayNumber;
        return left >= 0
            ? new DeadlineResult(LimitState.Running, deadline, left,
                $"向劳动保障监察投诉，请在{Format(deadline)}前提出（两年内，还剩{left}天）。")
            : new DeadlineResult(LimitState.Expired, deadline, left,
                $"欠薪发生已超过两年（{Format(deadline)}到期），劳动保障监察一般不再受理，可以走仲裁或法院，先打12348咨询。");
    }

    public static string Format(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";
}
