using Microsoft.Data.Sqlite;
using Npgsql;

namespace CityWarmth.Bot.Data;

/// <summary>Why the database cannot take work right now.</summary>
public enum StorageFault
{
    /// <summary>Another writer holds the lock longer than <see cref="StorageOptions.BusyTimeoutSeconds"/>.</summary>
    Busy,

    /// <summary>The disk (or the database's size cap) is full.</summary>
    Full,

    /// <summary>The server cannot be reached or refuses connections.</summary>
    Unreachable,
}

/// <summary>
/// The database is locked, full or unreachable: nothing of the operation was stored, and trying again later can work.
/// Raised for provider errors that <see cref="StorageFaults.Classify"/> recognises.
/// </summary>
public sealed class StorageUnavailableException(StorageFault fault, Exception inner)
    : Exception($"The database is unavailable ({fault}).", inner)
{
    public StorageFault Fault { get; } = fault;

    /// <summary>How long a caller should wait before trying again.</summary>
    public TimeSpan RetryAfter => Fault switch
    {
        StorageFault.Busy => TimeSpan.FromSeconds(5),
        StorageFault.Full => TimeSpan.FromSeconds(60),
        _ => TimeSpan.FromSeconds(15),
    };

    /// <summary>Tells an HTTP caller when to try again (the <c>Retry-After</c> header, in seconds).</summary>
    public void SetRetryAfter(HttpResponse response) =>
        response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Sorts provider exceptions into "the database is unavailable" and everything else (bugs, constraints, races).</summary>
public static class StorageFaults
{
    // https://sqlite.org/rescode.html (primary codes; extended codes keep them in the low byte).
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteIoErr = 10, SqliteFull = 13, SqliteCantOpen = 14, SqliteReadOnly = 8;

    /// <summary>The exception as a <see cref="StorageUnavailableException"/>, or null when it is not a storage outage.</summary>
    public static StorageUnavailableException? Classify(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is StorageUnavailableException known)
            {
                return known;
            }
            if (Fault(ex) is { } fault)
            {
                return new StorageUnavailableException(fault, exception);
            }
        }
        return null;
    }

    public static bool IsUnavailable(Exception exception) => Classify(exception) is not null;

    // SQLITE_CONSTRAINT, and its extended codes for a primary key and a unique index.
    private const int SqliteConstraint = 19, SqliteConstraintPrimaryKey = 1555, SqliteConstraintUnique = 2067;

    /// <summary>
    /// True when a write broke a primary key or unique index: another writer stored the same row first. Read from the
    /// providers' error codes, since the message is the server's own text (PostgreSQL's is in the server's language).
    /// </summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) == SqliteConstraint:
                    return sqlite.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique;
                case PostgresException pg:
                    return pg.SqlState == PostgresErrorCodes.UniqueViolation;
            }
        }
        return false;
    }

    private static StorageFault? Fault(Exception ex) => ex switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) switch
        {
            SqliteBusy or SqliteLocked => StorageFault.Busy,
            SqliteFull => StorageFault.Full,
            SqliteIoErr or SqliteCantOpen or SqliteReadOnly => StorageFault.Unreachable,
            _ => null,
        },
        // https://www.postgresql.org/docs/current/errcodes-appendix.html
        PostgresException pg => pg.SqlState switch
        {
            PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled => StorageFault.Busy,
            PostgresErrorCodes.DiskFull or PostgresErrorCodes.InsufficientResources or PostgresErrorCodes.OutOfMemory => StorageFault.Full,
            PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown
                or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.ReadOnlySqlTransaction => StorageFault.Unreachable,
            { } state when state.StartsWith("08", StringComparison.Ordinal) => StorageFault.Unreachable,
            _ => null,
        },
        // No server answer at all: a network error or a connection that could not be opened in time.
        NpgsqlException npgsql when npgsql.IsTransient => StorageFault.Unreachable,
        _ => null,
    };
}
