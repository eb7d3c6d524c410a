using System.Runtime.CompilerServices;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace CityWarmth.Bot.Tests.Infrastructure;

/// <summary>
/// Holds the bot's own database locked from another connection, as a stuck writer or a long migration would:
/// SQLite <c>BEGIN EXCLUSIVE</c> on the file, or PostgreSQL <c>LOCK TABLE ... ACCESS EXCLUSIVE</c> on every table.
/// Disposing releases the lock.
/// </summary>
public sealed class DatabaseLock : IAsyncDisposable
{
    private readonly DbConnection _connection;

    private DatabaseLock(DbConnection connection) => _connection = connection;

    public static async Task<DatabaseLock> TakeAsync(BotApp app)
    {
        DbConnection connection = app.PostgresConnectionString is { } postgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Pooling = false }.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.SqliteFile, Pooling = false }.ToString());
        await connection.OpenAsync();
        // SQLite in WAL mode: EXCLUSIVE still lets readers on, so the bot can load a conversation but not save its turn.
        // PostgreSQL: every table, for reading too.
        await ExecuteAsync(connection, app.PostgresConnectionString is null
            ? "BEGIN EXCLUSIVE"
            : """
              BEGIN;
              DO $$ BEGIN
                EXECUTE 'LOCK TABLE ' || (SELECT string_agg(format('%I', tablename), ', ') FROM pg_tables WHERE schemaname = 'public') || ' IN ACCESS EXCLUSIVE MODE';
              END $$;
              """);
        return new DatabaseLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await ExecuteAsync(_connection, "ROLLBACK");
        await _connection.DisposeAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// A full disk for the bot's SQLite file: while <see cref="IsFull"/>, every connection of the bot caps the file at its
/// present size (<c>PRAGMA max_page_count</c>), so a write that needs a new page fails with SQLITE_FULL, the same error
/// a full disk gives. The cap is per connection, so connections already open (the store keeps its writer open) are
/// capped or freed when <see cref="IsFull"/> changes; change it only while no turn is running. Register it with
/// <see cref="Install"/>.
/// </summary>
public sealed class SqliteDiskFull : DbConnectionInterceptor
{
    // SQLite's default cap (the largest page number it allows).
    private const long NoCap = 4294967294;

    private readonly ConditionalWeakTable<DbConnection, object> _opened = new();
    private volatile bool _isFull;

    public bool IsFull
    {
        get => _isFull;
        set
        {
            _isFull = value;
            foreach (var (connection, _) in _opened)
            {
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    Apply(connection);
                }
            }
        }
    }

    public void Install(IServiceCollection services) =>
        services.ConfigureDbContext<CityWarmth.Bot.Data.SqliteBotDbContext>(o => o.AddInterceptors(this));

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionOpened(connection, eventData);
        return Task.CompletedTask;
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        _opened.AddOrUpdate(connection, this);
        Apply(connection);
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        // A cap below the file's size is raised to its size: "1" means "not one page more".
        command.CommandText = $"PRAGMA max_page_count = {(_isFull ? 1 : NoCap)}";
        command.ExecuteNonQuery();
    }
}
