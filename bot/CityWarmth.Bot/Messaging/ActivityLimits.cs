using System.Text.Json;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.Messaging;

/// <summary>Checks a worker's activity against the attachment limits before it becomes a turn.</summary>
public static class ActivityLimits
{
    public sealed record Violation(int StatusCode, string Detail);

    /// <summary>Longest conversation, activity, user or reply-to id accepted (the database keeps 256 characters).</summary>
    public const int MaxIdLength = 256;

    /// <summary>Longest channel id accepted.</summary>
    public const int MaxChannelIdLength = 64;

    /// <summary>
    /// The ids an activity carries, checked at the edge: every one is stored, logged or used as a key, so an oversized id
    /// would be repeated in every transcript row and one with a NUL or a broken surrogate fails in PostgreSQL.
    /// </summary>
    public static Violation? CheckIds(Activity activity)
    {
        return Bad("conversation.id", activity.Conversation?.Id, MaxIdLength)
            ?? Bad("id", activity.Id, MaxIdLength)
            ?? Bad("replyToId", activity.ReplyToId, MaxIdLength)
            ?? Bad("from.id", activity.From?.Id, MaxIdLength)
            ?? Bad("from.name", activity.From?.Name, MaxIdLength)
            ?? Bad("recipient.id", activity.Recipient?.Id, MaxIdLength)
            ?? Bad("channelId", activity.ChannelId, MaxChannelIdLength);

        static Violation? Bad(string field, string? value, int max) =>
            IsAcceptableId(value, max) ? null : new Violation(StatusCodes.Status400BadRequest, $"'{field}' must be at most {max} characters, without control characters.");
    }

    /// <summary>Null or empty, or at most <paramref name="max"/> characters of well-formed text without control characters.</summary>
    public static bool IsAcceptableId(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        if (value.Length > max)
        {
            return false;
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                return false;
            }
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }

    public static Violation? Check(Activity activity, BotOptions options)
    {
        var attachments = activity.Attachments;
        if (attachments is null || attachments.Count == 0)
        {
            return null;
        }
        if (attachments.Count > options.MaxAttachments)
        {
            return new Violation(StatusCodes.Status400BadRequest, $"An activity may carry at most {options.MaxAttachments} attachments.");
        }
        foreach (var attachment in attachments)
        {
            // Inline content and data: URLs are what take room; a link elsewhere is only its length.
            var size = (attachment?.ContentUrl?.Length ?? 0)
                + (attachment?.Content is { } content ? JsonSerializer.SerializeToUtf8Bytes(content, ProtocolJson.Options).Length : 0);
            if (size > options.MaxAttachmentBytes)
            {
                return new Violation(StatusCodes.Status413PayloadTooLarge, $"An attachment may be at most {options.MaxAttachmentBytes} bytes.");
            }
        }
        return null;
    }
}
