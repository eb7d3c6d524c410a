using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CityWarmth.Bot.Data;

/// <summary>
/// Migrations when several instances start on one PostgreSQL database at once: one migrates while the others wait for
/// it (a session advisory lock), then find nothing left to do. Without it two instances ran the same migration and the
/// second failed on what the first had created.
/// </summary>
public static class SharedMigrations
{
    // Polled rather than waited for: a migration can outlast the lock_timeout every connection carries.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static async Task MigrateSharedAsync(this DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        if (!database.IsNpgsql())
        {
            await database.MigrateAsync(cancellationToken);
            return;
        }
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await database.WaitForAdvisoryLockAsync(Cluster.AdvisoryLockSpaces.Migrations, transactionScoped: false, cancellationToken);
            try
            {
                await database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({Cluster.AdvisoryLockSpaces.Migrations}, 0)", CancellationToken.None);
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    public static void MigrateShared(this DatabaseFacade database) => database.MigrateSharedAsync().GetAwaiter().GetResult();

    /// <summary>
    /// Takes the advisory lock (<paramref name="space"/>, 0) for start-up work another instance may be doing (PostgreSQL
    /// only), waiting as long as that work takes; session-scoped locks need the connection kept open until unlocked.
    /// </summary>
    public static async Task WaitForAdvisoryLockAsync(this DatabaseFacade database, int space, bool transactionScoped, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await (transactionScoped
            ? database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({space}, 0) AS \"Value\"")
            : database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({space}, 0) AS \"Value\"")).SingleAsync(cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Another instance has held the database's start-up lock for too long.");
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }
}
