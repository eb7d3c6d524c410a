using CityWarmth.Bot.Cluster;
using CityWarmth.Bot.Tests.Infrastructure;
using Npgsql;

namespace CityWarmth.Bot.Tests.Cluster;

/// <summary>The sessions that hold an instance's locks, as the server sees them.</summary>
public sealed class ClusterConnectionsTests
{
    [PostgresFact]
    public async Task LockSessionsAskTheServerToProbeThemSoADeadHostsLocksGoWithinAboutHalfAMinute()
    {
        await using var connections = new ClusterConnections(TestDatabase.PostgresServer!);
        await using var connection = await connections.OpenAsync(CancellationToken.None);

        Assert.Equal("10", await ShowAsync(connection, "tcp_keepalives_idle"));
        Assert.Equal("5", await ShowAsync(connection, "tcp_keepalives_interval"));
        Assert.Equal("3", await ShowAsync(connection, "tcp_keepalives_count"));
    }

    private static async Task<string?> ShowAsync(NpgsqlConnection connection, string setting)
    {
        await using var command = new NpgsqlCommand("SHOW " + setting, connection);
        return await command.ExecuteScalarAsync() as string;
    }
}
