using CityWarmth.Bot.Cluster;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Messaging;
using CityWarmth.Skills.Help;
using Microsoft.EntityFrameworkCore;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.Handoff;

/// <summary>The signed-in console user acting on a case.</summary>
public sealed record ConsoleActor(int Id, string DisplayName, bool IsAdmin);

public enum DeskResult
{
    Ok,
    NotFound,
    Forbidden,
    Conflict,
    Invalid,
}

/// <summary>
/// The caseworker's side of a handoff (the console is the built-in agent hub): claim, reply, note, transfer,
/// close. Changes of owner take the conversation's lock, so they never interleave with a worker's turn.
/// </summary>
public sealed partial class HandoffDesk(
    IDbContextFactory<BotDbContext> dbFactory,
    ConversationTurnLocks locks,
    HandoffConversations conversations,
    HandoffLiveBus bus,
    TimeProvider clock,
    ILogger<HandoffDesk> logger)
{
    public const int MaxMessageChars = 2000;
    private static readonly string[] MenuButtons = [.. HelpSkill.MenuButtons.Select(b => b.Value)];

    /// <summary>A caseworker sees the queue and their own cases; an admin sees every case.</summary>
    public static bool CanView(HandoffCase handoff, ConsoleActor actor) =>
        actor.IsAdmin || handoff.Status == HandoffStatuses.Queued || handoff.AssignedTo == actor.Id;

    public static bool CanAct(HandoffCase handoff, ConsoleActor actor) =>
        handoff.Status == HandoffStatuses.Assigned && (handoff.AssignedTo == actor.Id || actor.IsAdmin);

    public async Task<HandoffCase?> FindAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<HandoffCase>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
    }

    /// <summary>Open cases the actor may see, most urgent and longest waiting first.</summary>
    public async Task<IReadOnlyList<HandoffCase>> ListOpenAsync(ConsoleActor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<HandoffCase>().AsNoTracking().Where(c => c.Status != HandoffStatuses.Closed);
        if (!actor.IsAdmin)
        {
            query = query.Where(c => c.Status == HandoffStatuses.Queued || c.AssignedTo == actor.Id);
        }
        var cases = await query.ToListAsync(cancellationToken);
        return [.. cases.OrderByDescending(c => c.Priority).ThenBy(c => c.CreatedAt)];
    }

    public async Task<IReadOnlyList<HandoffNote>> NotesAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var notes = await db.Set<HandoffNote>().AsNoTracking().Where(n => n.HandoffId == caseId).OrderBy(n => n.Id).ToListAsync(cancellationToken);
        return notes;
    }

    public async Task<DeskResult> ClaimAsync(Guid caseId, ConsoleActor actor, CancellationToken cancellationToken)
    {
        var handoff = await FindAsync(caseId, cancellationToken);
        if (handoff is null)
        {
            return DeskResult.NotFound;
        }
        await using (await locks.AcquireAsync(handoff.ConversationId, cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            handoff = await db.Set<HandoffCase>().SingleAsync(c => c.Id == caseId, cancellationToken);
            if (handoff.Status != HandoffStatuses.Queued)
            {
                return DeskResult.Conflict;
            }
            handoff.Status = HandoffStatuses.Assigned;
            handoff.AssignedTo = actor.Id;
            handoff.AssignedName = actor.DisplayName;
            handoff.ClaimedAt = clock.GetUtcNow();
            await SetOwnerAsync(db, handoff.ConversationId, HandoffOwners.Caseworker(actor.Id), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        Log.Claimed(logger, caseId, actor.Id);
        await TellWorkerAsync(handoff, HandoffText.CaseworkerJoined(actor.DisplayName), HandoffConversations.AgentAccount(actor.Id, actor.DisplayName), null, cancellationToken);
        bus.Publish(new LiveEvent("queue", caseId, actor.Id, null));
        bus.Publish(new LiveEvent("case", caseId, actor.Id, new { status = handoff.Status }));
        return DeskResult.Ok;
    }

    public async Task<(DeskResult Result, ChatMessage? Line, bool Delivered)> SendAsync(Guid caseId, ConsoleActor actor, string text, CancellationToken cancellationToken)
    {
        text = text.Trim();
        if (text.Length is 0 or > MaxMessageChars)
        {
            return (DeskResult.Invalid, null, false);
        }
        var handoff = await FindAsync(caseId, cancellationToken);
        if (handoff is null)
        {
            return (DeskResult.NotFound, null, false);
        }
        if (!CanAct(handoff, actor))
        {
            return (handoff.Status == HandoffStatuses.Assigned ? DeskResult.Forbidden : DeskResult.Conflict, null, false);
        }
        var (delivered, line) = await TellWorkerAsync(handoff, text, HandoffConversations.AgentAccount(actor.Id, actor.DisplayName), null, cancellationToken);
        return (DeskResult.Ok, line, delivered);
    }

    public async Task<DeskResult> AddNoteAsync(Guid caseId, ConsoleActor actor, string text, CancellationToken cancellationToken)
    {
        text = text.Trim();
        if (text.Length is 0 or > 4000)
        {
            return DeskResult.Invalid;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var handoff = await db.Set<HandoffCase>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (handoff is null)
        {
            return DeskResult.NotFound;
        }
        if (!CanView(handoff, actor))
        {
            return DeskResult.Forbidden;
        }
        db.Set<HandoffNote>().Add(new HandoffNote { HandoffId = caseId, AuthorId = actor.Id, AuthorName = actor.DisplayName, Text = text, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return DeskResult.Ok;
    }

    public async Task<DeskResult> TransferAsync(Guid caseId, ConsoleActor actor, ConsoleActor target, CancellationToken cancellationToken)
    {
        var handoff = await FindAsync(caseId, cancellationToken);
        if (handoff is null)
        {
            return DeskResult.NotFound;
        }
        await using (await locks.AcquireAsync(handoff.ConversationId, cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            handoff = await db.Set<HandoffCase>().SingleAsync(c => c.Id == caseId, cancellationToken);
            if (!CanAct(handoff, actor))
            {
                return handoff.Status == HandoffStatuses.Assigned ? DeskResult.Forbidden : DeskResult.Conflict;
            }
            if (handoff.AssignedTo == target.Id)
            {
                return DeskResult.Invalid;
            }
            var from = handoff.AssignedName;
            handoff.AssignedTo = target.Id;
            handoff.AssignedName = target.DisplayName;
            db.Set<HandoffNote>().Add(new HandoffNote { HandoffId = caseId, AuthorId = actor.Id, AuthorName = actor.DisplayName, Text = $"由{from}转给{target.DisplayName}", CreatedAt = clock.GetUtcNow() });
            await SetOwnerAsync(db, handoff.ConversationId, HandoffOwners.Caseworker(target.Id), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        Log.Transferred(logger, caseId, actor.Id, target.Id);
        await TellWorkerAsync(handoff, HandoffText.Transferred(target.DisplayName), HandoffConversations.AgentAccount(actor.Id, actor.DisplayName), null, cancellationToken);
        bus.Publish(new LiveEvent("queue", caseId, target.Id, null));
        bus.Publish(new LiveEvent("case", caseId, target.Id, new { status = handoff.Status }));
        return DeskResult.Ok;
    }

    /// <summary>Closes the case with an outcome and gives the conversation back to the bot.</summary>
    public async Task<DeskResult> CloseAsync(Guid caseId, ConsoleActor actor, string outcome, string? note, CancellationToken cancellationToken)
    {
        if (!HandoffOutcomes.CaseworkerChoices.ContainsKey(outcome) || note?.Length > 2000)
        {
            return DeskResult.Invalid;
        }
        var handoff = await FindAsync(caseId, cancellationToken);
        if (handoff is null)
        {
            return DeskResult.NotFound;
        }
        bool wasWithPerson;
        await using (await locks.AcquireAsync(handoff.ConversationId, cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            handoff = await db.Set<HandoffCase>().SingleAsync(c => c.Id == caseId, cancellationToken);
            // The holder closes; an admin may also close a case nobody took (e.g. a duplicate).
            var allowed = CanAct(handoff, actor) || (actor.IsAdmin && handoff.Status == HandoffStatuses.Queued);
            if (!allowed)
            {
                return handoff.Status == HandoffStatuses.Closed ? DeskResult.Conflict : DeskResult.Forbidden;
            }
            wasWithPerson = handoff.Status == HandoffStatuses.Assigned;
            HandoffService.Close(handoff, outcome, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), actor.DisplayName, clock.GetUtcNow());
            await SetOwnerAsync(db, handoff.ConversationId, ConversationOwners.Bot, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        Log.Closed(logger, caseId, actor.Id, outcome);
        if (wasWithPerson)
        {
            await TellWorkerAsync(handoff, HandoffText.Ended, null, MenuButtons, cancellationToken);
        }
        bus.Publish(new LiveEvent("queue", caseId, null, null));
        bus.Publish(new LiveEvent("case", caseId, handoff.AssignedTo, new { status = handoff.Status }));
        return DeskResult.Ok;
    }

    private async Task<(bool Delivered, ChatMessage? Line)> TellWorkerAsync(HandoffCase handoff, string text, ChannelAccount? agent, IReadOnlyList<string>? buttons, CancellationToken cancellationToken)
    {
        var reference = await conversations.GetReferenceAsync(handoff.ConversationId, cancellationToken);
        if (reference is null)
        {
            return (false, null);
        }
        var (delivered, line) = await conversations.SendAsync(HandoffConversations.ToWorker(reference, text, agent, buttons), cancellationToken);
        if (!delivered)
        {
            Log.NotDelivered(logger, handoff.Id);
        }
        bus.Publish(new LiveEvent("message", handoff.Id, handoff.AssignedTo, line));
        return (delivered, line);
    }

    private async Task SetOwnerAsync(BotDbContext db, string conversationId, string owner, CancellationToken cancellationToken)
    {
        var record = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (record is not null)
        {
            record.Owner = owner;
            record.Version++;
            record.UpdatedAt = clock.GetUtcNow();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1411, Level = LogLevel.Information, Message = "Handoff {CaseId} claimed by user {UserId}")]
        public static partial void Claimed(ILogger logger, Guid caseId, int userId);

        [LoggerMessage(EventId = 1412, Level = LogLevel.Information, Message = "Handoff {CaseId} transferred by user {UserId} to user {TargetId}")]
        public static partial void Transferred(ILogger logger, Guid caseId, int userId, int targetId);

        [LoggerMessage(EventId = 1413, Level = LogLevel.Information, Message = "Handoff {CaseId} closed by user {UserId} with outcome {Outcome}")]
        public static partial void Closed(ILogger logger, Guid caseId, int userId, string outcome);

        [LoggerMessage(EventId = 1414, Level = LogLevel.Warning, Message = "A message of handoff {CaseId} could not be delivered to the worker")]
        public static partial void NotDelivered(ILogger logger, Guid caseId);
    }
}
