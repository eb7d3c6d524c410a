using CityWarmth.Bot.Messaging;
using CityWarmth.BotFramework.Schema;
using CityWarmth.BotFramework.Connector;

namespace CityWarmth.Bot.Handoff;

/// <summary>
/// Delivers an activity to a worker outside a turn (a caseworker's reply, the close message), addressed from the
/// stored conversation reference. The default goes through the channel's connector at the reference's serviceUrl;
/// for the embedded Direct Line that is the bot's own <c>/v3/conversations/{id}/activities</c>, so a host may
/// register an in-process implementation instead.
/// </summary>
public interface IWorkerDelivery
{
    Task<bool> SendAsync(Activity activity, CancellationToken cancellationToken);
}

public sealed class ConnectorWorkerDelivery(IServiceProvider services) : IWorkerDelivery
{
    public Task<bool> SendAsync(Activity activity, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(activity.ServiceUrl)
            ? Task.FromResult(false)
            // The typed client is transient (its handler rotates); take a fresh one per message.
            : services.GetRequiredService<ConnectorClient>().SendAsync(activity, cancellationToken);
}
