using CityWarmth.Skills.Conversation;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Data;

/// <summary>
/// The states of recently active conversations, kept in memory between turns so a turn need not read and parse its
/// state again. A turn takes its state out (it changes the object in place, and a failed turn must not leave a
/// half-changed state behind) and the store puts it back once the turn is durably saved, with the version and owner it
/// was saved with. Least recently used conversations are dropped beyond the capacity (0 turns the cache off).
/// <para>
/// A kept state is <em>trusted</em> (used without asking the database) only when this process is the database's only
/// writer, which is the embedded SQLite setup, and only while nothing else has written to the conversations table since
/// it was kept: every such write (the console taking over, the eraser, retention) bumps <see cref="Epoch"/> through
/// <see cref="ConversationWriteWatcher"/>, and states kept under an older epoch are checked against the stored version
/// again. Every writer also bumps the stored version, so even a write the watcher missed makes the next save fail as a
/// lost race and the turn run again on the stored state: nothing is overwritten.
/// </para>
/// </summary>
public sealed class ConversationStateCache : IDisposable
{
    // Every entry has the size 1, so one options object serves them all.
    private static readonly MemoryCacheEntryOptions EntryOptions = new() { Size = 1 };

    private readonly MemoryCache? _entries;
    private long _epoch;

    public ConversationStateCache(IOptions<StorageOptions> options)
    {
        var storage = options.Value;
        if (storage.StateCacheSize > 0)
        {
            _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = storage.StateCacheSize });
        }
        // Other instances of the bot may share a PostgreSQL database and write without this process knowing.
        TrustsKeptStates = !storage.IsPostgres;
    }

    /// <summary>Whether a kept state of the current epoch may be used without reading the stored version.</summary>
    public bool TrustsKeptStates { get; }

    /// <summary>Moves on whenever something other than the turn store writes to the conversations table.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>Takes the kept state of a conversation out, if any: until it is kept again, its entry holds none.</summary>
    public KeptState? Take(string conversationId) =>
        _entries is not null && _entries.TryGetValue(conversationId, out Slot? slot) ? slot!.Take() : null;

    /// <summary>True when <paramref name="kept"/> is known to be the stored state without asking the database.</summary>
    public bool IsCurrent(KeptState kept) => TrustsKeptStates && kept.Epoch == Epoch;

    /// <param name="epoch">The epoch read before the turn loaded its state: a write elsewhere since then leaves the kept state untrusted.</param>
    public void Keep(string conversationId, long version, string owner, ConversationState state, long epoch)
    {
        if (_entries is null)
        {
            return;
        }
        var kept = new KeptState(version, owner, state, epoch);
        // A conversation's entry stays while it is active and is refilled in place: replacing it on every turn made
        // four objects per turn that lived until the conversation's next turn, which the collector copied twice.
        if (_entries.TryGetValue(conversationId, out Slot? slot))
        {
            slot!.Fill(kept);
        }
        else
        {
            _entries.Set(conversationId, new Slot(kept), EntryOptions);
        }
    }

    /// <summary>Something else wrote to the conversations table: no kept state is trusted until it is saved again.</summary>
    public void ChangedElsewhere() => Interlocked.Increment(ref _epoch);

    public void Dispose() => _entries?.Dispose();

    public readonly record struct KeptState(long Version, string Owner, ConversationState State, long Epoch);

    /// <summary>A conversation's entry: its kept state, or none while a turn has it out (or after a turn failed).</summary>
    private sealed class Slot(KeptState kept)
    {
        private readonly Lock _lock = new();
        private KeptState? _kept = kept;

        public KeptState? Take()
        {
            lock (_lock)
            {
                var kept = _kept;
                _kept = null;
                return kept;
            }
        }

        public void Fill(KeptState kept)
        {
            lock (_lock)
            {
                _kept = kept;
            }
        }
    }
}
