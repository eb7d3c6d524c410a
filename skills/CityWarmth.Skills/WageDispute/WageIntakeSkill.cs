using CityWarmth.Skills.Conversation;
using Microsoft.Extensions.Logging;
using static CityWarmth.Skills.WageDispute.WageIntakePrompts;
using static CityWarmth.Skills.WageDispute.WageIntakeReplies;

namespace CityWarmth.Skills.WageDispute;

/// <summary>How a turn of the intake ended.</summary>
public enum WageIntakeOutcome
{
    /// <summary>The message was used; a question is pending.</summary>
    Asking,

    /// <summary>
    /// The message is a question or request for another skill and was not used. The caller answers it, then calls
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
/// The wage-arrears intake (欠薪求助登记), kept in <see cref="ConversationState.WageIntake"/>. It walks the questions of
/// <see cref="WageIntakeSteps"/> one at a time: reads each answer, asks again with examples when it cannot use one,
/// lets the worker skip optional questions, change answers and cancel, and on confirmation stores a
/// <see cref="WageCase"/>. It reads either script and replies in simplified; the router converts replies for a worker
/// who writes traditional.
/// </summary>
public sealed class WageIntakeSkill(
    IWageCaseStore store,
    TimeProvider timeProvider,
    ILogger<WageIntakeSkill> logger)
{
    /// <summary>True while an intake is open in this conversation (also across restarts).</summary>
    public static bool IsActive(ConversationState state) => state.WageIntake is not null;

    /// <summary>
    /// True when the message reads as a reply to the pending question, whether or not it can be used: an answer
    /// ("是，建筑工地", "钢筋工"), an attempt at one, or a command to the intake ("修改金额"). False for a question or a
    /// request for something else ("帮我找个电工的活", "转人工"). A reply belongs to the intake even when, read alone,
    /// it names a topic the knowledge base knows or a trade the job search knows; one it cannot use is asked again.
    /// </summary>
    public static bool ExpectsAsAnswer(string text, ConversationState state)
    {
        if (state.WageIntake is null)
        {
            return false;
        }
        var answer = new IntakeAnswer(text, DateTimeOffset.UnixEpoch);
        return !answer.AsksForSomethingElse || IntakeCommands.Recognises(answer);
    }

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
        state.ActiveSkill = SkillNames.WageDispute;
        var slots = WageSlotExtractor.Extract(turn.Text, WageCaseNumber.ChinaDate(now)).Or(extracted);

        if (state.WageIntake is { } open)
        {
            var added = WageIntakeSteps.Fill(open, slots);
            open.Step = WageIntakeSteps.NextStep(open);
            open.UpdatedAt = now;
            var lead = added.Count > 0 ? $"你还有一份没填完的登记，我们接着填。新记下：{string.Join("；", added)}。" : "你还有一份没填完的登记，我们接着填。";
            return Task.FromResult(Result(state, WageIntakeOutcome.Asking, Say(lead), AskPending(open)));
        }

        var s = new WageIntakeState { StartedAt = now, UpdatedAt = now };
        var filled = WageIntakeSteps.Fill(s, slots);
        s.Step = WageIntakeSteps.NextStep(s);
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

        var answer = new IntakeAnswer(turn.Text, timeProvider.GetUtcNow());
        state.ActiveSkill = SkillNames.WageDispute;
        s.UpdatedAt = answer.Now;

        if (s.AwaitingCancelConfirm)
        {
            s.AwaitingCancelConfirm = false;
            if (IntakeCommands.ConfirmsCancel(answer))
            {
                Log.Cancelled(logger, s.Step);
                state.WageIntake = null;
                state.ActiveSkill = null;
                return Result(state, WageIntakeOutcome.Cancelled, Say("已取消，刚才填的内容已经删除。以后需要时说“欠薪登记”就能重新开始。"));
            }
            if (IntakeCommands.KeepsGoing(answer) || IntakeCommands.Declines(answer))
            {
                return Result(state, WageIntakeOutcome.Asking, AskPending(s, "好的，我们继续。"));
            }
        }

        if (IntakeCommands.Cancels(answer))
        {
            s.AwaitingCancelConfirm = true;
            return Result(state, WageIntakeOutcome.Asking,
                Ask("确定不登记了吗？已经填的内容会被删除。", ReplyButton.Of(ConfirmCancel), ReplyButton.Of(KeepGoing)));
        }
        if (IntakeCommands.KeepsGoing(answer))
        {
            return Result(state, WageIntakeOutcome.Asking, AskPending(s, "好的，我们继续。"));
        }
        if (IntakeCommands.TryEdit(answer, out var target, out var rest))
        {
            s.Skipped.Remove(target.Id);
            s.FailedAttempts = 0;
            s.Step = target.Id;
            if (rest.Length == 0)
            {
                return Result(state, WageIntakeOutcome.Asking, AskPending(s, "好的，请重新回答："));
            }
            answer = new IntakeAnswer(rest, answer.Now);
        }
        else if (IntakeCommands.AsksWhatToEdit(answer))
        {
            return Result(state, WageIntakeOutcome.Asking, EditMenu());
        }

        if (s.Step == WageIntakeStep.Summary)
        {
            if (IntakeCommands.Confirms(answer))
            {
                // Never filed with an answer missing (the consent above all): that question comes first.
                s.Step = WageIntakeSteps.NextStep(s);
                return s.Step == WageIntakeStep.Summary
                    ? await SubmitAsync(turn, state, s, answer, cancellationToken)
                    : Result(state, WageIntakeOutcome.Asking, AskPending(s));
            }
            return answer.IsQuestion ? HandBack(s) : Result(state, WageIntakeOutcome.Asking, AskAgain(s));
        }

        var step = WageIntakeSteps.For(s.Step);
        if (IntakeCommands.Skips(answer))
        {
            return Skip(state, s, step);
        }

        var outcome = step.Take(answer, s);
        switch (outcome.Kind)
        {
            case StepOutcomeKind.Accepted:
                return Advance(state, s, outcome.Reply);
            case StepOutcomeKind.Stay:
                return Result(state, WageIntakeOutcome.Asking, Ask(outcome.Reply!, [.. step.Buttons(s)]));
            case StepOutcomeKind.Declined:
                return Decline(state, s, turn, answer);
            case StepOutcomeKind.NotForTheIntake:
                return HandBack(s);
            default:
                s.FailedAttempts++;
                Log.AnswerRejected(logger, s.Step, s.FailedAttempts);
                return Result(state, WageIntakeOutcome.Asking, AskAgain(s));
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

    private WageIntakeResult Skip(ConversationState state, WageIntakeState s, IntakeStep step)
    {
        if (!step.Optional)
        {
            // A miss like any other: after two, the question offers a person.
            s.FailedAttempts++;
            return Result(state, WageIntakeOutcome.Asking, AskPending(s, "这一项需要填，说个大概也可以。"));
        }
        if (step.Id == WageIntakeStep.Evidence)
        {
            s.EvidenceDone = true;
        }
        else if (!s.Skipped.Contains(step.Id))
        {
            s.Skipped.Add(step.Id);
        }
        return Advance(state, s, null);
    }

    private WageIntakeResult HandBack(WageIntakeState s)
    {
        Log.Interrupted(logger, s.Step);
        return new WageIntakeResult([], WageIntakeOutcome.Interrupted);
    }

    private WageIntakeResult Advance(ConversationState state, WageIntakeState s, string? ack)
    {
        s.FailedAttempts = 0;
        s.Step = WageIntakeSteps.NextStep(s);
        return Result(state, WageIntakeOutcome.Asking, AskPending(s, ack));
    }

    private async Task<WageIntakeResult> SubmitAsync(UserTurn turn, ConversationState state, WageIntakeState s, IntakeAnswer answer, CancellationToken cancellationToken)
    {
        var draft = WageCase.FromIntake(s, turn.ConversationId, turn.ChannelId, answer.Now, answer.Today);
        var receipt = await store.SubmitAsync(draft, cancellationToken);
        Log.Submitted(logger, receipt.CaseNumber);
        state.WageIntake = null;
        state.ActiveSkill = null;
        return Result(state, WageIntakeOutcome.Submitted, receipt.CaseNumber, [.. Submitted(draft)]);
    }

    private WageIntakeResult Decline(ConversationState state, WageIntakeState s, UserTurn turn, IntakeAnswer answer)
    {
        // Advice only needs the facts; the draft is never stored and the answers are dropped.
        var advice = WageCase.FromIntake(s, turn.ConversationId, turn.ChannelId, answer.Now, answer.Today) with
        {
            WorkerName = string.Empty,
            Phone = string.Empty,
        };
        state.WageIntake = null;
        state.ActiveSkill = null;
        Log.ConsentDeclined(logger);
        return Result(state, WageIntakeOutcome.Declined, [.. Declined(advice)]);
    }

    private WageIntakeResult Result(ConversationState state, WageIntakeOutcome outcome, params BotReply[] replies) =>
        Result(state, outcome, null, replies);

    private WageIntakeResult Result(ConversationState state, WageIntakeOutcome outcome, string? caseNumber, params BotReply[] replies)
    {
        state.LastSkill = SkillNames.WageDispute;
        state.UpdatedAt = timeProvider.GetUtcNow();
        return new WageIntakeResult(replies, outcome, caseNumber);
    }
}
