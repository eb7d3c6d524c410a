using CityWarmth.Skills.Handoff;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Messaging;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Help;
using CityWarmth.Skills.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Handoff;

/// <summary>
/// The handoff inside the bot's turns (called by the turn handler, under the conversation's lock): queues a
/// conversation for a person, routes the worker's messages while a person holds it, and applies handoff.status
/// events from an external agent hub.
/// </summary>
public interface IHandoffService
{
    /// <summary>
    /// Handles a worker message the handoff owns (a person holds the conversation, or the worker asks for or
    /// ends a person); null when the skills should answer.
    /// </summary>
    Task<IReadOnlyList<Activity>?> TryHandleMessageAsync(TurnContext turn, CancellationToken cancellationToken);

    /// <summary>Queues the conversation and returns the worker's acknowledgement and the handoff.initiate event.</summary>
    Task<IReadOnlyList<Activity>> RequestAsync(TurnContext turn, HandoffRequest request, CancellationToken cancellationToken);

    /// <summary>Applies a handoff.status event (accepted, failed, completed); never fails for an odd event.</summary>
    Task<IReadOnlyList<Activity>> OnStatusAsync(TurnContext turn, CancellationToken cancellationToken);
}

public sealed partial class HandoffService(
    IDbContextFactory<BotDbContext> dbFactory,
    IConversationStore store,
    HandoffConversations conversations,
    HandoffLiveBus bus,
    OfficeHours hours,
    IOptions<HandoffOptions> options,
    TimeProvider clock,
    ILogger<HandoffService> logger,
    AnswerFeedback? feedback = null,
    Operations.BotMetrics? metrics = null) : IHandoffService
{
    private static readonly string[] MenuButtons = [.. HelpSkill.MenuButtons.Select(b => b.Value)];

    public async Task<IReadOnlyList<Activity>?> TryHandleMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var inbound = turn.Activity;
        var text = inbound.Text ?? "";
        var owner = turn.Conversation.Owner;
        var command = HandoffText.CommandOf(text);

        if (owner != ConversationOwners.Bot)
        {
            if (command == HandoffCommand.End)
            {
                await CloseOpenCaseAsync(inbound.Conversation!.Id!, HandoffOutcomes.WorkerEnded, "工友", cancellationToken);
                turn.Conversation.Owner = ConversationOwners.Bot;
                return [Say(inbound, HandoffText.Ended, MenuButtons)];
            }
            if (command == HandoffCommand.Request)
            {
                return [Say(inbound, HandoffText.AlreadyWithPerson)];
            }
            var open = await FindOpenCaseAsync(inbound.Conversation!.Id!, cancellationToken);
            if (HandoffOwners.IsCaseworker(owner) && open is not null)
            {
                // The message is saved with the turn; the console gets it live now.
                var line = HandoffConversations.ToLine(0, inbound.Timestamp ?? clock.GetUtcNow(), "in", inbound);
                bus.Publish(new LiveEvent("message", open.Id, open.AssignedTo, line));
            }
            Log.RoutedToPerson(logger, inbound.Conversation.Id!);
            // A person (the console or an external hub on the channel) answers; the bot stays silent.
            return [];
        }

        if (command == HandoffCommand.End)
        {
            if (await CloseOpenCaseAsync(inbound.Conversation!.Id!, HandoffOutcomes.Cancelled, "工友", cancellationToken))
            {
                return [Say(inbound, HandoffText.Cancelled, MenuButtons)];
            }
            return null;
        }
        if (command == HandoffCommand.Request)
        {
            return await RequestAsync(turn, HandoffRequest.Explicit, cancellationToken);
        }
        return null;
    }

    public async Task<IReadOnlyList<Activity>> RequestAsync(TurnContext turn, HandoffRequest request, CancellationToken cancellationToken)
    {
        var inbound = turn.Activity;
        var conversationId = inbound.Conversation!.Id!;
        var now = clock.GetUtcNow();
        var replies = new List<Activity>();
        if (request.Reason == HandoffReasons.Crisis)
        {
            // Safety first: the hotlines go out before anything about queues.
            replies.Add(Say(inbound, HandoffText.Hotlines));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = await db.Set<HandoffCase>().SingleOrDefaultAsync(c => c.ConversationId == conversationId && c.Status != HandoffStatuses.Closed, cancellationToken);
        if (open is not null)
        {
            if (open.Status != HandoffStatuses.Queued)
            {
                replies.Add(Say(inbound, HandoffText.AlreadyWithPerson));
                return replies;
            }
            if (request.Priority > open.Priority)
            {
                open.Priority = request.Priority;
                await db.SaveChangesAsync(cancellationToken);
                bus.Publish(new LiveEvent("queue", open.Id, null, null));
            }
            replies.Add(Say(inbound, HandoffText.AlreadyQueued(await PositionAsync(db, open, cancellationToken)), [HandoffText.EndPerson]));
            return replies;
        }

        var transcript = await store.GetTranscriptAsync(conversationId, options.Value.MaxTranscriptActivities, cancellationToken);
        var startedAt = turn.Conversation.IsNew ? now
            : await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId).Select(c => c.CreatedAt).SingleOrDefaultAsync(cancellationToken);
        var caseId = Guid.NewGuid();
        var built = HandoffPacketBuilder.Build(caseId, inbound, turn.Conversation.State, request, transcript, startedAt, now);
        var handoff = new HandoffCase
        {
            Id = caseId,
            ConversationId = conversationId,
            ChannelId = inbound.ChannelId ?? "",
            Priority = request.Priority,
            Reason = request.Reason,
            Category = built.Category,
            Summary = built.Summary,
            PacketJson = built.Packet.ToJsonString(HandoffPacketBuilder.Json),
            CreatedAt = now,
        };
        db.Set<HandoffCase>().Add(handoff);
        await db.SaveChangesAsync(cancellationToken);
        Log.Queued(logger, caseId, conversationId, request.Reason, (int)request.Priority);
        metrics?.HandoffRequested(request.Reason);
        if (request.Reason == HandoffReasons.Explicit)
        {
            // The question just before "转人工" was not answered well enough: the admins see it with the others.
            feedback?.OnHandedOff(turn.Conversation.State);
        }
        bus.Publish(new LiveEvent("queue", caseId, null, null));

        var ack = hours.IsOpen(now)
            ? HandoffText.Queued(await PositionAsync(db, handoff, cancellationToken), hours.Describe())
            : HandoffText.QueuedOutsideHours(hours.Describe(), OfficeHours.Format(hours.NextOpening(now)));
        replies.Add(Say(inbound, ack, [HandoffText.EndPerson]));

        // The Bot Framework handoff initiation, sent like any reply so an agent hub on the channel receives it.
        var initiate = inbound.CreateReply(ActivityTypes.Event);
        initiate.Name = HandoffEventNames.Initiate;
        initiate.Value = built.Packet;
        initiate.RelatesTo = inbound.GetConversationReference();
        initiate.ChannelData = new JsonObject { ["skill"] = SkillNames.Handoff };
        initiate.Attachments = [HandoffPacketBuilder.TranscriptAttachment(transcript.Append(inbound))];
        replies.Add(initiate);
        return replies;
    }

    public async Task<IReadOnlyList<Activity>> OnStatusAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var inbound = turn.Activity;
        var conversationId = inbound.Conversation!.Id!;
        var (state, message) = ReadStatus(inbound.Value);
        Log.StatusReceived(logger, conversationId, state ?? "(none)");
        if (state is not ("accepted" or "failed" or "completed"))
        {
            return [];
        }

        var reference = await conversations.GetReferenceAsync(conversationId, cancellationToken);
        if (reference is null)
        {
            // A conversation the bot never saw: nothing to hand over, but status events are never refused.
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = await db.Set<HandoffCase>().SingleOrDefaultAsync(c => c.ConversationId == conversationId && c.Status != HandoffStatuses.Closed, cancellationToken);
        var now = clock.GetUtcNow();
        Activity reply;
        switch (state)
        {
            case "accepted":
                turn.Conversation.Owner = HandoffOwners.ExternalHub;
                if (open is not null)
                {
                    open.Status = HandoffStatuses.External;
                    open.AssignedTo = null;
                    open.AssignedName = inbound.From?.Name ?? "外部坐席";
                    open.ClaimedAt = now;
                }
                reply = HandoffConversations.ToWorker(reference, HandoffText.HubJoined);
                break;
            case "completed":
                turn.Conversation.Owner = ConversationOwners.Bot;
                if (open is not null)
                {
                    Close(open, HandoffOutcomes.CompletedByHub, message, inbound.From?.Name ?? "外部坐席", now);
                }
                reply = HandoffConversations.ToWorker(reference, HandoffText.Ended, buttons: MenuButtons);
                break;
            default:
                // failed: the worker is back with the bot; the case stays in the console's queue.
                turn.Conversation.Owner = ConversationOwners.Bot;
                if (open is not null)
                {
                    open.Status = HandoffStatuses.Queued;
                    open.AssignedTo = null;
                    open.AssignedName = null;
                    if (!string.IsNullOrWhiteSpace(message))
                    {
                        db.Set<HandoffNote>().Add(new HandoffNote { HandoffId = open.Id, AuthorId = 0, AuthorName = "外部坐席", Text = "转接失败：" + Truncate(message, 500), CreatedAt = now });
                    }
                }
                reply = HandoffConversations.ToWorker(reference, HandoffText.Failed);
                reply.SuggestedActions = new SuggestedActions
                {
                    Actions =
                    [
                        new CardAction { Type = CardActionTypes.Call, Title = "拨打12333", Value = "tel:12333" },
                        new CardAction { Type = CardActionTypes.Call, Title = "拨打12348", Value = "tel:12348" },
                        .. MenuButtons.Select(b => new CardAction { Type = CardActionTypes.ImBack, Title = b, Value = b }),
                    ],
                };
                break;
        }
        await db.SaveChangesAsync(cancellationToken);
        bus.Publish(new LiveEvent("queue", open?.Id, null, null));
        if (open is not null)
        {
            bus.Publish(new LiveEvent("case", open.Id, open.AssignedTo, new { status = open.Status }));
        }
        return [reply];
    }

    internal static void Close(HandoffCase handoff, string outcome, string? note, string closedBy, DateTimeOffset now)
    {
        handoff.Status = HandoffStatuses.Closed;
        handoff.Outcome = outcome;
        handoff.OutcomeNote = note is null ? null : Truncate(note, 2000);
        handoff.ClosedBy = Truncate(closedBy, 100);
        handoff.ClosedAt = now;
    }

    /// <summary>1 for the next case to be taken: higher priority first, then first come.</summary>
    internal static async Task<int> PositionAsync(BotDbContext db, HandoffCase handoff, CancellationToken cancellationToken)
    {
        // SQLite cannot compare DateTimeOffset in SQL; the queue is short, so it is ordered here.
        var queued = await db.Set<HandoffCase>().AsNoTracking()
            .Where(c => c.Status == HandoffStatuses.Queued)
            .Select(c => new { c.Id, c.Priority, c.CreatedAt })
            .ToListAsync(cancellationToken);
        return 1 + queued.Count(c => c.Id != handoff.Id
            && (c.Priority > handoff.Priority || (c.Priority == handoff.Priority && c.CreatedAt < handoff.CreatedAt)));
    }

    private async Task<HandoffCase?> FindOpenCaseAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<HandoffCase>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.ConversationId == conversationId && c.Status != HandoffStatuses.Closed, cancellationToken);
    }

    private async Task<bool> CloseOpenCaseAsync(string conversationId, string outcome, string closedBy, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = await db.Set<HandoffCase>().SingleOrDefaultAsync(c => c.ConversationId == conversationId && c.Status != HandoffStatuses.Closed, cancellationToken);
        if (open is null)
        {
            return false;
        }
        Close(open, outcome, null, closedBy, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        bus.Publish(new LiveEvent("queue", open.Id, null, null));
        bus.Publish(new LiveEvent("case", open.Id, open.AssignedTo, new { status = open.Status }));
        return true;
    }

    private static (string? State, string? Message) ReadStatus(JsonNode? value)
    {
        if (value is not JsonObject obj)
        {
            return (null, null);
        }
        static string? Read(JsonObject o, string key) =>
            (o[key] ?? o.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return (Read(obj, "state")?.Trim().ToLowerInvariant(), Read(obj, "message"));
    }

    private static Activity Say(Activity inbound, string text, IReadOnlyList<string>? buttons = null)
    {
        var reply = inbound.CreateReply();
        reply.Text = text;
        reply.TextFormat = "plain";
        reply.InputHint = InputHints.AcceptingInput;
        reply.ChannelData = new JsonObject { ["skill"] = SkillNames.Handoff };
        if (buttons is { Count: > 0 })
        {
            reply.SuggestedActions = new SuggestedActions { Actions = [.. buttons.Select(b => new CardAction { Type = CardActionTypes.ImBack, Title = b, Value = b })] };
        }
        return reply;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private static partial class Log
    {
        [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Handoff {CaseId} queued for conversation {ConversationId}: reason {Reason}, priority {Priority}")]
        public static partial void Queued(ILogger logger, Guid caseId, string conversationId, string reason, int priority);

        [LoggerMessage(EventId = 1402, Level = LogLevel.Debug, Message = "Worker message in conversation {ConversationId} routed to a person")]
        public static partial void RoutedToPerson(ILogger logger, string conversationId);

        [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "handoff.status {State} for conversation {ConversationId}")]
        public static partial void StatusReceived(ILogger logger, string conversationId, string state);
    }
}
