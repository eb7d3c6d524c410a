using System.Text;
using System.Threading.Channels;
using Npgsql;

namespace CityWarmth.Bot.Cluster;

/// <summary>
/// <see cref="IClusterNotifier"/> over PostgreSQL's LISTEN/NOTIFY: every instance keeps one connection listening on
/// one server channel, and publishes with <c>pg_notify</c> from a second one. The database the instances share anyway
/// carries the messages, so a deployment needs no broker, and a notification sent after a commit reaches the others
/// after that commit, so what they read on it is already there. A message is <c>{instance}|{channel}|{payload}</c>;
/// an instance skips its own, which it delivered in-process when publishing.
/// </summary>
public sealed partial class PostgresClusterNotifier : LocalClusterNotifier, IHostedService, IAsyncDisposable
{
    internal const string ServerChannel = "citywarmth_cluster";
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(10);

    private readonly ClusterConnections _connections;
    private readonly ILogger<PostgresClusterNotifier> _logger;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly Channel<string> _outbox = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task _listener = Task.CompletedTask;
    private Task _sender = Task.CompletedTask;
    private int _stopped;

    public PostgresClusterNotifier(ClusterConnections connections, ILogger<PostgresClusterNotifier> logger)
    {
        _connections = connections;
        _logger = logger;
    }

    public override bool Publish(string channel, string payload)
    {
        DeliverLocally(channel, payload);
        var message = $"{_instance}|{channel}|{payload}";
        if (Encoding.UTF8.GetByteCount(message) > IClusterNotifier.MaxPayloadBytes)
        {
            Log.TooLarge(_logger, channel);
            return false;
        }
        return _outbox.Writer.TryWrite(message);
    }

    /// <summary>Starts listening and waits (a while) until it does, so an instance that is up hears the others.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = Task.Run(() => ListenAsync(_stop.Token), CancellationToken.None);
        _sender = Task.Run(() => SendAsync(_stop.Token), CancellationToken.None);
        await Task.WhenAny(_listening.Task, Task.Delay(StartWait, cancellationToken));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host stops it and the container disposes it, in either order: the first call stops.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        _outbox.Writer.TryComplete();
        // What was published before stopping still goes out, unless the server is gone.
        await Task.WhenAny(_sender, Task.Delay(TimeSpan.FromSeconds(2), cancellationToken));
        // Not disposed: a late Publish or a notification may still look at it.
        _stop.Cancel();
        await Task.WhenAll(_listener, _sender);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task ListenAsync(CancellationToken stop)
    {
        var lost = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _connections.OpenListenerAsync(stop);
                connection.Notification += (_, e) => OnNotification(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ServerChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }
                _listening.TrySetResult();
                if (lost)
                {
                    Log.Reconnected(_logger);
                    lost = false;
                    RaiseReconnected();
                }
                while (true)
                {
                    await connection.WaitAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.ListenerLost(_logger, ex);
                lost = true;
                try
                {
                    await Task.Delay(ReconnectDelay, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnNotification(string message)
    {
        var first = message.IndexOf('|');
        var second = first < 0 ? -1 : message.IndexOf('|', first + 1);
        if (second < 0 || message.AsSpan(0, first).SequenceEqual(_instance))
        {
            return;
        }
        try
        {
            DeliverLocally(message[(first + 1)..second], message[(second + 1)..]);
        }
        catch (Exception ex)
        {
            // A subscriber's fault must not stop this instance from hearing the next message.
            Log.SubscriberFailed(_logger, ex);
        }
    }

    private async Task SendAsync(CancellationToken stop)
    {
        NpgsqlConnection? connection = null;
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(stop))
            {
                while (_outbox.Reader.TryRead(out var message))
                {
                    // One retry on a fresh connection: a server restart drops the kept one.
                    for (var attempt = 1; attempt <= 2; attempt++)
                    {
                        try
                        {
                            connection ??= await _connections.OpenAsync(stop);
                            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @message)", connection);
                            notify.Parameters.AddWithValue("channel", ServerChannel);
                            notify.Parameters.AddWithValue("message", message);
                            await notify.ExecuteNonQueryAsync(stop);
                            break;
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
                        {
                            if (connection is not null)
                            {
                                await connection.DisposeAsync();
                                connection = null;
                            }
                            if (attempt == 2)
                            {
                                Log.NotSent(_logger, ex);
                            }
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Lost the PostgreSQL connection that hears the other instances; reconnecting")]
        public static partial void ListenerLost(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Hearing the other instances again")]
        public static partial void Reconnected(ILogger logger);

        [LoggerMessage(EventId = 9103, Level = LogLevel.Warning, Message = "A message for the other instances could not be sent")]
        public static partial void NotSent(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 9104, Level = LogLevel.Warning, Message = "A message on channel {Channel} is too large for the other instances; delivered here only")]
        public static partial void TooLarge(ILogger logger, string channel);

        [LoggerMessage(EventId = 9105, Level = LogLevel.Error, Message = "A subscriber failed on a message from another instance")]
        public static partial void SubscriberFailed(ILogger logger, Exception exception);
    }
}
