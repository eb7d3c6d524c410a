using System.Text.Json;
using System.Text.Json.Nodes;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Handoff;
using CityWarmth.Skills.Conversation;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Privacy;

/// <summary>
/// Erases what a conversation holds about its worker: transcript and Direct Line texts, the wage cases' personal
/// fields (the rows stay, anonymised, for statistics), handoff packets and notes, and what channels keep of their own
/// (<see cref="IConversationDataEraser"/>). Rows keep their type and time.
/// </summary>
public sealed partial class ConversationEraser(
    IDbContextFactory<BotDbContext> dbFactory,
    AuditLog audit,
    TimeProvider clock,
    ErasedDataPurge purge,
    ILogger<ConversationEraser> logger,
    IEnumerable<IConversationDataEraser> channelErasers)
{
    /// <summary>What an erased transcript row holds; also how erased rows are recognised.</summary>
    public const string RedactedPrefix = "{\"redacted\":true";

    private const string RedactedNote = "[已删除]";
    /// <summary>The state of a conversation nobody has talked in; an anonymised conversation holds this.</summary>
    public static string EmptyStateJson { get; } = JsonSerializer.Serialize(new ConversationState(), EfConversationStore.StateJson);

    /// <summary>Clears a loaded state in place (the turn runner saves this object after the turn).</summary>
    public static void Clear(ConversationState state)
    {
        var fresh = new ConversationState();
        foreach (var property in typeof(ConversationState).GetProperties().Where(p => p.CanWrite && p.CanRead))
        {
            property.SetValue(state, property.GetValue(fresh));
        }
    }

    /// <summary>
    /// Erases one conversation's data except its state row (the caller owns that). The worker asked:
    /// <paramref name="requestedBy"/> names who, for the audit log.
    /// </summary>
    public async Task<ErasureReport> EraseAsync(string conversationId, string requestedBy, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var transcriptIds = await TranscriptChain.IdsAsync(db, conversationId, cancellationToken);
        var transcript = await db.Transcript
            .Where(t => transcriptIds.Contains(t.Id) && !t.ActivityJson.StartsWith(RedactedPrefix))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ActivityJson, t => RedactedPrefix + ",\"type\":\"" + t.Type + "\"}"), cancellationToken);

        // Direct Line clients re-read history; an erased entry reads as an event they ignore.
        var directLine = await db.DirectLineActivities
            .Where(a => a.ConversationId == conversationId && !a.ActivityJson.StartsWith(RedactedPrefix))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ActivityJson, a => RedactedPrefix + ",\"type\":\"event\",\"name\":\"privacy.erased\",\"id\":\"" + a.ActivityId + "\"}"), cancellationToken);
        await db.DirectLineConversations.Where(c => c.Id == conversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UserName, (string?)null), cancellationToken);

        var cases = await db.Set<Cases.WageCaseRecord>().Where(c => c.ConversationId == conversationId).ToListAsync(cancellationToken);
        foreach (var record in cases)
        {
            record.CaseJson = AnonymiseCase(record.CaseJson);
        }

        var handoffs = await db.Handoffs.Where(h => h.ConversationId == conversationId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var handoff in handoffs)
        {
            handoff.PacketJson = "{}";
            handoff.OutcomeNote = null;
            if (handoff.Status != HandoffStatuses.Closed)
            {
                handoff.Status = HandoffStatuses.Closed;
                handoff.ClosedAt = now;
                handoff.Outcome = HandoffOutcomes.WorkerEnded;
                handoff.ClosedBy = requestedBy;
            }
        }
        var handoffIds = handoffs.Select(h => h.Id).ToList();
        var notes = await db.HandoffNotes.Where(n => handoffIds.Contains(n.HandoffId) && n.Text != RedactedNote)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Text, RedactedNote), cancellationToken);
        foreach (var eraser in channelErasers)
        {
            await eraser.EraseAsync(db, conversationId, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        purge.Request();

        var report = new ErasureReport(transcript, directLine, cases.Count, handoffs.Count, notes);
        await audit.WriteAsync(null, requestedBy, "privacy.erase", conversationId, report.ToString(), cancellationToken);
        Log.Erased(logger, conversationId, transcript, directLine, cases.Count, handoffs.Count);
        return report;
    }

    /// <summary>
    /// Anonymises conversations idle since before <paramref name="cutoff"/> that no person holds; returns how many.
    /// A conversation that speaks again meanwhile keeps its state (the update only matches the idle version).
    /// </summary>
    public async Task<int> AnonymiseIdleAsync(DateTimeOffset cutoff, int max, CancellationToken cancellationToken)
    {
        List<(string Id, long Version)> idle;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var empty = EmptyStateJson;
            var rows = await db.Conversations.AsNoTracking()
                .Where(c => c.Owner == ConversationOwners.Bot && c.StateJson != empty)
                .Select(c => new { c.Id, c.Version, c.UpdatedAt })
                .ToListAsync(cancellationToken);
            // Compared here: SQLite cannot order DateTimeOffset columns in SQL.
            idle = [.. rows.Where(r => r.UpdatedAt < cutoff).Take(max).Select(r => (r.Id, r.Version))];
        }

        var done = 0;
        foreach (var (id, version) in idle)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var reset = await db.Conversations.Where(c => c.Id == id && c.Version == version)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.StateJson, EmptyStateJson).SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
            if (reset == 1)
            {
                await EraseAsync(id, "retention", cancellationToken);
                done++;
            }
        }
        return done;
    }

    private static string AnonymiseCase(string caseJson)
    {
        if (JsonNode.Parse(caseJson) is not JsonObject wageCase)
        {
            return "{}";
        }
        // Statistics keep district, trade, amounts and dates; who the worker is and how to reach them go.
        wageCase["workerName"] = "";
        wageCase["phone"] = "";
        wageCase["workplace"] = null;
        wageCase["history"] = new JsonArray();
        // Caseworkers' notes speak of the worker.
        wageCase["notes"] = new JsonArray();
        wageCase["sheetKey"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        wageCase["anonymised"] = true;
        return wageCase.ToJsonString();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Erased conversation {ConversationId}: {Transcript} transcript rows, {DirectLine} Direct Line rows, {Cases} wage cases, {Handoffs} handoffs")]
        public static partial void Erased(ILogger logger, string conversationId, int transcript, int directLine, int cases, int handoffs);
    }
}

/// <summary>
/// Rows another part of the bot keeps about a conversation (a channel's own tables), erased with it in the same
/// transaction.
/// </summary>
public interface IConversationDataEraser
{
    /// <returns>How many rows were erased.</returns>
    Task<int> EraseAsync(BotDbContext db, string conversationId, CancellationToken cancellationToken);
}
