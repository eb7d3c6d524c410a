using CityWarmth.Bot.Handoff;
using CityWarmth.BotFramework.Schema;
using CityWarmth.WeChat;

namespace CityWarmth.Bot.WeChat;

/// <summary>Sends messages to a worker through WeChat's customer-service API, in order, stopping at the first refused.</summary>
public sealed partial class WeChatMessenger(IServiceProvider services, ILogger<WeChatMessenger> logger)
{
    public async Task<bool> SendAsync(string openId, IReadOnlyList<WeChatOutbound> messages, CancellationToken cancellationToken)
    {
        // The typed client is transient (its handler rotates); take a fresh one per batch.
        var client = services.GetRequiredService<WeChatApiClient>();
        foreach (var message in messages)
        {
            var result = await client.SendCustomMessageAsync(openId, message, cancellationToken);
            if (!result.Succeeded)
            {
                // 45015 (48 hours passed), 45047 (quota used), 43004 (unfollowed): the rest would fail the same way.
                Log.NotDelivered(logger, result.ErrCode, result.ErrMsg);
                return false;
            }
        }
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2661, Level = LogLevel.Warning, Message = "A WeChat message could not be delivered: errcode {ErrCode} {ErrMsg}")]
        public static partial void NotDelivered(ILogger logger, int errCode, string? errMsg);
    }
}

/// <summary>
/// Messages to a WeChat worker outside a turn (a caseworker's reply, the close message, any proactive notice) go out
/// through the customer-service API, rendered as in a turn.
/// </summary>
public sealed class WeChatWorkerDelivery(WeChatMessenger messenger) : IChannelWorkerDelivery
{
    public string ChannelId => WeChatActivities.ChannelId;

    public async Task<bool> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var openId = WeChatActivities.OpenIdOf(activity.Conversation?.Id) ?? activity.Recipient?.Id;
        if (string.IsNullOrEmpty(openId))
        {
            return false;
        }
        var messages = WeChatRenderer.Render([activity]);
        return messages.Count == 0 || await messenger.SendAsync(openId, messages, cancellationToken);
    }
}
