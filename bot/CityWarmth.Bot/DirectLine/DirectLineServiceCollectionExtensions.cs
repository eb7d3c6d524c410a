using CityWarmth.Bot.Handoff;
using CityWarmth.BotFramework.Schema;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.DirectLine;

public static class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// The embedded Direct Line channel: options, tokens, its store in the bot's database, streams over WebSocket, and
    /// CORS for other sites.
    /// </summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services)
    {
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineStore>();
        services.AddSingleton<DirectLineChannel>();
        // Caseworkers' replies and case notices reach its conversations in-process (both ids its clients use).
        foreach (var channelId in new[] { Channels.DirectLine, Channels.WebChat })
        {
            services.AddSingleton<IChannelWorkerDelivery>(sp => new DirectLineWorkerDelivery(
                channelId, sp.GetRequiredService<DirectLineStore>(), sp.GetRequiredService<DirectLineChannel>(), sp,
                sp.GetRequiredService<ILogger<DirectLineWorkerDelivery>>()));
        }
        // In-process notices reach the streams of this instance; a notifier shared between instances replaces it here.
        services.AddSingleton<IDirectLineActivityNotifier, ClusterDirectLineActivityNotifier>();
        services.AddSingleton<DirectLineStreams>();
        // The server pings every stream after a heartbeat's silence and drops one that does not answer within as long again.
        services.AddOptions<WebSocketOptions>().Configure<IOptions<DirectLineOptions>>((sockets, directLine) =>
        {
            sockets.KeepAliveInterval = directLine.Value.StreamHeartbeat;
            sockets.KeepAliveTimeout = directLine.Value.StreamHeartbeat;
        });

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) =>
            cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy => policy
                .WithOrigins(directLine.Value.AllowedOrigins)
                // What DirectLineJS sends (its ajax layer adds X-Requested-With); bearer headers, never cookies, so credentials stay off.
                .WithHeaders("Authorization", "Content-Type", "Accept", "x-ms-bot-agent", "X-Requested-With")
                .WithMethods("GET", "POST", "OPTIONS")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }
}
