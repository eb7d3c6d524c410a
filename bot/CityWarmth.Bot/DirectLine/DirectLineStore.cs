using System.Text.Json;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Messaging;
using CityWarmth.BotFramework.Schema;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.DirectLine;

/// <summary>
/// Direct Line conversations and their numbered activity lists in the bot's database, so polling clients
/// survive a restart. A watermark is the sequence number of the last activity a client has seen. Every append is
/// told to the streams listening (<see cref="IDirectLineActivityNotifier"/>) once it is stored.
/// </summary>
public sealed partial class DirectLineStore(IDbContextFactory<BotDbContext> dbFactory, IDirectLineActivityNotifier notifier, TimeProvider clock, ILogger<DirectLineStore> logger)
{
    private const int MaxConcurrencyRetries = 5;

    // Appends to one conversation are numbered one at a time in this process; the concurrency token covers other instances.
    private readonly ConversationLocks _appendLocks = new();

    /// <summary>Creates the conversation; false when it already exists.</summary>
    public async Task<bool> CreateConversationAsync(string conversationId, string userId, string? userName, string? locale, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.DirectLineConversations.AnyAsync(c => c.Id == conversationId, cancellationToken))
        {
            return false;
        }
        db.DirectLineConversations.Add(new DirectLineConversation
        {
            Id = conversationId,
            UserId = userId,
            UserName = userName,
            Locale = locale,
            CreatedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Two starts with one token raced: the first one won.
            if (await ExistsAsync(conversationId, cancellationToken))
            {
                return false;
            }
            throw;
        }
    }

    public async Task<DirectLineConversation?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DirectLineConversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
    }

    public async Task<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DirectLineConversations.AnyAsync(c => c.Id == conversationId, cancellationToken);
    }

    /// <summary>
    /// Numbers the activity, gives it its id (<c>{conversationId}|0000012</c>) and a server timestamp, and appends it.
    /// The activity is changed in place and returned.
    /// </summary>
    public async Task<Activity> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        using var _ = await _appendLocks.AcquireAsync(conversationId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var conversation = await db.DirectLineConversations.SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken)
                ?? throw new InvalidOperationException("The Direct Line conversation does not exist.");
            var sequence = conversation.LastSequence + 1;
            conversation.LastSequence = sequence;
            activity.Id = FormatActivityId(conversationId, sequence);
            activity.Timestamp = clock.GetUtcNow();
            db.DirectLineActivities.Add(new DirectLineActivity
            {
                ConversationId = conversationId,
                Sequence = sequence,
                ActivityId = activity.Id,
                ActivityJson = JsonSerializer.Serialize(activity, ProtocolJson.Options),
                Timestamp = activity.Timestamp.Value,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < MaxConcurrencyRetries && (ex is DbUpdateConcurrencyException || StorageFaults.IsUniqueViolation(ex)))
            {
                Log.AppendRaced(logger, conversationId, attempt);
                continue;
            }
            await NotifyAsync(conversationId, sequence);
            return activity;
        }
    }

    private async ValueTask NotifyAsync(string conversationId, long sequence)
    {
        try
        {
            // Not the caller's token: a stored activity is announced even if the request that added it is gone.
            await notifier.NotifyAsync(conversationId, sequence, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Streams also look at the store on every heartbeat, so a lost notice only delays the activity.
            Log.NotifyFailed(logger, conversationId, ex);
        }
    }

    /// <summary>Activities after the watermark, oldest first, and the watermark to ask with next time.</summary>
    public async Task<(IReadOnlyList<Activity> Activities, long Watermark)> ReadAsync(string conversationId, long afterSequence, int max, CancellationToken cancellationToken)
    {
        var (json, watermark) = await ReadJsonAsync(conversationId, afterSequence, max, cancellationToken);
        return ([.. json.Select(j => JsonSerializer.Deserialize<Activity>(j, ProtocolJson.Options)!)], watermark);
    }

    /// <summary>
    /// The stored JSON of the activities after the watermark, oldest first, and the watermark to ask with next time:
    /// what a stream sends as it is.
    /// </summary>
    public async Task<(IReadOnlyList<string> ActivitiesJson, long Watermark)> ReadJsonAsync(string conversationId, long afterSequence, int max, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.DirectLineActivities.AsNoTracking()
            .Where(a => a.ConversationId == conversationId && a.Sequence > afterSequence)
            .OrderBy(a => a.Sequence)
            .Take(max)
            .Select(a => new { a.Sequence, a.ActivityJson })
            .ToListAsync(cancellationToken);
        return (rows.ConvertAll(r => r.ActivityJson), rows.Count == 0 ? afterSequence : rows[^1].Sequence);
    }

    public static string FormatActivityId(string conversationId, long sequence) => $"{conversationId}|{sequence:D7}";

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Direct Line conversation {ConversationId} was appended to concurrently; retrying (attempt {Attempt})")]
        public static partial void AppendRaced(ILogger logger, string conversationId, int attempt);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Streams of Direct Line conversation {ConversationId} could not be told of a new activity; they find it at their next heartbeat")]
        public static partial void NotifyFailed(ILogger logger, string conversationId, Exception exception);
    }
}
