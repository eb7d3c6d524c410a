using CityWarmth.Bot.Handoff;
using CityWarmth.BotFramework.Connector;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.DirectLine;

/// <summary>
/// Delivers a message outside a turn (a caseworker's reply, a case notice) to a conversation of the embedded Direct
/// Line by appending it in-process, on whichever instance the caseworker uses, instead of posting it over HTTP to the
/// bot's own connector endpoint. A conversation of the same channel id that lives elsewhere (Azure's Web Chat through
/// the Bot Connector) still goes to its connector.
/// </summary>
public sealed partial class DirectLineWorkerDelivery(
    string channelId, DirectLineStore store, DirectLineChannel channel, IServiceProvider services, ILogger<DirectLineWorkerDelivery> logger) : IChannelWorkerDelivery
{
    public string ChannelId => channelId;

    public async Task<bool> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id;
        try
        {
            if (!string.IsNullOrEmpty(conversationId) && await store.ExistsAsync(conversationId, cancellationToken))
            {
                await channel.SendFromBotAsync(conversationId, activity, cancellationToken);
                return true;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Reported as undelivered, as a connector that refuses is: the caller counts and logs it, the message stays stored.
            LogNotAppended(logger, conversationId, ex);
            return false;
        }
        return !string.IsNullOrWhiteSpace(activity.ServiceUrl)
            && await services.GetRequiredService<ConnectorClient>().SendAsync(activity, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message for Direct Line conversation {ConversationId} could not be appended.")]
    private static partial void LogNotAppended(ILogger logger, string? conversationId, Exception exception);
}
