using CityWarmth.Bot.Cluster;
using CityWarmth.Bot.Conversations;
using CityWarmth.Bot.Data;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Skills.Conversation;
using Microsoft.EntityFrameworkCore;
using CityWarmth.BotFramework.Replies;

namespace CityWarmth.Bot.Messaging;

/// <summary>
/// Runs one turn end to end: serialises turns of a conversation, loads its state, lets the handler answer,
/// saves state and transcript durably, and only then sends the replies. Every failure becomes a polite apology.
/// When the database is locked, full or unreachable nothing of the turn is stored, so sending it again is safe.
/// </summary>
public sealed partial class TurnRunner(
    ConversationTurnLocks locks,
    IConversationStore store,
    ITurnHandler handler,
    Operations.BotMetrics metrics,
    ILogger<TurnRunner> logger)
{
    private const int MaxConcurrencyRetries = 3;

    /// <returns>What became of the turn; <see cref="TurnOutcome.StorageFault"/> is set when the database was unavailable.</returns>
    public async Task<TurnOutcome> RunAsync(Activity inbound, IReplySink sink, string publicBaseUrl, CancellationToken cancellationToken)
    {
        var conversationId = inbound.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation id.", nameof(inbound));
        await using var _ = await locks.AcquireAsync(conversationId, cancellationToken);
        return await RunHoldingLockAsync(inbound, sink, publicBaseUrl, cancellationToken);
    }

    /// <summary>Takes the conversation's turn lock, for a caller that must do more than the turn under it.</summary>
    public Task<IAsyncDisposable> LockAsync(string conversationId, CancellationToken cancellationToken) => locks.AcquireAsync(conversationId, cancellationToken);

    /// <summary>Runs the turn; the caller holds the conversation's lock (<see cref="LockAsync"/>).</summary>
    public async Task<TurnOutcome> RunHoldingLockAsync(Activity inbound, IReplySink sink, string publicBaseUrl, CancellationToken cancellationToken)
    {
        var conversationId = inbound.Conversation!.Id!;
        IReadOnlyList<Activity> replies;
        StoredReplies? storedJson = null;
        var outcome = TurnOutcome.Processed;
        try
        {
            (replies, storedJson) = await RunWithRetriesAsync(inbound, sink, publicBaseUrl, cancellationToken);
        }
        catch (Exception ex) when ((ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested) && StorageFaults.Classify(ex) is { } unavailable)
        {
            // Recording the failure would hit the same wall (and wait out the busy timeout again): only apologise.
            Log.StorageUnavailable(logger, inbound.Type, conversationId, unavailable.Fault);
            outcome = TurnOutcome.Unavailable(unavailable);
            // A person can take over only while the database works (the handoff queue lives there).
            replies = [Apology(inbound, BotText.StorageBusy, offerPerson: false)];
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.TurnFailed(logger, inbound.Type, conversationId, ex);
            replies = [Apology(inbound, BotText.SystemBusy, offerPerson: true)];
            await TryRecordFailureAsync(inbound, replies, cancellationToken);
        }

        await SendAsync(inbound, sink, replies, storedJson, outcome, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// The database failed before the turn could start (a check of the caller reads it): the worker gets the apology a
    /// turn meeting the outage gives, and nothing is stored.
    /// </summary>
    public async Task<TurnOutcome> ApologizeUnavailableAsync(Activity inbound, IReplySink sink, StorageUnavailableException unavailable, CancellationToken cancellationToken)
    {
        Log.StorageUnavailable(logger, inbound.Type, inbound.Conversation?.Id ?? "", unavailable.Fault);
        var outcome = TurnOutcome.Unavailable(unavailable);
        await SendAsync(inbound, sink, [Apology(inbound, BotText.StorageBusy, offerPerson: false)], null, outcome, cancellationToken);
        return outcome;
    }

    /// <summary>Hands a turn's replies (or its apology) to the sink and counts the ones a connector did not take.</summary>
    private async Task SendAsync(Activity inbound, IReplySink sink, IReadOnlyList<Activity> replies, StoredReplies? storedJson, TurnOutcome outcome, CancellationToken cancellationToken)
    {
        // The stored JSON's buffers go back to the pool once the sink has taken the replies.
        using (storedJson)
        {
            for (var i = 0; i < replies.Count; i++)
            {
                try
                {
                    await (storedJson is null ? sink.SendAsync(replies[i], cancellationToken) : sink.SendAsync(replies[i], storedJson[i], cancellationToken));
                }
                catch (Exception ex) when (outcome.StorageFault is not null && StorageFaults.IsUnavailable(ex))
                {
                    // A sink that stores replies (Direct Line) is down too; the caller still learns of the outage.
                    Log.ApologyNotDelivered(logger, inbound.Conversation?.Id ?? "");
                    break;
                }
            }
        }
        if (sink is ConnectorReplySink { Failed: > 0 } connector)
        {
            metrics.DeliveryFailed("reply", connector.Failed);
        }
    }

    private async Task<(IReadOnlyList<Activity> Replies, StoredReplies StoredJson)> RunWithRetriesAsync(Activity inbound, IReplySink sink, string publicBaseUrl, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var conversation = await store.LoadAsync(inbound.Conversation!.Id!, cancellationToken);
            var questionBefore = conversation.State.LastQuestionId;
            var replies = await handler.OnTurnAsync(new TurnContext(inbound, conversation, publicBaseUrl, sink), cancellationToken);
            try
            {
                var storedJson = await store.SaveTurnAsync(conversation, inbound, replies, cancellationToken);
                metrics.TurnCompleted(inbound, replies, conversation.State, questionBefore);
                return (replies, storedJson);
            }
            catch (DbUpdateException ex) when (attempt < MaxConcurrencyRetries && IsRace(ex))
            {
                // Another instance saved this conversation first: run the turn again on the fresh state.
                Log.TurnRetried(logger, inbound.Conversation.Id, attempt);
            }
        }
    }

    /// <summary>Another writer saved the conversation first: its version moved on, or it inserted the conversation's row.</summary>
    internal static bool IsRace(DbUpdateException ex) =>
        ex is DbUpdateConcurrencyException || StorageFaults.IsUniqueViolation(ex);

    private async Task TryRecordFailureAsync(Activity inbound, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
    {
        try
        {
            var conversation = await store.LoadAsync(inbound.Conversation!.Id!, cancellationToken);
            (await store.SaveTurnAsync(conversation, inbound, replies, cancellationToken)).Dispose();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store itself is failing (locked, disk full): the apology still goes out.
            Log.TranscriptNotSaved(logger, inbound.Conversation?.Id, ex);
        }
    }

    private static Activity Apology(Activity inbound, string text, bool offerPerson)
    {
        var reply = inbound.CreateReply();
        reply.Text = text;
        reply.TextFormat = "plain";
        reply.InputHint = InputHints.AcceptingInput;
        reply.ChannelData = new System.Text.Json.Nodes.JsonObject { ["skill"] = SkillNames.Fallback };
        reply.SuggestedActions = !offerPerson ? null : new SuggestedActions { Actions = [new CardAction { Type = CardActionTypes.ImBack, Title = "转人工", Value = "转人工" }] };
        return reply;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Turn of type {ActivityType} in conversation {ConversationId} failed")]
        public static partial void TurnFailed(ILogger logger, string? activityType, string conversationId, Exception exception);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Conversation {ConversationId} was saved concurrently; retrying turn (attempt {Attempt})")]
        public static partial void TurnRetried(ILogger logger, string? conversationId, int attempt);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Transcript of a failed turn in conversation {ConversationId} could not be saved")]
        public static partial void TranscriptNotSaved(ILogger logger, string? conversationId, Exception exception);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Turn of type {ActivityType} in conversation {ConversationId} not processed: the database is unavailable ({Fault})")]
        public static partial void StorageUnavailable(ILogger logger, string? activityType, string conversationId, StorageFault fault);

        [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "The apology for conversation {ConversationId} could not be delivered either")]
        public static partial void ApologyNotDelivered(ILogger logger, string conversationId);
    }
}

/// <summary>
/// What became of a turn: processed (answered, or failed and apologised for, both stored), or not processed because
/// the database is unavailable.
/// </summary>
public sealed record TurnOutcome
{
    public static readonly TurnOutcome Processed = new();

    /// <summary>Set when nothing of the turn was stored because the database is locked, full or unreachable.</summary>
    public StorageUnavailableException? StorageFault { get; private init; }

    public static TurnOutcome Unavailable(StorageUnavailableException fault) => new() { StorageFault = fault };
}
