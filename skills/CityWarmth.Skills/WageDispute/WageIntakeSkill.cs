using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CityWarmth.Skills.Conversation;
using Microsoft.Extensions.Logging;
using static CityWarmth.Skills.WageDispute.WageIntakePrompts;

namespace CityWarmth.Skills.WageDispute;

/// <summary>How a turn of the intake ended.</summary>
public enum WageIntakeOutcome
{
    /// <summary>The message was used; a question is pending.</summary>
    Asking,

    /// <summary>
    /// The message is a question for another skill and was not used. The caller answers it, then calls
    /// <see cref="WageIntakeSkill.Resume"/> to ask the pending question again.
    /// </summary>
    Interrupted,

    /// <summary>The case was stored; <see cref="WageIntakeResult.CaseNumber"/> is set.</summary>
    Submitted,

    /// <summary>The worker did not consent; nothing with personal data was stored.</summary>
    Declined,

    /// <summary>The worker cancelled and confirmed; the answers were deleted.</summary>
    Cancelled,
}

/// <summary>The replies of one intake turn and how it ended.</summary>
public sealed record WageIntakeResult(IReadOnlyList<BotReply> Replies, WageIntakeOutcome Outcome, string? CaseNumber = null)
{
    /// <summary>False when the caller must handle the message (see <see cref="WageIntakeOutcome.Interrupted"/>).</summary>
    public bool Consumed => Outcome != WageIntakeOutcome.Interrupted;
}

/// <summary>
/// The wage-arrears intake (欠薪求助登记): a state machine over <see cref="WageIntakeState"/> kept in
/// <see cref="ConversationState.WageIntake"/>. It asks one question at a time, validates and re-asks, lets the
/// worker skip optional questions, change answers and cancel, and on confirmation stores a <see cref="WageCase"/>.
/// It reads either script and replies in simplified; the router converts replies for a worker who writes traditional.
/// </summary>
public sealed partial class WageIntakeSkill(
    IWageCaseStore store,
    TimeProvider timeProvider,
    ILogger<WageIntakeSkill> logger)
{
    private static readonly WageIntakeStep[] Order = Enum.GetValues<WageIntakeStep>();

    private static readonly HashSet<WageIntakeStep> Optional =
    [
        WageIntakeStep.EmployerName, WageIntakeStep.District, WageIntakeStep.Trade, WageIntakeStep.GeneralContractor,
        WageIntakeStep.JobEndDate, WageIntakeStep.WorkerCount, WageIntakeStep.Evidence,
    ];

    /// <summary>True while an intake is open in this conversation (also across restarts).</summary>
    public static bool IsActive(ConversationState state) => state.WageIntake is not null;

    /// <summary>
    /// True when the intake asks for the trade and the message is a trade, give or take a few words ("钢筋工", "我是
    /// 钢筋工"): its answer, though a trade alone reads as a job search. A longer message that names a trade ("帮我找个
    /// 电工的活") is left to the router. Trades are the intake's own list and every word the job search knows, which is
    /// what makes the router read a message as a job search.
    /// </summary>
    public static bool ExpectsAsAnswer(string text, ConversationState state)
    {
        if (state.WageIntake is not { Step: WageIntakeStep.Trade })
        {
            return false;
        }
        var normalized = WageText.Normalize(text);
        var answer = WageText.Compact(normalized);
        var trade = Math.Max(WorkplaceParser.FindTrade(answer)?.Length ?? 0,
            Jobs.JobVocabulary.Default.FindTrades(answer).Select(m => m.Length).DefaultIfEmpty(0).Max());
        return trade > 0 && answer.Length - trade <= PlainAnswerExtraLetters && !WageText.LooksLikeQuestion(normalized);
    }

    // "我是", "做…的", "呀": what a worker puts around a one-word answer.
    private const int PlainAnswerExtraLetters = 3;

    /// <summary>
    /// Starts an intake (or returns to an open one), filling every field the message already answers.
    /// <paramref name="extracted"/> adds fields a router or model found.
    /// </summary>
    public Task<WageIntakeResult> StartAsync(UserTurn turn, ConversationState state, WageSlots? extracted = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        var now = timeProvider.GetUtcNow();
        var today = WageCaseNumber.ChinaDate(now);
        state.ActiveSkill = SkillNames.WageDispute;
        var slots = WageSlotExtractor.Extract(turn.Text, today).Or(extracted);

        if (state.WageIntake is { } open)
        {
            var added = Apply(open, slots, now);
            open.Step = NextStep(open);
            open.UpdatedAt = now;
            var lead = added.Count > 0 ? $"你还有一份没填完的登记，我们接着填。新记下：{string.Join("；", added)}。" : "你还有一份没填完的登记，我们接着填。";
            return Task.FromResult(Result(state, WageIntakeOutcome.Asking, Say(lead), AskPending(open)));
        }

        var s = new WageIntakeState { StartedAt = now, UpdatedAt = now };
        var filled = Apply(s, slots, now);
        s.Step = NextStep(s);
        state.WageIntake = s;
        Log.IntakeStarted(logger, filled.Count);
        var intro = filled.Count > 0 ? $"{Intro}\n已经记下：{string.Join("；", filled)}。" : Intro;
        return Task.FromResult(Result(state, WageIntakeOutcome.Asking, Say(intro), AskPending(s)));
    }

    /// <summary>Handles the worker's next message while an intake is open.</summary>
    public async Task<WageIntakeResult> ContinueAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(state);
        if (state.WageIntake is not { } s)
        {
            return await StartAsync(turn, state, null, cancellationToken);
        }

        var now = timeProvider.GetUtcNow();
        var today = WageCaseNumber.ChinaDate(now);
        var text = WageText.Normalize(turn.Text);
        var compact = WageText.Compact(text);
        state.ActiveSkill = SkillNames.WageDispute;
        s.UpdatedAt = now;

        if (s.AwaitingCancelConfirm)
        {
            s.AwaitingCancelConfirm = false;
            if (ConfirmsCancel().IsMatch(compact))
            {
                Log.Cancelled(logger, s.Step);
                state.WageIntake = null;
                state.ActiveSkill = null;
                return Result(state, WageIntakeOutcome.Cancelled, Say("已取消，刚才填的内容已经删除。以后需要时说“欠薪登记”就能重新开始。"));
            }
            if (KeepsGoing().IsMatch(compact) || Declines().IsMatch(compact))
            {
                return Result(state, WageIntakeOutcome.Asking, AskPending(s, "好的，我们继续。"));
            }
        }

        if (Cancels().IsMatch(compact))
        {
            s.AwaitingCancelConfirm = true;
            return Result(state, WageIntakeOutcome.Asking,
                Ask("确定不登记了吗？已经填的内容会被删除。", ReplyButton.Of(ConfirmCancel), ReplyButton.Of(KeepGoing)));
        }

        if (KeepsGoing().IsMatch(compact))
        {
            return Result(state, WageIntakeOutcome.Asking, AskPending(s, "好的，我们继续。"));
        }

        if (TryEdit(compact, out var target, out var rest))
        {
            s.Skipped.Remove(target);
            s.FailedAttempts = 0;
            s.Step = target;
            if (rest.Length == 0)
            {
                return Result(state, WageIntakeOutcome.Asking, AskPending(s, "好的，请重新回答："));
            }
            text = rest;
            compact = WageText.Compact(rest);
        }
        else if (compact is "修改" or "改" or "修改其他" or "我要修改")
        {
            return Result(state, WageIntakeOutcome.Asking,
                Ask("要修改哪一项？", [.. SummaryEdits.Select(e => ReplyButton.Of("修改" + e.Label))]));
        }

        if (s.Step == WageIntakeStep.Summary)
        {
            if (Confirms().IsMatch(compact))
            {
                return await SubmitAsync(turn, state, s, now, today, cancellationToken);
            }
            if (WageText.LooksLikeQuestion(text))
            {
                Log.Interrupted(logger, s.Step);
                return new WageIntakeResult([], WageIntakeOutcome.Interrupted);
            }
            return Result(state, WageIntakeOutcome.Asking, SummaryReply(s, Retry(WageIntakeStep.Summary)));
        }

        if (Skips().IsMatch(compact))
        {
            if (!Optional.Contains(s.Step))
            {
                return Result(state, WageIntakeOutcome.Asking, AskPending(s, "这一项需要填，说个大概也可以。"));
            }
            if (s.Step == WageIntakeStep.Evidence)
            {
                s.EvidenceDone = true;
            }
            else if (!s.Skipped.Contains(s.Step))
            {
                s.Skipped.Add(s.Step);
            }
            return Advance(state, s, null);
        }

        var answer = Answer(s, text, compact, now, today);
        switch (answer.Kind)
        {
            case AnswerKind.Accepted:
                return Advance(state, s, answer.Ack);
            case AnswerKind.StayOnStep:
                return Result(state, WageIntakeOutcome.Asking, Ask(answer.Ack ?? Question(s.Step, s), [.. Buttons(s.Step, s)]));
            case AnswerKind.Declined:
                return Decline(state, s, turn, now, today);
            case AnswerKind.Question:
                Log.Interrupted(logger, s.Step);
                return new WageIntakeResult([], WageIntakeOutcome.Interrupted);
            default:
                s.FailedAttempts++;
                Log.AnswerRejected(logger, s.Step, s.FailedAttempts);
                var retry = Retry(s.Step);
                var buttons = Buttons(s.Step, s).ToList();
                if (s.FailedAttempts >= 2 && Optional.Contains(s.Step) && !buttons.Any(b => b.Value == Skip))
                {
                    buttons.Add(ReplyButton.Of(Skip));
                }
                return Result(state, WageIntakeOutcome.Asking, Ask(retry, [.. buttons]));
        }
    }

    /// <summary>Asks the pending question again, e.g. after the router answered an interrupting question.</summary>
    public IReadOnlyList<BotReply> Resume(ConversationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.WageIntake is not { } s)
        {
            return [];
        }
        state.ActiveSkill = SkillNames.WageDispute;
        return Result(state, WageIntakeOutcome.Asking, AskPending(s, "我们接着登记欠薪：")).Replies;
    }

    private enum AnswerKind
    {
        Accepted,
        StayOnStep,
        Invalid,
        Question,
        Declined,
    }

    private readonly record struct AnswerResult(AnswerKind Kind, string? Ack = null)
    {
        public static AnswerResult Ok(string? ack) => new(AnswerKind.Accepted, ack);
        public static AnswerResult Invalid => new(AnswerKind.Invalid);
    }

    private AnswerResult Answer(WageIntakeState s, string text, string compact, DateTimeOffset now, DateOnly today)
    {
        var question = WageText.LooksLikeQuestion(text);
        switch (s.Step)
        {
            case WageIntakeStep.Employer:
            {
                if (question)
                {
                    return new(AnswerKind.Question);
                }
                if (EmployerParser.Parse(text) is not { } employer)
                {
                    return AnswerResult.Invalid;
                }
                Record(s, now, WageIntakeStep.Employer, s.Employer?.Display, employer.Display);
                s.EmployerKind = employer.Kind;
                s.EmployerName = employer.Name;
                var more = Apply(s, WageSlotExtractor.Extract(text, today) with { Employer = null }, now);
                return AnswerResult.Ok(Ack(employer.Display, more));
            }
            case WageIntakeStep.EmployerName:
            {
                if (question)
                {
                    return new(AnswerKind.Question);
                }
                var parsed = EmployerParser.Parse(text);
                var name = parsed?.Name ?? (compact.Length is >= 2 and <= 40 ? compact : null);
                if (name is null)
                {
                    return AnswerResult.Invalid;
                }
                Record(s, now, WageIntakeStep.EmployerName, s.EmployerName, name);
                s.EmployerName = name;
                s.EmployerKind ??= parsed?.Kind;
                return AnswerResult.Ok(Ack(name));
            }
            case WageIntakeStep.Workplace:
            {
                if (question)
                {
                    return new(AnswerKind.Question);
                }
                if (WorkplaceParser.ParseWorkplace(text) is not { } place)
                {
                    return AnswerResult.Invalid;
                }
                Record(s, now, WageIntakeStep.Workplace, s.Workplace, place);
                s.Workplace = place;
                var more = Apply(s, WageSlotExtractor.Extract(text, today) with { Workplace = null, Employer = null }, now);
                return AnswerResult.Ok(Ack(place, more));
            }
            case WageIntakeStep.District:
            {
                var district = WorkplaceParser.FindDistrict(text) ?? (compact.Length is >= 2 and <= 12 && !question && compact.All(char.IsLetter) ? compact : null);
                if (district is null)
                {
                    return question ? new(AnswerKind.Question) : AnswerResult.Invalid;
                }
                Record(s, now, WageIntakeStep.District, s.District, district);
                s.District = district;
                return AnswerResult.Ok(Ack(district));
            }
            case WageIntakeStep.Trade:
            {
                if (question)
                {
                    return new(AnswerKind.Question);
                }
                if (WorkplaceParser.ParseTrade(text) is not { } trade)
                {
                    return AnswerResult.Invalid;
                }
                Record(s, now, WageIntakeStep.Trade, s.Trade, trade);
                s.Trade = trade;
                if (s.IsConstruction is null && WorkplaceParser.FindConstruction(trade) == true)
                {
                    s.IsConstruction = true;
                }
                return AnswerResult.Ok(Ack(trade));
            }
            case WageIntakeStep.Construction:
            {
                if (WorkplaceParser.ParseConstruction(text) is not { } construction)
                {
                    return question ? new(AnswerKind.Question) : AnswerResult.Invalid;
                }
                Record(s, now, WageIntakeStep.Construction, YesNo(s.IsConstruction), YesNo(construction));
                s.IsConstruction = construction;
                if (!construction)
                {
                    s.GeneralContractor = null;
                }
                return AnswerResult.Ok(null);
            }
            case WageIntakeStep.GeneralContractor:
            {
                if (question)
                {
                    return new(AnswerKind.Question);
                }
                if (compact.Length is < 2 or > 60)
                {
                    return AnswerResult.Invalid;
                }
                Record(s, now, WageIntakeStep.GeneralContractor, s.GeneralContractor, compact);
                s.GeneralContractor = compact;
                return AnswerResult.Ok(Ack(compact));
            }
            case WageIntakeStep.Amount:
            {
                if (AmountParser.Parse(text) is not { } amount)
                {
                    return question ? new(AnswerKind.Question) : AnswerResult.Invalid;
                }
                Record(s, now, WageIntakeStep.Amount, s.Amount?.Display, amount.Display);
                s.AmountYuan = amount.Yuan;
                s.AmountApproximate = amount.Approximate;
                return AnswerResult.Ok(Ack(amount.Display));
            }
            case WageIntakeStep.Period:
            {
                if (PeriodParser.Parse(text, today) is not { } period)
                {
                    return question ? new(AnswerKind.Question) : AnswerResult.Invalid;
                }
                Record(s, now, WageIntakeStep.Period, s.Period?.Display, period.Display);
                SetPeriod(s, period);
                return AnswerResult.Ok(Ack(period.Display));
            }
            case WageIntakeStep.JobEnded:
            {
                if (JobStatusParser.Parse(text, today) is not { } job)
                {
                    var yesNo = YesNoAnswer(compact);
                    if (yesNo is null)
                    {
                        return question ? new(AnswerKind.Question) : AnswerResult.Invalid;
                    }
                    // The question is "还在那里干活吗?": yes means still working.
                    job = new JobStatus(!yesNo.Value, null, false);
                }
                Record(s, now, WageIntakeStep.JobEnded, s.JobEnded is null ? null : JobDisplay(s), JobDisplay(job));
                s.JobEnded = job.Ended;
                s.JobEndedOn = job.EndedOn;
                s.JobEndedOnApproximate = job.DateApproximate;
                s.Skipped.Remove(WageIntakeStep.JobEndDate);
                return AnswerResult.Ok(null);
            }
            case WageIntakeStep.JobEndDate:
            {
                if (JobStatusParser.ParseDate(text, today) is not { } date)
                {
                    return question ? new(AnswerKind.Question) : AnswerResult.Invalid;
                }
                Record(s, now, WageIntakeStep.JobEndDate, s.JobEndedOn is { } old ? DeadlineCalculator.Format(old) : null, DeadlineCalculator.Format(date.Date));
                s.JobEnded = true;
                s.JobEndedOn = date.Date;
                s.JobEndedOnApproximate = date.Approximate;
                return AnswerResult.Ok(Ack(DeadlineCalculator.Format(date.Date) + (date.Approximate ? "左右" : string.Empty)));
            }
            case WageIntakeStep.WorkerCount:
            {
                if (WorkerCountParser.Parse(text) is not { } workers)
                {
                    return question ? new(AnswerKind.Question) : AnswerResult.Invalid;
                }
                Record(s, now, WageIntakeStep.WorkerCount, s.Workers?.Display, workers.Display);
                s.WorkerCount = workers.Count;
                s.WorkerCountApproximate = workers.Approximate;
                return AnswerResult.Ok(Ack(workers.Display));
            }
            case WageIntakeStep.Evidence:
            {
                if (compact is Done or "好了" or "就这些" or "没有了" or "选好了" or "没了")
                {
                    s.EvidenceDone = true;
                    return AnswerResult.Ok(null);
                }
                if (EvidenceParser.Parse(text) is not { } evidence)
                {
                    return question ? new(AnswerKind.Question) : AnswerResult.Invalid;
                }
                if (evidence.NoneHeld)
                {
                    s.EvidenceDone = true;
                    return AnswerResult.Ok("没关系，后面会告诉你可以怎么补。");
                }
                var before = EvidenceDisplay(s.Evidence);
                foreach (var kind in evidence.Items.Where(k => !s.Evidence.Contains(k)))
                {
                    s.Evidence.Add(kind);
                }
                Record(s, now, WageIntakeStep.Evidence, before.Length == 0 ? null : before, EvidenceDisplay(s.Evidence));
                if (s.Evidence.Count == EvidenceParser.All.Count)
                {
                    s.EvidenceDone = true;
                    return AnswerResult.Ok(Ack(EvidenceDisplay(s.Evidence)));
                }
                return new(AnswerKind.StayOnStep, $"已选：{EvidenceDisplay(s.Evidence)}。还有别的吗？选好了点“完成”。");
            }
            case WageIntakeStep.WorkerName:
            {
                if (NameParser.Parse(text) is not { } name)
                {
                    return question ? new(AnswerKind.Question) : AnswerResult.Invalid;
                }
                Record(s, now, WageIntakeStep.WorkerName, s.WorkerName, name.Value);
                s.WorkerName = name.Value;
                return AnswerResult.Ok(null);
            }
            case WageIntakeStep.Phone:
            {
                if (PhoneParser.Find(text) is not { } phone)
                {
                    return question && !PhoneParser.LooksLikeInvalidNumber(text) ? new(AnswerKind.Question) : AnswerResult.Invalid;
                }
                Record(s, now, WageIntakeStep.Phone, s.Phone, phone);
                s.Phone = phone;
                return AnswerResult.Ok(null);
            }
            case WageIntakeStep.Consent:
            {
                if (question)
                {
                    return new(AnswerKind.Question);
                }
                if (Declines().IsMatch(compact))
                {
                    return new(AnswerKind.Declined);
                }
                if (Agrees().IsMatch(compact))
                {
                    s.Consent = true;
                    s.ConsentAt = now;
                    return AnswerResult.Ok(null);
                }
                return AnswerResult.Invalid;
            }
            default:
                return AnswerResult.Invalid;
        }
    }

    private WageIntakeResult Advance(ConversationState state, WageIntakeState s, string? ack)
    {
        s.FailedAttempts = 0;
        s.Step = NextStep(s);
        if (s.Step == WageIntakeStep.Summary)
        {
            return Result(state, WageIntakeOutcome.Asking, SummaryReply(s, ack is null ? "请核对登记信息，没问题就点“确认提交”。" : $"{ack}\n请核对登记信息，没问题就点“确认提交”。"));
        }
        return Result(state, WageIntakeOutcome.Asking, AskPending(s, ack));
    }

    /// <summary>The first question still open, in the fixed order; Summary when all are answered.</summary>
    internal static WageIntakeStep NextStep(WageIntakeState s)
    {
        foreach (var step in Order)
        {
            if (!s.Skipped.Contains(step) && IsOpen(step, s))
            {
                return step;
            }
        }
        return WageIntakeStep.Summary;
    }

    private static bool IsOpen(WageIntakeStep step, WageIntakeState s) => step switch
    {
        WageIntakeStep.Employer => s.EmployerKind is null && s.EmployerName is null,
        WageIntakeStep.EmployerName => s.EmployerName is null,
        WageIntakeStep.Workplace => s.Workplace is null,
        WageIntakeStep.District => s.District is null,
        WageIntakeStep.Trade => s.Trade is null,
        WageIntakeStep.Construction => s.IsConstruction is null,
        WageIntakeStep.GeneralContractor => s.IsConstruction == true && s.GeneralContractor is null,
        WageIntakeStep.Amount => s.AmountYuan is null,
        WageIntakeStep.Period => s.PeriodFrom is null && s.PeriodMonths is null,
        WageIntakeStep.JobEnded => s.JobEnded is null,
        WageIntakeStep.JobEndDate => s.JobEnded == true && s.JobEndedOn is null,
        WageIntakeStep.WorkerCount => s.WorkerCount is null,
        WageIntakeStep.Evidence => !s.EvidenceDone,
        WageIntakeStep.WorkerName => s.WorkerName is null,
        WageIntakeStep.Phone => s.Phone is null,
        WageIntakeStep.Consent => s.Consent != true,
        _ => false,
    };

    /// <summary>Copies slots into empty fields only; returns what was filled, for the echo.</summary>
    private static List<string> Apply(WageIntakeState s, WageSlots slots, DateTimeOffset now)
    {
        var filled = new List<string>();
        if (slots.Employer is { } e && s.EmployerKind is null && s.EmployerName is null)
        {
            s.EmployerKind = e.Kind;
            s.EmployerName = e.Name;
            filled.Add($"欠薪方 {e.Display}");
        }
        if (slots.Workplace is { } w && s.Workplace is null)
        {
            s.Workplace = w;
            filled.Add($"地点 {w}");
        }
        if (slots.District is { } d && s.District is null)
        {
            s.District = d;
            if (s.Workplace is null || !s.Workplace.Contains(d, StringComparison.Ordinal))
            {
                filled.Add($"区县 {d}");
            }
        }
        if (slots.Trade is { } t && s.Trade is null)
        {
            s.Trade = t;
            filled.Add($"工种 {t}");
        }
        if (slots.IsConstruction is { } c && s.IsConstruction is null)
        {
            s.IsConstruction = c;
            filled.Add(c ? "建筑工程" : "非建筑工程");
        }
        if (slots.Amount is { } a && s.AmountYuan is null)
        {
            s.AmountYuan = a.Yuan;
            s.AmountApproximate = a.Approximate;
            filled.Add($"金额 {a.Display}");
        }
        if (slots.Period is { } p && s.PeriodFrom is null && s.PeriodMonths is null)
        {
            SetPeriod(s, p);
            filled.Add($"时间 {p.Display}");
        }
        if (slots.Job is { } j && s.JobEnded is null)
        {
            s.JobEnded = j.Ended;
            s.JobEndedOn = j.EndedOn;
            s.JobEndedOnApproximate = j.DateApproximate;
            filled.Add(JobDisplay(j));
        }
        if (slots.Workers is { } n && s.WorkerCount is null)
        {
            s.WorkerCount = n.Count;
            s.WorkerCountApproximate = n.Approximate;
            filled.Add($"人数 {n.Display}");
        }
        var newEvidence = slots.Evidence.Where(k => !s.Evidence.Contains(k)).ToList();
        if (newEvidence.Count > 0)
        {
            s.Evidence.AddRange(newEvidence);
            filled.Add($"证据 {EvidenceDisplay(newEvidence)}");
        }
        if (slots.Phone is { } phone && s.Phone is null)
        {
            s.Phone = phone;
            filled.Add($"电话 {PiiMask.Phone(phone)}");
        }
        s.EmployerAbsconded |= slots.EmployerAbsconded;
        s.UpdatedAt = now;
        return filled;
    }

    private static void SetPeriod(WageIntakeState s, WagePeriod p)
    {
        s.PeriodFrom = p.From;
        s.PeriodTo = p.To;
        s.PeriodMonths = p.Months;
        s.PeriodOngoing = p.Ongoing;
        s.PeriodApproximate = p.Approximate;
    }

    private static void Record(WageIntakeState s, DateTimeOffset now, WageIntakeStep field, string? oldValue, string? newValue)
    {
        if (oldValue is not null && oldValue != newValue)
        {
            s.History.Add(new WageFieldChange(now, field, oldValue, newValue));
        }
    }

    private async Task<WageIntakeResult> SubmitAsync(UserTurn turn, ConversationState state, WageIntakeState s, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        var draft = WageCase.FromIntake(s, turn.ConversationId, turn.ChannelId, now, today);
        var receipt = await store.SubmitAsync(draft, cancellationToken);
        Log.Submitted(logger, receipt.CaseNumber);
        state.WageIntake = null;
        state.ActiveSkill = null;

        var done = Say($"提交成功！你的登记编号是 {receipt.CaseNumber}，请记好。工作人员会打你的电话（{PiiMask.Phone(draft.Phone)}）联系你。") with
        {
            // Offer a person to follow up the case (the host shows a 转人工 button and files the case number with it).
            Value = new JsonObject
            {
                ["wageCase"] = receipt.CaseNumber,
                [Handoff.HandoffMarker.Key] = Handoff.HandoffMarker.Details(Handoff.HandoffReasons.WageCase, offer: true, caseNumber: receipt.CaseNumber),
            },
            Buttons = [ReplyButton.Link("投诉材料(可打印)", draft.SheetUrl)],
        };
        var replies = new List<BotReply> { done, RoutesReply(draft), EvidenceReply(draft) };
        if (draft.LiabilityNotes.Count > 0)
        {
            replies.Add(Say("这是工程项目，按《保障农民工工资支付条例》，这些单位要负责付钱：\n" + Numbered(draft.LiabilityNotes)));
        }
        return Result(state, WageIntakeOutcome.Submitted, receipt.CaseNumber, [.. replies]);
    }

    private WageIntakeResult Decline(ConversationState state, WageIntakeState s, UserTurn turn, DateTimeOffset now, DateOnly today)
    {
        // Advice only needs the facts; the draft is never stored and the answers are dropped.
        var advice = WageCase.FromIntake(s, turn.ConversationId, turn.ChannelId, now, today);
        advice.WorkerName = string.Empty;
        advice.Phone = string.Empty;
        state.WageIntake = null;
        state.ActiveSkill = null;
        Log.ConsentDeclined(logger);
        return Result(state, WageIntakeOutcome.Declined,
            Say("明白，我们不保存你的信息，刚才填的内容已经删除。你也可以自己去投诉，下面是可以走的途径和期限。"),
            RoutesReply(advice),
            EvidenceReply(advice));
    }

    private static BotReply RoutesReply(WageCase c)
    {
        var sb = new StringBuilder("可以走这些途径：\n");
        var i = 1;
        foreach (var route in c.Routes.Where(r => r.Open))
        {
            sb.Append(i++).Append(". ").Append(route.Name).Append("：").Append(route.WhenToUse).Append(route.HowToFile);
            if (route.Deadline is { } d)
            {
                sb.Append("请在").Append(DeadlineCalculator.Format(d)).Append("前办理。");
            }
            sb.Append('\n');
        }
        sb.Append("\n期限：").Append(c.ArbitrationDeadline?.Explanation).Append(c.InspectionDeadline?.Explanation);
        return Say(sb.ToString().TrimEnd(),
            new ReplyButton("打12333", "tel:12333", ButtonKind.Call),
            new ReplyButton("打12348", "tel:12348", ButtonKind.Call),
            new ReplyButton("打12351", "tel:12351", ButtonKind.Call));
    }

    private static BotReply EvidenceReply(WageCase c) =>
        Say("还可以准备这些证据：\n" + Numbered(c.EvidenceAdvice));

    private static string Numbered(IEnumerable<string> lines) =>
        string.Join('\n', lines.Select((l, i) => $"{i + 1}. {l}"));

    private static BotReply SummaryReply(WageIntakeState s, string lead)
    {
        var card = new ReplyCard(
            "欠薪登记信息",
            "请核对，有错可以点下面修改",
            string.Join('\n', SummaryLines(s)),
            [ReplyButton.Of(Submit), .. SummaryEdits.Select(e => ReplyButton.Of("修改" + e.Label)), ReplyButton.Of("取消")]);
        return new BotReply
        {
            Skill = SkillNames.WageDispute,
            Text = lead,
            Cards = [card],
            Buttons = [ReplyButton.Of(Submit), ReplyButton.Of("修改"), ReplyButton.Of("取消")],
            ExpectingInput = true,
        };
    }

    internal static IEnumerable<string> SummaryLines(WageIntakeState s)
    {
        yield return $"欠薪方：{s.Employer?.Display ?? "未填"}";
        yield return $"干活地点：{s.Workplace ?? "未填"}";
        if (s.District is not null)
        {
            yield return $"所在区县：{s.District}";
        }
        if (s.Trade is not null)
        {
            yield return $"工种：{s.Trade}";
        }
        yield return s.IsConstruction == true
            ? $"建筑工程：是{(s.GeneralContractor is { } gc ? $"（总包/项目：{gc}）" : string.Empty)}"
            : "建筑工程：否";
        yield return $"欠薪金额：{s.Amount?.Display ?? "未填"}";
        yield return $"欠薪时间：{s.Period?.Display ?? "未填"}";
        yield return $"现在情况：{(s.JobEnded is null ? "未填" : JobDisplay(new JobStatus(s.JobEnded.Value, s.JobEndedOn, s.JobEndedOnApproximate)))}";
        yield return $"被欠人数：{s.Workers?.Display ?? "未填"}";
        yield return $"证据：{(s.Evidence.Count == 0 ? "暂无" : EvidenceDisplay(s.Evidence))}";
        yield return $"姓名：{s.WorkerName ?? "未填"}";
        yield return $"电话：{s.Phone ?? "未填"}";
    }

    private static string JobDisplay(JobStatus j) => !j.Ended
        ? "还在干"
        : j.EndedOn is { } d ? $"已离职（{DeadlineCalculator.Format(d)}{(j.DateApproximate ? "左右" : string.Empty)}）" : "已离职";

    private static string JobDisplay(WageIntakeState s) =>
        JobDisplay(new JobStatus(s.JobEnded == true, s.JobEndedOn, s.JobEndedOnApproximate));

    private static string EvidenceDisplay(IEnumerable<EvidenceKind> kinds) => string.Join("、", kinds.Select(EvidenceParser.Label));

    private static string YesNo(bool? value) => value switch { true => "是", false => "否", _ => "未填" };

    private static bool? YesNoAnswer(string compact) =>
        YesWords().IsMatch(compact) ? true : NoWords().IsMatch(compact) ? false : null;

    private static string Ack(string value, IReadOnlyCollection<string>? more = null) =>
        more is { Count: > 0 } ? $"记下了：{value}；{string.Join("；", more)}。" : $"记下了：{value}。";

    private static BotReply AskPending(WageIntakeState s, string? lead = null)
    {
        if (s.Step == WageIntakeStep.Summary)
        {
            return SummaryReply(s, lead is null ? "请核对登记信息，没问题就点“确认提交”。" : lead + "\n请核对登记信息，没问题就点“确认提交”。");
        }
        var question = Question(s.Step, s);
        return Ask(lead is null ? question : $"{lead}\n{question}", [.. Buttons(s.Step, s)]);
    }

    private static bool TryEdit(string compact, out WageIntakeStep step, out string rest)
    {
        step = default;
        rest = string.Empty;
        var m = EditCommand().Match(compact);
        if (!m.Success)
        {
            m = EditInline().Match(compact);
        }
        if (!m.Success)
        {
            return false;
        }
        var field = m.Groups["f"].Value;
        var target = EditTargets.Where(t => field.StartsWith(t.Label, StringComparison.Ordinal))
            .OrderByDescending(t => t.Label.Length)
            .Select(t => (WageIntakeStep?)t.Step)
            .FirstOrDefault();
        if (target is null)
        {
            return false;
        }
        step = target.Value;
        rest = field[EditTargets.Where(t => field.StartsWith(t.Label, StringComparison.Ordinal)).Max(t => t.Label.Length)..];
        rest = EditJoiner().Replace(rest, string.Empty) + m.Groups["rest"].Value;
        return true;
    }

    private static BotReply Say(string text, params ReplyButton[] buttons) => BotReply.Say(SkillNames.WageDispute, text, buttons);

    private static BotReply Ask(string text, params ReplyButton[] buttons) => BotReply.Ask(SkillNames.WageDispute, text, buttons);

    private WageIntakeResult Result(ConversationState state, WageIntakeOutcome outcome, params BotReply?[] replies) =>
        Result(state, outcome, null, replies);

    private WageIntakeResult Result(ConversationState state, WageIntakeOutcome outcome, string? caseNumber, params BotReply?[] replies)
    {
        state.LastSkill = SkillNames.WageDispute;
        state.UpdatedAt = timeProvider.GetUtcNow();
        return new WageIntakeResult([.. replies.OfType<BotReply>()], outcome, caseNumber);
    }

    [GeneratedRegex(@"^(取消|算了|不登记了|不想登记了|不登了|不弄了|不填了|不想填了|退出|退出登记|取消登记|不用了)(吧|了)?$")]
    private static partial Regex Cancels();

    [GeneratedRegex(@"^(确定取消|确定|确认取消|是的?|对|嗯|取消|取消吧|算了|不登记了)$")]
    private static partial Regex ConfirmsCancel();

    [GeneratedRegex(@"^(继续登记|继续|接着登记|接着填|继续填|不取消)$")]
    private static partial Regex KeepsGoing();

    [GeneratedRegex(@"^(跳过|不知道|不清楚|记不清了?|不记得了?|忘了|不想说|略过|下一个|下一步)$")]
    private static partial Regex Skips();

    [GeneratedRegex(@"^(确认提交|确认|提交|没问题|对的|正确|确定|确定提交|好的?|可以|没错)$")]
    private static partial Regex Confirms();

    [GeneratedRegex(@"^(同意|我同意|可以|好的?|行|愿意|没问题|嗯|确认|ok|OK|是)$")]
    private static partial Regex Agrees();

    [GeneratedRegex(@"^(不同意|不愿意|不行|不要|拒绝|不可以|不|否|不想|算了)")]
    private static partial Regex Declines();

    [GeneratedRegex(@"^(是|是的|对|嗯|在|还在)$")]
    private static partial Regex YesWords();

    [GeneratedRegex(@"^(不是|不在|没有|不|否|没在)$")]
    private static partial Regex NoWords();

    [GeneratedRegex(@"^(我要|我想)?(修改|更改|改一下|改|更正|重填)(?<f>.+?)(?<rest>)$")]
    private static partial Regex EditCommand();

    [GeneratedRegex(@"^(?<f>[\u4E00-\u9FFF]{1,4}?(改成|改为|应该是|应为))(?<rest>.+)$")]
    private static partial Regex EditInline();

    [GeneratedRegex(@"^(改成|改为|应该是|应为|是|为|:)")]
    private static partial Regex EditJoiner();
}
