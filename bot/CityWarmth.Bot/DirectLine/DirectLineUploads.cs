using System.Text.Json;
using CityWarmth.Bot.Messaging;
using CityWarmth.BotFramework.Schema;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.DirectLine;

/// <summary>
/// <c>POST /conversations/{id}/upload</c>: a message with files, as DirectLineJS sends one when the user attaches
/// something (multipart: the activity as a part named <c>activity</c>, each file as a part named <c>file</c>). Each file
/// becomes an attachment carried in the activity as a <c>data:</c> URL, so it is stored, streamed and replayed with the
/// activity like any other; the limits are the ones every activity has (<see cref="BotOptions.MaxAttachments"/>,
/// <see cref="BotOptions.MaxAttachmentBytes"/> counted on the data URL, <see cref="BotOptions.MaxActivityBytes"/>).
/// </summary>
public static class DirectLineUploads
{
    public const string ActivityPart = "activity";

    public static async Task<IResult> UploadAsync(
        string conversationId,
        HttpContext http,
        DirectLineTokens tokens,
        DirectLineStore store,
        DirectLineChannel channel,
        IOptions<BotOptions> botOptions,
        IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        var (sender, refused) = await DirectLineEndpoints.AuthorizeClientPostAsync(conversationId, http, tokens, store, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        var limits = botOptions.Value;
        // Room for the activity and every file in base64, with a little for the parts' headers.
        long bodyLimit = limits.MaxActivityBytes + (long)limits.MaxAttachments * limits.MaxAttachmentBytes + 64 * 1024;
        if (http.Request.ContentLength > bodyLimit)
        {
            return TooBig(bodyLimit);
        }
        if (!http.Request.HasFormContentType || !(http.Request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return DirectLineEndpoints.Error(StatusCodes.Status400BadRequest, "BadArgument", "An upload is multipart/form-data with an 'activity' part and 'file' parts.");
        }
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = bodyLimit,
                ValueLengthLimit = limits.MaxActivityBytes,
                ValueCountLimit = limits.MaxAttachments + 4,
                MultipartHeadersCountLimit = 8,
                // Files are held in memory up to the limits above, never spooled to disk.
                MemoryBufferThreshold = (int)Math.Min(int.MaxValue, bodyLimit),
            }, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return TooBig(bodyLimit);
        }

        var (activity, error) = await ReadActivityAsync(form, limits.MaxActivityBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        var files = form.Files.Where(f => f.Name != ActivityPart).ToList();
        if (files.Count > limits.MaxAttachments)
        {
            return DirectLineEndpoints.Error(StatusCodes.Status400BadRequest, "BadArgument", $"An activity may carry at most {limits.MaxAttachments} attachments.");
        }
        activity!.Attachments ??= [];
        foreach (var file in files)
        {
            var contentType = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType;
            // A data URL is 4/3 of the file plus its prefix; checked before encoding.
            if (file.Length * 4 / 3 + contentType.Length + 16 > limits.MaxAttachmentBytes)
            {
                return DirectLineEndpoints.Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"An attachment may be at most {limits.MaxAttachmentBytes} bytes.");
            }
            using var content = new MemoryStream((int)file.Length);
            await file.CopyToAsync(content, cancellationToken);
            activity.Attachments.Add(new Attachment
            {
                ContentType = contentType,
                ContentUrl = $"data:{contentType};base64,{Convert.ToBase64String(content.GetBuffer(), 0, (int)content.Length)}",
                Name = string.IsNullOrWhiteSpace(file.FileName) ? null : Path.GetFileName(file.FileName),
            });
        }
        return await DirectLineEndpoints.PostFromUserAsync(conversationId, activity, sender!, http, channel, limits, lifetime);
    }

    /// <summary>The activity part: a file part (a Blob, as DirectLineJS sends it) or a plain form value.</summary>
    private static async Task<(Activity? Activity, IResult? Error)> ReadActivityAsync(IFormCollection form, int limit, CancellationToken cancellationToken)
    {
        byte[] json;
        if (form.Files.GetFile(ActivityPart) is { } part)
        {
            if (part.Length > limit)
            {
                return (null, DirectLineEndpoints.Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The activity may be at most {limit} bytes."));
            }
            using var buffer = new MemoryStream((int)part.Length);
            await part.CopyToAsync(buffer, cancellationToken);
            json = buffer.ToArray();
        }
        else if (form.TryGetValue(ActivityPart, out var value) && value.Count == 1)
        {
            json = System.Text.Encoding.UTF8.GetBytes(value[0] ?? "");
        }
        else
        {
            return (null, DirectLineEndpoints.Error(StatusCodes.Status400BadRequest, "BadArgument", "The upload has no 'activity' part."));
        }
        try
        {
            var activity = JsonSerializer.Deserialize<Activity>(json, DirectLineJson.Options);
            return activity is null
                ? (null, DirectLineEndpoints.Error(StatusCodes.Status400BadRequest, "BadArgument", "The 'activity' part is empty."))
                : (activity, null);
        }
        catch (JsonException)
        {
            return (null, DirectLineEndpoints.Error(StatusCodes.Status400BadRequest, "BadArgument", "The 'activity' part is not an activity in JSON."));
        }
    }

    private static IResult TooBig(long limit) =>
        DirectLineEndpoints.Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"An upload may be at most {limit} bytes.");
}
