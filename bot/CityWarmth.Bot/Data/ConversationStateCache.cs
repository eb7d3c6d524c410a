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

    /// <summary>Removes and returns the kept state of a conversation, if any.</summary>
    public KeptState? Take(string conversationId)
    {
        if (_entries is null || !_entries.TryGetValue(conversationId, out KeptState? kept))
        {
            return null;
        }
        _entries.Remove(conversationId);
        return kept;
    }

    /// <summary>True when <paramref name="kept"/> is known to be the stored state without asking the database.</summary>
    public bool IsCurrent(KeptState kept) => TrustsKeptStates && kept.Epoch == Epoch;

    /// <param name="epoch">The epoch read before the turn loaded its state: a write elsewhere since then leaves the kept state untrusted.</param>
    public void Keep(string conversationId, long version, string owner, ConversationState state, long epoch) =>
        _entries?.Set(conversationId, new KeptState(version, owner, state, epoch), new MemoryCacheEntryOptions { Size = 1 });

    /// <summary>Something else wrote to the conversations table: no kept state is trusted until it is saved again.</summary>
    public void ChangedElsewhere() => Interlocked.Increment(ref _epoch);

    public void Dispose() => _entries?.Dispose();

    public sealed record KeptState(long Version, string Owner, ConversationState State, long Epoch);
}
