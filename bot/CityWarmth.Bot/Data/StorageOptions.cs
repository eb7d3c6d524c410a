using System.ComponentModel.DataAnnotations;

namespace CityWarmth.Bot.Data;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (embedded, the default) or <c>Postgres</c>.</summary>
    [Required]
    [RegularExpression("^(?i)(sqlite|postgres)$")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Folder for the SQLite file and other local data, relative to the content root.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    /// <summary>
    /// How long a statement waits for a lock another connection holds before the operation fails as busy.
    /// Keep it well under the ~15 s a channel waits for the bot, so the worker still gets an answer.
    /// </summary>
    [Range(1, 60)]
    public int BusyTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// How many conversations keep their state in memory between turns (0: none). With SQLite (this process is the
    /// file's only writer) a kept state is used as it is until the bot writes the conversations table elsewhere (the
    /// console, the eraser); with PostgreSQL only after the database confirms its version is still the stored one,
    /// since other instances may write. See <see cref="ConversationStateCache"/>.
    /// </summary>
    [Range(0, 1_000_000)]
    public int StateCacheSize { get; set; } = 10_000;

    /// <summary>
    /// SQLite only: how many pages (8 KB in a file the bot created, 4 KB in older files) the write-ahead log may hold
    /// before it starts over (see <see cref="SqliteWalCheckpointer"/>). Each start-over holds the writer for one small
    /// checkpoint and its two fsyncs, and every turn in flight waits that long, so a larger log means rarer pauses. The
    /// log file stays this size on disk, and after a crash SQLite reads it once when the bot starts. It only grows that
    /// large under sustained load: when the turns pause, the log starts over by itself.
    /// </summary>
    [Range(256, 1_000_000)]
    public int WalRestartPages { get; set; } = 65_536;

    /// <summary>
    /// PostgreSQL only: how many conversations one instance keeps locked between turns (leases; 0: none), so their turns
    /// need no round trip to lock and none to read their state. Each is an advisory lock held on the server: all
    /// instances' leases together must fit the server's lock table (max_locks_per_transaction × max_connections, 6,400
    /// with PostgreSQL's defaults) beside everything else it locks.
    /// </summary>
    [Range(0, 100_000)]
    public int ConversationLeases { get; set; } = 1_000;

    /// <summary>PostgreSQL only: how long a conversation stays leased after its last turn.</summary>
    [Range(1, 3600)]
    public int LeaseIdleSeconds { get; set; } = 10;

    /// <summary>
    /// PostgreSQL only: how many connections commit turns at once. Each commits whatever turns are waiting as one
    /// transaction; with more than one, the next batch is written while the previous one waits for the disk.
    /// </summary>
    [Range(1, 8)]
    public int PostgresWriters { get; set; } = 2;

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase);
}
