using System.Text.Json;
using System.Threading.Channels;
using CityWarmth.Bot.Cluster;

namespace CityWarmth.Bot.Handoff;

/// <summary>Something the console shows live: the queue changed, a message arrived, a case changed hands.</summary>
/// <param name="Kind"><c>queue</c>, <c>message</c> or <c>case</c>.</param>
/// <param name="CaseId">The case concerned, if any.</param>
/// <param name="AssignedTo">The caseworker holding the case when the event happened.</param>
/// <param name="Data">The payload, serialised as JSON for the browser.</param>
public sealed record LiveEvent(string Kind, Guid? CaseId, int? AssignedTo, object? Data);

/// <summary>
/// Fan-out of <see cref="LiveEvent"/>s to open console pages (server-sent events) on every instance of the bot: an
/// event goes out through the <see cref="IClusterNotifier"/>, so a caseworker whose page is open on one instance sees
/// a worker whose messages land on another.
/// </summary>
public sealed class HandoffLiveBus : IDisposable
{
    internal const string Channel = "handoff.live";

    private readonly Lock _gate = new();
    private readonly List<Channel<LiveEvent>> _subscribers = [];
    private readonly IClusterNotifier _notifier;
    private readonly IDisposable _subscription;

    public HandoffLiveBus(IClusterNotifier notifier)
    {
        _notifier = notifier;
        _subscription = notifier.Subscribe(Channel, OnPayload);
        // Events missed while the instances could not hear each other: open pages re-read the queue.
        notifier.Reconnected += OnReconnected;
    }

    public Subscription Subscribe()
    {
        // A slow browser drops old events rather than holding memory; pages re-read state on reconnect.
        var channel = System.Threading.Channels.Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }
        return new Subscription(this, channel);
    }

    public void Publish(LiveEvent liveEvent)
    {
        // Serialised once, as the browser gets it: every instance (this one too) hands the same JSON on.
        var wire = new WireEvent(liveEvent.Kind, liveEvent.CaseId, liveEvent.AssignedTo, JsonSerializer.SerializeToElement(liveEvent.Data, HandoffPacketBuilder.Json));
        if (!_notifier.Publish(Channel, JsonSerializer.Serialize(wire, WireJson)))
        {
            // Too large to travel: the other instances' pages at least learn that something changed.
            var hint = new WireEvent("queue", null, null, JsonSerializer.SerializeToElement<object?>(null));
            _notifier.Publish(Channel, JsonSerializer.Serialize(hint, WireJson));
        }
    }

    private void OnPayload(string payload)
    {
        WireEvent? wire;
        try
        {
            wire = JsonSerializer.Deserialize<WireEvent>(payload, WireJson);
        }
        catch (JsonException)
        {
            return;
        }
        if (wire is null)
        {
            return;
        }
        Deliver(new LiveEvent(wire.Kind, wire.CaseId, wire.AssignedTo, wire.Data.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : wire.Data));
    }

    private void OnReconnected() => Deliver(new LiveEvent("queue", null, null, null));

    private void Deliver(LiveEvent liveEvent)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(liveEvent);
            }
        }
    }

    public void Dispose()
    {
        _notifier.Reconnected -= OnReconnected;
        _subscription.Dispose();
    }

    private static readonly JsonSerializerOptions WireJson = new(JsonSerializerDefaults.Web);

    private sealed record WireEvent(string Kind, Guid? CaseId, int? AssignedTo, JsonElement Data);

    public sealed class Subscription(HandoffLiveBus bus, Channel<LiveEvent> channel) : IDisposable
    {
        public ChannelReader<LiveEvent> Reader => channel.Reader;

        public void Dispose()
        {
            lock (bus._gate)
            {
                bus._subscribers.Remove(channel);
            }
            channel.Writer.TryComplete();
        }
    }
}
