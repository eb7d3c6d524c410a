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
