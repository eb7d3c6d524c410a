using System.Text.Json;
using CityWarmth.Bot.Protocol;
using CityWarmth.Skills.Conversation;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Data;

/// <summary>A conversation as loaded for one turn.</summary>
public sealed class ConversationSnapshot
{
    public required string ConversationId { get; init; }
    public required ConversationState State { get; init; }
    public required string Owner { get; set; }
    public long Version { get; init; }
    public bool IsNew { get; init; }
}

/// <summary>Loads and saves conversation state and transcripts; one save per turn, in one transaction.</summary>
public interface IConversationStore
{
    Task<ConversationSnapshot> LoadAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Saves the state and appends the turn's activities; throws <see cref="DbUpdateConcurrencyException"/> on a lost race.</summary>
    Task SaveTurnAsync(ConversationSnapshot snapshot, Activity inbound, IReadOnlyList<Activity> outbound, CancellationToken cancellationToken);

    Task<IReadOnlyList<Activity>> GetTranscriptAsync(string conversationId, int max, CancellationToken cancellationToken);
}

/// <summary>
/// The conversation store on EF Core. Saves are group-committed: turns finishing at the same moment share one
/// transaction (one disk sync) instead of one each, and every caller still waits until its own turn is durable.
/// </summary>
public sealed partial class EfConversationStore : IConversationStore, IAsyncDisposable
{
    internal static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);
    private const int MaxBatch = 256;

    // Compiled once: every turn starts with this query, and translating the LINQ each time is most of its cost.
    private static readonly Func<BotDbContext, string, CancellationToken, Task<StoredConversation?>> LoadQuery =
        EF.CompileAsyncQuery((BotDbContext db, string id, CancellationToken ct) => db.Conversations.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new StoredConversation(c.StateJson, c.Owner, c.Version))
            .SingleOrDefault());

    private readonly IDbContextFactory<BotDbContext> _dbFactory;
    private readonly TimeProvider _clock;
    private readonly ILogger<EfConversationStore> _logger;
    private readonly Channel<PendingTurn> _queue = Channel.CreateUnbounded<PendingTurn>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public EfConversationStore(IDbContextFactory<BotDbContext> dbFactory, TimeProvider clock, ILogger<EfConversationStore> logger)
    {
        _dbFactory = dbFactory;
        _clock = clock;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    public async Task<ConversationSnapshot> LoadAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await LoadQuery(db, conversationId, cancellationToken);
        if (record is null)
        {
            return new ConversationSnapshot { ConversationId = conversationId, State = new ConversationState(), Owner = ConversationOwners.Bot, IsNew = true };
        }
        return new ConversationSnapshot
        {
            ConversationId = conversationId,
            State = JsonSerializer.Deserialize<ConversationState>(record.StateJson, StateJson) ?? new ConversationState(),
            Owner = record.Owner,
            Version = record.Version,
        };
    }

    public Task SaveTurnAsync(ConversationSnapshot snapshot, Activity inbound, IReadOnlyList<Activity> outbound, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        snapshot.State.UpdatedAt = now;
        var record = new ConversationRecord
        {
            Id = snapshot.ConversationId,
            ChannelId = inbound.ChannelId ?? "",
            ReferenceJson = JsonSerializer.Serialize(inbound.GetConversationReference(), ProtocolJson.Options),
            StateJson = JsonSerializer.Serialize(snapshot.State, StateJson),
            Owner = snapshot.Owner,
            Version = snapshot.IsNew ? 1 : snapshot.Version,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var entries = new List<TranscriptEntry>(outbound.Count + 1) { ToEntry(snapshot.ConversationId, "in", inbound, now) };
        entries.AddRange(outbound.Select(reply => ToEntry(snapshot.ConversationId, "out", reply, now)));

        var pending = new PendingTurn(record, snapshot.IsNew, entries)
        {
            // A hub's handoff.status comes from the hub, not the worker: keep the worker's reference.
            KeepReference = inbound.Type == ActivityTypes.Event && inbound.Name == HandoffEventNames.Status,
        };
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The conversation store is shutting down.");
        }
        return pending.Completion.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingTurn>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            try
            {
                await CommitAsync(batch);
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
                        await CommitAsync([pending]);
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
            batch.Clear();
        }
    }

    private async Task CommitAsync(IReadOnlyList<PendingTurn> batch)
    {
        await using var db = await _dbFactory.CreateDbContextAsync();
        foreach (var pending in batch)
        {
            var record = pending.Record;
            if (pending.IsNew)
            {
                db.Conversations.Add(record);
            }
            else
            {
                // Attach with the version this turn loaded, then bump it: the UPDATE matches only if nobody saved meanwhile.
                var expected = record.Version;
                var entry = db.Conversations.Attach(record);
                record.Version = expected + 1;
                entry.Property(x => x.Version).OriginalValue = expected;
                entry.Property(x => x.Version).IsModified = true;
                entry.Property(x => x.StateJson).IsModified = true;
                entry.Property(x => x.ReferenceJson).IsModified = !pending.KeepReference;
                entry.Property(x => x.Owner).IsModified = true;
                entry.Property(x => x.UpdatedAt).IsModified = true;
            }
            db.Transcript.AddRange(pending.Transcript);
        }
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private sealed record StoredConversation(string StateJson, string Owner, long Version);

    private sealed record PendingTurn(ConversationRecord Record, bool IsNew, List<TranscriptEntry> Transcript)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool KeepReference { get; init; }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "A batch of {Count} turn saves failed ({Error}); saving them one by one")]
        public static partial void BatchSplit(ILogger logger, int count, string error);
    }

    public async Task<IReadOnlyList<Activity>> GetTranscriptAsync(string conversationId, int max, CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Transcript.AsNoTracking()
            .Where(t => t.ConversationId == conversationId)
            .OrderByDescending(t => t.Id)
            .Take(max)
            .Select(t => t.ActivityJson)
            .ToListAsync(cancellationToken);
        rows.Reverse();
        return [.. rows.Select(json => JsonSerializer.Deserialize<Activity>(json, ProtocolJson.Options)!)];
    }

    private static TranscriptEntry ToEntry(string conversationId, string direction, Activity activity, DateTimeOffset now) => new()
    {
        ConversationId = conversationId,
        Direction = direction,
        Type = activity.Type ?? "",
        Skill = (activity.ChannelData as System.Text.Json.Nodes.JsonObject)?["skill"] is System.Text.Json.Nodes.JsonValue skill ? skill.ToString() : null,
        ActivityJson = JsonSerializer.Serialize(activity, ProtocolJson.Options),
        Timestamp = activity.Timestamp ?? now,
    };
}
