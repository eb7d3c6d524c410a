using CityWarmth.Bot.Cluster;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Messaging;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityWarmth.Bot.Tests.Cluster;

/// <summary>
/// Conversation leases of two instances on one PostgreSQL database, each instance its own lock sessions, notifier and
/// leases, as the bot builds them; what the server holds is read from pg_locks.
/// </summary>
public sealed class ConversationLeasesTests
{
    private readonly string _database = TestDatabase.PostgresServer is { } server
        ? TestDatabase.EnsureDatabase(server, "cw_leases_" + Guid.NewGuid().ToString("N")[..16])
        : "";

    [PostgresFact]
    public async Task ALeaseKeepsTheLockBetweenTurnsAndTheFirstTurnGetsTheStoredRowWithIt()
    {
        await CreateConversationsAsync(("conv-a", 7));
        await using var a = await Instance.StartAsync(_database, idleSeconds: 60);

        await (await a.Locks.AcquireAsync("conv-a", CancellationToken.None)).DisposeAsync();
        var token = a.Leases.HeldLease("conv-a");
        Assert.NotEqual(0, token);
        Assert.Equal(1, await HoldersAsync("conv-a"));
        // Only the turn that took the lease may use what was read with it.
        Assert.Null(a.Leases.TakeReadAtLock("conv-a"));

        await using (await a.Locks.AcquireAsync("conv-a", CancellationToken.None))
        {
            Assert.Equal(token, a.Leases.HeldLease("conv-a"));
        }
        Assert.Equal(1, await HoldersAsync("conv-a"));

        await using var b = await Instance.StartAsync(_database, idleSeconds: 60);
        await using (await b.Locks.AcquireAsync("conv-new", CancellationToken.None))
        {
            Assert.Equal(new ReadAtLock(false, null, null, "", 0), b.Leases.TakeReadAtLock("conv-new"));
        }
        await b.Leases.DisposeAsync();
        await a.Leases.DisposeAsync();
        await using var c = await Instance.StartAsync(_database, idleSeconds: 60);
        await using (await c.Locks.AcquireAsync("conv-a", CancellationToken.None))
        {
            var read = c.Leases.TakeReadAtLock("conv-a");
            Assert.Equal(7, read!.Version);
            Assert.Equal("emulator", read.ChannelId);
            Assert.Equal("{}", read.StateJson);
        }
    }

    [PostgresFact]
    public async Task AnotherInstanceAskingGetsTheConversationAtOnceAndTurnsStillGoOneAtATime()
    {
        await CreateConversationsAsync();
        await using var a = await Instance.StartAsync(_database, idleSeconds: 60);
        await using var b = await Instance.StartAsync(_database, idleSeconds: 60);
        await (await a.Locks.AcquireAsync("conv-b", CancellationToken.None)).DisposeAsync();
        Assert.NotEqual(0, a.Leases.HeldLease("conv-b"));

        // Far sooner than the lease would go idle: A lets go when B asks.
        var asked = System.Diagnostics.Stopwatch.StartNew();
        var onB = await b.Locks.AcquireAsync("conv-b", CancellationToken.None);
        Assert.True(asked.Elapsed < TimeSpan.FromSeconds(3), $"took {asked.Elapsed}");
        Assert.Equal(0, a.Leases.HeldLease("conv-b"));
        // The conversation moves between instances: B locks it for the turn only.
        Assert.Equal(0, b.Leases.HeldLease("conv-b"));

        var onA = a.Locks.AcquireAsync("conv-b", CancellationToken.None);
        await Task.Delay(500);
        Assert.False(onA.IsCompleted, "A's turn began while B's turn held the conversation");
        await onB.DisposeAsync();
        await (await onA.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
        Assert.Equal(0, a.Leases.HeldLease("conv-b"));
        await Eventually.TrueAsync(async () => await HoldersAsync("conv-b") == 0);
    }

    [PostgresFact]
    public async Task AnIdleLeaseIsLetGo()
    {
        await CreateConversationsAsync();
        await using var a = await Instance.StartAsync(_database, idleSeconds: 1);
        await (await a.Locks.AcquireAsync("conv-c", CancellationToken.None)).DisposeAsync();
        Assert.Equal(1, await HoldersAsync("conv-c"));

        await Eventually.TrueAsync(async () => await HoldersAsync("conv-c") == 0);
        Assert.Equal(0, a.Leases.HeldLease("conv-c"));
    }

    [PostgresFact]
    public async Task WhenTheLeaseSessionBreaksEveryLeaseIsDroppedAndTurnsGoOn()
    {
        await CreateConversationsAsync();
        await using var a = await Instance.StartAsync(_database, idleSeconds: 60);
        await (await a.Locks.AcquireAsync("conv-d", CancellationToken.None)).DisposeAsync();
        await (await a.Locks.AcquireAsync("conv-e", CancellationToken.None)).DisposeAsync();
        Assert.NotEqual(0, a.Leases.HeldLease("conv-d"));

        await using (var admin = new NpgsqlConnection(_database))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 27001 AND objid::int = hashtext('conv-d')", admin);
            await kill.ExecuteNonQueryAsync();
        }

        // The next use of the session (a ping within a second) finds it gone; nothing is trusted any more.
        await Eventually.TrueAsync(() => a.Leases.HeldLease("conv-d") == 0 && a.Leases.HeldLease("conv-e") == 0);
        await using var b = await Instance.StartAsync(_database, idleSeconds: 60);
        await (await b.Locks.AcquireAsync("conv-e", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
        await (await a.Locks.AcquireAsync("conv-d", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
        Assert.NotEqual(0, a.Leases.HeldLease("conv-d"));
    }

    private async Task CreateConversationsAsync(params (string Id, long Version)[] rows)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        // The columns the lease session reads, as the bot's migrations make them.
        await using (var create = new NpgsqlCommand(
            """CREATE TABLE IF NOT EXISTS conversations ("Id" text PRIMARY KEY, "ChannelId" text NOT NULL, "StateJson" text NOT NULL, "Owner" text NOT NULL, "Version" bigint NOT NULL)""", connection))
        {
            await create.ExecuteNonQueryAsync();
        }
        foreach (var (id, version) in rows)
        {
            await using var insert = new NpgsqlCommand("""INSERT INTO conversations VALUES ($1, 'emulator', '{}', 'bot', $2)""", connection);
            insert.Parameters.AddWithValue(id);
            insert.Parameters.AddWithValue(version);
            await insert.ExecuteNonQueryAsync();
        }
    }

    /// <summary>How many sessions hold the conversation's advisory lock.</summary>
    private async Task<long> HoldersAsync(string conversationId)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 27001 AND objid::int = hashtext($1)", connection);
        count.Parameters.AddWithValue(conversationId);
        return (long)(await count.ExecuteScalarAsync())!;
    }


    private sealed class Instance : IAsyncDisposable
    {
        private readonly ClusterConnections _connections;
        private readonly PostgresClusterNotifier _notifier;
        private readonly ConversationStateCache _states;

        private Instance(ClusterConnections connections, PostgresClusterNotifier notifier, ConversationStateCache states, ConversationLeases leases)
        {
            _connections = connections;
            _notifier = notifier;
            _states = states;
            Leases = leases;
            Locks = new ConversationTurnLocks(new ConversationLocks(), connections, leases);
        }

        public ConversationLeases Leases { get; }

        public ConversationTurnLocks Locks { get; }

        public static async Task<Instance> StartAsync(string database, int idleSeconds)
        {
            var connections = new ClusterConnections(database);
            var notifier = new PostgresClusterNotifier(connections, NullLogger<PostgresClusterNotifier>.Instance);
            await notifier.StartAsync(CancellationToken.None);
            var states = new ConversationStateCache(Options.Create(new StorageOptions { Provider = "Postgres" }));
            var leases = new ConversationLeases(
                connections, states, notifier, TimeProvider.System, NullLogger.Instance, capacity: 100, TimeSpan.FromSeconds(idleSeconds), timeoutSeconds: 5);
            return new Instance(connections, notifier, states, leases);
        }

        public async ValueTask DisposeAsync()
        {
            await Locks.DisposeAsync();
            await Leases.DisposeAsync();
            await _notifier.DisposeAsync();
            await _connections.DisposeAsync();
            _states.Dispose();
        }
    }
}
