using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Data;

/// <summary>
/// The per-turn statements of <see cref="EfConversationStore"/> as prepared commands on connections of the configured
/// provider (SQLite or PostgreSQL), against the tables EF Core's migrations create. Identifiers are quoted so the same
/// text runs on both. Values are bound as EF Core binds them: instants in UTC, so stored text and timestamptz match.
/// On SQLite the write loop runs the same statements natively (<see cref="SqliteConversationWriter"/>).
/// </summary>
internal sealed class ConversationSql(IDbContextFactory<BotDbContext> dbFactory)
{
    // The state comes back only when its version differs from the one the caller holds in memory.
    private const string LoadText = """
        SELECT CASE WHEN "Version" = @known THEN NULL ELSE "StateJson" END, "Owner", "Version" FROM conversations WHERE "Id" = @id
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
            return new Reader(owner, load, known, id);
        }
        catch
        {
            await owner.DisposeAsync();
            throw;
        }
    }

    /// <summary>The write loop's connection: SQLite binds the turn's UTF-8 JSON natively, PostgreSQL through ADO.NET.</summary>
    public async Task<TurnWriter> OpenWriterAsync()
    {
        var (owner, connection, timeout) = await OpenAsync(CancellationToken.None);
        try
        {
            return connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
                ? new SqliteConversationWriter(owner, sqlite)
                : await Writer.CreateAsync(owner, connection, timeout);
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

    private static object Utc(DateTimeOffset value) => value.ToUniversalTime();

    /// <param name="StateJson">Null when the stored version is the one the caller said it knows.</param>
    internal sealed record StoredConversation(string? StateJson, string Owner, long Version);

    /// <summary>A connection with the prepared state query; one caller at a time.</summary>
    internal sealed class Reader(BotDbContext owner, DbCommand load, DbParameter known, DbParameter id) : IAsyncDisposable
    {
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
            await owner.DisposeAsync();
        }
    }

    /// <summary>
    /// The write loop's connection: commits a batch of turns in one transaction. What a turn writes, in which order, and
    /// when it has lost a race is decided here once; each provider runs the statements its own way (<see cref="Writer"/>
    /// through ADO.NET, <see cref="SqliteConversationWriter"/> on SQLite's native statements).
    /// </summary>
    internal abstract class TurnWriter : IAsyncDisposable
    {
        /// <summary>Throws <see cref="DbUpdateConcurrencyException"/> on a lost race, <see cref="DbUpdateException"/> on other database errors.</summary>
        public abstract Task CommitAsync(IReadOnlyList<EfConversationStore.PendingTurn> batch);

        public abstract ValueTask DisposeAsync();

        /// <summary>One turn's rows, inside the batch's transaction.</summary>
        protected async ValueTask SaveAsync(EfConversationStore.PendingTurn pending)
        {
            // The transcript goes first so the conversation's own write can point at its newest row. Should that write
            // lose a race, the batch's transaction takes the rows back with it.
            long? last = null;
            foreach (var row in pending.Transcript)
            {
                last = await AppendAsync(pending.ConversationId, row, last);
            }
            if (pending.IsNew)
            {
                await InsertAsync(pending, last);
            }
            else
            {
                if (await UpdateAsync(pending, last) != 1)
                {
                    throw new DbUpdateConcurrencyException($"Conversation {pending.ConversationId} was saved by another writer since version {pending.Version} was loaded.");
                }
                if (pending.OwnerChanged)
                {
                    await SetOwnerAsync(pending);
                }
            }
        }

        /// <summary>Inserts a new conversation whose newest transcript row is <paramref name="last"/> (<see cref="InsertText"/>).</summary>
        protected abstract ValueTask InsertAsync(EfConversationStore.PendingTurn pending, long? last);

        /// <summary>
        /// Moves the version the turn loaded on by one and the newest transcript row to <paramref name="last"/>
        /// (<see cref="UpdateText"/>, or <see cref="UpdateKeepingReferenceText"/> when the turn keeps the stored
        /// reference); returns the rows changed, 0 when another writer got there first.
        /// </summary>
        protected abstract ValueTask<int> UpdateAsync(EfConversationStore.PendingTurn pending, long? last);

        /// <summary>Stores the owner of a turn that changed it (<see cref="SetOwnerText"/>).</summary>
        protected abstract ValueTask SetOwnerAsync(EfConversationStore.PendingTurn pending);

        /// <summary>
        /// Appends one transcript row after <paramref name="previous"/>, or after the conversation's newest row when
        /// null (<see cref="TranscriptText"/>); returns the new row's id.
        /// </summary>
        protected abstract ValueTask<long> AppendAsync(string conversationId, EfConversationStore.TranscriptRow row, long? previous);
    }

    /// <summary>The write loop's connection with its prepared ADO.NET statements (PostgreSQL).</summary>
    internal sealed class Writer : TurnWriter
    {
        private readonly BotDbContext _owner;
        private readonly DbConnection _connection;
        private readonly Statement _insert;
        private readonly Statement _update;
        private readonly Statement _updateKeepingReference;
        private readonly Statement _setOwner;
        private readonly Statement _transcript;

        private Writer(BotDbContext owner, DbConnection connection, int timeoutSeconds)
        {
            _owner = owner;
            _connection = connection;
            _insert = new Statement(connection, timeoutSeconds, InsertText,
                ("id", DbType.String), ("channel", DbType.String), ("reference", DbType.String), ("state", DbType.String),
                ("owner", DbType.String), ("version", DbType.Int64), ("now", DbType.DateTimeOffset), ("last", DbType.Int64));
            _update = new Statement(connection, timeoutSeconds, UpdateText,
                ("state", DbType.String), ("reference", DbType.String), ("next", DbType.Int64),
                ("now", DbType.DateTimeOffset), ("last", DbType.Int64), ("id", DbType.String), ("version", DbType.Int64));
            _updateKeepingReference = new Statement(connection, timeoutSeconds, UpdateKeepingReferenceText,
                ("state", DbType.String), ("next", DbType.Int64),
                ("now", DbType.DateTimeOffset), ("last", DbType.Int64), ("id", DbType.String), ("version", DbType.Int64));
            _setOwner = new Statement(connection, timeoutSeconds, SetOwnerText, ("owner", DbType.String), ("id", DbType.String));
            // PostgreSQL hands the new row's id back in the same round trip.
            _transcript = new Statement(connection, timeoutSeconds, TranscriptText + " RETURNING \"Id\"",
                ("conversation", DbType.String), ("previous", DbType.Int64), ("direction", DbType.String), ("type", DbType.String),
                ("skill", DbType.String), ("activity", DbType.String), ("timestamp", DbType.DateTimeOffset));
        }

        public static async Task<Writer> CreateAsync(BotDbContext owner, DbConnection connection, int timeoutSeconds)
        {
            var writer = new Writer(owner, connection, timeoutSeconds);
            foreach (var statement in writer.Statements)
            {
                await statement.Command.PrepareAsync();
            }
            return writer;
        }

        private Statement[] Statements => [_insert, _update, _updateKeepingReference, _setOwner, _transcript];

        public override async Task CommitAsync(IReadOnlyList<EfConversationStore.PendingTurn> batch)
        {
            // Durability does not wait on the caller: once queued, a turn is committed even if its request was abandoned.
            await using var transaction = await _connection.BeginTransactionAsync();
            foreach (var statement in Statements)
            {
                statement.Command.Transaction = transaction;
            }
            try
            {
                foreach (var pending in batch)
                {
                    await SaveAsync(pending);
                }
                await transaction.CommitAsync();
            }
            catch (DbException ex)
            {
                // As EF Core reports it, so callers tell a lost race (unique key) from other failures the same way.
                throw new DbUpdateException("Saving a turn failed; see the inner exception.", ex);
            }
        }

        protected override async ValueTask InsertAsync(EfConversationStore.PendingTurn pending, long? last) =>
            await _insert.ExecuteAsync(pending.ConversationId, pending.ChannelId, Text(pending.ReferenceJson), Text(pending.StateJson), pending.Owner, pending.Version, Utc(pending.Now), OrNull(last));

        protected override async ValueTask<int> UpdateAsync(EfConversationStore.PendingTurn pending, long? last) => pending.KeepReference
            ? await _updateKeepingReference.ExecuteAsync(Text(pending.StateJson), pending.Version + 1, Utc(pending.Now), OrNull(last), pending.ConversationId, pending.Version)
            : await _update.ExecuteAsync(Text(pending.StateJson), Text(pending.ReferenceJson), pending.Version + 1, Utc(pending.Now), OrNull(last), pending.ConversationId, pending.Version);

        protected override async ValueTask SetOwnerAsync(EfConversationStore.PendingTurn pending) =>
            await _setOwner.ExecuteAsync(pending.Owner, pending.ConversationId);

        protected override async ValueTask<long> AppendAsync(string conversationId, EfConversationStore.TranscriptRow row, long? previous) =>
            (long)(await _transcript.ScalarAsync(conversationId, OrNull(previous), row.Direction, row.Type, (object?)row.Skill ?? DBNull.Value, Text(row.ActivityJson), Utc(row.Timestamp)))!;

        private static object OrNull(long? value) => value is { } v ? v : DBNull.Value;

        private static string Text(ReadOnlyMemory<byte> utf8) => System.Text.Encoding.UTF8.GetString(utf8.Span);

        public override async ValueTask DisposeAsync()
        {
            foreach (var statement in Statements)
            {
                await statement.Command.DisposeAsync();
            }
            await _owner.DisposeAsync();
        }
    }

    private sealed class Statement
    {
        private readonly DbParameter[] _parameters;

        public Statement(DbConnection connection, int timeoutSeconds, string text, params (string Name, DbType Type)[] parameters)
        {
            Command = Command(connection, text, timeoutSeconds);
            _parameters = [.. parameters.Select(p => Parameter(Command, p.Name, p.Type))];
        }

        public DbCommand Command { get; }

        public Task<int> ExecuteAsync(params object[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                _parameters[i].Value = values[i];
            }
            return Command.ExecuteNonQueryAsync();
        }

        public Task<object?> ScalarAsync(params object[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                _parameters[i].Value = values[i];
            }
            return Command.ExecuteScalarAsync();
        }
    }
}
