using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CityWarmth.Bot.DirectLine;

/// <summary>
/// Tells open streams that a Direct Line conversation has new activities. A notice carries no activity, only how far
/// the conversation's list goes; a stream reads what it has not sent from the store, so a notice that arrives twice,
/// late or merged with another loses and repeats nothing. The implementation here reaches streams in this process; one
/// shared between instances (PostgreSQL LISTEN/NOTIFY) can take its place in the container.
/// </summary>
public interface IDirectLineActivityNotifier
{
    /// <summary>Called once activities up to <paramref name="sequence"/> are stored.</summary>
    ValueTask NotifyAsync(string conversationId, long sequence, CancellationToken cancellationToken);

    /// <summary>Listens to one conversation. Subscribe before reading the store, so nothing stored in between is missed.</summary>
    IDirectLineActivitySubscription Subscribe(string conversationId);
}

/// <summary>One stream's ear on its conversation; dispose it when the stream ends.</summary>
public interface IDirectLineActivitySubscription : IDisposable
{
    /// <summary>
    /// Waits for a notice that came after the previous wait (or right away if one did) and returns the highest sequence
    /// noticed so far. Throws <see cref="OperationCanceledException"/> when cancelled first.
    /// </summary>
    ValueTask<long> WaitAsync(CancellationToken cancellationToken);
}

/// <summary>Notices reach the streams of this process.</summary>
public sealed class InProcessDirectLineActivityNotifier : IDirectLineActivityNotifier
{
    private readonly ConcurrentDictionary<string, Subscription[]> _subscribers = new(StringComparer.Ordinal);

    public ValueTask NotifyAsync(string conversationId, long sequence, CancellationToken cancellationToken)
    {
        if (_subscribers.TryGetValue(conversationId, out var subscriptions))
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Notice(sequence);
            }
        }
        return ValueTask.CompletedTask;
    }

    public IDirectLineActivitySubscription Subscribe(string conversationId)
    {
        var subscription = new Subscription(this, conversationId);
        _subscribers.AddOrUpdate(conversationId, static (_, s) => [s], static (_, existing, s) => [.. existing, s], subscription);
        return subscription;
    }

    private void Remove(Subscription subscription)
    {
        while (_subscribers.TryGetValue(subscription.ConversationId, out var existing))
        {
            var remaining = Array.FindAll(existing, s => s != subscription);
            var removed = remaining.Length == 0
                ? _subscribers.TryRemove(KeyValuePair.Create(subscription.ConversationId, existing))
                : _subscribers.TryUpdate(subscription.ConversationId, remaining, existing);
            if (removed)
            {
                return;
            }
        }
    }

    private sealed class Subscription(InProcessDirectLineActivityNotifier owner, string conversationId) : IDirectLineActivitySubscription
    {
        // A wake-up at most pending, and the highest sequence noticed: a stream busy sending reads up to it in one go,
        // and notices arriving out of order never lower it.
        private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
        private long _highest = -1;

        public string ConversationId => conversationId;

        public void Notice(long sequence)
        {
            long seen;
            while ((seen = Volatile.Read(ref _highest)) < sequence && Interlocked.CompareExchange(ref _highest, sequence, seen) != seen)
            {
            }
            _wake.Writer.TryWrite(true);
        }

        public async ValueTask<long> WaitAsync(CancellationToken cancellationToken)
        {
            if (!_wake.Reader.TryRead(out _))
            {
                await _wake.Reader.ReadAsync(cancellationToken);
            }
            return Volatile.Read(ref _highest);
        }

        public void Dispose()
        {
            owner.Remove(this);
            _wake.Writer.TryComplete();
        }
    }
}
