using System.Threading.Channels;
using CityWarmth.Bot.Data;
using CityWarmth.Knowledge.Versions;
using CityWarmth.Skills.Policy;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>
/// Keeps the questions the policy skill could not answer well, for the admins' review. The turn only queues the
/// question; a background loop stores its normalised wording (digits masked), never who asked.
/// </summary>
public sealed partial class UnansweredQuestionRecorder(IDbContextFactory<BotDbContext> dbFactory, TimeProvider clock, ILogger<UnansweredQuestionRecorder> logger)
    : BackgroundService, IUnansweredQuestionSink
{
    private readonly Channel<KbUnansweredQuestion> _queue = Channel.CreateBounded<KbUnansweredQuestion>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Record(string question, UnansweredReason reason, double confidence) => Record(question, reason, confidence, [], null);

    public void Record(string question, UnansweredReason reason, double confidence, IReadOnlyList<string> passages, string? comment)
    {
        var text = QuestionGroups.Sanitize(question);
        if (text.Length == 0)
        {
            return;
        }

        // The worker's comment is masked like the question: it may hold a phone number.
        var note = comment is null ? "" : QuestionGroups.Sanitize(comment);
        var cited = string.Join(", ", passages.Where(p => p.Length is > 0 and <= 100).Take(5));
        _queue.Writer.TryWrite(new KbUnansweredQuestion
        {
            At = clock.GetUtcNow(),
            Text = text,
            Reason = ReasonName(reason),
            Confidence = Math.Round(confidence, 3),
            Passages = cited.Length is > 0 and <= 500 ? cited : null,
            Comment = note.Length > 0 ? note : null,
        });
    }

    /// <summary>How a reason is stored and shown in the API.</summary>
    public static string ReasonName(UnansweredReason reason) => reason switch
    {
        UnansweredReason.NotFound => "not-found",
        UnansweredReason.LowConfidence => "low",
        UnansweredReason.HandedOff => "handed-off",
        UnansweredReason.Unclear => "unclear",
        _ => "thumbs-down",
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<KbUnansweredQuestion>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < 100 && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                try
                {
                    await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                    db.AddRange(batch);
                    await db.SaveChangesAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
                {
                    Log.StoreFailed(logger, batch.Count, ex);
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; queued questions are not worth delaying it.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "Could not store {Count} unanswered questions")]
        public static partial void StoreFailed(ILogger logger, int count, Exception exception);
    }
}
