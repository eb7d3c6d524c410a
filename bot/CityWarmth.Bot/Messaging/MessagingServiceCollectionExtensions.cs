using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using CityWarmth.BotFramework.Connector;

namespace CityWarmth.Bot.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>The turn pipeline: runner, locks, connector client with retries and timeouts.</summary>
    public static IServiceCollection AddBotMessaging(this IServiceCollection services)
    {
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TurnRunner>();
        services.AddSingleton<CallerTrust>();
        services.AddSingleton<ListeningBaseUrl>();
        services.AddHttpClient<ConnectorClient>()
            .AddStandardResilienceHandler()
            .Configure((options, services) =>
            {
                // A channel waits ~15 s for the bot; replies must give up before that.
                var bot = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BotOptions>>().Value;
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(bot.ConnectorAttemptTimeoutSeconds);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(Math.Max(bot.ConnectorTotalTimeoutSeconds, bot.ConnectorAttemptTimeoutSeconds + 1));
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
                options.Retry.MaxRetryAttempts = 3;
                options.Retry.Delay = TimeSpan.FromMilliseconds(300);
            });
        return services;
    }
}
