using System.Buffers;
using System.Text.Json;
using CityWarmth.BotFramework.Schema;
using CommunityToolkit.HighPerformance.Buffers;
using Microsoft.AspNetCore.Http;

namespace CityWarmth.BotFramework.Replies;

/// <summary>
/// Collects replies for an <c>expectReplies</c> response, writing the body (<c>{"activities":[...]}</c>) as they come:
/// a stored reply as stored, any other serialised. The body is in a pooled buffer, given back once it is sent (one
/// never sent, when the turn ends in an error response instead, is simply left to the collector).
/// </summary>
public sealed class InlineReplySink : IReplySink
{
    private static ReadOnlySpan<byte> Start => "{\"activities\":["u8;
    private static ReadOnlySpan<byte> End => "]}"u8;

    private readonly List<Activity> _activities = [];
    private ArrayPoolBufferWriter<byte>? _body;

    public bool IsInline => true;

    public IReadOnlyList<Activity> Activities => _activities;

    public Task SendAsync(Activity reply, CancellationToken cancellationToken) => Add(reply, storedJson: null);

    public Task SendAsync(Activity reply, ReadOnlyMemory<byte> storedJson, CancellationToken cancellationToken) => Add(reply, storedJson);

    private Task Add(Activity reply, ReadOnlyMemory<byte>? storedJson)
    {
        lock (_activities)
        {
            var body = Body();
            if (_activities.Count > 0)
            {
                body.Write(","u8);
            }
            if (storedJson is { } json)
            {
                body.Write(json.Span);
            }
            else
            {
                using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = ProtocolJson.Options.Encoder, SkipValidation = true });
                JsonSerializer.Serialize(writer, reply, ProtocolJson.Options);
            }
            _activities.Add(reply);
        }
        return Task.CompletedTask;
    }

    private ArrayPoolBufferWriter<byte> Body()
    {
        if (_body is null)
        {
            _body = new ArrayPoolBufferWriter<byte>(4096);
            _body.Write(Start);
        }
        return _body;
    }

    /// <summary>The <c>expectReplies</c> response; the sink takes no replies after this.</summary>
    public IResult ToResult()
    {
        lock (_activities)
        {
            var body = Body();
            _body = null;
            body.Write(End);
            return new ExpectedRepliesResult(body);
        }
    }

    private sealed class ExpectedRepliesResult(ArrayPoolBufferWriter<byte> body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            try
            {
                var response = httpContext.Response;
                response.ContentType = "application/json; charset=utf-8";
                // The length is known before writing: one plain body instead of chunked framing.
                response.ContentLength = body.WrittenCount;
                await response.BodyWriter.WriteAsync(body.WrittenMemory, httpContext.RequestAborted);
            }
            finally
            {
                body.Dispose();
            }
        }
    }
}
