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
/// <para>
/// With PostgreSQL a kept state is trusted only under a lease (<see cref="Cluster.ConversationLeases"/>): when it was
/// saved while this instance held the conversation's lease, and the same lease is still held, no other instance's turn
/// can have written the conversation since. The entry also remembers the conversation's channel, which a stored
/// conversation never changes (conversation rows are never deleted).
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
    /// <param name="heldLease">The token of the lease this instance holds on the conversation now (0: none).</param>
    /// <remarks>
    /// Under a lease only while the bot holds the conversation: a caseworker's messages are added to the transcript on
    /// whichever instance they work, without the conversation's lock.
    /// </remarks>
    public bool IsCurrent(KeptState kept, long heldLease = 0) =>
        kept.Epoch == Epoch
        && (TrustsKeptStates || (kept.Lease != 0 && kept.Lease == heldLease && kept.Owner == ConversationOwners.Bot));

    /// <param name="epoch">The epoch read before the turn loaded its state: a write elsewhere since then leaves the kept state untrusted.</param>
    /// <param name="lease">The lease the turn held from its load to its save (0: none).</param>
    /// <param name="channelId">The conversation's stored channel, when known.</param>
    public void Keep(string conversationId, long version, string owner, ConversationState state, long epoch, long lease = 0, string? channelId = null)
    {
        if (_entries is null)
        {
            return;
        }
        var kept = new KeptState(version, owner, state, epoch, lease);
        // A conversation's entry stays while it is active and is refilled in place: replacing it on every turn made
        // four objects per turn that lived until the conversation's next turn, which the collector copied twice.
        if (_entries.TryGetValue(conversationId, out Slot? slot))
        {
            slot!.Fill(kept);
        }
        else
        {
            _entries.Set(conversationId, slot = new Slot(kept), EntryOptions);
        }
        if (channelId is not null)
        {
            slot.ChannelId = channelId;
        }
    }

    /// <summary>The stored channel of a conversation with an entry, if it was learnt.</summary>
    public string? ChannelOf(string conversationId) =>
        _entries is not null && _entries.TryGetValue(conversationId, out Slot? slot) ? slot!.ChannelId : null;

    /// <summary>Remembers a stored conversation's channel (read from the database) on its entry, made if need be.</summary>
    public void RememberChannel(string conversationId, string channelId)
    {
        if (_entries is null)
        {
            return;
        }
        if (!_entries.TryGetValue(conversationId, out Slot? slot))
        {
            _entries.Set(conversationId, slot = new Slot(null), EntryOptions);
        }
        slot!.ChannelId = channelId;
    }

    /// <summary>The version of the state kept for a conversation, without taking it out.</summary>
    public long? PeekVersion(string conversationId) =>
        _entries is not null && _entries.TryGetValue(conversationId, out Slot? slot) ? slot!.PeekVersion() : null;

    /// <summary>Something else wrote to the conversations table: no kept state is trusted until it is saved again.</summary>
    public void ChangedElsewhere() => Interlocked.Increment(ref _epoch);

    public void Dispose() => _entries?.Dispose();

    public readonly record struct KeptState(long Version, string Owner, ConversationState State, long Epoch, long Lease = 0);

    /// <summary>A conversation's entry: its kept state, or none while a turn has it out (or after a turn failed).</summary>
    private sealed class Slot(KeptState? kept)
    {
        private readonly Lock _lock = new();
        private KeptState? _kept = kept;

        /// <summary>Set once known; a stored conversation's channel never changes.</summary>
        public volatile string? ChannelId;

        public KeptState? Take()
        {
            lock (_lock)
            {
                var kept = _kept;
                _kept = null;
                return kept;
            }
        }

        public long? PeekVersion()
        {
            lock (_lock)
            {
                return _kept?.Version;
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
