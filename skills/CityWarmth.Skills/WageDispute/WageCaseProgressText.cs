using System.Text;

namespace CityWarmth.Skills.WageDispute;

/// <summary>A filed case as its worker may see it: the case, and the caseworker's latest note meant for the worker.</summary>
public sealed record WageCaseProgress(WageCase Case, string? NoteForWorker);

/// <summary>
/// What a worker is told about their case, in short plain simplified Chinese (the caller converts it for a worker who
/// writes traditional): where the case stands and what happens next. The progress reply and the notice sent at each
/// change say the same, so a worker who asks later reads what they were told.
/// </summary>
public static class WageCaseProgressText
{
    /// <summary>Where the case stands, in one sentence.</summary>
    public static string Standing(WageCase c) => c.Status switch
    {
        WageCaseStatus.Submitted => "已经收到，正在等工作人员接手。",
        WageCaseStatus.Claimed => $"{Caseworker(c)}已经接手，正在核实情况。",
        WageCaseStatus.Referred when c.Referral is { } r =>
            $"已转交{WageCaseLifecycle.BodyLabel(r.Body)}处理，对方的受理编号是 {r.Number}。",
        WageCaseStatus.Referred => "已转交有关部门处理。",
        _ => $"已经办结：{Closing(c)}。",
    };

    /// <summary>What the worker should do or expect next.</summary>
    public static string NextStep(WageCase c) => c.Status switch
    {
        WageCaseStatus.Submitted => "工作人员会打你登记的电话联系你，请留意接听；证据原件自己保管好。",
        WageCaseStatus.Claimed => "工作人员会打电话找你核实，请留意接听；可以先把欠条、考勤、聊天记录等证据整理好。",
        WageCaseStatus.Referred when c.Referral is { Body: WageCaseReferralBody.Arbitration } =>
            "仲裁委会通知你开庭或调解的时间，请带身份证和证据材料按时去。有问题可以打12333。",
        WageCaseStatus.Referred => "劳动保障监察会联系你了解情况，请带身份证和证据材料按通知去办理。有问题可以打12333。",
        _ => c.Outcome switch
        {
            WageCaseOutcome.Paid => "请核对收到的钱。以后再遇到欠薪，随时可以再来登记。",
            WageCaseOutcome.PartlyPaid => "没拿到的部分，可以申请劳动仲裁或到法院起诉；需要法律帮助可以打12348，也可以转人工。",
            WageCaseOutcome.Referred => "请按接手部门的通知办理。需要帮助可以转人工，或打12333。",
            WageCaseOutcome.Withdrawn => "以后如果还需要帮助，随时可以重新登记。",
            _ => "工作人员没能联系上你。如果还需要帮助，请回复“转人工”，或重新登记并留下能打通的电话。",
        },
    };

    /// <summary>The reply to a worker asking about their case: number, standing, the caseworker's note, next step.</summary>
    public static string Reply(WageCaseProgress progress)
    {
        var c = progress.Case;
        var sb = new StringBuilder($"你的欠薪登记 {c.CaseNumber}");
        if (c.SubmittedAt is { } at)
        {
            sb.Append('（').Append(DeadlineCalculator.Format(WageCaseNumber.ChinaDate(at))).Append("提交）");
        }
        sb.Append(Standing(c));
        return Finish(sb, progress);
    }

    /// <summary>The notice sent to the worker's conversation when the case changes.</summary>
    public static string Notice(WageCaseProgress progress)
    {
        var sb = new StringBuilder($"你的欠薪登记 {progress.Case.CaseNumber} 有新进展：{Standing(progress.Case)}");
        return Finish(sb, progress);
    }

    private static string Finish(StringBuilder sb, WageCaseProgress progress)
    {
        if (!string.IsNullOrWhiteSpace(progress.NoteForWorker))
        {
            sb.Append("\n工作人员留言：").Append(progress.NoteForWorker.Trim());
        }
        sb.Append("\n接下来：").Append(NextStep(progress.Case));
        return sb.ToString();
    }

    private static string Caseworker(WageCase c) => string.IsNullOrWhiteSpace(c.ClaimedBy) ? "工作人员" : "工作人员" + c.ClaimedBy;

    private static string Closing(WageCase c)
    {
        var outcome = c.Outcome is { } o ? WageCaseLifecycle.OutcomeLabel(o) : "已处理";
        return c.AmountRecoveredYuan is { } amount && amount > 0 ? $"{outcome}，追回{ParsedAmount.FormatYuan(amount)}" : outcome;
    }
}
