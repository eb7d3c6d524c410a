using System.Threading.RateLimiting;
using CityWarmth.Bot.Protocol;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Limits;

/// <summary>
/// Counts each worker's messages in a fixed window. The turn handler asks before running the skills, so a worker
/// who floods the bot gets a polite "slow down" instead of answers (channels expect 200s, not 429s, from a bot).
/// </summary>
public sealed class WorkerRateLimiter : IDisposable
{
    public const string SlowDown = "您发得太快了，请稍等几秒再发。";

    private readonly PartitionedRateLimiter<string> _limiter;

    public WorkerRateLimiter(IOptions<RateLimitOptions> options)
    {
        var limit = options.Value.PerWorker;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        }));
    }

    /// <summary>True when this message may go to the skills.</summary>
    public bool TryAcquire(Activity activity)
    {
        var key = $"{activity.ChannelId}\n{activity.Conversation?.Id}\n{activity.From?.Id}";
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
