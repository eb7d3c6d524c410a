using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.WeChat;

/// <summary>A button as WeChat shows it: a numbered line; replying the number sends <see cref="Value"/>.</summary>
/// <param name="Card">The card (by position among the reply's cards) the button is shown under; -1 for the reply's own buttons.</param>
public sealed record WeChatChoice(string Title, string Value, int Card = -1);

/// <summary>
/// WeChat text has no buttons, so a reply's buttons become numbered choices ("回复 1：问政策") and a worker's "1"
/// becomes the first choice's text again. Nothing is stored for this: the choices are read back from the bot's last
/// reply in the transcript, numbered the same way as when it was shown.
/// </summary>
public static partial class WeChatChoices
{
    /// <summary>
    /// The buttons of a reply that post text back, in the order they are numbered: the cards' buttons (e.g. a job's
    /// 详情), then the suggested actions. Links and phone numbers are shown as such, not numbered.
    /// </summary>
    public static IReadOnlyList<WeChatChoice> Of(Activity activity)
    {
        if (activity.Type != ActivityTypes.Message)
        {
            return [];
        }
        var choices = new List<WeChatChoice>();
        var cards = WeChatRenderer.HeroCards(activity);
        for (var i = 0; i < cards.Count; i++)
        {
            foreach (var button in cards[i].Buttons ?? [])
            {
                if (Choice(button) is { } choice)
                {
                    Add(choices, choice with { Card = i });
                }
            }
        }
        foreach (var action in activity.SuggestedActions?.Actions ?? [])
        {
            if (Choice(action) is { } choice)
            {
                Add(choices, choice);
            }
        }
        return choices;
    }

    private static void Add(List<WeChatChoice> choices, WeChatChoice choice)
    {
        if (!choices.Any(c => c.Value == choice.Value))
        {
            choices.Add(choice);
        }
    }

    private static WeChatChoice? Choice(CardAction action)
    {
        if (action.Type is not (CardActionTypes.ImBack or CardActionTypes.PostBack or "messageBack"))
        {
            return null;
        }
        var value = action.Value switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o when o["text"] is JsonValue t && t.TryGetValue<string>(out var s) => s,
            _ => action.Text,
        };
        return string.IsNullOrWhiteSpace(value) ? null : new WeChatChoice(string.IsNullOrWhiteSpace(action.Title) ? value : action.Title, value);
    }

    /// <summary>The number a worker replied ("1", "１", "回复2", "3。"), or null when the message is not just a number.</summary>
    public static int? NumberIn(string? text)
    {
        if (text is null || text.Length > 12)
        {
            return null;
        }
        var match = ChoiceNumber().Match(text.Normalize(System.Text.NormalizationForm.FormKC));
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, out var number) && number > 0 ? number : null;
    }

    /// <summary>
    /// The choices the worker was last shown: those of the newest bot message since the worker last wrote that had
    /// any (a turn numbers the choices of its last message that has them). None when nothing since offered choices:
    /// a number is then just a number, e.g. an answer to "how many people".
    /// </summary>
    /// <param name="transcript">The conversation's latest activities, oldest first.</param>
    public static IReadOnlyList<WeChatChoice> LastOffered(IReadOnlyList<Activity> transcript)
    {
        for (var i = transcript.Count - 1; i >= 0; i--)
        {
            if (transcript[i].From?.Role == RoleTypes.User)
            {
                return [];
            }
            if (Of(transcript[i]) is { Count: > 0 } choices)
            {
                return choices;
            }
        }
        return [];
    }

    [GeneratedRegex(@"^\s*(?:回复|回覆|选|選)?\s*([0-9]{1,2})\s*[.。、,，!！]?\s*$")]
    private static partial Regex ChoiceNumber();
}
