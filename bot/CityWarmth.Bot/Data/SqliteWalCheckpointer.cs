using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Data;

/// <summary>
/// Copies the SQLite write-ahead log into the database file beside the conversation writer, instead of inside its
/// commits.
/// </summary>
/// <remarks>
/// SQLite's own autocheckpoint runs inside the commit that takes the log past 1,000 pages: that commit copies the
/// pages and waits for two fsyncs, and every turn queued behind it waits too. Here a connection of its own checkpoints
/// every few milliseconds in PASSIVE mode, which never blocks a writer, with the same fsyncs, so durability is as before.
/// The log starts over only when a write transaction begins with every frame copied, which never happens while commits
/// keep coming. So once the log is past <see cref="StorageOptions.WalRestartPages"/> pages, this service holds the writer
/// between two commits (<see cref="ConversationWriterGate"/>) just long enough to copy the last frames, and the next
/// commit starts the log over. Connections keep an autocheckpoint as a backstop (<see cref="SqlitePragmas"/>).
/// </remarks>
internal sealed partial class SqliteWalCheckpointer(
    IDbContextFactory<BotDbContext> dbFactory,
    ConversationWriterGate writer,
    ErasedDataPurge purge,
    IOptions<StorageOptions> options,
    TimeProvider clock,
    ILogger<SqliteWalCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan WhileWriting = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan WhileIdle = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(1);

    // Each copy without the hold takes what came in during the one before, so the frames left for the held copy (and
    // its fsyncs, which the writer waits through) are fewer.
    private const int CatchUpsBeforeHold = 3;

    private int _writerHolds;

    /// <summary>How many times the writer was held for the last frames of a full log (each lets the log start over).</summary>
    public int WriterHolds => Volatile.Read(ref _writerHolds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var restartPages = options.Value.WalRestartPages;
        DbContext? db = null;
        long lastLogPages = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var pause = WhileIdle;
                try
                {
                    db ??= await OpenAsync(stoppingToken);
                    if (purge.TryTake() && !await TruncateAsync(db, stoppingToken))
                    {
                        purge.Request();
                    }
                    var checkpoint = db.Database.GetDbConnection().CreateCommand();
                    await using (checkpoint)
                    {
                        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                        var (logPages, copiedPages) = await CheckpointAsync(checkpoint, stoppingToken);
                        // Commits are coming when the log changed since the last round. Without them the log needs no
                        // hold: the next write starts it over by itself, since every frame is copied by then.
                        var writing = logPages != lastLogPages;
                        lastLogPages = logPages;
                        if (writing && logPages >= restartPages && copiedPages == logPages)
                        {
                            // First, a few times over, what came in during the copy before, without holding anyone;
                            // then the last few frames with the writer held, so its next transaction finds the whole
                            // log copied.
                            for (var i = 0; i < CatchUpsBeforeHold; i++)
                            {
                                await CheckpointAsync(checkpoint, stoppingToken);
                            }
                            await writer.EnterAsync(stoppingToken);
                            try
                            {
                                await CheckpointAsync(checkpoint, stoppingToken);
                            }
                            finally
                            {
                                writer.Exit();
                            }
                            Interlocked.Increment(ref _writerHolds);
                        }
                        if (writing && logPages > 0)
                        {
                            pause = WhileWriting;
                        }
                        else if (logPages < 0)
                        {
                            // Not in WAL mode as this connection saw the file; a fresh one looks again.
                            await db.DisposeAsync();
                            db = null;
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A locked or full disk, a closed connection: the next round opens a fresh one. Until then the
                    // connections' own autocheckpoint keeps the log bounded.
                    Log.CheckpointFailed(logger, ex.GetType().Name);
                    if (db is not null)
                    {
                        await db.DisposeAsync();
                        db = null;
                    }
                    pause = AfterFailure;
                }
                await Task.Delay(pause, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (db is not null)
            {
                await db.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// After an erasure: copies the whole log into the file and truncates it to nothing, so no older copy of an erased
    /// page stays in the log file. The writer is held meanwhile; a reader in the way makes it fail, to be tried again.
    /// </summary>
    private async Task<bool> TruncateAsync(DbContext db, CancellationToken cancellationToken)
    {
        await writer.EnterAsync(cancellationToken);
        try
        {
            await using var truncate = db.Database.GetDbConnection().CreateCommand();
            truncate.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using var row = await truncate.ExecuteReaderAsync(cancellationToken);
            return await row.ReadAsync(cancellationToken) && row.GetInt64(0) == 0;
        }
        finally
        {
            writer.Exit();
        }
    }

    private async Task<DbContext> OpenAsync(CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return db;
    }

    /// <returns>The pages in the log and how many of them are now in the database file (both -1 if not in WAL mode).</returns>
    private static async Task<(long LogPages, long CopiedPages)> CheckpointAsync(DbCommand checkpoint, CancellationToken cancellationToken)
    {
        await using var row = await checkpoint.ExecuteReaderAsync(cancellationToken);
        return await row.ReadAsync(cancellationToken) ? (row.GetInt64(1), row.GetInt64(2)) : (-1, -1);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1210, Level = LogLevel.Warning, Message = "Checkpointing the SQLite log failed ({Error}); trying again shortly")]
        public static partial void CheckpointFailed(ILogger logger, string error);
    }
}
