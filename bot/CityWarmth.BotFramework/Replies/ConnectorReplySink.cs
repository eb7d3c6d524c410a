using CityWarmth.BotFramework.Connector;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.BotFramework.Replies;

/// <summary>Sends a turn's replies to the channel's connector.</summary>
public sealed class ConnectorReplySink(ConnectorClient connector) : IReplySink
{
    public bool IsInline => false;

    public int Failed { get; private set; }

    public async Task SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        if (!await connector.SendAsync(reply, cancellationToken))
        {
            Failed++;
        }
    }
}
