namespace CityWarmth.Bot.Data;

/// <summary>
/// Asks the storage to drop the bytes erased rows left behind. With SQLite, deleted content is zeroed as it goes
/// (<c>secure_delete</c>), but the write-ahead log still holds older copies of the changed pages until it is
/// truncated; <see cref="SqliteWalCheckpointer"/> does that soon after a request. PostgreSQL has nobody to ask (see
/// docs/security.md).
/// </summary>
public sealed class ErasedDataPurge
{
    private int _requested;

    /// <summary>An erasure has committed: purge old copies of its pages.</summary>
    public void Request() => Volatile.Write(ref _requested, 1);

    /// <summary>Takes a pending request (the caller purges, and asks again if it could not).</summary>
    internal bool TryTake() => Interlocked.Exchange(ref _requested, 0) == 1;

    /// <summary>Whether a purge is still to be done.</summary>
    public bool Pending => Volatile.Read(ref _requested) == 1;
}
