using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace CityWarmth.Bot.Data;

/// <summary>
/// The write loop's statements for SQLite, prepared on the native handle of an EF-opened connection (so its pragmas
/// apply). A turn's JSON is serialised to UTF-8 and bound as it is, where ADO.NET would make a string and then a fresh
/// UTF-8 copy of every value per bind. Values are written exactly as
/// Microsoft.Data.Sqlite writes them, and failures surface as its <see cref="SqliteException"/>.
/// </summary>
internal sealed class SqliteConversationWriter : ConversationSql.TurnWriter
{
    // Microsoft.Data.Sqlite's text form of a DateTimeOffset, which EF Core reads back and compares.
    private const string InstantFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz";

    private readonly BotDbContext _owner;
    private readonly sqlite3 _db;
    private readonly Statement _begin;
    private readonly Statement _commit;
    private readonly Statement _insert;
    private readonly Statement _update;
    private readonly Statement _updateKeepingReference;
    private readonly Statement _setOwner;
    private readonly Statement _transcript;

    public SqliteConversationWriter(BotDbContext owner, SqliteConnection connection)
    {
        _owner = owner;
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var prepared = new List<Statement>();
        try
        {
            Statement Prepare(string sql)
            {
                var statement = new Statement(_db, sql);
                prepared.Add(statement);
                return statement;
            }
            // IMMEDIATE takes the write lock up front, as Microsoft.Data.Sqlite's BeginTransaction does.
            _begin = Prepare("BEGIN IMMEDIATE");
            _commit = Prepare("COMMIT");
            _insert = Prepare(ConversationSql.InsertText);
            _update = Prepare(ConversationSql.UpdateText);
            _updateKeepingReference = Prepare(ConversationSql.UpdateKeepingReferenceText);
            _setOwner = Prepare(ConversationSql.SetOwnerText);
            _transcript = Prepare(ConversationSql.TranscriptText);
        }
        catch
        {
            prepared.ForEach(s => s.Dispose());
            throw;
        }
    }

    public override async Task CommitAsync(IReadOnlyList<EfConversationStore.PendingTurn> batch)
    {
        // Durability does not wait on the caller: once queued, a turn is committed even if its request was abandoned.
        try
        {
            _begin.Run();
            try
            {
                // The statements run synchronously, so each save completes at once: no state machine is left waiting.
                foreach (var pending in batch)
                {
                    await SaveAsync(pending);
                }
                _commit.Run();
            }
            catch
            {
                // A failed statement may already have ended the transaction (SQLITE_FULL does): then this is a no-op.
                raw.sqlite3_exec(_db, "ROLLBACK");
                throw;
            }
        }
        catch (SqliteException ex)
        {
            // As EF Core reports it, so callers tell a lost race (unique key) from other failures the same way.
            throw new DbUpdateException("Saving a turn failed; see the inner exception.", ex);
        }
    }

    /// <summary>One turn's rows, inside the batch's transaction.</summary>
    private async ValueTask SaveAsync(EfConversationStore.PendingTurn pending)
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

    private ValueTask InsertAsync(EfConversationStore.PendingTurn pending, long? last)
    {
        _insert.Text("@id", pending.ConversationId).Text("@channel", pending.ChannelId).Json("@reference", pending.ReferenceJson.Span)
            .Json("@state", pending.StateJson.Span).Text("@owner", pending.Owner).Int64("@version", pending.Version).Instant("@now", pending.Now)
            .Int64("@last", last)
            .Run();
        return ValueTask.CompletedTask;
    }

    private ValueTask<int> UpdateAsync(EfConversationStore.PendingTurn pending, long? last)
    {
        var update = pending.KeepReference ? _updateKeepingReference : _update.Json("@reference", pending.ReferenceJson.Span);
        return ValueTask.FromResult(update.Json("@state", pending.StateJson.Span).Int64("@next", pending.Version + 1).Instant("@now", pending.Now)
            .Int64("@last", last).Text("@id", pending.ConversationId).Int64("@version", pending.Version)
            .Run());
    }

    private ValueTask SetOwnerAsync(EfConversationStore.PendingTurn pending)
    {
        _setOwner.Text("@owner", pending.Owner).Text("@id", pending.ConversationId).Run();
        return ValueTask.CompletedTask;
    }

    private ValueTask<long> AppendAsync(string conversationId, EfConversationStore.TranscriptRow row, long? previous)
    {
        _transcript.Text("@conversation", conversationId).Int64("@previous", previous).Text("@direction", row.Direction).Text("@type", row.Type)
            .Text("@skill", row.Skill).Json("@activity", row.ActivityJson.Span).Instant("@timestamp", row.Timestamp)
            .Run();
        // SQLite keeps the last inserted row id per connection: this statement's.
        return ValueTask.FromResult(raw.sqlite3_last_insert_rowid(_db));
    }

    public override ValueTask DisposeAsync()
    {
        // Statements go before the connection does: a pooled connection must not carry them.
        foreach (var statement in new[] { _begin, _commit, _insert, _update, _updateKeepingReference, _setOwner, _transcript })
        {
            statement.Dispose();
        }
        return _owner.DisposeAsync();
    }

    /// <summary>A prepared statement whose parameters are bound by name and which is reset after each run.</summary>
    private sealed class Statement : IDisposable
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _handle;
        private readonly Dictionary<string, int> _parameters = new(StringComparer.Ordinal);

        public Statement(sqlite3 db, string sql)
        {
            _db = db;
            Check(raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _handle));
            for (var i = 1; i <= raw.sqlite3_bind_parameter_count(_handle); i++)
            {
                _parameters[raw.sqlite3_bind_parameter_name(_handle, i).utf8_to_string()] = i;
            }
        }

        public Statement Json(string name, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_handle, Index(name), utf8));

        public Statement Text(string name, string? value)
        {
            if (value is null)
            {
                return Check(raw.sqlite3_bind_null(_handle, Index(name)));
            }
            var length = Encoding.UTF8.GetMaxByteCount(value.Length);
            byte[]? rented = null;
            Span<byte> buffer = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(length));
            try
            {
                var written = Encoding.UTF8.GetBytes(value, buffer);
                return Check(raw.sqlite3_bind_text(_handle, Index(name), buffer[..written]));
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        public Statement Int64(string name, long value) => Check(raw.sqlite3_bind_int64(_handle, Index(name), value));

        public Statement Int64(string name, long? value) =>
            value is { } v ? Int64(name, v) : Check(raw.sqlite3_bind_null(_handle, Index(name)));

        /// <summary>In UTC, as EF Core binds instants, so stored text sorts and compares as time.</summary>
        public Statement Instant(string name, DateTimeOffset value)
        {
            Span<byte> buffer = stackalloc byte[64];
            value.ToUniversalTime().TryFormat(buffer, out var written, InstantFormat, CultureInfo.InvariantCulture);
            return Check(raw.sqlite3_bind_text(_handle, Index(name), buffer[..written]));
        }

        /// <summary>Runs the statement to completion; returns the rows it changed.</summary>
        public int Run()
        {
            try
            {
                var rc = raw.sqlite3_step(_handle);
                if (rc != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(rc, _db);
                }
                return raw.sqlite3_changes(_db);
            }
            finally
            {
                raw.sqlite3_reset(_handle);
                raw.sqlite3_clear_bindings(_handle);
            }
        }

        public void Dispose() => _handle.Dispose();

        private int Index(string name) =>
            _parameters.TryGetValue(name, out var index) ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));

        private Statement Check(int rc)
        {
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
            return this;
        }
    }
}
