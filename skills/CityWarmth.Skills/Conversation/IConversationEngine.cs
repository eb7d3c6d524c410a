namespace CityWarmth.Skills.Conversation;

/// <summary>
/// The skills' entry point for the bot host: takes one worker message with the conversation's state
/// (mutated in place) and returns the replies. Implementations never throw for bad user input.
/// </summary>
public interface IConversationEngine
{
    Task<IReadOnlyList<BotReply>> OnMessageAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken);

    /// <summary>The welcome shown when a worker joins a conversation.</summary>
    Task<IReadOnlyList<BotReply>> OnWorkerJoinedAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken);
}
