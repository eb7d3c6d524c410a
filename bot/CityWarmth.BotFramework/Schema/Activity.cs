using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CityWarmth.BotFramework.Schema;

/// <summary>
/// A Bot Framework activity (the subset a bot needs). Fields the bot does not model survive a round trip
/// through <see cref="Extra"/>, as the Activity spec requires of receivers (A2005).
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<JsonObject>? Entities { get; set; }
    public JsonNode? ChannelData { get; set; }
    public string? ReplyToId { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
    public JsonNode? Value { get; set; }
    public ConversationReference? RelatesTo { get; set; }
    public string? DeliveryMode { get; set; }
    public string? CallerId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>
    /// Builds a reply addressed as the Bot Framework SDK does: from/recipient swapped, conversation, channel and
    /// serviceUrl copied, replyToId set to the inbound id (except a conversationUpdate on Direct Line/Web Chat).
    /// </summary>
    public Activity CreateReply(string type = ActivityTypes.Message)
    {
        var isDirectLineUpdate = Type == ActivityTypes.ConversationUpdate
            && (ChannelId == Channels.DirectLine || ChannelId == Channels.WebChat);
        return new Activity
        {
            Type = type,
            ChannelId = ChannelId,
            ServiceUrl = ServiceUrl,
            Conversation = Conversation is null ? null : new ConversationAccount { Id = Conversation.Id, IsGroup = Conversation.IsGroup, ConversationType = Conversation.ConversationType, TenantId = Conversation.TenantId },
            From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name, Role = RoleTypes.Bot },
            Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, Role = RoleTypes.User },
            ReplyToId = isDirectLineUpdate ? null : Id,
            Locale = Locale,
        };
    }

    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Type == ActivityTypes.ConversationUpdate && (ChannelId == Channels.DirectLine || ChannelId == Channels.WebChat) ? null : Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
    };
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Everything needed to message a conversation later (proactively): channel, service, accounts.</summary>
public sealed class ConversationReference
{
    public string? ActivityId { get; set; }
    public ChannelAccount? User { get; set; }
    public ChannelAccount? Bot { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ChannelId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? Locale { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonNode? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction> Actions { get; set; } = [];
}

public sealed class CardAction
{
    public required string Type { get; set; }
    public string? Title { get; set; }
    public string? Image { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public JsonNode? Value { get; set; }
    public JsonNode? ChannelData { get; set; }
}

public sealed class HeroCard
{
    public string? Title { get; set; }
    public string? Subtitle { get; set; }
    public string? Text { get; set; }
    public List<CardAction>? Buttons { get; set; }
}

/// <summary>The body of a 200 answer to an <c>expectReplies</c> activity.</summary>
public sealed record ExpectedReplies(IReadOnlyList<Activity> Activities)
{
    /// <summary>For an invoke: the invoke response's body.</summary>
    public JsonNode? Body { get; init; }
}

public sealed record ResourceResponse(string Id);

/// <summary>A Direct Line page of activities after a watermark.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string? Watermark);
