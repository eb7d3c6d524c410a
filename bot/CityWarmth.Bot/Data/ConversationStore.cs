using System.Text.Json;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Skills.Conversation;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Data;

/// <summary>A conversation as loaded for one turn.</summary>
public sealed class ConversationSnapshot
{
    public required string ConversationId { get; init; }
    public required ConversationState State { get; init; }
    public required string Owner { get; set; }
    public long Version { get; init; }
    public bool IsNew { get; init; }

    /// <summary>The owner as stored when the turn began; a save writes the owner only when a turn changed it.</summary>
    public string? StoredOwner { get; init; }

    /// <summary>The state cache's epoch when the turn began (see <see cref="ConversationStateCache"/>).</summary>
    internal long CacheEpoch { get; init; }
}

/// <summary>Loads and saves conversation state and transcripts; one save per turn, in one transaction.</summary>
public interface IConversationStore
{
    Task<ConversationSnapshot> LoadAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the state and appends the turn's activities; throws <see cref="DbUpdateConcurrencyException"/> on a lost race.
    /// Returns the JSON (UTF-8) stored for each outbound activity, in order, so a reply can be sent exactly as recorded
    /// without being serialised again; the caller disposes it once the replies are sent.
    /// </summary>
    Task<StoredReplies> SaveTurnAsync(ConversationSnapshot snapshot, Activity inbound, IReadOnlyList<Activity> outbound, CancellationToken cancellationToken);

    Task<IReadOnlyList<Activity>> GetTranscriptAsync(string conversationId, int max, CancellationToken cancellationToken);

    /// <summary>The channel a stored conversation belongs to; null when it is not stored.</summary>
    Task<string?> GetChannelIdAsync(string conversationId, CancellationToken cancellationToken);
}

/// <summary>
/// The conversation store. The schema belongs to EF Core (migrations); the three statements every turn runs (load the
/// state, save it, append the transcript) are plain prepared commands (<see cref="ConversationSql"/>; on SQLite the
/// write loop runs them natively, binding the turn's UTF-8 JSON as it is), since EF's change tracking and query
/// pipeline cost more than the rest of a turn. Saves are group-committed: turns finishing at the same moment share one transaction
/// (one disk sync) on one long-lived writer connection, and every caller still waits until its own turn is durable.
/// States of recent conversations stay in memory (<see cref="ConversationStateCache"/>): with SQLite a load then needs
/// no database read at all; with PostgreSQL neither while this instance holds the conversation's lease since its last
/// save, and otherwise it reads the stored version and owner, and the state only when the version has moved on.
/// </summary>
public sealed partial class EfConversationStore : IConversationStore, IAsyncDisposable
{
    /// <summary>
    /// How a state is stored. Chinese is written as itself, not as \u escapes: the stored JSON is never embedded in a
    /// page, and escaping would make every character six bytes instead of three on every load and save.
    /// </summary>
    internal static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
    private const int MaxBatch = 256;
    // As many as turns read at once under load, so readers (each with its prepared statements) are not opened and closed per turn.
    private const int MaxIdleReaders = 64;

    private readonly IDbContextFactory<BotDbContext> _dbFactory;
    private readonly TimeProvider _clock;
    private readonly ILogger<EfConversationStore> _logger;
    private readonly ConversationSql _sql;
    private readonly ConversationStateCache _states;
    private readonly ConversationWriterGate _gate;
    private readonly Cluster.IConversationLeaseView? _leases;
    private readonly ConcurrentBag<ConversationSql.Reader> _readers = [];
    private readonly Channel<PendingTurn> _queue;
    private readonly Task _writers;
    private readonly bool _isPostgres;

    public EfConversationStore(IDbContextFactory<BotDbContext> dbFactory, ConversationStateCache states, ConversationWriterGate gate, TimeProvider clock, ILogger<EfConversationStore> logger, IOptions<StorageOptions> options, Cluster.IConversationLeaseView? leases = null)
    {
        _leases = leases;
        _dbFactory = dbFactory;
        _states = states;
        _gate = gate;
        _clock = clock;
        _logger = logger;
        _sql = new ConversationSql(dbFactory);
        // SQLite has one writer at a time anyway. A PostgreSQL server commits several connections' transactions at
        // once: while one batch waits for its commit to reach the disk, the next one is already being written.
        _isPostgres = options.Value.IsPostgres;
        var writers = options.Value.IsPostgres ? options.Value.PostgresWriters : 1;
        _queue = Channel.CreateUnbounded<PendingTurn>(new UnboundedChannelOptions { SingleReader = writers == 1 });
        _writers = Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)));
    }

    public async Task<ConversationSnapshot> LoadAsync(string conversationId, CancellationToken cancellationToken)
    {
        // Read before anything else: a write elsewhere from now on leaves the state this turn keeps untrusted.
        var epoch = _states.Epoch;
        var kept = _states.Take(conversationId);
        if (kept is { } current && _states.IsCurrent(current, _leases?.HeldLease(conversationId) ?? 0))
        {
            return new ConversationSnapshot
            {
                ConversationId = conversationId, State = current.State, Owner = current.Owner, StoredOwner = current.Owner, Version = current.Version, CacheEpoch = epoch,
            };
        }

        ConversationSql.StoredConversation? record;
        // Read with the lease's lock, in the same round trip: usable unless it counted on a kept state since dropped.
        if (_leases?.TakeReadAtLock(conversationId) is { } atLock && (atLock.StateJson is not null || !atLock.Stored || kept?.Version == atLock.Version))
        {
            record = atLock.Stored ? new ConversationSql.StoredConversation(atLock.StateJson, atLock.Owner, atLock.Version) : null;
            if (atLock.ChannelId is { } channel)
            {
                _states.RememberChannel(conversationId, channel);
            }
        }
        else
        {
            record = await ReadAsync(static (reader, args, cancellationToken) => reader.LoadAsync(args.conversationId, args.Version, cancellationToken), (conversationId, kept?.Version), cancellationToken);
        }
        if (record is null)
        {
            return new ConversationSnapshot { ConversationId = conversationId, State = new ConversationState(), Owner = ConversationOwners.Bot, IsNew = true, CacheEpoch = epoch };
        }
        return new ConversationSnapshot
        {
            ConversationId = conversationId,
            // No JSON back means the kept state is the stored one.
            State = record.StateJson is { } json
                ? JsonSerializer.Deserialize<ConversationState>(json, StateJson) ?? new ConversationState()
                : kept!.Value.State,
            Owner = record.Owner,
            StoredOwner = record.Owner,
            Version = record.Version,
            CacheEpoch = epoch,
        };
    }

    public async Task<string?> GetChannelIdAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (_states.ChannelOf(conversationId) is { } known)
        {
            return known;
        }
        var stored = await ReadAsync(static (reader, id, cancellationToken) => reader.ChannelIdAsync(id, cancellationToken), conversationId, cancellationToken);
        if (stored is not null)
        {
            _states.RememberChannel(conversationId, stored);
        }
        return stored;
    }

    /// <summary>Runs a read on one of the kept reader connections (prepared statements, no EF Core context).</summary>
    private async Task<T> ReadAsync<TArgs, T>(Func<ConversationSql.Reader, TArgs, CancellationToken, Task<T>> read, TArgs args, CancellationToken cancellationToken)
    {
        if (!_readers.TryTake(out var reader))
        {
            reader = await _sql.OpenReaderAsync(cancellationToken);
        }
        T result;
        try
        {
            result = await read(reader, args, cancellationToken);
        }
        catch
        {
            // The connection may be broken (or the command interrupted): never hand it out again.
            await reader.DisposeAsync();
            throw;
        }
        if (_readers.Count < MaxIdleReaders)
        {
            _readers.Add(reader);
        }
        else
        {
            await reader.DisposeAsync();
        }
        return result;
    }

    public async Task<StoredReplies> SaveTurnAsync(ConversationSnapshot snapshot, Activity inbound, IReadOnlyList<Activity> outbound, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        snapshot.State.UpdatedAt = now;
        // Serialised straight to UTF-8, the form the database and the HTTP response take, into pooled buffers: what only
        // the save reads, the write loop gives back once the turn is written; the replies' JSON goes to the caller,
        // which sends it after the save.
        var inboundJson = PooledJson.Write(inbound, ProtocolJson.Options, 1024);
        var referenceJson = PooledJson.Write(inbound.GetConversationReference(), ProtocolJson.Options, 512);
        var stateJson = PooledJson.Write(snapshot.State, StateJson, 4096);
        var repliesJson = new PooledJson[outbound.Count];
        var transcript = new TranscriptRow[outbound.Count + 1];
        // The worker's message carries the skill that answered it, so turns can be counted by skill.
        transcript[0] = ToRow("in", inbound, inboundJson.Json, now) with { Skill = outbound.Count > 0 ? SkillOf(outbound[0]) : null };
        for (var i = 0; i < outbound.Count; i++)
        {
            repliesJson[i] = PooledJson.Write(outbound[i], ProtocolJson.Options, 4096);
            transcript[i + 1] = ToRow("out", outbound[i], repliesJson[i].Json, now);
        }
        var replies = new StoredReplies(repliesJson);
        var pending = new PendingTurn
        {
            ConversationId = snapshot.ConversationId,
            ChannelId = inbound.ChannelId ?? "",
            ReferenceJson = referenceJson.Json,
            StateJson = stateJson.Json,
            Buffers = [inboundJson, referenceJson, stateJson],
            Owner = snapshot.Owner,
            Version = snapshot.IsNew ? 1 : snapshot.Version,
            Now = now,
            IsNew = snapshot.IsNew,
            Transcript = transcript,
            OwnerChanged = snapshot.Owner != snapshot.StoredOwner,
            // A hub's handoff.status comes from the hub, not the worker: keep the worker's reference.
            KeepReference = inbound.Type == ActivityTypes.Event && inbound.Name == HandoffEventNames.Status,
        };
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.ReturnBuffers();
            replies.Dispose();
            throw new InvalidOperationException("The conversation store is shutting down.");
        }
        try
        {
            // Completed (either way) only once the write loop is done reading the turn's rows.
            await pending.Completion.Task;
        }
        catch
        {
            replies.Dispose();
            throw;
        }
        // The lease held now was held since the load: none begins while the turn holds the conversation.
        _states.Keep(
            snapshot.ConversationId, snapshot.IsNew ? 1 : snapshot.Version + 1, snapshot.Owner, snapshot.State, snapshot.CacheEpoch,
            _leases?.HeldLease(snapshot.ConversationId) ?? 0, snapshot.IsNew ? pending.ChannelId : null);
        return replies;
    }

    /// <summary>One writer: takes whatever turns are waiting and commits them together on its own connection.</summary>
    private async Task WriteLoopAsync()
    {
        var writer = new WriterConnection();
        var batch = new List<PendingTurn>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            try
            {
                await CommitAsync(writer, batch);
                batch.ForEach(p => p.Completion.TrySetResult());
            }
            catch (Exception ex) when (batch.Count > 1 && !StorageFaults.IsUnavailable(ex))
            {
                // One turn spoiled the batch (a concurrent writer, a constraint): commit each alone so only it fails.
                Log.BatchSplit(_logger, batch.Count, ex.GetType().Name);
                foreach (var pending in batch)
                {
                    try
                    {
                        await CommitAsync(writer, [pending]);
                        pending.Completion.TrySetResult();
                    }
                    catch (Exception single)
                    {
                        pending.Completion.TrySetException(single);
                    }
                }
            }
            catch (Exception ex)
            {
                // A locked or full database fails every turn of the batch alike; one by one would only wait longer.
                batch.ForEach(p => p.Completion.TrySetException(ex));
            }
            // Every turn of the batch is finished with: nothing reads its pooled JSON any more.
            batch.ForEach(p => p.ReturnBuffers());
            batch.Clear();
        }
        if (writer.Connection is not null)
        {
            await writer.Connection.DisposeAsync();
        }
    }

    private async Task CommitAsync(WriterConnection writer, IReadOnlyList<PendingTurn> batch)
    {
        writer.Connection ??= await _sql.OpenWriterAsync();
        // Between two commits the SQLite checkpointer may hold the writer to let the log start over (SQLite has one
        // writer; with PostgreSQL nothing else holds the gate, and the writers do not wait on each other).
        var gated = !_isPostgres;
        if (gated)
        {
            await _gate.EnterAsync();
        }
        try
        {
            await writer.Connection.CommitAsync(batch);
        }
        catch (Exception ex) when (ex is not DbUpdateConcurrencyException)
        {
            // A lost race leaves the connection fine; anything else (locked, disk full, a dropped server
            // connection) may not, so the next commit starts on a fresh one.
            var broken = writer.Connection;
            writer.Connection = null;
            await broken.DisposeAsync();
            throw;
        }
        finally
        {
            if (gated)
            {
                _gate.Exit();
            }
        }
    }

    /// <summary>A write loop's connection, opened on its first commit and again after one broke.</summary>
    private sealed class WriterConnection
    {
        public ConversationSql.TurnWriter? Connection { get; set; }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writers;
        while (_readers.TryTake(out var reader))
        {
            await reader.DisposeAsync();
        }
    }

    /// <summary>One turn's rows as the write loop stores them; the JSON values are UTF-8.</summary>
    internal sealed class PendingTurn
    {
        public required string ConversationId { get; init; }
        public required string ChannelId { get; init; }
        public required ReadOnlyMemory<byte> ReferenceJson { get; init; }
        public required ReadOnlyMemory<byte> StateJson { get; init; }

        /// <summary>The pooled buffers the turn's JSON is in, given back once the write loop is done with the turn.</summary>
        public PooledJson[] Buffers { get; init; } = [];
        public required string Owner { get; init; }

        /// <summary>The version the turn loaded, which an update requires and moves on by one; 1 for a new conversation.</summary>
        public required long Version { get; init; }
        public required DateTimeOffset Now { get; init; }
        public required bool IsNew { get; init; }
        public required TranscriptRow[] Transcript { get; init; }

        public bool KeepReference { get; init; }

        public bool OwnerChanged { get; init; }

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void ReturnBuffers() => PooledJson.ReturnAll(Buffers);
    }

    /// <summary>A transcript row of a pending turn.</summary>
    internal sealed record TranscriptRow(string Direction, string Type, string? Skill, ReadOnlyMemory<byte> ActivityJson, DateTimeOffset Timestamp);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "A batch of {Count} turn saves failed ({Error}); saving them one by one")]
        public static partial void BatchSplit(ILogger logger, int count, string error);
    }

    public async Task<IReadOnlyList<Activity>> GetTranscriptAsync(string conversationId, int max, CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await TranscriptChain.LatestAsync(db, conversationId, max, messagesOnly: false, cancellationToken);
        return [.. rows.Select(row => JsonSerializer.Deserialize<Activity>(row.ActivityJson, ProtocolJson.Options)!)];
    }

    private static string? SkillOf(Activity activity) =>
        (activity.ChannelData as System.Text.Json.Nodes.JsonObject)?["skill"] is System.Text.Json.Nodes.JsonValue skill ? skill.ToString() : null;

    private static TranscriptRow ToRow(string direction, Activity activity, ReadOnlyMemory<byte> json, DateTimeOffset now) => new(
        direction,
        activity.Type ?? "",
        SkillOf(activity),
        json,
        activity.Timestamp ?? now);
}
