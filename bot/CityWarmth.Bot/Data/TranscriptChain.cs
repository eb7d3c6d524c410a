using CityWarmth.BotFramework.Schema;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Data;

/// <summary>
/// Reads and extends a conversation's transcript, a chain of rows from the conversation's newest
/// (<see cref="ConversationRecord.LastTranscriptId"/>) back through <see cref="TranscriptEntry.PreviousId"/>. The
/// turn store appends in its own statements (<see cref="ConversationSql.TranscriptText"/>); everything else that reads
/// or adds rows comes here. The queries are plain SQL that SQLite and PostgreSQL both run.
/// </summary>
internal static class TranscriptChain
{
    /// <summary>The conversation's newest rows, at most <paramref name="max"/>, oldest first; only messages when asked.</summary>
    public static async Task<List<TranscriptEntry>> LatestAsync(BotDbContext db, string conversationId, int max, bool messagesOnly, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            return [];
        }
        var everyType = !messagesOnly;
        var message = ActivityTypes.Message;
        // Each step counts the rows that will be returned, so the walk stops once it has enough of them.
        var rows = await db.Transcript.FromSql($"""
            WITH RECURSIVE chain("Id", "Taken") AS (
                SELECT "LastTranscriptId", 0 FROM conversations WHERE "Id" = {conversationId}
                UNION ALL
                SELECT t."PreviousId", chain."Taken" + CASE WHEN {everyType} OR t."Type" = {message} THEN 1 ELSE 0 END
                FROM transcript t JOIN chain ON t."Id" = chain."Id"
                WHERE chain."Taken" < {max}
            )
            SELECT t.* FROM transcript t JOIN chain ON t."Id" = chain."Id"
            WHERE {everyType} OR t."Type" = {message}
            ORDER BY t."Id" DESC
            LIMIT {max}
            """).AsNoTracking().ToListAsync(cancellationToken);
        rows.Reverse();
        return rows;
    }

    /// <summary>The ids of all the conversation's rows, newest first.</summary>
    public static async Task<List<long>> IdsAsync(BotDbContext db, string conversationId, CancellationToken cancellationToken) =>
        // UNION, not UNION ALL: a damaged chain that loops back ends the walk instead of running forever.
        await db.Database.SqlQuery<long>($"""
            WITH RECURSIVE chain("Id") AS (
                SELECT "LastTranscriptId" FROM conversations WHERE "Id" = {conversationId}
                UNION
                SELECT t."PreviousId" FROM transcript t JOIN chain ON t."Id" = chain."Id"
            )
            SELECT "Id" AS "Value" FROM chain WHERE "Id" IS NOT NULL ORDER BY "Id" DESC
            """).ToListAsync(cancellationToken);

    /// <summary>
    /// Appends a row outside a turn (a caseworker's message) and makes it the conversation's newest. Throws when the
    /// conversation has no stored row.
    /// </summary>
    public static async Task AppendAsync(IDbContextFactory<BotDbContext> dbFactory, TranscriptEntry entry, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Moving the version on first takes the conversation row's lock (on SQLite the transaction holds the whole file),
        // so nothing else can add a row until this one is in. A turn saving meanwhile then finds another version, loses
        // its race and runs again on top of this row, instead of pointing the conversation past it.
        var moved = await db.Conversations.Where(c => c.Id == entry.ConversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        if (moved == 0)
        {
            throw new InvalidOperationException("The conversation has no stored record to add a transcript row to.");
        }
        entry.PreviousId = await db.Conversations.Where(c => c.Id == entry.ConversationId).Select(c => c.LastTranscriptId).SingleAsync(cancellationToken);
        db.Transcript.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        await db.Conversations.Where(c => c.Id == entry.ConversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastTranscriptId, entry.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
