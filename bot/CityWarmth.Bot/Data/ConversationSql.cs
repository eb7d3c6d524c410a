using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Data;

/// <summary>
/// The per-turn statements of <see cref="EfConversationStore"/> as prepared commands on connections of the configured
/// provider (SQLite or PostgreSQL), against the tables EF Core's migrations create. Identifiers are quoted so the same
/// text runs on both. Values are bound as EF Core binds them: instants in UTC, so stored text and timestamptz match.
/// On SQLite the write loop runs the same statements natively (<see cref="SqliteConversationWriter"/>); on PostgreSQL it
/// sends each turn's same writes as one statement (<see cref="PostgresConversationWriter"/>).
/// </summary>
internal sealed class ConversationSql(IDbContextFactory<BotDbContext> dbFactory)
{
    // The state comes back only when its version differs from the one the caller holds in memory.
    private const string LoadText = """
        SELECT CASE WHEN "Version" = @known THEN NULL ELSE "StateJson" END, "Owner", "Version" FROM conversations WHERE "Id" = @id
        """;

    private const string ChannelText = """
        SELECT "ChannelId" FROM conversations WHERE "Id" = @id
        """;

    internal const string InsertText = """
        INSERT INTO conversations ("Id", "ChannelId", "ReferenceJson", "StateJson", "Owner", "Version", "CreatedAt", "UpdatedAt", "LastTranscriptId")
        VALUES (@id, @channel, @reference, @state, @owner, @version, @now, @now, @last)
        """;

    // The version this turn loaded must still be there: otherwise another writer saved in between and this one loses.
    internal const string UpdateText = """
        UPDATE conversations SET "StateJson" = @state, "ReferenceJson" = @reference, "Version" = @next, "UpdatedAt" = @now,
            "LastTranscriptId" = COALESCE(@last, "LastTranscriptId")
        WHERE "Id" = @id AND "Version" = @version
        """;

    internal const string UpdateKeepingReferenceText = """
        UPDATE conversations SET "StateJson" = @state, "Version" = @next, "UpdatedAt" = @now,
            "LastTranscriptId" = COALESCE(@last, "LastTranscriptId")
        WHERE "Id" = @id AND "Version" = @version
        """;

    // Only for a turn that changed the owner (a handoff starting or ending): naming the indexed owner column in every
    // update would rewrite its index entry even when the value is the same, one more page written per turn.
    internal const string SetOwnerText = """
        UPDATE conversations SET "Owner" = @owner WHERE "Id" = @id
        """;

    // A turn's first row follows the conversation's newest (none for a new conversation), each further row the one
    // before it; the conversation's update then points at the turn's last row (see TranscriptEntry.PreviousId).
    internal const string TranscriptText = """
        INSERT INTO transcript ("ConversationId", "PreviousId", "Direction", "Type", "Skill", "ActivityJson", "Timestamp")
        VALUES (@conversation, COALESCE(@previous, (SELECT "LastTranscriptId" FROM conversations WHERE "Id" = @conversation)),
            @direction, @type, @skill, @activity, @timestamp)
        """;

    public async Task<Reader> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var (owner, connection, timeout) = await OpenAsync(cancellationToken);
        try
        {
            var load = Command(connection, LoadText, timeout);
            var known = Parameter(load, "known", DbType.Int64);
            var id = Parameter(load, "id", DbType.String);
            await load.PrepareAsync(cancellationToken);
            var channel = Command(connection, ChannelText, timeout);
            var channelOf = Parameter(channel, "id", DbType.String);
            await channel.PrepareAsync(cancellationToken);
            return new Reader(owner, load, known, id, channel, channelOf);
        }
        catch
        {
            await owner.DisposeAsync();
            throw;
        }
    }

    /// <summary>The write loop's connection: SQLite binds the turn's UTF-8 JSON natively, PostgreSQL sends a commit as one batch.</summary>
    public async Task<TurnWriter> OpenWriterAsync()
    {
        var (owner, connection, timeout) = await OpenAsync(CancellationToken.None);
        try
        {
            return connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
                ? new SqliteConversationWriter(owner, sqlite)
                : new PostgresConversationWriter(owner, (Npgsql.NpgsqlConnection)connection, timeout);
        }
        catch
        {
            await owner.DisposeAsync();
            throw;
        }
    }

    // EF Core opens the connection, so it gets exactly what EF's own connections get: the provider's connection
    // string (PostgreSQL's lock_timeout), the interceptors (SQLite's pragmas) and the command timeout. The context owns
    // the connection and closes it when disposed.
    private async Task<(BotDbContext Owner, DbConnection Connection, int TimeoutSeconds)> OpenAsync(CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            return (db, db.Database.GetDbConnection(), db.Database.GetCommandTimeout() ?? 30);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private static DbCommand Command(DbConnection connection, string text, int timeoutSeconds)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.CommandTimeout = timeoutSeconds;
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        // Named as in the statement text, prefix included: Microsoft.Data.Sqlite otherwise tries each prefix on every bind.
        parameter.ParameterName = "@" + name;
        parameter.DbType = type;
        parameter.Value = DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <param name="StateJson">Null when the stored version is the one the caller said it knows.</param>
    internal sealed record StoredConversation(string? StateJson, string Owner, long Version);

    /// <summary>A connection with the prepared state and channel queries; one caller at a time.</summary>
    internal sealed class Reader(BotDbContext owner, DbCommand load, DbParameter known, DbParameter id, DbCommand channel, DbParameter channelOf) : IAsyncDisposable
    {
        public async Task<string?> ChannelIdAsync(string conversationId, CancellationToken cancellationToken)
        {
            channelOf.Value = conversationId;
            return await channel.ExecuteScalarAsync(cancellationToken) as string;
        }

        /// <param name="knownVersion">The version whose state the caller already holds, or null.</param>
        public async Task<StoredConversation?> LoadAsync(string conversationId, long? knownVersion, CancellationToken cancellationToken)
        {
            known.Value = knownVersion ?? -1;
            id.Value = conversationId;
            await using var row = await load.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
            return await row.ReadAsync(cancellationToken)
                ? new StoredConversation(row.IsDBNull(0) ? null : row.GetString(0), row.GetString(1), row.GetInt64(2))
                : null;
        }

        public async ValueTask DisposeAsync()
        {
            await load.DisposeAsync();
            await channel.DisposeAsync();
            await owner.DisposeAsync();
        }
    }

    /// <summary>
    /// The write loop's connection: commits a batch of turns in one transaction, each provider its own way
    /// (<see cref="SqliteConversationWriter"/> statement by statement on SQLite's native statements,
    /// <see cref="PostgresConversationWriter"/> as one batch per commit).
    /// </summary>
    internal abstract class TurnWriter : IAsyncDisposable
    {
        /// <summary>Throws <see cref="DbUpdateConcurrencyException"/> on a lost race, <see cref="DbUpdateException"/> on other database errors.</summary>
        public abstract Task CommitAsync(IReadOnlyList<EfConversationStore.PendingTurn> batch);

        public abstract ValueTask DisposeAsync();
    }
}
