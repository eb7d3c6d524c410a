using CityWarmth.Skills.Conversation;
using Microsoft.Extensions.Caching.Memory;

namespace CityWarmth.Bot.Data;

/// <summary>
/// The states of recently active conversations, kept in memory between turns so a turn need not read and parse its
/// state again. A turn takes its state out (it changes the object in place, and a failed turn must not leave a
/// half-changed state behind) and the store puts it back once the turn is durably saved, with the version it was saved
/// as. The store still reads the stored version on every load and uses a kept state only when the two match, so a
/// change made anywhere else (the console, the eraser, another instance of the bot) bumps the version and is read.
/// Least recently used conversations are dropped beyond the capacity.
/// </summary>
internal sealed class ConversationStateCache(int capacity) : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = capacity });

    /// <summary>Removes and returns the kept state of a conversation, if any.</summary>
    public KeptState? Take(string conversationId)
    {
        if (!_entries.TryGetValue(conversationId, out KeptState? kept))
        {
            return null;
        }
        _entries.Remove(conversationId);
        return kept;
    }

    public void Keep(string conversationId, long version, ConversationState state) =>
        _entries.Set(conversationId, new KeptState(version, state), new MemoryCacheEntryOptions { Size = 1 });

    public void Dispose() => _entries.Dispose();

    internal sealed record KeptState(long Version, ConversationState State);
}
