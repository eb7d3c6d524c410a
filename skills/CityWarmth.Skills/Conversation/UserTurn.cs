using System.Text.Json;

namespace CityWarmth.Skills.Conversation;

/// <summary>One message from a worker, stripped of channel details the skills do not need.</summary>
/// <param name="Text">What the worker typed, or the value of the button they tapped.</param>
/// <param name="Value">The structured value of a postBack/messageBack button, if any.</param>
/// <param name="ChannelId">The Bot Framework channel (directline, webchat, emulator, msteams...).</param>
/// <param name="ConversationId">The channel's conversation id.</param>
/// <param name="UserId">The channel's id for the worker.</param>
/// <param name="Locale">The client's locale, e.g. zh-CN or zh-TW, if sent.</param>
/// <param name="Timestamp">When the channel received the message.</param>
public sealed record UserTurn(
    string Text,
    JsonElement? Value,
    string ChannelId,
    string ConversationId,
    string UserId,
    string? Locale,
    DateTimeOffset Timestamp);
