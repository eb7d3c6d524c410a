using System.Collections.Concurrent;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace CityWarmth.Bot.Cluster;

/// <summary>What the conversation store asks about leases: which lease, if any, this instance holds on a conversation.</summary>
public interface IConversationLeaseView
{
    /// <summary>The token of the lease this instance holds on the conversation now, or 0 when it holds none.</summary>
    long HeldLease(string conversationId);

    /// <summary>
    /// The conversation as read right after its lease was taken, in the same round trip (once per lease, and only
    /// during the turn that took it); null when there is none to use.
    /// </summary>
    ReadAtLock? TakeReadAtLock(string conversationId);
}

/// <summary>A conversation as stored when its lease was taken.</summary>
/// <param name="Stored">False when the conversation has no stored row (the other fields are then empty).</param>
/// <param name="StateJson">Null when the stored version is the one whose state this instance kept.</param>
public sealed record ReadAtLock(bool Stored, string? ChannelId, string? StateJson, string Owner, long Version);

/// <summary>
/// Conversation locks kept across turns (leases). One PostgreSQL session of this instance holds the advisory locks of
/// its recently active conversations, so a turn of a conversation this instance already holds needs no round trip to
/// lock, none to unlock and (see <see cref="Data.ConversationStateCache"/>) none to read its state: while the lease has
/// been held since this instance's last save, no other instance's turn can have written the conversation.
/// <para>
/// Locks are taken and released in batches, one round trip for whatever is waiting. A lease is let go when it has
/// been idle for <c>Storage:LeaseIdleSeconds</c>, or as soon as its current turn ends when another instance asks for
/// it (a request on the cluster channel naming the lock's key). A conversation asked for, or found held elsewhere,
/// counts as moving between instances for a while and is locked turn by turn instead, on both sides, so conversations
/// that a balancer spreads over instances do not ping-pong. When the session breaks, every lease is dropped (the
/// server let their locks go with the session), and with them the trust in the kept states.
/// </para>
/// </summary>
public sealed partial class ConversationLeases : IConversationLeaseView, IAsyncDisposable
{
    /// <summary>The cluster channel on which an instance asks the others to let a conversation's lock go.</summary>
    internal const string RequestChannel = "conversation-lease";

    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MovingFor = TimeSpan.FromSeconds(60);

    private readonly ClusterConnections _connections;
    private readonly Data.ConversationStateCache _states;
    private readonly IClusterNotifier _notifier;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly int _capacity;
    private readonly TimeSpan _idleAfter;
    private readonly int _timeoutSeconds;
    private readonly ConcurrentDictionary<string, Lease> _byConversation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, Lease> _byKey = new();
    private readonly ConcurrentDictionary<int, long> _movingUntil = new();
    private readonly Channel<Operation> _operations = Channel.CreateUnbounded<Operation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDisposable _requests;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _session;
    private readonly Task _sweeper;
    private long _lastToken;
    private long _sessionNumber;

    public ConversationLeases(ClusterConnections connections, Data.ConversationStateCache states, IClusterNotifier notifier, TimeProvider clock, ILogger logger, int capacity, TimeSpan idleAfter, int timeoutSeconds)
    {
        _connections = connections;
        _states = states;
        _notifier = notifier;
        _clock = clock;
        _logger = logger;
        _capacity = capacity;
        _idleAfter = idleAfter;
        _timeoutSeconds = timeoutSeconds;
        _requests = notifier.Subscribe(RequestChannel, OnRequest);
        _session = Task.Run(RunSessionAsync);
        _sweeper = Task.Run(SweepAsync);
    }

    /// <summary>How many leases are held now.</summary>
    internal int Count => _byConversation.Count;

    public long HeldLease(string conversationId) =>
        _byConversation.TryGetValue(conversationId, out var lease) && lease.IsHeld ? lease.Token : 0;

    public ReadAtLock? TakeReadAtLock(string conversationId) =>
        _byConversation.TryGetValue(conversationId, out var lease) && lease.IsHeld ? Interlocked.Exchange(ref lease.Read, null) : null;

    /// <summary>
    /// Starts a turn on the conversation's lease, taking the lease first when the conversation is free; null when the
    /// turn must lock the conversation by itself (it moves between instances, the leases are full, another instance
    /// holds it: then it has been asked to let go). The caller holds the conversation's in-process lock.
    /// </summary>
    public async Task<Lease?> TryBeginTurnAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (_byConversation.TryGetValue(conversationId, out var held) && held.TryBeginTurn())
        {
            return held;
        }
        if (_byConversation.Count >= _capacity || _stop.IsCancellationRequested)
        {
            return null;
        }
        var attempt = new Operation(conversationId, unlock: false);
        if (!_operations.Writer.TryWrite(attempt))
        {
            return null;
        }
        // Not abandoned on cancellation: a lock the session took must get its lease, or nothing would let it go. The
        // wait is bounded by the session's command timeout.
        var (taken, key, session, read) = await attempt.Result.Task;
        if (!taken)
        {
            if (key is { } heldElsewhere)
            {
                MarkMoving(heldElsewhere);
                _notifier.Publish(RequestChannel, heldElsewhere.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return null;
        }
        var lease = new Lease(this, conversationId, key!.Value, Interlocked.Increment(ref _lastToken), session) { Read = read };
        _byConversation[conversationId] = lease;
        _byKey.TryAdd(lease.Key, lease);
        // Looked at after the lease is visible: a request arriving meanwhile either sees the lease or is seen here.
        if (IsMoving(lease.Key))
        {
            lease.RequestRelease();
        }
        if (cancellationToken.IsCancellationRequested)
        {
            _ = EndTurn(lease);
            cancellationToken.ThrowIfCancellationRequested();
        }
        return lease;
    }

    /// <summary>Ends the turn on the lease; returns a task that completes once a lease let go is unlocked.</summary>
    internal Task EndTurn(Lease lease)
    {
        // Only the turn that took the lease may use what was read then: later turns read what they need themselves.
        lease.Read = null;
        if (lease.EndTurn(IsMoving(lease.Key)))
        {
            return ReleaseAsync(lease);
        }
        return Task.CompletedTask;
    }

    private Task ReleaseAsync(Lease lease)
    {
        _byConversation.TryRemove(new KeyValuePair<string, Lease>(lease.ConversationId, lease));
        _byKey.TryRemove(new KeyValuePair<int, Lease>(lease.Key, lease));
        // A lease of a broken session has no lock left to release.
        if (lease.Session != Interlocked.Read(ref _sessionNumber))
        {
            return Task.CompletedTask;
        }
        var unlock = new Operation(lease.ConversationId, unlock: true);
        return _operations.Writer.TryWrite(unlock) ? unlock.Result.Task : Task.CompletedTask;
    }

    private void OnRequest(string payload)
    {
        if (!int.TryParse(payload, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var key))
        {
            return;
        }
        MarkMoving(key);
        if (_byKey.TryGetValue(key, out var lease) && lease.RequestRelease())
        {
            _ = ReleaseAsync(lease);
        }
    }

    private void MarkMoving(int key) => _movingUntil[key] = _clock.GetTimestamp() + (long)(MovingFor.TotalSeconds * _clock.TimestampFrequency);

    private bool IsMoving(int key) => _movingUntil.TryGetValue(key, out var until) && until > _clock.GetTimestamp();

    /// <summary>Lets idle leases go, forgets old moves, and keeps the session in use so a break is noticed soon.</summary>
    private async Task SweepAsync()
    {
        using var timer = new PeriodicTimer(SweepInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var now = _clock.GetTimestamp();
                var idleTicks = (long)(_idleAfter.TotalSeconds * _clock.TimestampFrequency);
                var released = false;
                foreach (var lease in _byConversation.Values)
                {
                    if (lease.TryReleaseIdle(now - idleTicks, IsMoving(lease.Key)))
                    {
                        _ = ReleaseAsync(lease);
                        released = true;
                    }
                }
                foreach (var (key, until) in _movingUntil)
                {
                    if (until <= now)
                    {
                        _movingUntil.TryRemove(new KeyValuePair<int, long>(key, until));
                    }
                }
                if (!released && !_byConversation.IsEmpty)
                {
                    _operations.Writer.TryWrite(Operation.Ping);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>The lock session: every waiting operation goes in one batch, unlocks before locks.</summary>
    private async Task RunSessionAsync()
    {
        NpgsqlConnection? connection = null;
        var batch = new List<Operation>();
        try
        {
            while (await _operations.Reader.WaitToReadAsync(_stop.Token))
            {
                while (batch.Count < 1024 && _operations.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }
                try
                {
                    if (connection is null)
                    {
                        connection = await _connections.OpenAsync(_stop.Token);
                        Interlocked.Increment(ref _sessionNumber);
                    }
                    await RunBatchAsync(connection, batch, Interlocked.Read(ref _sessionNumber));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    Log.SessionLost(_logger, ex);
                    // Closing the session lets every lock it held go; the leases (and the trust in kept states) go too.
                    if (connection is not null)
                    {
                        await DisposeQuietlyAsync(connection);
                        connection = null;
                    }
                    DropAll();
                    foreach (var operation in batch)
                    {
                        operation.Result.TrySetResult((false, null, 0, null));
                    }
                }
                batch.Clear();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            foreach (var operation in batch)
            {
                operation.Result.TrySetResult((false, null, 0, null));
            }
            while (_operations.Reader.TryRead(out var left))
            {
                left.Result.TrySetResult((false, null, 0, null));
            }
            DropAll();
            if (connection is not null)
            {
                await DisposeQuietlyAsync(connection);
            }
        }
    }

    private async Task RunBatchAsync(NpgsqlConnection connection, List<Operation> operations, long session)
    {
        var unlocks = operations.Where(o => o.Unlock).Select(o => o.ConversationId).ToArray();
        var locks = operations.Where(o => !o.Unlock && o.ConversationId.Length > 0).ToList();
        await using var batch = new NpgsqlBatch(connection) { Timeout = _timeoutSeconds };
        if (unlocks.Length > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"SELECT pg_advisory_unlock({AdvisoryLockSpaces.Conversations}, hashtext(id)) FROM unnest($1::text[]) AS u(id)")
            {
                Parameters = { new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = unlocks } },
            });
        }
        if (locks.Count > 0)
        {
            var ids = locks.Select(o => o.ConversationId).ToArray();
            // Every id comes back with its key and whether this session now holds it, in the order given.
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"SELECT n, hashtext(id), pg_try_advisory_lock({AdvisoryLockSpaces.Conversations}, hashtext(id)) FROM unnest($1::text[]) WITH ORDINALITY AS u(id, n) ORDER BY n")
            {
                Parameters = { new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = ids } },
            });
            // Read by a statement of its own, so after the locks were taken (a statement reads what was committed
            // when it began); the state only when its version is not the one kept in memory.
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                """
                SELECT n, c."ChannelId", CASE WHEN c."Version" = u.known THEN NULL ELSE c."StateJson" END, c."Owner", c."Version"
                FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS u(id, known, n) JOIN conversations c ON c."Id" = u.id
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = ids },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = ids.Select(id => _states.PeekVersion(id) ?? -1).ToArray() },
                },
            });
        }
        if (batch.BatchCommands.Count == 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT 1"));
        }
        await using (var reader = await batch.ExecuteReaderAsync(_stop.Token))
        {
            if (unlocks.Length > 0)
            {
                // Whether each was held matters not: a lease whose lock is gone has nothing left to let go.
                while (await reader.ReadAsync(_stop.Token))
                {
                }
                await reader.NextResultAsync(_stop.Token);
            }
            if (locks.Count > 0)
            {
                var outcomes = new (bool Taken, int Key)[locks.Count];
                while (await reader.ReadAsync(_stop.Token))
                {
                    outcomes[(int)reader.GetInt64(0) - 1] = (reader.GetBoolean(2), reader.GetInt32(1));
                }
                await reader.NextResultAsync(_stop.Token);
                var reads = new ReadAtLock[locks.Count];
                while (await reader.ReadAsync(_stop.Token))
                {
                    reads[(int)reader.GetInt64(0) - 1] = new ReadAtLock(
                        true, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetInt64(4));
                }
                for (var i = 0; i < locks.Count; i++)
                {
                    var read = reads[i] ?? new ReadAtLock(false, null, null, "", 0);
                    locks[i].Result.TrySetResult((outcomes[i].Taken, outcomes[i].Key, session, outcomes[i].Taken ? read : null));
                }
            }
        }
        foreach (var operation in operations)
        {
            operation.Result.TrySetResult((false, null, session, null));
        }
    }

    private void DropAll()
    {
        foreach (var lease in _byConversation.Values)
        {
            lease.Break();
        }
        _byConversation.Clear();
        _byKey.Clear();
    }

    private static async Task DisposeQuietlyAsync(NpgsqlConnection connection)
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

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        _requests.Dispose();
        _operations.Writer.TryComplete();
        _stop.Cancel();
        await Task.WhenAll(_session, _sweeper);
        _stop.Dispose();
    }

    /// <summary>One lock or unlock waiting for the session; an empty id is a ping.</summary>
    private sealed class Operation(string conversationId, bool unlock)
    {
        public static Operation Ping => new("", unlock: false);

        public string ConversationId { get; } = conversationId;

        public bool Unlock { get; } = unlock;

        /// <summary>Whether the lock was taken, its key (null when the session failed), and the session's number.</summary>
        public TaskCompletionSource<(bool Taken, int? Key, long Session, ReadAtLock? Read)> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A conversation's lock held by this instance's lease session, between turns and during one.</summary>
    public sealed class Lease(ConversationLeases owner, string conversationId, int key, long token, long session)
    {
        private readonly Lock _gate = new();
        private bool _inTurn = true;
        private bool _releaseRequested;
        private bool _gone;
        private long _lastUsed = owner._clock.GetTimestamp();

        /// <summary>What was read when the lease was taken, until the turn that took it uses it or ends.</summary>
        public ReadAtLock? Read;

        public string ConversationId { get; } = conversationId;

        public int Key { get; } = key;

        /// <summary>Never reused: a kept state saved under another token (or none) is checked against the database.</summary>
        public long Token { get; } = token;

        public long Session { get; } = session;

        public bool IsHeld
        {
            get
            {
                lock (_gate)
                {
                    return !_gone;
                }
            }
        }

        internal ConversationLeases Owner => owner;

        public bool TryBeginTurn()
        {
            lock (_gate)
            {
                if (_gone || _inTurn)
                {
                    return false;
                }
                _inTurn = true;
                return true;
            }
        }

        /// <summary>Returns true when the lease is to be let go now.</summary>
        public bool EndTurn(bool moving)
        {
            lock (_gate)
            {
                _inTurn = false;
                _lastUsed = owner._clock.GetTimestamp();
                if (!_gone && (_releaseRequested || moving))
                {
                    _gone = true;
                    return true;
                }
                return false;
            }
        }

        /// <summary>Asks the lease to go; true when it is idle and goes now (else its turn's end lets it go).</summary>
        public bool RequestRelease()
        {
            lock (_gate)
            {
                _releaseRequested = true;
                if (_gone || _inTurn)
                {
                    return false;
                }
                _gone = true;
                return true;
            }
        }

        public bool TryReleaseIdle(long usedBefore, bool moving)
        {
            lock (_gate)
            {
                if (_gone || _inTurn || (_lastUsed >= usedBefore && !moving))
                {
                    return false;
                }
                _gone = true;
                return true;
            }
        }

        public void Break()
        {
            lock (_gate)
            {
                _gone = true;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9111, Level = LogLevel.Warning, Message = "Lost the PostgreSQL session holding conversation leases; their locks are gone and are taken again turn by turn")]
        public static partial void SessionLost(ILogger logger, Exception exception);
    }
}
