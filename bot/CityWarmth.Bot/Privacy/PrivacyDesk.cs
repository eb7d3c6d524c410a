using CityWarmth.Bot.Conversations;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Messaging;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Skills.Conversation;

namespace CityWarmth.Bot.Privacy;

/// <summary>
/// "删除我的信息" in the host, before the skills and the handoff: asks to confirm, then erases everything the
/// conversation holds and says what went.
/// </summary>
public sealed class PrivacyDesk(ConversationEraser eraser)
{
    /// <summary>The replies when this turn is about erasure; null when the skills should answer.</summary>
    public async Task<IReadOnlyList<Activity>?> TryHandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var state = turn.Conversation.State;
        var text = turn.Activity.Text ?? "";
        if (PrivacyText.IsRequest(text))
        {
            state.ErasurePending = true;
            return [Say(turn, BotReply.Ask(SkillNames.Fallback, PrivacyText.AskConfirm, ReplyButton.Of(PrivacyText.Confirm), ReplyButton.Of(PrivacyText.Keep)))];
        }
        if (!state.ErasurePending)
        {
            return null;
        }
        state.ErasurePending = false;
        if (!PrivacyText.IsConfirm(text))
        {
            // Anything but a yes keeps the data; a real question still gets its answer.
            return text.Trim() == PrivacyText.Keep ? [Say(turn, BotReply.Say(SkillNames.Fallback, PrivacyText.Kept))] : null;
        }

        var report = await eraser.EraseAsync(turn.Activity.Conversation!.Id!, "工友", cancellationToken);
        // The state row is saved by the turn runner after this turn: it goes out empty and back with the bot.
        ConversationEraser.Clear(state);
        // This turn's own rows (its transcript and the conversation's reference) are saved after it too: the worker's
        // display name leaves the inbound activity, and so the replies addressed from it.
        if (turn.Activity.From is { } worker)
        {
            worker.Name = null;
        }
        turn.Conversation.Owner = ConversationOwners.Bot;
        return [Say(turn, BotReply.Say(SkillNames.Fallback, PrivacyText.Erased(report)))];
    }

    private static Activity Say(TurnContext turn, BotReply reply) => ReplyFactory.ToActivity(turn.Activity, reply, turn.PublicBaseUrl);
}
