using CityWarmth.Knowledge.Indexing;

namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>Picks up versions published by another process (kb-import, a second instance) without a restart.</summary>
public sealed partial class KnowledgeVersionWatcher(KnowledgePublishing publishing, PolicyIndexHolder holder, ILogger<KnowledgeVersionWatcher> logger) : BackgroundService
{
    public const int PollSeconds = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = holder.Current;   // the published version is open before the first poll
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(PollSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
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
