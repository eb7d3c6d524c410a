using System.Collections.Concurrent;

namespace CityWarmth.Bot.Messaging;

/// <summary>
/// One async lock per conversation, so two messages of one conversation are handled one after the other,
/// never interleaved. Entries are reference-counted and removed when idle, so memory stays flat.
/// </summary>
public sealed class ConversationLocks
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        Entry entry;
        while (true)
        {
            entry = _entries.GetOrAdd(conversationId, static _ => new Entry());
            lock (entry)
            {
                // An entry being removed has RefCount -1; take a fresh one instead.
                if (entry.RefCount >= 0)
                {
                    entry.RefCount++;
                    break;
                }
            }
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Release(conversationId, entry, semaphoreHeld: false);
            throw;
        }
        return new Releaser(this, conversationId, entry);
    }

    internal int Count => _entries.Count;

    private void Release(string conversationId, Entry entry, bool semaphoreHeld)
    {
        if (semaphoreHeld)
        {
            entry.Semaphore.Release();
        }
        lock (entry)
        {
            entry.RefCount--;
            if (entry.RefCount == 0)
            {
                entry.RefCount = -1;
                _entries.TryRemove(new KeyValuePair<string, Entry>(conversationId, entry));
            }
        }
    }

    private sealed class Entry
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int RefCount;
    }

    private sealed class Releaser(ConversationLocks owner, string conversationId, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(conversationId, entry, semaphoreHeld: true);
            }
        }
    }
}
