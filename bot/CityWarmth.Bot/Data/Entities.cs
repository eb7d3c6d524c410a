namespace CityWarmth.Bot.Data;

/// <summary>A conversation the bot takes part in: how to reach it, who owns it, and its state.</summary>
public sealed class ConversationRecord
{
    public required string Id { get; set; }
    public required string ChannelId { get; set; }

    /// <summary>The Bot Framework conversation reference (JSON), for proactive messages.</summary>
    public required string ReferenceJson { get; set; }

    /// <summary>The skills' <c>ConversationState</c> (JSON).</summary>
    public required string StateJson { get; set; }

    /// <summary>"bot", or the id of the caseworker who holds the conversation during a handoff.</summary>
    public string Owner { get; set; } = ConversationOwners.Bot;

    /// <summary>Incremented on every save; a concurrent writer from another instance fails instead of overwriting.</summary>
    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The newest transcript row of this conversation, where <see cref="TranscriptEntry.PreviousId"/> chains begin.</summary>
    public long? LastTranscriptId { get; set; }
}

public static class ConversationOwners
{
    public const string Bot = "bot";
}

/// <summary>
/// One activity of a conversation's transcript, in or out, as it was on the wire. A conversation's rows are found by
/// following <see cref="PreviousId"/> back from <see cref="ConversationRecord.LastTranscriptId"/> (see
/// <see cref="TranscriptChain"/>), not by an index on <see cref="ConversationId"/>: such an index put a random page
/// into the write-ahead log on every turn, while the chain costs nothing the turn does not already write.
/// </summary>
public sealed class TranscriptEntry
{
    public long Id { get; set; }
    public required string ConversationId { get; set; }

    /// <summary>The conversation's row before this one; null for its first.</summary>
    public long? PreviousId { get; set; }

    /// <summary>"in" (from the worker or channel) or "out" (from the bot or a caseworker).</summary>
    public required string Direction { get; set; }
    public required string Type { get; set; }
    public string? Skill { get; set; }
    public required string ActivityJson { get; set; }
    public DateTimeOffset Timestamp { get; set; }
}

/// <summary>A conversation of the embedded Direct Line channel.</summary>
public sealed class DirectLineConversation
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public string? UserName { get; set; }
    public string? Locale { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The sequence number of the last activity; watermarks are sequence numbers.</summary>
    public long LastSequence { get; set; }
}

/// <summary>An activity in a Direct Line conversation's history, numbered for watermark paging.</summary>
public sealed class DirectLineActivity
{
    public required string ConversationId { get; set; }
    public long Sequence { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityJson { get; set; }
    public DateTimeOffset Timestamp { get; set; }
}
