using CityWarmth.Bot.Cluster;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Data;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The database (SQLite file by default, PostgreSQL when Storage:Provider says so) and the stores on it.</summary>
    public static WebApplicationBuilder AddBotStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // The provider decides which types are registered, so it is read eagerly (options are read lazily elsewhere).
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var connectionString = builder.Configuration.GetConnectionString("CityWarmth");
        // Out of its range, BusyTimeoutSeconds stops the bot at start (ValidateOnStart) before any connection opens.
        var busyTimeout = storage.BusyTimeoutSeconds;
        if (storage.IsPostgres)
        {
            connectionString = WithLockTimeout(connectionString
                ?? throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions), ["Storage:Provider is Postgres but ConnectionStrings:CityWarmth is empty."]), busyTimeout);
            // The write watcher is there for both providers, so whether kept states are trusted is decided in one place
            // (ConversationStateCache), not by which provider registers it.
            // The app owns its connection pool: stopping the bot disposes it, which closes the server connections it
            // held. (With only a connection string, Npgsql keeps a process-wide pool open for good, and a server's
            // connection slots run out as instances come and go in one process.)
            builder.Services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(connectionString));
            builder.Services.AddPooledDbContextFactory<PostgresBotDbContext>((services, o) => o
                .UseNpgsql(services.GetRequiredService<Npgsql.NpgsqlDataSource>())
                .AddInterceptors(new ConversationWriteWatcher(services.GetRequiredService<ConversationStateCache>())));
            builder.Services.AddSingleton<IDbContextFactory<BotDbContext>, ProviderDbContextFactory<PostgresBotDbContext>>();
            builder.Services.AddCluster(connectionString);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var dataPath = Path.GetFullPath(storage.DataPath, builder.Environment.ContentRootPath);
                Directory.CreateDirectory(dataPath);
                connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataPath, "citywarmth.db"), Pooling = true }.ToString();
            }
            // Microsoft.Data.Sqlite retries a busy statement until the command timeout (30 s by default): bound it too.
            builder.Services.AddPooledDbContextFactory<SqliteBotDbContext>((services, o) => o
                .UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(busyTimeout))
                .AddInterceptors(new SqlitePragmas(busyTimeout, storage.WalRestartPages), new ConversationWriteWatcher(services.GetRequiredService<ConversationStateCache>())));
            builder.Services.AddSingleton<IDbContextFactory<BotDbContext>, ProviderDbContextFactory<SqliteBotDbContext>>();
            builder.Services.AddCluster(postgresConnectionString: null);
        }

        builder.Services.AddSingleton<ConversationStateCache>();
        builder.Services.AddSingleton<ConversationWriterGate>();
        builder.Services.AddSingleton<ErasedDataPurge>();
        builder.Services.AddSingleton<IConversationStore, EfConversationStore>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        // After the initializer: data protection reads its key ring from the database when it starts.
        builder.Services.AddSharedDataProtection();
        if (!storage.IsPostgres)
        {
            // After the initializer, which puts the file in WAL mode.
            builder.Services.AddHostedService<SqliteWalCheckpointer>();
        }
        builder.Services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// A statement waiting on a lock fails after the busy timeout (SQLSTATE 55P03) instead of hanging the turn,
    /// unless the connection string already sets its own lock_timeout.
    /// </summary>
    private static string WithLockTimeout(string connectionString, int seconds)
    {
        var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (npgsql.Options?.Contains("lock_timeout", StringComparison.OrdinalIgnoreCase) != true)
        {
            npgsql.Options = $"{npgsql.Options} -c lock_timeout={seconds * 1000}".Trim();
        }
        return npgsql.ConnectionString;
    }
}

/// <summary>
/// Brings the schema up to date (EF Core migrations of the configured provider) before the bot takes its first message.
/// </summary>
internal sealed class DatabaseInitializer(IDbContextFactory<BotDbContext> dbFactory) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateSharedAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (Web Chat polling) run while a turn writes; it is a property of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Per-connection SQLite settings: durable-enough commits with WAL, and waiting on a busy file instead of failing.</summary>
internal sealed class SqlitePragmas(int busyTimeoutSeconds, int walRestartPages) : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    // synchronous=NORMAL in WAL mode: a commit has written its WAL frames to the OS before it returns, so a committed
    // turn survives the bot's process crashing or being killed; only the fsync waits for the next checkpoint, so a
    // power cut may lose the last commits (never corrupt the file). FULL would add an fsync to every commit (one per
    // group commit), which is what protects against power loss; the bot's promise is the process-crash one.
    // busy_timeout: other connections (the console, Web Chat polling, retention sweeps) wait for the writer instead of
    // failing, up to Storage:BusyTimeoutSeconds.
    // wal_autocheckpoint: the log is checkpointed beside the writer (SqliteWalCheckpointer) and starts over at
    // Storage:WalRestartPages; a commit checkpoints by itself only as a backstop, should the log grow past twice that.
    // page_size: a file the bot creates gets 8 KB pages. A turn's two transcript rows and the trees' upper levels then
    // take fewer log frames, so fewer writes. An existing file keeps its size: SQLite changes it only on VACUUM, and never in WAL mode, so this is a no-op there.
    // secure_delete: deleted and overwritten content is zeroed in the file, so erased personal data cannot be read
    // from free space. Pages are written anyway when a row changes; only pages freed whole are written in addition.
    private readonly string _pragmas = $"PRAGMA page_size=8192; PRAGMA secure_delete=ON; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={busyTimeoutSeconds * 1000}; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint={walRestartPages * 2};";

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
