using System.Threading.Channels;

namespace CityWarmth.Bot.Handoff;

/// <summary>Something the console shows live: the queue changed, a message arrived, a case changed hands.</summary>
/// <param name="Kind"><c>queue</c>, <c>message</c> or <c>case</c>.</param>
/// <param name="CaseId">The case concerned, if any.</param>
/// <param name="AssignedTo">The caseworker holding the case when the event happened.</param>
/// <param name="Data">The payload, serialised as JSON for the browser.</param>
public sealed record LiveEvent(string Kind, Guid? CaseId, int? AssignedTo, object? Data);

/// <summary>
/// In-process fan-out of <see cref="LiveEvent"/>s to open console pages (server-sent events). One instance per
/// process: with several bot instances behind a balancer, a caseworker sees live events of their own instance only.
/// </summary>
public sealed class HandoffLiveBus
{
    private readonly Lock _gate = new();
    private readonly List<Channel<LiveEvent>> _subscribers = [];

    public Subscription Subscribe()
    {
        // A slow browser drops old events rather than holding memory; pages re-read state on reconnect.
        var channel = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }
        return new Subscription(this, channel);
    }

    public void Publish(LiveEvent liveEvent)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(liveEvent);
            }
        }
    }

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
