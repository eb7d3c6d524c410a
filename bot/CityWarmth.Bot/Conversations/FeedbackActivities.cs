using System.Text.Json;
using System.Text.Json.Nodes;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.Conversations;

/// <summary>A worker's rating of an answer: helpful or not, which answer (when the channel says), and a comment.</summary>
public sealed record AnswerRating(bool Helpful, string? AnswerId, string? Comment);

/// <summary>
/// Reads ratings in the two shapes channels send them. Teams' feedback loop (answers with
/// <c>channelData.feedbackLoopEnabled</c>) sends an <c>invoke</c> named <c>message/submitAction</c> with
/// <c>{"actionName":"feedback","actionValue":{"reaction":"like"|"dislike","feedback":"..."}}</c>; Web Chat's
/// feedback buttons (a LikeAction/DislikeAction on the schema.org Message entity) post an <c>event</c> named
/// <c>webchat:activity-status/feedback</c> whose entity is the chosen action.
/// </summary>
public static class FeedbackActivities
{
    public const string SubmitActionInvoke = "message/submitAction";
    public const string WebChatFeedbackEvent = "webchat:activity-status/feedback";
    private const int MaxCommentChars = 200;

    /// <summary>True for an invoke this bot answers (the others get 501, as the SDK does for unhandled invokes).</summary>
    public static bool IsHandledInvoke(Activity activity) =>
        activity.Type == ActivityTypes.Invoke && activity.Name == SubmitActionInvoke
        && activity.Value is JsonObject value && Text(value["actionName"]) == "feedback";

    public static AnswerRating? Read(Activity activity)
    {
        if (IsHandledInvoke(activity))
        {
            var action = activity.Value!["actionValue"] as JsonObject;
            var reaction = Text(action?["reaction"]);
            return reaction is "like" or "dislike" ? new AnswerRating(reaction == "like", null, Comment(action?["feedback"])) : null;
        }

        if (activity.Type == ActivityTypes.Event && activity.Name == WebChatFeedbackEvent)
        {
            var chosen = activity.Entities?.FirstOrDefault(e => Text(e["@type"]) is "LikeAction" or "DislikeAction");
            return chosen is null ? null : new AnswerRating(Text(chosen["@type"]) == "LikeAction", Text(chosen["identifier"]), null);
        }

        return null;
    }

    /// <summary>The activity a handler returns to answer an invoke; the endpoint turns it into the HTTP response.</summary>
    public static Activity InvokeResponse(Activity inbound, int status, JsonNode? body)
    {
        var response = inbound.CreateReply(ActivityTypes.InvokeResponse);
        response.Value = new JsonObject { ["status"] = status, ["body"] = body };
        return response;
    }

    // Teams' default form sends the text as a JSON string {"feedbackText": "..."}; a custom form may send anything.
    private static string? Comment(JsonNode? feedback)
    {
        var text = feedback switch
        {
            JsonObject o => Text(o["feedbackText"]),
            JsonValue v when Text(v) is { } s => TryFeedbackText(s) ?? s,
            _ => null,
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text.Length <= MaxCommentChars ? text : text[..MaxCommentChars];
    }

    private static string? TryFeedbackText(string s)
    {
        if (!s.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(s) is JsonObject o ? Text(o["feedbackText"]) ?? "" : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
