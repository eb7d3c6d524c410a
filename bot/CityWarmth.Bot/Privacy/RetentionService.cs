using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Privacy;

/// <summary>Anonymises conversations idle longer than <c>Privacy:RetentionDays</c>, once per sweep interval.</summary>
public sealed partial class RetentionService(
    ConversationEraser eraser,
    IOptions<PrivacyOptions> options,
    TimeProvider clock,
    ILogger<RetentionService> logger) : BackgroundService
{
    private const int MaxPerSweep = 500;

    /// <summary>One pass; returns how many conversations were anonymised.</summary>
    private readonly SemaphoreSlim _sweeping = new(1, 1);

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        // One sweep at a time: a sweep asked for while the timer's is running waits for it and then finds its work done.
        await _sweeping.WaitAsync(cancellationToken);
        try
        {
            var cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
            var count = await eraser.AnonymiseIdleAsync(cutoff, MaxPerSweep, cancellationToken);
            if (count > 0)
            {
                Log.Swept(logger, count);
            }
            return count;
        }
        finally
        {
            _sweeping.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.SweepMinutes), clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next sweep tries again; retention is not worth stopping the bot for.
                Log.SweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Retention anonymised {Count} idle conversations")]
        public static partial void Swept(ILogger logger, int count);

        [LoggerMessage(EventId = 1503, Level = LogLevel.Error, Message = "Retention sweep failed")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
