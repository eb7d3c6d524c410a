using CityWarmth.Bot.Messaging;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Help;
using CityWarmth.Skills.Policy;
using CityWarmth.Skills.Routing;

namespace CityWarmth.Bot.Conversations;

public static class ConversationsServiceCollectionExtensions
{
    /// <summary>The bot's turn handler and the skills behind it.</summary>
    public static IServiceCollection AddBotConversations(this IServiceCollection services)
    {
        services.AddSingleton<HelpSkill>();
        services.AddSingleton<PolicyLookupSkill>();
        services.AddSingleton<IConversationEngine, MenuOnlyEngine>();
        services.AddSingleton<ITurnHandler, BotTurnHandler>();
        return services;
    }
}
