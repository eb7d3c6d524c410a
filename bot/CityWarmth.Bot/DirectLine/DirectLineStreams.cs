using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using CityWarmth.Bot.Messaging;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.DirectLine;

/// <summary>
/// Direct Line 3.0 streaming: the <c>streamUrl</c> that starting or reconnecting returns, and the WebSocket behind it.
/// The socket pushes activity sets (<c>{"activities":[...],"watermark":"N"}</c>) as the conversation grows, starting
/// after the watermark in the URL, so a client that reconnects with its last watermark gets every activity once.
/// Silence is broken by an empty text message (Direct Line's heartbeat; DirectLineJS ignores it) and the client is
/// pinged by the server's WebSocket keep-alive. The socket is authorised by the URL's <c>t</c> alone, as browsers
/// cannot set headers on a WebSocket, and it closes when the credential it was issued under runs out.
/// </summary>
public sealed partial class DirectLineStreams(
    DirectLineTokens tokens,
    DirectLineStore store,
    IDirectLineActivityNotifier notifier,
    IOptions<DirectLineOptions> options,
    IOptions<BotOptions> botOptions,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<DirectLineStreams> logger)
{
    private const int ReceiveBufferBytes = 1024;
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    // Open streams per conversation, oldest first: one too many closes the oldest.
    private readonly Dictionary<string, List<CancellationTokenSource>> _open = new(StringComparer.Ordinal);

    /// <summary>
    /// A stream URL for the conversation, to be used within <see cref="DirectLineOptions.StreamConnectSeconds"/>;
    /// the stream starts after <paramref name="watermark"/> (from the start when null).
    /// </summary>
    public string StreamUrl(HttpContext http, string conversationId, DirectLineGrant grant, long? watermark)
    {
        var baseUrl = PublicBaseUrl.Resolve(http, botOptions.Value);
        var socketBase = baseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + baseUrl["https://".Length..]
            : baseUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "ws://" + baseUrl["http://".Length..]
            : baseUrl;
        var t = tokens.IssueStreamToken(conversationId, grant.ExpiresAt, TimeSpan.FromSeconds(options.Value.StreamConnectSeconds));
        var query = watermark is { } w ? $"watermark={w.ToString(CultureInfo.InvariantCulture)}&t={t}" : $"t={t}";
        return $"{socketBase}/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/stream?{query}";
    }

    /// <summary><c>GET /conversations/{id}/stream?t=&amp;watermark=</c>: checks the URL, then streams until either side closes.</summary>
    public async Task<IResult> ConnectAsync(string conversationId, string? t, string? watermark, HttpContext http)
    {
        var grant = await tokens.CheckStreamTokenAsync(t);
        switch (grant.Status)
        {
            case DirectLineCredentialStatus.Missing:
                return DirectLineEndpoints.Error(StatusCodes.Status401Unauthorized, "MissingToken", "The stream URL's t is required.");
            case DirectLineCredentialStatus.Invalid:
                return DirectLineEndpoints.Error(StatusCodes.Status403Forbidden, "BadToken", "The stream URL is not valid.");
            case DirectLineCredentialStatus.Expired:
                return DirectLineEndpoints.Error(StatusCodes.Status403Forbidden, "TokenExpired", "The stream URL has expired; reconnect for a new one.");
        }
        if (!string.Equals(grant.ConversationId, conversationId, StringComparison.Ordinal))
        {
            return DirectLineEndpoints.Error(StatusCodes.Status403Forbidden, "TokenNotForConversation", "The stream URL does not grant this conversation.");
        }
        long after = 0;
        if (!string.IsNullOrEmpty(watermark) && !long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            return DirectLineEndpoints.Error(StatusCodes.Status400BadRequest, "BadArgument", "The watermark is not one this service issued.");
        }
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return DirectLineEndpoints.Error(StatusCodes.Status400BadRequest, "BadArgument", "The stream is a WebSocket; connect with an upgrade request.");
        }
        if (!await store.ExistsAsync(conversationId, http.RequestAborted))
        {
            return DirectLineEndpoints.Error(StatusCodes.Status404NotFound, "NotFound", "The conversation does not exist.");
        }

        // Listening starts before the first read, so an activity stored in between is not missed.
        using var subscription = notifier.Subscribe(conversationId);
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var collision = Open(conversationId);
        using var clientGone = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping, collision.Token, clientGone.Token);
        // Not cancelled with the stream: cancelling a pending receive aborts the socket before our close frame is out.
        var drained = DrainAsync(socket, clientGone);
        var reason = StreamEnd.ClientLeft;
        try
        {
            reason = await PushAsync(socket, conversationId, after, grant.Until, subscription, stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            reason = collision.IsCancellationRequested ? StreamEnd.Collision
                : lifetime.ApplicationStopping.IsCancellationRequested ? StreamEnd.ServerStopping
                : StreamEnd.ClientLeft;
        }
        catch (Exception ex) when (Data.StorageFaults.Classify(ex) is not null)
        {
            // The store is unavailable: the client reconnects with its watermark and loses nothing.
            Log.StoreUnavailable(logger, conversationId, ex);
            reason = StreamEnd.StoreUnavailable;
        }
        finally
        {
            Close(conversationId, collision);
        }
        await CloseAsync(socket, reason);
        // The client answers our close (or has closed already); one that never does is cut off.
        if (await Task.WhenAny(drained, Task.Delay(CloseHandshakeTimeout, clock)) != drained)
        {
            socket.Abort();
            await drained;
        }
        return Results.Empty;
    }

    private async Task<StreamEnd> PushAsync(WebSocket socket, string conversationId, long after, DateTimeOffset? until, IDirectLineActivitySubscription subscription, CancellationToken cancellationToken)
    {
        var heartbeat = options.Value.StreamHeartbeat;
        var batch = options.Value.MaxActivitiesPerPoll;
        var watermark = after;
        while (true)
        {
            var (activities, next) = await store.ReadJsonAsync(conversationId, watermark, batch, cancellationToken);
            if (activities.Count > 0)
            {
                await SendSetAsync(socket, activities, next, cancellationToken);
                watermark = next;
                if (activities.Count == batch)
                {
                    continue;
                }
            }

            var wait = heartbeat;
            if (until is { } end)
            {
                var left = end - clock.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    return StreamEnd.CredentialExpired;
                }
                wait = left < wait ? left : wait;
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(wait);
            try
            {
                await subscription.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Silence: the heartbeat; the store is read again below in case a notice went astray.
                await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
    }

    private static async Task SendSetAsync(WebSocket socket, IReadOnlyList<string> activities, long watermark, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("activities");
            foreach (var json in activities)
            {
                // Stored as the wire JSON of an activity: sent as it is.
                writer.WriteRawValue(json, skipInputValidation: true);
            }
            writer.WriteEndArray();
            writer.WriteString("watermark", watermark.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    /// <summary>
    /// Reads what the client sends (DirectLineJS sends empty messages to notice a broken socket sooner) and ignores it;
    /// the client's close, or a broken socket, stops the stream.
    /// </summary>
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource clientGone)
    {
        var buffer = new byte[ReceiveBufferBytes];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // Broken or aborted: the stream ends either way.
        }
        await clientGone.CancelAsync();
    }

    private static async Task CloseAsync(WebSocket socket, StreamEnd reason)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }
        var (status, description) = reason switch
        {
            StreamEnd.Collision => (WebSocketCloseStatus.PolicyViolation, "collision"),
            StreamEnd.CredentialExpired => (WebSocketCloseStatus.PolicyViolation, "token expired"),
            StreamEnd.ServerStopping => (WebSocketCloseStatus.EndpointUnavailable, "server stopping"),
            StreamEnd.StoreUnavailable => (WebSocketCloseStatus.InternalServerError, "unavailable"),
            _ => (WebSocketCloseStatus.NormalClosure, ""),
        };
        using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
        try
        {
            // Answering the client's close or starting ours; the reply to ours is read by DrainAsync.
            await socket.CloseOutputAsync(status, description, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client is already gone.
        }
    }

    private CancellationTokenSource Open(string conversationId)
    {
        var collision = new CancellationTokenSource();
        CancellationTokenSource? oldest = null;
        lock (_open)
        {
            if (!_open.TryGetValue(conversationId, out var streams))
            {
                _open[conversationId] = streams = [];
            }
            if (streams.Count >= options.Value.MaxStreamsPerConversation)
            {
                oldest = streams[0];
                streams.RemoveAt(0);
            }
            streams.Add(collision);
        }
        oldest?.Cancel();
        return collision;
    }

    private void Close(string conversationId, CancellationTokenSource collision)
    {
        lock (_open)
        {
            if (_open.TryGetValue(conversationId, out var streams) && streams.Remove(collision) && streams.Count == 0)
            {
                _open.Remove(conversationId);
            }
        }
    }

    private enum StreamEnd
    {
        ClientLeft,
        Collision,
        CredentialExpired,
        ServerStopping,
        StoreUnavailable,
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1220, Level = LogLevel.Warning, Message = "The stream of Direct Line conversation {ConversationId} closed because the store is unavailable; the client reconnects")]
        public static partial void StoreUnavailable(ILogger logger, string conversationId, Exception exception);
    }
}
