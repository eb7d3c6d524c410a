using CityWarmth.Bot.Messaging;
using CityWarmth.Skills;

namespace CityWarmth.Bot.Conversations;

public static class ConversationsServiceCollectionExtensions
{
    /// <summary>The bot's turn handler and the skills behind it.</summary>
    public static IServiceCollection AddBotConversations(this IServiceCollection services)
    {
        services.AddSkills();
        services.AddWorkerSkills();
        services.AddSingleton<ITurnHandler, BotTurnHandler>();
        return services;
    }
}
