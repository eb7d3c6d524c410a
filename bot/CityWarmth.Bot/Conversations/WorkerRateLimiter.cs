using System.Threading.RateLimiting;
using CityWarmth.BotFramework.Schema;
using Microsoft.Extensions.Options;
using CityWarmth.Bot.Hosting;

namespace CityWarmth.Bot.Conversations;

/// <summary>
/// Counts each worker's messages in a fixed window. The turn handler asks before running the skills, so a worker
/// who floods the bot gets a polite "slow down" instead of answers (channels expect 200s, not 429s, from a bot).
/// </summary>
public sealed class WorkerRateLimiter : IDisposable
{
    public const string SlowDown = "您发得太快了，请稍等几秒再发。";

    private readonly PartitionedRateLimiter<Activity> _limiter;

    public WorkerRateLimiter(IOptions<RateLimitOptions> options)
    {
        var limit = options.Value.PerWorker;
        var window = new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 };
        Func<(string?, string?, string?), FixedWindowRateLimiterOptions> windowOf = _ => window;
        // A worker is a sender in a conversation on a channel; the key is a value, so asking allocates nothing.
        _limiter = PartitionedRateLimiter.Create<Activity, (string?, string?, string?)>(activity =>
            RateLimitPartition.GetFixedWindowLimiter((activity.ChannelId, activity.Conversation?.Id, activity.From?.Id), windowOf));
    }

    /// <summary>True when this message may go to the skills.</summary>
    public bool TryAcquire(Activity activity)
    {
        using var lease = _limiter.AttemptAcquire(activity);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
