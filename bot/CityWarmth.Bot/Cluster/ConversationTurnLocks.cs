using System.Collections.Concurrent;
using CityWarmth.Bot.Messaging;
using Npgsql;
using NpgsqlTypes;

namespace CityWarmth.Bot.Cluster;

/// <summary>
/// One turn at a time per conversation, across every instance of the bot. Within the process a turn first takes the
/// in-memory lock (<see cref="ConversationLocks"/>), so only one of its waiting turns holds a database connection; with
/// PostgreSQL it then takes the conversation's session advisory lock, which instances sharing the database contend
/// for. A killed instance's locks go with its connections. Waiting longer than <c>Storage:BusyTimeoutSeconds</c>
/// fails (lock_timeout), and the turn is not stored, as for any locked database.
/// <para>
/// With leases (<see cref="ConversationLeases"/>) a conversation this instance is active in keeps its lock between
/// turns on the lease session, and its turns need no round trip for the lock at all; the per-turn lock on a session
/// of its own remains for conversations that move between instances, or when the leases are full.
/// </para>
/// </summary>
public sealed class ConversationTurnLocks : IAsyncDisposable
{
    // Connections kept open between turns; more are opened while more turns wait at once.
    private const int MaxIdleConnections = 32;

    private readonly ConversationLocks _local;
    private readonly ClusterConnections? _connections;
    private readonly ConversationLeases? _leases;
    private readonly ConcurrentBag<LockConnection> _idle = [];
    private volatile bool _disposed;

    public ConversationTurnLocks(ConversationLocks local, ClusterConnections? connections = null, ConversationLeases? leases = null)
    {
        _local = local;
        _connections = connections;
        _leases = leases;
    }

    public async Task<IAsyncDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        var local = await _local.AcquireAsync(conversationId, cancellationToken);
        if (_connections is null)
        {
            return new Held(this, local, null, conversationId);
        }
        LockConnection? connection = null;
        try
        {
            if (_leases is not null && await _leases.TryBeginTurnAsync(conversationId, cancellationToken) is { } lease)
            {
                return new HeldLease(lease, local);
            }
            connection = _idle.TryTake(out var idle) ? idle : await LockConnection.OpenAsync(_connections, cancellationToken);
            await connection.LockAsync(conversationId, cancellationToken);
            return new Held(this, local, connection, conversationId);
        }
        catch
        {
            // The statement may have been cut off mid-way: closing the session settles whether the lock was taken.
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            local.Dispose();
            throw;
        }
    }

    private async ValueTask ReleaseAsync(IDisposable local, LockConnection? connection, string conversationId)
    {
        try
        {
            if (connection is not null)
            {
                try
                {
                    await connection.UnlockAsync(conversationId);
                    if (_idle.Count < MaxIdleConnections && !_disposed)
                    {
                        _idle.Add(connection);
                        connection = null;
                    }
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or ObjectDisposedException)
                {
                    // The turn is done and answered; closing the session below lets the lock go all the same.
                }
                finally
                {
                    // Closed when it failed to unlock (the session's end releases the lock) or when enough are idle.
                    if (connection is not null)
                    {
                        try
                        {
                            await connection.DisposeAsync();
                        }
                        catch (Exception ex) when (ex is NpgsqlException or IOException or ObjectDisposedException)
                        {
                            // A broken session is gone either way, and its locks with it.
                        }
                    }
                }
            }
        }
        finally
        {
            local.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            await connection.DisposeAsync();
        }
    }

    private sealed class Held(ConversationTurnLocks owner, IDisposable local, LockConnection? connection, string conversationId) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                if (connection is null)
                {
                    local.Dispose();
                }
                else
                {
                    // The reply does not wait for the server to let the lock go. The in-memory lock is kept until it
                    // has, so this instance's next turn of the conversation still comes after; ReleaseAsync never throws.
                    _ = owner.ReleaseAsync(local, connection, conversationId).AsTask();
                }
            }
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A turn on a lease: the lock stays with the lease session unless the lease is let go at the turn's end.</summary>
    private sealed class HeldLease(ConversationLeases.Lease lease, IDisposable local) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                var released = lease.Owner.EndTurn(lease);
                if (released.IsCompleted)
                {
                    local.Dispose();
                }
                else
                {
                    // As with a per-turn lock: this instance's next turn waits in-process until the server let go.
                    released.ContinueWith(static (_, state) => ((IDisposable)state!).Dispose(), local, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A session of its own with the two prepared statements.</summary>
    private sealed class LockConnection : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlCommand _lock;
        private readonly NpgsqlCommand _unlock;

        private LockConnection(NpgsqlConnection connection)
        {
            _connection = connection;
            _lock = Command(connection, $"SELECT pg_advisory_lock({AdvisoryLockSpaces.Conversations}, hashtext(@id))");
            _unlock = Command(connection, $"SELECT pg_advisory_unlock({AdvisoryLockSpaces.Conversations}, hashtext(@id))");
        }

        public static async Task<LockConnection> OpenAsync(ClusterConnections connections, CancellationToken cancellationToken)
        {
            var connection = await connections.OpenAsync(cancellationToken);
            try
            {
                var locks = new LockConnection(connection);
                await locks._lock.PrepareAsync(cancellationToken);
                await locks._unlock.PrepareAsync(cancellationToken);
                return locks;
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async Task LockAsync(string conversationId, CancellationToken cancellationToken)
        {
            _lock.Parameters[0].Value = conversationId;
            await _lock.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task UnlockAsync(string conversationId)
        {
            _unlock.Parameters[0].Value = conversationId;
            // Released even when the turn was cancelled: the lock must not outlive it.
            if (await _unlock.ExecuteScalarAsync(CancellationToken.None) is not true)
            {
                throw new InvalidOperationException($"The advisory lock of conversation {conversationId} was not held.");
            }
        }

        private static NpgsqlCommand Command(NpgsqlConnection connection, string text)
        {
            var command = new NpgsqlCommand(text, connection);
            command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text));
            return command;
        }

        public async ValueTask DisposeAsync()
        {
            await _lock.DisposeAsync();
            await _unlock.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}

/// <summary>The first key of the two-key advisory locks the bot takes, one space per kind of thing locked.</summary>
public static class AdvisoryLockSpaces
{
    /// <summary>A conversation's turns (second key: <c>hashtext</c> of its id); two ids with one hash only wait on each other.</summary>
    public const int Conversations = 27001;

    /// <summary>A day's wage case numbers (second key: the day as yyyyMMdd).</summary>
    public const int CaseNumbers = 27002;

    /// <summary>Seeding the first knowledge version on a fresh database (second key: 0).</summary>
    public const int KnowledgeSeed = 27003;

    /// <summary>Loading the sample job postings into a fresh database (second key: 0).</summary>
    public const int SampleJobs = 27004;

    /// <summary>Migrating the schema (second key: 0).</summary>
    public const int Migrations = 27005;
}
