using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CityWarmth.Bot.Data;

/// <summary>
/// The write loop's connection for PostgreSQL. A group commit is two round trips however many turns it holds: BEGIN
/// with one statement per turn as one <see cref="NpgsqlBatch"/>, then COMMIT. Each turn is a single statement (its
/// transcript rows chained in data-modifying CTEs, then the conversation's insert or update pointing at the last row),
/// because a batch cannot feed one statement's new id into the next. The update's row count tells a lost race, and
/// the transaction is rolled back before anything is committed, as with the statement-by-statement SQLite writer.
/// </summary>
internal sealed class PostgresConversationWriter(BotDbContext owner, NpgsqlConnection connection, int timeoutSeconds) : ConversationSql.TurnWriter
{
    private const string TranscriptColumns = "\"ConversationId\", \"PreviousId\", \"Direction\", \"Type\", \"Skill\", \"ActivityJson\", \"Timestamp\"";

    // Statement texts by shape (new or update, reference kept, number of transcript rows); few shapes occur.
    private static readonly ConcurrentDictionary<(TurnShape Shape, int Rows), string> Texts = new();

    public override async Task CommitAsync(IReadOnlyList<EfConversationStore.PendingTurn> batch)
    {
        // Durability does not wait on the caller: once queued, a turn is committed even if its request was abandoned.
        // Npgsql sends BEGIN with the batch, so it costs no round trip of its own.
        await using var transaction = await connection.BeginTransactionAsync();
        await using var statements = new NpgsqlBatch(connection, transaction) { Timeout = timeoutSeconds };
        var turnCommands = new NpgsqlBatchCommand[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            turnCommands[i] = TurnCommand(batch[i]);
            statements.BatchCommands.Add(turnCommands[i]);
            if (batch[i].OwnerChanged && !batch[i].IsNew)
            {
                statements.BatchCommands.Add(SetOwnerCommand(batch[i]));
            }
        }
        try
        {
            // Statements already prepared on this connection are found by their text: no round trip once warm.
            await statements.PrepareAsync();
            await statements.ExecuteNonQueryAsync();
            for (var i = 0; i < batch.Count; i++)
            {
                if (!batch[i].IsNew && turnCommands[i].RecordsAffected != 1)
                {
                    await transaction.RollbackAsync();
                    throw new DbUpdateConcurrencyException($"Conversation {batch[i].ConversationId} was saved by another writer since version {batch[i].Version} was loaded.");
                }
            }
            await transaction.CommitAsync();
        }
        catch (NpgsqlException ex)
        {
            // As EF Core reports it, so callers tell a lost race (unique key) from other failures the same way.
            throw new DbUpdateException("Saving a turn failed; see the inner exception.", ex);
        }
    }

    private static NpgsqlBatchCommand TurnCommand(EfConversationStore.PendingTurn pending)
    {
        var shape = pending.IsNew ? TurnShape.Insert : pending.KeepReference ? TurnShape.UpdateKeepingReference : TurnShape.Update;
        var command = new NpgsqlBatchCommand(Texts.GetOrAdd((shape, pending.Transcript.Length), static key => TurnText(key.Shape, key.Rows)));
        var parameters = command.Parameters;
        parameters.Add(Text(pending.ConversationId));
        foreach (var row in pending.Transcript)
        {
            parameters.Add(Text(row.Direction));
            parameters.Add(Text(row.Type));
            parameters.Add(row.Skill is null ? new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = DBNull.Value } : Text(row.Skill));
            parameters.Add(Text(Encoding.UTF8.GetString(row.ActivityJson.Span)));
            parameters.Add(Instant(row.Timestamp));
        }
        parameters.Add(Text(Encoding.UTF8.GetString(pending.StateJson.Span)));
        switch (shape)
        {
            case TurnShape.Insert:
                parameters.Add(Text(pending.ChannelId));
                parameters.Add(Text(Encoding.UTF8.GetString(pending.ReferenceJson.Span)));
                parameters.Add(Text(pending.Owner));
                parameters.Add(Number(pending.Version));
                parameters.Add(Instant(pending.Now));
                break;
            case TurnShape.Update:
                parameters.Add(Text(Encoding.UTF8.GetString(pending.ReferenceJson.Span)));
                goto default;
            default:
                parameters.Add(Number(pending.Version + 1));
                parameters.Add(Instant(pending.Now));
                parameters.Add(Number(pending.Version));
                break;
        }
        return command;
    }

    private static NpgsqlBatchCommand SetOwnerCommand(EfConversationStore.PendingTurn pending) =>
        new("UPDATE conversations SET \"Owner\" = $1 WHERE \"Id\" = $2") { Parameters = { Text(pending.Owner), Text(pending.ConversationId) } };

    /// <summary>
    /// One turn's statement with positional parameters: $1 the conversation, five per transcript row (direction, type,
    /// skill, activity, timestamp), then the state and what the shape needs (see <see cref="TurnCommand"/>). The first
    /// row follows the conversation's newest (none for a new one), each further row the one before it, as in
    /// <see cref="ConversationSql.TranscriptText"/>; the version this turn loaded must still be stored for the update.
    /// </summary>
    private static string TurnText(TurnShape shape, int rows)
    {
        var sql = new StringBuilder("WITH ");
        for (var i = 0; i < rows; i++)
        {
            var p = 2 + (i * 5);
            var previous = i == 0 ? "(SELECT \"LastTranscriptId\" FROM conversations WHERE \"Id\" = $1)" : $"t{i - 1}.\"Id\"";
            var from = i == 0 ? "" : $" FROM t{i - 1}";
            sql.Append(i == 0 ? "" : ", ")
                .Append($"t{i} AS (INSERT INTO transcript ({TranscriptColumns}) SELECT $1, {previous}, ${p}, ${p + 1}, ${p + 2}, ${p + 3}, ${p + 4}{from} RETURNING \"Id\")");
        }
        var last = $"(SELECT \"Id\" FROM t{rows - 1})";
        var next = 2 + (rows * 5);   // the state's parameter
        sql.Append(' ').Append(shape switch
        {
            TurnShape.Insert => $"""
                INSERT INTO conversations ("Id", "ChannelId", "ReferenceJson", "StateJson", "Owner", "Version", "CreatedAt", "UpdatedAt", "LastTranscriptId")
                VALUES ($1, ${next + 1}, ${next + 2}, ${next}, ${next + 3}, ${next + 4}, ${next + 5}, ${next + 5}, {last})
                """,
            TurnShape.Update => $"""
                UPDATE conversations SET "StateJson" = ${next}, "ReferenceJson" = ${next + 1}, "Version" = ${next + 2}, "UpdatedAt" = ${next + 3}, "LastTranscriptId" = {last}
                WHERE "Id" = $1 AND "Version" = ${next + 4}
                """,
            _ => $"""
                UPDATE conversations SET "StateJson" = ${next}, "Version" = ${next + 1}, "UpdatedAt" = ${next + 2}, "LastTranscriptId" = {last}
                WHERE "Id" = $1 AND "Version" = ${next + 3}
                """,
        });
        return sql.ToString();
    }

    private static NpgsqlParameter<string> Text(string value) => new() { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    private static NpgsqlParameter<long> Number(long value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = value };

    // Instants in UTC, as EF Core binds them to timestamptz.
    private static NpgsqlParameter<DateTimeOffset> Instant(DateTimeOffset value) => new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = value.ToUniversalTime() };

    public override async ValueTask DisposeAsync() => await owner.DisposeAsync();

    private enum TurnShape
    {
        Insert,
        Update,
        UpdateKeepingReference,
    }
}
