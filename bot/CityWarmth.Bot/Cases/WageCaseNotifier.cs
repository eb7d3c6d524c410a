using System.Text.Json;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Handoff;
using CityWarmth.Bot.Operations;
using CityWarmth.Knowledge.Text;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.WageDispute;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Cases;

/// <summary>
/// Tells a worker that their case moved: a message to the conversation the case was filed from, on its own channel
/// (the connector at its serviceUrl, the Direct Line list, WeChat's customer-service API), through the same delivery
/// the console's messages take, in the script the worker writes. A failure is logged and counted; the case change
/// it reports stays stored.
/// </summary>
public sealed partial class WageCaseNotifier(
    HandoffConversations conversations,
    IDbContextFactory<BotDbContext> dbFactory,
    BotMetrics metrics,
    ILogger<WageCaseNotifier> logger)
{
    /// <summary>The buttons under a notice: ask again later, or reach a person.</summary>
    public static readonly IReadOnlyList<string> Buttons = ["查看登记进度", "转人工"];

    public async Task<bool> NotifyAsync(WageCase wageCase, CancellationToken cancellationToken)
    {
        try
        {
            var reference = await conversations.GetReferenceAsync(wageCase.ConversationId, cancellationToken);
            if (reference is null)
            {
                // The conversation was erased or expired: nobody is left to tell.
                Log.NoConversation(logger, wageCase.CaseNumber);
                metrics.DeliveryFailed("notice");
                return false;
            }
            var text = WageCaseProgressText.Notice(new WageCaseProgress(wageCase, wageCase.NoteForWorker));
            IReadOnlyList<string> buttons = Buttons;
            if (await PrefersTraditionalAsync(wageCase.ConversationId, cancellationToken))
            {
                text = ChineseScript.ToTraditional(text);
                buttons = [.. buttons.Select(ChineseScript.ToTraditional)];
            }
            var (delivered, _) = await conversations.SendAsync(HandoffConversations.ToWorker(reference, text, null, buttons), cancellationToken);
            if (!delivered)
            {
                Log.NotDelivered(logger, wageCase.CaseNumber, reference.ChannelId);
                metrics.DeliveryFailed("notice");
            }
            return delivered;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.NoticeFailed(logger, wageCase.CaseNumber, ex);
            metrics.DeliveryFailed("notice");
            return false;
        }
    }

    private async Task<bool> PrefersTraditionalAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var json = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId).Select(c => c.StateJson).SingleOrDefaultAsync(cancellationToken);
        return json is not null && JsonSerializer.Deserialize<ConversationState>(json, EfConversationStore.StateJson)?.PrefersTraditional == true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "Case {CaseNumber} changed but its conversation is gone; the worker was not told")]
        public static partial void NoConversation(ILogger logger, string caseNumber);

        [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "The notice of case {CaseNumber} was not taken by channel {ChannelId}")]
        public static partial void NotDelivered(ILogger logger, string caseNumber, string? channelId);

        [LoggerMessage(EventId = 1313, Level = LogLevel.Error, Message = "The notice of case {CaseNumber} could not be sent")]
        public static partial void NoticeFailed(ILogger logger, string caseNumber, Exception exception);
    }
}
