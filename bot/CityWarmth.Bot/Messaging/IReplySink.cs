using CityWarmth.Bot.Protocol;

namespace CityWarmth.Bot.Messaging;

/// <summary>
/// Where a turn's replies go: back in the HTTP response (expectReplies), to the channel's connector
/// (<c>POST {serviceUrl}/v3/conversations/...</c>), or into the embedded Direct Line's activity list.
/// </summary>
public interface IReplySink
{
    /// <summary>True when replies travel back in the same HTTP response; typing indicators are pointless then.</summary>
    bool IsInline { get; }

    Task SendAsync(Activity reply, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a reply whose JSON (UTF-8) is already known: exactly as the transcript holds it. Sinks that write JSON can
    /// use it as it is instead of serialising the reply again.
    /// </summary>
    Task SendAsync(Activity reply, ReadOnlyMemory<byte> storedJson, CancellationToken cancellationToken) => SendAsync(reply, cancellationToken);
}

/// <summary>Collects replies for an <c>expectReplies</c> response.</summary>
public sealed class InlineReplySink : IReplySink
{
    private readonly List<Activity> _activities = [];
    private readonly List<ReadOnlyMemory<byte>?> _storedJson = [];

    public bool IsInline => true;

    public IReadOnlyList<Activity> Activities => _activities;

    public Task SendAsync(Activity reply, CancellationToken cancellationToken) => Add(reply, null);

    public Task SendAsync(Activity reply, ReadOnlyMemory<byte> storedJson, CancellationToken cancellationToken) => Add(reply, storedJson);

    private Task Add(Activity reply, ReadOnlyMemory<byte>? storedJson)
    {
        lock (_activities)
        {
            _activities.Add(reply);
            _storedJson.Add(storedJson);
        }
        return Task.CompletedTask;
    }

    /// <summary>The <c>expectReplies</c> body, <c>{"activities":[...]}</c>, with each stored reply written as stored.</summary>
    public IResult ToResult() => new ExpectedRepliesResult([.. _activities], [.. _storedJson]);

    private sealed class ExpectedRepliesResult(Activity[] activities, ReadOnlyMemory<byte>?[] storedJson) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "application/json; charset=utf-8";
            if (Array.TrueForAll(storedJson, json => json is not null))
            {
                // The length is known before writing: one plain body instead of chunked framing.
                response.ContentLength = BodyLength(storedJson);
            }
            await using (var writer = new System.Text.Json.Utf8JsonWriter(response.BodyWriter, new System.Text.Json.JsonWriterOptions { Encoder = ProtocolJson.Options.Encoder, SkipValidation = true }))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("activities");
                for (var i = 0; i < activities.Length; i++)
                {
                    if (storedJson[i] is { } json)
                    {
                        writer.WriteRawValue(json.Span, skipInputValidation: true);
                    }
                    else
                    {
                        System.Text.Json.JsonSerializer.Serialize(writer, activities[i], ProtocolJson.Options);
                    }
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
        }

        // {"activities":[a,b]} with each stored reply as it is (the writer adds nothing to a raw value).
        private static long BodyLength(ReadOnlyMemory<byte>?[] storedJson)
        {
            long length = "{\"activities\":[]}".Length + Math.Max(0, storedJson.Length - 1);
            foreach (var json in storedJson)
            {
                length += json!.Value.Length;
            }
            return length;
        }
    }
}
