using Npgsql;

namespace CityWarmth.Bot.Cluster;

/// <summary>
/// PostgreSQL connections that hold something for this instance: the conversation locks (session advisory locks) and
/// the notifier's. They bypass the pool: a pooled connection given back keeps its session, and with it any lock it
/// holds, until it is next used, whereas closing one of these ends the session, and the server lets its locks go.
/// </summary>
public sealed class ClusterConnections : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _listenerSource;

    public ClusterConnections(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        // A lock held by an instance whose host vanished (power, network) stays until the server notices the dead
        // connection; with the system's defaults an idle socket is probed only after two hours. These sessions ask the
        // server to probe after 10 s and give up after three unanswered probes 5 s apart, so such a conversation is
        // free again within about half a minute. (A killed process needs none of this: its kernel closes the socket.)
        builder.Options = $"{builder.Options} -c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3".Trim();
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        // The listener only waits: keepalives notice a server that went away without closing the socket.
        builder.KeepAlive = 15;
        _listenerSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask<NpgsqlConnection> OpenListenerAsync(CancellationToken cancellationToken) => _listenerSource.OpenConnectionAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _listenerSource.DisposeAsync();
    }
}
