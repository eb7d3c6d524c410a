using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Help;
using CityWarmth.Skills.Policy;

namespace CityWarmth.Skills.Routing;

/// <summary>
/// The smallest engine that keeps the bot useful before the router is wired in: greetings get the menu,
/// everything else is treated as a policy question.
/// </summary>
public sealed class MenuOnlyEngine(HelpSkill help, PolicyLookupSkill policy) : IConversationEngine
{
    private static readonly string[] Greetings = ["你好", "您好", "hi", "hello", "在吗", "菜单", "帮助"];

    public async Task<IReadOnlyList<BotReply>> OnMessageAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        var text = turn.Text.Trim().TrimEnd('!', '！', '?', '？', '。');
        if (text.Length == 0 || Greetings.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            state.LastSkill = SkillNames.Help;
            return [help.Menu()];
        }
        state.LastSkill = SkillNames.Policy;
        return await policy.AnswerAsync(turn, state, cancellationToken);
    }

    public Task<IReadOnlyList<BotReply>> OnWorkerJoinedAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BotReply>>([help.Welcome()]);
}
