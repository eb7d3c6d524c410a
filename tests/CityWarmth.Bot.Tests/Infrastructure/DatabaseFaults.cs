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
        var connection = await app.OpenOutsideConnectionAsync();
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

    internal static async Task ExecuteAsync(DbConnection connection, string sql)
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

/// <summary>
/// A full disk under PostgreSQL. The turn tables (conversations and transcript, with their TOAST data and indexes) move
/// to a tablespace on a small tmpfs, and while <see cref="IsFull"/> a filler file takes all of its free space, so a
/// write that needs a new page fails with disk_full (53100), as on a full data disk. The server's own files and WAL stay
/// where they are, as when a data volume fills up. Needs the server on this machine and root (to mount the tmpfs).
/// </summary>
public sealed class PostgresDiskFull : IAsyncDisposable
{
    private static readonly string[] TurnTables = ["conversations", "transcript"];

    private readonly string _server;
    private readonly string _database;
    private readonly string _mount;
    private readonly string _tablespace;

    private PostgresDiskFull(string server, string database, string mount, string tablespace)
    {
        _server = server;
        _database = database;
        _mount = mount;
        _tablespace = tablespace;
    }

    private string Filler => Path.Combine(_mount, "filler");

    /// <summary>Why the fault cannot be staged here, or null when it can.</summary>
    public static string? SkipReason =>
        TestDatabase.PostgresServer is not { } server ? "PostgreSQL only: CITYWARMTH_TEST_POSTGRES is not set."
        : !Environment.IsPrivilegedProcess ? "Needs root, to mount the small file system the tables move to."
        : new NpgsqlConnectionStringBuilder(server).Host is not ("127.0.0.1" or "localhost") ? "Needs the PostgreSQL server on this machine."
        : null;

    public static async Task<PostgresDiskFull> CreateAsync(BotApp app)
    {
        var connectionString = app.PostgresConnectionString ?? throw new InvalidOperationException("The app does not run on PostgreSQL.");
        var id = Guid.NewGuid().ToString("N")[..12];
        var mount = Path.Combine(Path.GetTempPath(), "citywarmth-pgfull-" + id);
        Directory.CreateDirectory(mount);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", mount);
        if (File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal)))
        {
            // The server runs as postgres when the tests run as root (tests/postgres/start.sh).
            await RunAsync("chown", "postgres:", mount);
        }

        var fault = new PostgresDiskFull(TestDatabase.PostgresServer!, new NpgsqlConnectionStringBuilder(connectionString).Database!, mount, "cw_full_" + id);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await DatabaseLock.ExecuteAsync(connection, $"CREATE TABLESPACE {fault._tablespace} LOCATION '{mount}'");
        foreach (var table in TurnTables)
        {
            await DatabaseLock.ExecuteAsync(connection, $"ALTER TABLE {table} SET TABLESPACE {fault._tablespace}");
            await using var indexes = new NpgsqlCommand("SELECT format('%I', indexname) FROM pg_indexes WHERE schemaname = 'public' AND tablename = @t", connection);
            indexes.Parameters.AddWithValue("t", table);
            var names = new List<string>();
            await using (var reader = await indexes.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }
            }
            foreach (var index in names)
            {
                await DatabaseLock.ExecuteAsync(connection, $"ALTER INDEX {index} SET TABLESPACE {fault._tablespace}");
            }
        }
        return fault;
    }

    /// <summary>Fills the tablespace's file system to the last byte, or frees it again.</summary>
    public bool IsFull
    {
        get => File.Exists(Filler);
        set
        {
            if (!value)
            {
                File.Delete(Filler);
                return;
            }
            using var filler = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
            var block = new byte[4096];
            try
            {
                while (true)
                {
                    filler.Write(block);
                }
            }
            catch (IOException)
            {
                // No space left: that is the point.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The database goes (the test is over), then its tablespace, then the file system under it.
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync();
            await DatabaseLock.ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
            await DatabaseLock.ExecuteAsync(connection, $"DROP TABLESPACE IF EXISTS {_tablespace}");
        }
        await RunAsync("umount", _mount);
        Directory.Delete(_mount);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = System.Diagnostics.Process.Start(start)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }
}
