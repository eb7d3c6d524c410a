using CityWarmth.Skills.Conversation;

namespace CityWarmth.Skills.Routing;

/// <summary>
/// A skill the router can hand a message to. <see cref="UserTurn.Text"/> is what the skill should act on:
/// the worker's words in simplified script, or, for a short follow-up such as "那住房呢?", the follow-up read
/// together with the previous question.
/// </summary>
public interface ISkillHandler
{
    /// <summary>The skill's name (<see cref="SkillNames"/>), stamped on its replies.</summary>
    string Name { get; }

    Task<IReadOnlyList<BotReply>> HandleAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken);
}

/// <summary>
/// A skill that holds the conversation across turns (the wage intake): while it is active, the router offers it
/// each message first, unless the message is clearly meant for another skill.
/// </summary>
public interface IConversationalSkill : ISkillHandler
{
    /// <summary>True while the skill waits for an answer from the worker.</summary>
    bool IsActive(ConversationState state);

    /// <summary>
    /// True when the message reads as a reply to the question the skill is asking, whether or not the skill can use it:
    /// an answer ("钢筋工" when it asks for the trade, "是，建筑工地" when it asks for the workplace), an attempt at one
    /// (which the skill asks again for, with examples), or one of its own commands. False for a question or a request
    /// for something else. The skill then gets the message even when, read alone, it is clearly meant for another
    /// skill (a trade alone reads as a job search, a place as a policy topic); a clear request for a person still
    /// goes to a person.
    /// </summary>
    bool ExpectsAsAnswer(UserTurn turn, ConversationState state);

    /// <summary>Offers the message to the open conversation; the skill may decline it as not meant for it.</summary>
    Task<SkillContinuation> ContinueAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken);

    /// <summary>Asks the pending question again, after another skill answered an interruption.</summary>
    Task<IReadOnlyList<BotReply>> ResumeAsync(ConversationState state, CancellationToken cancellationToken);

    /// <summary>
    /// Leaves the conversation at the worker's request ("取消", "算了"). The skill is offered such a message first
    /// (it may ask to confirm); the router calls this only when the skill declines it.
    /// </summary>
    void Cancel(ConversationState state);
}

/// <summary>The outcome of offering a message to an open conversation.</summary>
public sealed record SkillContinuation(bool Consumed, IReadOnlyList<BotReply> Replies)
{
    public static SkillContinuation Took(IReadOnlyList<BotReply> replies) => new(true, replies);

    /// <summary>The message is not an answer to the pending question (an interruption).</summary>
    public static SkillContinuation NotForMe { get; } = new(false, []);
}

/// <summary>
/// A skill that understands short follow-ups to its own previous answer ("要东湖区的", "还有吗" after a job search).
/// When it answered the previous turn, the router asks it first whether the new message continues that answer.
/// </summary>
public interface IFollowUpSkill : ISkillHandler
{
    Task<bool> TakesFollowUpAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken);
}

/// <summary>
/// A skill that can tell whether a message gives it anything of its own to act on. The job search understands
/// trades, districts and pay; "政府能帮忙介绍工作吗" names none of them, so the router may let the knowledge base
/// answer it instead.
/// </summary>
public interface IScopedSkill : ISkillHandler
{
    Task<bool> UnderstandsAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken);
}

/// <summary>A skill that can say, before answering, how confidently it would answer a message (0..1).</summary>
public interface IConfidentSkill : ISkillHandler
{
    /// <summary>At or above this confidence the skill answers outright rather than asking back.</summary>
    double AnswerThreshold { get; }

    /// <summary>At or above this confidence the skill has likely answers to offer, even if it would ask which one.</summary>
    double SuggestThreshold { get; }

    double Confidence(UserTurn turn);

    /// <summary>Likely answers to choose from (buttons, with their sources), or null when there are none.</summary>
    BotReply? Suggest(UserTurn turn);
}
