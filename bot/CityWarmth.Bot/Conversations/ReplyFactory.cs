using System.Text.Json.Nodes;
using CityWarmth.Bot.Protocol;
using CityWarmth.Skills.Conversation;

namespace CityWarmth.Bot.Conversations;

/// <summary>Turns the skills' channel-neutral replies into Bot Framework activities.</summary>
public static class ReplyFactory
{
    public const string HeroCardContentType = "application/vnd.microsoft.card.hero";

    public static Activity ToActivity(Activity inbound, BotReply reply, string publicBaseUrl)
    {
        var activity = inbound.CreateReply(reply.Kind switch
        {
            ReplyKind.Typing => ActivityTypes.Typing,
            ReplyKind.Event => ActivityTypes.Event,
            _ => ActivityTypes.Message,
        });

        var channelData = new JsonObject { ["skill"] = reply.Skill };
        if (reply.Kind == ReplyKind.Event)
        {
            activity.Name = reply.EventName;
            activity.Value = reply.Value?.DeepClone();
            activity.RelatesTo = inbound.GetConversationReference();
        }
        else if (reply.Value is JsonObject extra)
        {
            foreach (var (key, value) in extra)
            {
                channelData[key] = value?.DeepClone();
            }
        }
        activity.ChannelData = channelData;

        if (reply.Kind == ReplyKind.Message)
        {
            activity.Text = reply.Text;
            // Worker-facing text is plain: Web Chat would otherwise render it as markdown.
            activity.TextFormat = "plain";
            activity.InputHint = reply.ExpectingInput ? InputHints.ExpectingInput : InputHints.AcceptingInput;
            if (reply.Buttons.Count > 0)
            {
                activity.SuggestedActions = new SuggestedActions { Actions = [.. reply.Buttons.Select(b => ToCardAction(b, publicBaseUrl))] };
            }
            if (reply.Cards.Count > 0)
            {
                activity.AttachmentLayout = reply.Cards.Count > 1 ? "carousel" : "list";
                activity.Attachments = [.. reply.Cards.Select(c => ToHeroCard(c, publicBaseUrl))];
            }
            if (reply.Citations.Count > 0)
            {
                activity.Entities = [CitationEntity(reply.Citations, publicBaseUrl)];
            }
        }

        if (reply.RawAttachments.Count > 0)
        {
            activity.Attachments ??= [];
            foreach (var raw in reply.RawAttachments)
            {
                activity.Attachments.Add(new Attachment
                {
                    ContentType = (string?)raw["contentType"],
                    Name = (string?)raw["name"],
                    Content = raw["content"]?.DeepClone(),
                    ContentUrl = (string?)raw["contentUrl"],
                });
            }
        }
        return activity;
    }

    /// <summary>
    /// The schema.org Message entity with Claims, as Teams and Web Chat read citations:
    /// one Claim per source, best first, each pointing at a page of the bot.
    /// </summary>
    public static JsonObject CitationEntity(IReadOnlyList<Citation> citations, string publicBaseUrl)
    {
        var claims = new JsonArray();
        for (var i = 0; i < citations.Count; i++)
        {
            claims.Add(new JsonObject
            {
                ["@type"] = "Claim",
                ["position"] = i + 1,
                ["appearance"] = new JsonObject
                {
                    ["@type"] = "DigitalDocument",
                    ["name"] = citations[i].Name,
                    ["abstract"] = citations[i].Abstract,
                    ["url"] = Absolute(citations[i].Url, publicBaseUrl),
                },
            });
        }
        return new JsonObject
        {
            ["type"] = "https://schema.org/Message",
            ["@type"] = "Message",
            ["@context"] = "https://schema.org",
            ["citation"] = claims,
        };
    }

    private static CardAction ToCardAction(ReplyButton button, string publicBaseUrl) => button.Kind switch
    {
        ButtonKind.OpenUrl => new CardAction { Type = CardActionTypes.OpenUrl, Title = button.Title, Value = Absolute(button.Value, publicBaseUrl) },
        ButtonKind.Call => new CardAction { Type = CardActionTypes.Call, Title = button.Title, Value = button.Value.StartsWith("tel:", StringComparison.Ordinal) ? button.Value : "tel:" + button.Value },
        _ => new CardAction { Type = CardActionTypes.ImBack, Title = button.Title, Value = button.Value },
    };

    private static Attachment ToHeroCard(ReplyCard card, string publicBaseUrl) => new()
    {
        ContentType = HeroCardContentType,
        Content = System.Text.Json.JsonSerializer.SerializeToNode(new HeroCard
        {
            Title = card.Title,
            Subtitle = card.Subtitle,
            Text = card.Text,
            Buttons = card.Buttons.Count == 0 ? null : [.. card.Buttons.Select(b => ToCardAction(b, publicBaseUrl))],
        }, ProtocolJson.Options),
    };

    private static string Absolute(string url, string publicBaseUrl) =>
        url.StartsWith('/') ? publicBaseUrl + url : url;
}
