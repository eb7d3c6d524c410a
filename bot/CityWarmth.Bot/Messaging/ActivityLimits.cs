using System.Text.Json;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.Messaging;

/// <summary>Checks a worker's activity against the attachment limits before it becomes a turn.</summary>
public static class ActivityLimits
{
    public sealed record Violation(int StatusCode, string Detail);

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
