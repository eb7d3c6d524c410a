using CityWarmth.Skills.Conversation;

namespace CityWarmth.Skills.WageDispute;

/// <summary>One worker message as the intake reads it for the pending question.</summary>
internal sealed class IntakeAnswer
{
    public IntakeAnswer(string? message, DateTimeOffset now)
    {
        Text = WageText.Normalize(message);
        Compact = WageText.Compact(Text);
        Plain = WageText.WithoutFillers(Text);
        PlainCompact = WageText.Compact(Plain);
        IsQuestion = WageText.LooksLikeQuestion(Text);
        AsksForSomethingElse = IsQuestion || WageText.AsksForSomethingElse(Text);
        Now = now;
        Today = WageCaseNumber.ChinaDate(now);
    }

    /// <summary>The message normalised (simplified script, half-width), as every wage parser reads it.</summary>
    public string Text { get; }

    /// <summary>The message without spaces and punctuation.</summary>
    public string Compact { get; }

    /// <summary>
    /// The message without the words a worker puts before and after an answer: "是，建筑工地" and "嗯 就是建筑工地啊" read
    /// "建筑工地". Read structured answers in <see cref="Text"/> first ("是" is an answer too), see <see cref="Read"/>.
    /// </summary>
    public string Plain { get; }

    /// <summary><see cref="Plain"/> without spaces and punctuation.</summary>
    public string PlainCompact { get; }

    /// <summary>It reads like a question ("要交钱吗？").</summary>
    public bool IsQuestion { get; }

    /// <summary>It reads like a question, or a request or greeting meant for someone else ("转人工", "帮我找个活").</summary>
    public bool AsksForSomethingElse { get; }

    public DateTimeOffset Now { get; }
    public DateOnly Today { get; }

    /// <summary>What <paramref name="parse"/> reads in the message, or else in the message without its fillers.</summary>
    public T? Read<T>(Func<string, T?> parse) where T : class =>
        parse(Text) ?? (Plain != Text ? parse(Plain) : null);
}

/// <summary>What a step made of a message.</summary>
internal enum StepOutcomeKind
{
    /// <summary>The answer was stored; the intake moves on (with <see cref="StepOutcome.Reply"/> as acknowledgement).</summary>
    Accepted,

    /// <summary>The answer was stored but the step stays open; <see cref="StepOutcome.Reply"/> asks for more.</summary>
    Stay,

    /// <summary>Not an answer the step can use; the question is asked again with examples.</summary>
    Invalid,

    /// <summary>Not an answer but a question or request for someone else; handed back to the router.</summary>
    NotForTheIntake,

    /// <summary>The worker declined to give their consent.</summary>
    Declined,
}

internal readonly record struct StepOutcome(StepOutcomeKind Kind, string? Reply = null)
{
    public static StepOutcome Accepted(string? reply = null) => new(StepOutcomeKind.Accepted, reply);
    public static StepOutcome Stay(string reply) => new(StepOutcomeKind.Stay, reply);
    public static StepOutcome Invalid { get; } = new(StepOutcomeKind.Invalid);
    public static StepOutcome NotForTheIntake { get; } = new(StepOutcomeKind.NotForTheIntake);
    public static StepOutcome Declined { get; } = new(StepOutcomeKind.Declined);
}

/// <summary>
/// One question of the intake and the fact it fills: how it is asked, read, stored and shown. The steps are listed in
/// <see cref="WageIntakeSteps"/>; the intake (<see cref="WageIntakeSkill"/>) only walks that list.
/// </summary>
internal abstract record IntakeStep
{
    public required WageIntakeStep Id { get; init; }

    /// <summary>The short name of the fact: echoed when a longer message fills it ("金额 12000元"), on the summary's edit buttons.</summary>
    public required string Name { get; init; }

    /// <summary>The label of the fact's line on the summary card; null when another step's line shows it.</summary>
    public string? Label { get; init; }

    /// <summary>What the summary shows while the fact is not given; null hides the line.</summary>
    public string? Unset { get; init; } = "未填";

    /// <summary>The question, in short plain simplified Chinese.</summary>
    public required Func<WageIntakeState, string> Question { get; init; }

    /// <summary>What to say when an answer cannot be used: kind, with an example.</summary>
    public required string Retry { get; init; }

    public Func<WageIntakeState, IReadOnlyList<ReplyButton>> Buttons { get; init; } = static _ => [];

    /// <summary>True while the question still needs an answer.</summary>
    public required Func<WageIntakeState, bool> IsOpen { get; init; }

    /// <summary>The worker may skip it ("跳过").</summary>
    public bool Optional { get; init; }

    /// <summary>
    /// Any short text is an answer (names, places). A message that reads like a question or a request for someone
    /// else is then never taken as the answer, since it would always fit; other steps first try to read it.
    /// </summary>
    public bool FreeText { get; init; }

    /// <summary>Like <see cref="FreeText"/>, a question or request is never read as the answer (consent: "不想公开可以吗？").</summary>
    public bool QuestionsFirst { get; init; }

    /// <summary>
    /// A message the step cannot use that is still an attempt at its answer, even if it reads like a question (a
    /// mistyped phone number): asked again, never handed back to the router.
    /// </summary>
    public Func<IntakeAnswer, bool>? IsAttempt { get; init; }

    /// <summary>Words after "修改" that reopen this question ("修改金额"); they include <see cref="Name"/> when the summary offers it.</summary>
    public IReadOnlyList<string> EditWords { get; init; } = [];

    /// <summary>The summary card offers "修改{Name}" for it.</summary>
    public bool OnSummaryCard { get; init; }

    /// <summary>How the fact is shown (summary, acknowledgements, change history); null when not given.</summary>
    public required Func<WageFacts, string?> Display { get; init; }

    /// <summary>Reads an answer to this question and stores it.</summary>
    public abstract StepOutcome Take(IntakeAnswer answer, WageIntakeState state);

    /// <summary>Fills the fact from what a longer message said (the first one); returns the echo, or null.</summary>
    public abstract string? Fill(WageIntakeState state, WageSlots slots);
}

/// <summary>A step whose answer parses to a <typeparamref name="T"/>.</summary>
internal sealed record IntakeStep<T> : IntakeStep where T : class
{
    /// <summary>Reads the answer; null when it cannot be used.</summary>
    public required Func<IntakeAnswer, WageIntakeState, T?> Parse { get; init; }

    /// <summary>Stores a parsed answer in the facts.</summary>
    public required Action<WageIntakeState, T> Apply { get; init; }

    /// <summary>The outcome once stored; by default accepted, acknowledged with <see cref="IntakeStep.Display"/>.</summary>
    public Func<WageIntakeState, T, StepOutcome>? Outcome { get; init; }

    /// <summary>Acknowledge the answer ("记下了：…") before the next question.</summary>
    public bool Acknowledge { get; init; } = true;

    /// <summary>Other facts the same answer may give ("东湖区某某工地" names the district too), without this step's own.</summary>
    public Func<WageSlots, T, WageSlots>? AlsoFills { get; init; }

    /// <summary>This step's fact in what a longer message said, if any.</summary>
    public Func<WageSlots, WageIntakeState, T?>? FromSlots { get; init; }

    /// <summary>How a fact found in a longer message is echoed; by default "{Name} {Display}".</summary>
    public Func<WageIntakeState, T, string?>? Echo { get; init; }

    public override StepOutcome Take(IntakeAnswer answer, WageIntakeState state)
    {
        if ((FreeText || QuestionsFirst) && answer.AsksForSomethingElse)
        {
            return StepOutcome.NotForTheIntake;
        }
        if (Parse(answer, state) is not { } value)
        {
            return answer.AsksForSomethingElse && IsAttempt?.Invoke(answer) != true ? StepOutcome.NotForTheIntake : StepOutcome.Invalid;
        }

        var before = Display(state);
        Apply(state, value);
        var after = Display(state);
        if (before is not null && before != after)
        {
            state.History = [.. state.History, new WageFieldChange(answer.Now, Id, before, after)];
        }
        if (Outcome is not null)
        {
            return Outcome(state, value);
        }
        var more = AlsoFills is null ? [] : WageIntakeSteps.Fill(state, AlsoFills(WageSlotExtractor.Extract(answer.Text, answer.Today), value));
        return StepOutcome.Accepted(Acknowledge ? WageIntakeReplies.Ack(after ?? string.Empty, more) : null);
    }

    public override string? Fill(WageIntakeState state, WageSlots slots)
    {
        if (!IsOpen(state) || FromSlots?.Invoke(slots, state) is not { } value)
        {
            return null;
        }
        Apply(state, value);
        return Echo is null ? $"{Name} {Display(state)}" : Echo(state, value);
    }
}
