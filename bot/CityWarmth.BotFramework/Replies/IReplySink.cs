using System.Buffers;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Protocol;
using CommunityToolkit.HighPerformance.Buffers;

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
                PooledJson.Serialize(body, reply, ProtocolJson.Options);
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
