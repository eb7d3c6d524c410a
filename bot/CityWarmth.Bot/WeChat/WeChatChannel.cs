using CityWarmth.Bot.Conversations;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Messaging;
using CityWarmth.BotFramework.Replies;
using CityWarmth.BotFramework.Schema;
using CityWarmth.WeChat;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.WeChat;

/// <summary>How a pushed message is answered: the passive reply (plain XML, or null for "success") and what follows it.</summary>
/// <param name="Later">Messages to send through the customer-service API once the response is out.</param>
public sealed record WeChatAnswer(string? ReplyXml, IReadOnlyList<WeChatOutbound> Later)
{
    public static readonly WeChatAnswer Nothing = new(null, []);
}

/// <summary>
/// WeChat as a channel: a pushed message is claimed once across instances (retries get the first answer or nothing),
/// turned into an activity and run through the <see cref="TurnRunner"/> like every channel's. When the turn ends in
/// time, its first message is the passive reply and the rest follow through the customer-service API; when it does
/// not, WeChat is answered "success" and everything follows through the API.
/// </summary>
public sealed partial class WeChatChannel
{
    private readonly TurnRunner _runner;
    private readonly WeChatInboundLog _inbound;
    private readonly WeChatMessenger _messenger;
    private readonly IOptions<WeChatOptions> _options;
    private readonly TimeProvider _clock;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<WeChatChannel> _logger;

    public WeChatChannel(
        IServiceProvider services,
        WeChatInboundLog inbound,
        WeChatMessenger messenger,
        IOptions<WeChatOptions> options,
        TimeProvider clock,
        IHostApplicationLifetime lifetime,
        ILogger<WeChatChannel> logger)
    {
        // The same runner as every channel (same locks, same store), with WeChat's own kinds of message settled first.
        var handler = ActivatorUtilities.CreateInstance<WeChatTurnHandler>(services, services.GetRequiredService<ITurnHandler>());
        _runner = ActivatorUtilities.CreateInstance<TurnRunner>(services, (ITurnHandler)handler);
        _inbound = inbound;
        _messenger = messenger;
        _options = options;
        _clock = clock;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <param name="receivedAt">When the request arrived (<see cref="TimeProvider.GetTimestamp"/>): WeChat's 5 seconds started then.</param>
    public async Task<WeChatAnswer> HandleAsync(WeChatInboundMessage message, string publicBaseUrl, long receivedAt, CancellationToken cancellationToken)
    {
        if (WeChatActivities.ToActivity(message) is not { } activity)
        {
            return WeChatAnswer.Nothing;
        }
        var openId = message.FromUserName;
        var key = message.DeduplicationKey;
        try
        {
            if (!await _inbound.TryClaimAsync(key, openId, cancellationToken))
            {
                Log.Retry(_logger, key);
                var again = await _inbound.WaitForAnswerAsync(key, Remaining(receivedAt), cancellationToken);
                return new WeChatAnswer(again, []);
            }
        }
        catch (Exception ex) when (StorageFaults.Classify(ex) is { } unavailable)
        {
            // Nothing is stored, so nothing is lost: the worker is asked to send it again (WeChat would not retry a reply).
            Log.StorageUnavailable(_logger, unavailable.Fault);
            return new WeChatAnswer(Passive(message, new WeChatText(BotText.StorageBusy)), []);
        }

        var sink = new WeChatReplySink();
        // The turn belongs to the bot, not to the request: it finishes (and is answered through the API) if WeChat hangs up.
        var turn = Task.Run(() => _runner.RunAsync(activity, sink, publicBaseUrl, _lifetime.ApplicationStopping), CancellationToken.None);
        try
        {
            await turn.WaitAsync(Remaining(receivedAt), _clock, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Past the window (or WeChat hung up): "success" now, the answer through the API when it is ready.
            Log.AnsweredLate(_logger, key);
            await RecordAsync(key, WeChatInboundStatus.Deferred, null);
            _ = SendWhenDoneAsync(turn, sink, openId);
            return WeChatAnswer.Nothing;
        }

        var messages = WeChatRenderer.Render(sink.Replies);
        if (messages.Count == 0)
        {
            await RecordAsync(key, WeChatInboundStatus.Answered, null);
            return WeChatAnswer.Nothing;
        }
        var reply = Passive(message, messages[0]);
        await RecordAsync(key, WeChatInboundStatus.Answered, reply);
        return new WeChatAnswer(reply, messages.Skip(1).ToList());
    }

    /// <summary>Sends what followed a passive reply; called once the response has gone out, so the order holds.</summary>
    public void SendLater(string openId, IReadOnlyList<WeChatOutbound> messages)
    {
        if (messages.Count > 0)
        {
            _ = SendInBackgroundAsync(openId, messages);
        }
    }

    private async Task SendInBackgroundAsync(string openId, IReadOnlyList<WeChatOutbound> messages)
    {
        try
        {
            await _messenger.SendAsync(openId, messages, _lifetime.ApplicationStopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.LateSendFailed(_logger, ex);
        }
    }

    private async Task SendWhenDoneAsync(Task<TurnOutcome> turn, WeChatReplySink sink, string openId)
    {
        try
        {
            await turn;
            await _messenger.SendAsync(openId, WeChatRenderer.Render(sink.Replies), _lifetime.ApplicationStopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.LateSendFailed(_logger, ex);
        }
    }

    /// <summary>Notes the answer for retries; the answer goes out even when that fails (a retry then gets nothing).</summary>
    private async Task RecordAsync(string key, string status, string? replyXml)
    {
        try
        {
            await _inbound.RecordAsync(key, status, replyXml, CancellationToken.None);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            Log.NotRecorded(_logger, key);
        }
    }

    private TimeSpan Remaining(long receivedAt)
    {
        var left = TimeSpan.FromSeconds(_options.Value.PassiveReplySeconds) - _clock.GetElapsedTime(receivedAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private string Passive(WeChatInboundMessage message, WeChatOutbound reply) =>
        WeChatXml.Reply(message.FromUserName, message.ToUserName, _clock.GetUtcNow().ToUnixTimeSeconds(), reply);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2671, Level = LogLevel.Information, Message = "WeChat retried {Key}; it is handled once")]
        public static partial void Retry(ILogger logger, string key);

        [LoggerMessage(EventId = 2672, Level = LogLevel.Information, Message = "The answer to {Key} was not ready within the passive window; it follows through the customer-service API")]
        public static partial void AnsweredLate(ILogger logger, string key);

        [LoggerMessage(EventId = 2673, Level = LogLevel.Warning, Message = "A WeChat message was not handled: the database is unavailable ({Fault})")]
        public static partial void StorageUnavailable(ILogger logger, StorageFault fault);

        [LoggerMessage(EventId = 2675, Level = LogLevel.Warning, Message = "How {Key} was answered could not be noted; a retry of it gets no reply")]
        public static partial void NotRecorded(ILogger logger, string key);

        [LoggerMessage(EventId = 2674, Level = LogLevel.Error, Message = "Sending WeChat replies through the customer-service API failed")]
        public static partial void LateSendFailed(ILogger logger, Exception exception);
    }
}

/// <summary>Collects a turn's replies for rendering. Replies travel back in the response, so no typing indicator.</summary>
public sealed class WeChatReplySink : IReplySink
{
    private readonly List<Activity> _replies = [];

    public bool IsInline => true;

    public IReadOnlyList<Activity> Replies
    {
        get
        {
            lock (_replies)
            {
                return [.. _replies];
            }
        }
    }

    public Task SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        lock (_replies)
        {
            _replies.Add(reply);
        }
        return Task.CompletedTask;
    }
}
