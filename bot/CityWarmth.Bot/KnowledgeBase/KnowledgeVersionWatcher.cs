using CityWarmth.Bot.Cluster;
using CityWarmth.Knowledge.Indexing;

namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>
/// Picks up versions published by another process without a restart: at once when another instance announces its
/// publication (<see cref="IClusterNotifier"/>), and by polling the database as a backstop (kb-import, a missed message).
/// </summary>
public sealed partial class KnowledgeVersionWatcher(KnowledgePublishing publishing, PolicyIndexHolder holder, IClusterNotifier notifier, ILogger<KnowledgeVersionWatcher> logger) : BackgroundService
{
    public const int PollSeconds = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = holder.Current;   // the published version is open before the first poll
        using var wake = new SemaphoreSlim(0);
        using var announced = notifier.Subscribe(KnowledgePublishing.PublishedChannel, _ => wake.Release());
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await wake.WaitAsync(TimeSpan.FromSeconds(PollSeconds), stoppingToken);
                // Several announcements while one refresh ran need one more refresh, not several.
                while (wake.CurrentCount > 0)
                {
                    await wake.WaitAsync(stoppingToken);
                }
                try
                {
                    await publishing.RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.RefreshFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8201, Level = LogLevel.Warning, Message = "Could not check for a newly published knowledge version")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);
    }
}
