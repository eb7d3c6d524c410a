using System.Runtime.CompilerServices;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Handoff;
using CityWarmth.Skills.Help;
using CityWarmth.Skills.Routing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityWarmth.Skills.Tests.Routing;

/// <summary>A router over the shipped classifier with recording skills and a fake two-question intake.</summary>
internal sealed class RouterHarness
{
    public RouterHarness(IntentClassifier? classifier = null)
    {
        Router = new SkillRouter(classifier ?? TestClassifier.Shared, [Policy, Jobs, Intake], new HelpSkill(),
            new HandoffSkill(), NullLogger<SkillRouter>.Instance);
    }

    public RecordingSkill Policy { get; } = new(SkillNames.Policy);
    public RecordingSkill Jobs { get; } = new(SkillNames.JobSearch);
    public FakeIntake Intake { get; } = new();
    public SkillRouter Router { get; }
    public ConversationState State { get; } = new();

    public async Task<IReadOnlyList<BotReply>> SayAsync(string text) =>
        await Router.OnMessageAsync(Turn(text), State, CancellationToken.None);

    public static UserTurn Turn(string text) => new(text, null, "test", "c1", "u1", "zh-CN", DateTimeOffset.UtcNow);
}

/// <summary>A skill that answers with a fixed line and remembers what it was given.</summary>
internal sealed class RecordingSkill(string name) : ISkillHandler
{
    public List<string> Texts { get; } = [];

    public string Name => name;

    public Task<IReadOnlyList<BotReply>> HandleAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        Texts.Add(turn.Text);
        return Task.FromResult<IReadOnlyList<BotReply>>([BotReply.Say(name, $"{name}的回答")]);
    }
}

/// <summary>
/// An intake asking two questions (employer, amount). Like the real one, it declines messages that are questions
/// rather than answers, and it keeps its progress per conversation state.
/// </summary>
internal sealed class FakeIntake : IConversationalSkill
{
    public static readonly string[] Questions = ["老板或包工头叫什么名字？", "一共欠您多少钱？"];

    private readonly ConditionalWeakTable<ConversationState, List<string>> _answers = new();

    public string Name => SkillNames.WageDispute;

    public List<string> Offered { get; } = [];

    public bool Cancelled { get; private set; }

    public IReadOnlyList<string> Answers(ConversationState state) => _answers.TryGetValue(state, out var a) ? a : [];

    public bool IsActive(ConversationState state) => _answers.TryGetValue(state, out var a) && a.Count < Questions.Length;

    public bool ExpectsAsAnswer(UserTurn turn, ConversationState state) => false;

    public Task<IReadOnlyList<BotReply>> HandleAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        _answers.AddOrUpdate(state, []);
        return ResumeAsync(state, cancellationToken);
    }

    private static readonly string[] CancelWords = ["算了", "取消", "不弄了", "不登記了", "不登记了"];

    public Task<SkillContinuation> ContinueAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        Offered.Add(turn.Text);
        // Like an intake that leaves cancelling to the router: it declines "取消" instead of taking it as an answer.
        if (turn.Text.IndexOfAny(['?', '？', '吗', '呢']) >= 0 || CancelWords.Any(turn.Text.Contains))
        {
            return Task.FromResult(SkillContinuation.NotForMe);
        }
        var answers = _answers.GetOrCreateValue(state);
        answers.Add(turn.Text);
        IReadOnlyList<BotReply> replies = answers.Count < Questions.Length
            ? [BotReply.Ask(Name, Questions[answers.Count])]
            : [BotReply.Say(Name, "登记好了。")];
        return Task.FromResult(SkillContinuation.Took(replies));
    }

    public Task<IReadOnlyList<BotReply>> ResumeAsync(ConversationState state, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BotReply>>([BotReply.Ask(Name, Questions[_answers.GetOrCreateValue(state).Count])]);

    public void Cancel(ConversationState state)
    {
        Cancelled = true;
        _answers.Remove(state);
    }
}
