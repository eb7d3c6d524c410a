using System.Text.Json;
using CityWarmth.Bot.Protocol;
using CityWarmth.Skills.Conversation;
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

public sealed class EfConversationStore(IDbContextFactory<BotDbContext> dbFactory, TimeProvider clock) : IConversationStore
{
    internal static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);

    public async Task<ConversationSnapshot> LoadAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Select(c => new { c.StateJson, c.Owner, c.Version })
            .SingleOrDefaultAsync(cancellationToken);
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

    public async Task SaveTurnAsync(ConversationSnapshot snapshot, Activity inbound, IReadOnlyList<Activity> outbound, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        snapshot.State.UpdatedAt = now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stateJson = JsonSerializer.Serialize(snapshot.State, StateJson);
        var referenceJson = JsonSerializer.Serialize(inbound.GetConversationReference(), ProtocolJson.Options);
        if (snapshot.IsNew)
        {
            db.Conversations.Add(new ConversationRecord
            {
                Id = snapshot.ConversationId,
                ChannelId = inbound.ChannelId ?? "",
                ReferenceJson = referenceJson,
                StateJson = stateJson,
                Owner = snapshot.Owner,
                Version = 1,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
        else
        {
            var record = new ConversationRecord
            {
                Id = snapshot.ConversationId,
                ChannelId = inbound.ChannelId ?? "",
                ReferenceJson = referenceJson,
                StateJson = stateJson,
                Owner = snapshot.Owner,
                Version = snapshot.Version,
            };
            db.Conversations.Attach(record);
            record.Version = snapshot.Version + 1;
            record.StateJson = stateJson;
            record.ReferenceJson = referenceJson;
            record.Owner = snapshot.Owner;
            record.UpdatedAt = now;
            var entry = db.Entry(record);
            entry.Property(x => x.StateJson).IsModified = true;
            // A hub's handoff.status comes from the hub, not the worker: keep the worker's reference.
            entry.Property(x => x.ReferenceJson).IsModified = !(inbound.Type == ActivityTypes.Event && inbound.Name == HandoffEventNames.Status);
            entry.Property(x => x.Owner).IsModified = true;
            entry.Property(x => x.UpdatedAt).IsModified = true;
        }

        db.Transcript.Add(ToEntry(snapshot.ConversationId, "in", inbound, now));
        foreach (var reply in outbound)
        {
            db.Transcript.Add(ToEntry(snapshot.ConversationId, "out", reply, now));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Activity>> GetTranscriptAsync(string conversationId, int max, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
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
