using System.Text.Json;
using CityWarmth.Bot.Messaging;
using CityWarmth.Bot.Protocol;
using CityWarmth.Skills.Conversation;

namespace CityWarmth.Bot.Conversations;

/// <summary>
/// The bot's turn logic at the protocol level: greets workers who join, hands messages to the skills,
/// and ignores what it does not know (as receivers must).
/// </summary>
public sealed class BotTurnHandler(IConversationEngine engine, TimeProvider clock) : ITurnHandler
{
    public async Task<IReadOnlyList<Activity>> OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        IReadOnlyList<BotReply> replies = activity.Type switch
        {
            ActivityTypes.Message => await OnMessageAsync(turn, cancellationToken),
            ActivityTypes.ConversationUpdate when WorkerJoined(activity) =>
                await engine.OnWorkerJoinedAsync(ToUserTurn(activity, ""), turn.Conversation.State, cancellationToken),
            _ => [],
        };
        return [.. replies.Select(r => ReplyFactory.ToActivity(activity, r, turn.PublicBaseUrl))];
    }

    private async Task<IReadOnlyList<BotReply>> OnMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.Sink.IsInline)
        {
            // Show "typing" while the skills work; pointless when replies return in the same response.
            await turn.Sink.SendAsync(turn.Activity.CreateReply(ActivityTypes.Typing), cancellationToken);
        }
        var text = turn.Activity.Text ?? ValueText(turn.Activity.Value) ?? "";
        return await engine.OnMessageAsync(ToUserTurn(turn.Activity, text), turn.Conversation.State, cancellationToken);
    }

    /// <summary>A worker (not the bot itself) was added to the conversation.</summary>
    private static bool WorkerJoined(Activity activity) =>
        activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true;

    private UserTurn ToUserTurn(Activity activity, string text) => new(
        Text: text,
        Value: activity.Value is null ? null : JsonSerializer.SerializeToElement(activity.Value, ProtocolJson.Options),
        ChannelId: activity.ChannelId ?? "",
        ConversationId: activity.Conversation?.Id ?? "",
        UserId: activity.From?.Id ?? "",
        Locale: activity.Locale,
        Timestamp: activity.Timestamp ?? clock.GetUtcNow());

    /// <summary>A postBack/messageBack button may carry its text inside an object value.</summary>
    private static string? ValueText(System.Text.Json.Nodes.JsonNode? value) =>
        value is System.Text.Json.Nodes.JsonObject obj && obj["text"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
