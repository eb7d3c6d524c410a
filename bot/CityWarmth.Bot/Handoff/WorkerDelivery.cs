using CityWarmth.Bot.Messaging;
using CityWarmth.BotFramework.Schema;
using CityWarmth.BotFramework.Connector;

namespace CityWarmth.Bot.Handoff;

/// <summary>
/// Delivers an activity to a worker outside a turn (a caseworker's reply, the close message, any proactive notice),
/// addressed from the stored conversation reference. The default goes through the channel's connector at the
/// reference's serviceUrl (for the embedded Direct Line that is the bot's own <c>/v3/conversations/{id}/activities</c>),
/// unless a channel that is not a Bot Framework channel delivers its own (<see cref="IChannelWorkerDelivery"/>).
/// </summary>
public interface IWorkerDelivery
{
    Task<bool> SendAsync(Activity activity, CancellationToken cancellationToken);
}

/// <summary>A channel that reaches its workers its own way (WeChat's customer-service API), chosen by channel id.</summary>
public interface IChannelWorkerDelivery
{
    string ChannelId { get; }

    Task<bool> SendAsync(Activity activity, CancellationToken cancellationToken);
}

public sealed class ConnectorWorkerDelivery(IServiceProvider services) : IWorkerDelivery
{
    public Task<bool> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        foreach (var channel in services.GetServices<IChannelWorkerDelivery>())
        {
            if (channel.ChannelId == activity.ChannelId)
            {
                return channel.SendAsync(activity, cancellationToken);
            }
        }
        return string.IsNullOrWhiteSpace(activity.ServiceUrl)
            ? Task.FromResult(false)
            // The typed client is transient (its handler rotates); take a fresh one per message.
            : services.GetRequiredService<ConnectorClient>().SendAsync(activity, cancellationToken);
    }
}
