using CityWarmth.Skills.Handoff;
using System.Text.Json;
using CityWarmth.Bot.Handoff;
using CityWarmth.Bot.Privacy;
using Microsoft.Extensions.Options;
using CityWarmth.Bot.Messaging;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Policy;

namespace CityWarmth.Bot.Conversations;

/// <summary>
/// The bot's turn logic at the protocol level: greets workers who join, hands messages to the skills (or to the
/// person who holds the conversation during a handoff), and ignores what it does not know (as receivers must).
/// </summary>
public sealed class BotTurnHandler(
    IConversationEngine engine,
    IHandoffService handoff,
    WorkerRateLimiter workerLimiter,
    PrivacyDesk privacy,
    IOptions<BotOptions> options,
    TimeProvider clock,
    AnswerFeedback feedback) : ITurnHandler
{
    public const string DislikeAcknowledged = "谢谢告诉我们。这个问题已经记下来，工作人员会补充更好的答案。着急的话可以转人工。";

    public async Task<IReadOnlyList<Activity>> OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (FeedbackActivities.Read(activity) is { } rating)
        {
            return OnRated(turn, rating);
        }
        if (activity.Type == ActivityTypes.Invoke && FeedbackActivities.IsHandledInvoke(activity))
        {
            // A feedback invoke the bot cannot read (an unknown reaction) is still answered, as Teams expects.
            return [FeedbackActivities.InvokeResponse(activity, StatusCodes.Status200OK, new System.Text.Json.Nodes.JsonObject())];
        }
        if (activity.Type == ActivityTypes.Event && activity.Name == HandoffEventNames.Status)
        {
            return await handoff.OnStatusAsync(turn, cancellationToken);
        }
        if (activity.Type != ActivityTypes.Message)
        {
            return await AnswerAsync(turn, cancellationToken);
        }
        if (!workerLimiter.TryAcquire(activity))
        {
            // A flood never reaches the skills (nor a caseworker); the worker is asked to slow down.
            return [Say(turn, WorkerRateLimiter.SlowDown)];
        }

        var max = options.Value.MaxMessageChars;
        Activity? cutNotice = null;
        if (activity.Text is { } text && text.Length > max)
        {
            // Cut before anything reads or stores the text; never split a surrogate pair.
            var end = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
            activity.Text = text[..end];
            cutNotice = Say(turn, BotText.MessageCut(max));
        }
        var replies = await OnMessageTurnAsync(turn, cancellationToken);
        return cutNotice is null ? replies : [cutNotice, .. replies];
    }

    private async Task<IReadOnlyList<Activity>> OnMessageTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // Erasure comes first: a worker can ask for it even while a person holds the conversation.
        if (await privacy.TryHandleAsync(turn, cancellationToken) is { } erased)
        {
            return erased;
        }
        if (await handoff.TryHandleMessageAsync(turn, cancellationToken) is { } routed)
        {
            return routed;
        }
        return await AnswerAsync(turn, cancellationToken);
    }

    /// <summary>
    /// A like or dislike of an answer. A dislike records the question for the admins; Web Chat (which shows nothing
    /// after the click) also gets a short thanks with a 转人工 button. Teams shows its own thanks.
    /// </summary>
    private IReadOnlyList<Activity> OnRated(TurnContext turn, AnswerRating rating)
    {
        var recorded = feedback.OnRated(turn.Conversation.State, rating.AnswerId, rating.Helpful, rating.Comment);
        if (turn.Activity.Type == ActivityTypes.Invoke)
        {
            return [FeedbackActivities.InvokeResponse(turn.Activity, StatusCodes.Status200OK, new System.Text.Json.Nodes.JsonObject())];
        }
        if (!recorded)
        {
            return [];
        }
        var text = turn.Conversation.State.PrefersTraditional ? Knowledge.Text.ChineseScript.ToTraditional(DislikeAcknowledged) : DislikeAcknowledged;
        return [ReplyFactory.ToActivity(turn.Activity, BotReply.Say(SkillNames.Policy, text, ReplyButton.Of(HandoffText.TalkToPerson)), turn.PublicBaseUrl)];
    }

    private static Activity Say(TurnContext turn, string text) =>
        ReplyFactory.ToActivity(turn.Activity, BotReply.Say(SkillNames.Fallback, text), turn.PublicBaseUrl);

    private async Task<IReadOnlyList<Activity>> AnswerAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;

        IReadOnlyList<BotReply> replies = activity.Type switch
        {
            ActivityTypes.Message => await OnMessageAsync(turn, cancellationToken),
            ActivityTypes.ConversationUpdate when WorkerJoined(activity) =>
                await engine.OnWorkerJoinedAsync(ToUserTurn(activity, ""), turn.Conversation.State, cancellationToken),
            _ => [],
        };
        var activities = replies.Select(r => ReplyFactory.ToActivity(activity, r, turn.PublicBaseUrl)).ToList();
        if (activity.Type == ActivityTypes.Message)
        {
            await ApplyHandoffRequestAsync(turn, replies, activities, cancellationToken);
        }
        return activities;
    }

    /// <summary>
    /// A skill asks for a person through the <see cref="HandoffRequest"/> marker in a reply; two misunderstood
    /// turns in a row offer one. An offer is a 转人工 button (see <see cref="OfferPerson"/>); a request queues the
    /// conversation at once.
    /// </summary>
    private async Task ApplyHandoffRequestAsync(TurnContext turn, IReadOnlyList<BotReply> replies, List<Activity> activities, CancellationToken cancellationToken)
    {
        var request = HandoffRequest.FromReplies(replies);
        if (request is null && turn.Conversation.State.Misunderstandings >= 2)
        {
            request = new HandoffRequest(HandoffReasons.FailedTurns, HandoffPriority.Normal, OfferOnly: true);
        }
        if (request is null)
        {
            return;
        }
        if (!request.OfferOnly)
        {
            activities.AddRange(await handoff.RequestAsync(turn, request, cancellationToken));
            return;
        }
        OfferPerson(turn, replies, activities);
    }

    /// <summary>
    /// A skill that offers a person (after filing a wage case) gets the 转人工 button on the reply that made the offer:
    /// that reply says what comes next, and an apology would contradict it. Only the offer after misunderstood turns,
    /// which no reply made, comes as an apology of its own.
    /// </summary>
    private static void OfferPerson(TurnContext turn, IReadOnlyList<BotReply> replies, List<Activity> activities)
    {
        if (activities.Any(a => a.SuggestedActions?.Actions.Any(b => (string?)b.Value == HandoffText.TalkToPerson) == true))
        {
            return;
        }
        // One activity per reply, in order (see AnswerAsync); the last reply making an offer gets the button.
        var offering = replies.Select((reply, index) => (reply, index)).LastOrDefault(r => HandoffRequest.FromReply(r.reply) is { OfferOnly: true });
        if (offering.reply is { } reply)
        {
            var button = ReplyButton.Of(turn.Conversation.State.PrefersTraditional
                ? Knowledge.Text.ChineseScript.ToTraditional(HandoffText.TalkToPerson)
                : HandoffText.TalkToPerson);
            activities[offering.index] = ReplyFactory.ToActivity(turn.Activity, reply with { Buttons = [.. reply.Buttons, button] }, turn.PublicBaseUrl);
            return;
        }
        activities.Add(ReplyFactory.ToActivity(turn.Activity,
            BotReply.Say(SkillNames.Handoff, HandoffText.OfferAfterFailures, ReplyButton.Of(HandoffText.TalkToPerson)), turn.PublicBaseUrl));
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
