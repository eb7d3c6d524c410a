namespace CityWarmth.Bot.Cluster;

/// <summary>
/// Small messages from one bot instance to the subscribers of every instance (this one included): the console's live
/// events, a newly published knowledge version. A message names a channel; subscribers of that channel get its payload.
/// With SQLite there is one process and delivery is in-process (<see cref="LocalClusterNotifier"/>); with PostgreSQL it
/// goes through LISTEN/NOTIFY (<see cref="PostgresClusterNotifier"/>), so no other service is needed.
/// <para>
/// Delivery is at most once and only to instances connected at the time: a subscriber that must not miss anything
/// re-reads the state it shows after <see cref="Reconnected"/> (the console's pages do on reconnect).
/// </para>
/// </summary>
public interface IClusterNotifier
{
    /// <summary>Largest payload in UTF-8 bytes; PostgreSQL refuses NOTIFY payloads of 8000 bytes or more.</summary>
    const int MaxPayloadBytes = 7000;

    /// <summary>
    /// Delivers <paramref name="payload"/> to this instance's subscribers of <paramref name="channel"/> before returning,
    /// and sends it to the other instances in the background, in publishing order.
    /// </summary>
    /// <returns>False when the payload is too large to leave this instance (it was delivered here only).</returns>
    bool Publish(string channel, string payload);

    /// <summary>Calls <paramref name="onPayload"/> for every payload on the channel; it must be quick and must not throw.</summary>
    IDisposable Subscribe(string channel, Action<string> onPayload);

    /// <summary>Raised after the connection to the other instances was lost and is back (messages in between are gone).</summary>
    event Action? Reconnected;
}

/// <summary>Channel subscribers of one process, shared by both notifiers.</summary>
public class LocalClusterNotifier : IClusterNotifier
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Action<string>>> _subscribers = new(StringComparer.Ordinal);

    public virtual bool Publish(string channel, string payload)
    {
        DeliverLocally(channel, payload);
        return true;
    }

    public IDisposable Subscribe(string channel, Action<string> onPayload)
    {
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(channel, out var list))
            {
                _subscribers[channel] = list = [];
            }
            list.Add(onPayload);
        }
        return new Unsubscriber(this, channel, onPayload);
    }

    public event Action? Reconnected;

    protected void RaiseReconnected() => Reconnected?.Invoke();

    protected void DeliverLocally(string channel, string payload)
    {
        Action<string>[] targets;
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(channel, out var list) || list.Count == 0)
            {
                return;
            }
            targets = [.. list];
        }
        foreach (var target in targets)
        {
            target(payload);
        }
    }

    private sealed class Unsubscriber(LocalClusterNotifier owner, string channel, Action<string> onPayload) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                if (owner._subscribers.TryGetValue(channel, out var list))
                {
                    list.Remove(onPayload);
                }
            }
        }
    }
}
