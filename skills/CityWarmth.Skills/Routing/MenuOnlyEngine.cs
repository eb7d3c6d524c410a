using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Help;

namespace CityWarmth.Skills.Routing;

/// <summary>
/// The smallest engine that keeps the bot useful before the skills are wired in: it greets and shows the menu.
/// </summary>
public sealed class MenuOnlyEngine(HelpSkill help) : IConversationEngine
{
    public Task<IReadOnlyList<BotReply>> OnMessageAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        state.LastSkill = SkillNames.Help;
        return Task.FromResult<IReadOnlyList<BotReply>>([help.Menu()]);
    }

    public Task<IReadOnlyList<BotReply>> OnWorkerJoinedAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BotReply>>([help.Welcome()]);
}
