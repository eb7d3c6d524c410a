using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Handoff;
using CityWarmth.Skills.Policy;

namespace CityWarmth.Bot.Conversations;

/// <summary>Turns the skills' channel-neutral replies into Bot Framework activities.</summary>
public static class ReplyFactory
{
    public const string HeroCardContentType = "application/vnd.microsoft.card.hero";

    // A cited document (name, abstract, kb page) reads the same every time its passage is quoted, and replies quote the
    // same Citation objects for the same passages (PolicyLookupSkill keeps them per search hit). So each claim is encoded
    // once per position and written as those bytes, rather than built and its Chinese escaped again on every turn.
    private static readonly ConditionalWeakTable<Citation, CitedDocument> Documents = new();

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
                // A skill's request for a person is for the host (BotTurnHandler reads it from the reply); channels
                // learn of a handoff from the handoff.initiate event.
                if (key != HandoffMarker.Key)
                {
                    channelData[key] = value?.DeepClone();
                }
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
            var answerId = FeedbackAnswerId(channelData);
            if (reply.Citations.Count > 0 || answerId is not null)
            {
                activity.Entities = [CitationEntity(reply.Citations, publicBaseUrl, answerId)];
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
    /// <param name="answerId">
    /// When the answer can be rated: the message becomes the root entity (<c>@id</c> "") with a LikeAction and a
    /// DislikeAction, which Web Chat shows as 👍/👎 and posts back in a <c>webchat:activity-status/feedback</c> event.
    /// </param>
    public static JsonObject CitationEntity(IReadOnlyList<Citation> citations, string publicBaseUrl, string? answerId = null)
    {
        var claims = new JsonArray();
        for (var i = 0; i < citations.Count; i++)
        {
            claims.Add(Claim(citations[i], i + 1, publicBaseUrl));
        }
        var message = new JsonObject
        {
            ["type"] = "https://schema.org/Message",
            ["@type"] = "Message",
            ["@context"] = "https://schema.org",
            ["citation"] = claims,
        };
        if (answerId is not null)
        {
            message["@id"] = "";
            message["potentialAction"] = FeedbackActions(answerId);
        }
        return message;
    }

    private static JsonValue Claim(Citation citation, int position, string publicBaseUrl)
    {
        if (!Documents.TryGetValue(citation, out var document) || document.PublicBaseUrl != publicBaseUrl)
        {
            document = new CitedDocument(citation, publicBaseUrl);
            Documents.AddOrUpdate(citation, document);
        }
        return document.ClaimAt(position).ToNode();
    }

    /// <summary>A cited document and its claims, encoded once for the positions replies quote it at.</summary>
    private sealed class CitedDocument(Citation citation, string publicBaseUrl)
    {
        // Replies cite up to three sources; a claim further down is encoded each time.
        private readonly PreEncodedJson?[] _claims = new PreEncodedJson?[4];

        public string PublicBaseUrl => publicBaseUrl;

        // Two turns may encode the same claim at once; either copy will do.
        public PreEncodedJson ClaimAt(int position) => position < _claims.Length
            ? _claims[position] ??= Encode(position)
            : Encode(position);

        private PreEncodedJson Encode(int position) => PreEncodedJson.Encode(new JsonObject
        {
            ["@type"] = "Claim",
            ["position"] = position,
            ["appearance"] = new JsonObject
            {
                ["@type"] = "DigitalDocument",
                ["name"] = citation.Name,
                ["abstract"] = citation.Abstract,
                ["url"] = Absolute(citation.Url, publicBaseUrl),
            },
        });
    }

    // identifier is a schema.org Thing property; Web Chat keeps properties it does not know and posts the action back
    // whole. Written straight to bytes: the answer id is the only part that changes, and as nodes the two actions
    // would be a dozen objects per answer.
    private static JsonValue FeedbackActions(string answerId) => PreEncodedJson.Write(answerId, static (writer, id) =>
    {
        writer.WriteStartArray();
        foreach (var (type, name) in (ReadOnlySpan<(string, string)>)[("LikeAction", "有帮助"), ("DislikeAction", "没帮到我")])
        {
            writer.WriteStartObject();
            writer.WriteString("@type", type);
            writer.WriteString("name", name);
            writer.WriteString("identifier", id);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }).ToNode();

    private static string? FeedbackAnswerId(JsonObject channelData) =>
        channelData[AnswerFeedback.FeedbackLoopKey] is JsonValue enabled && enabled.TryGetValue<bool>(out var on) && on
        && channelData[AnswerFeedback.AnswerIdKey] is JsonValue id && id.TryGetValue<string>(out var answerId)
            ? answerId : null;

    private static CardAction ToCardAction(ReplyButton button, string publicBaseUrl) => button.Kind switch
    {
        ButtonKind.OpenUrl => new CardAction { Type = CardActionTypes.OpenUrl, Title = button.Title, Value = Absolute(button.Value, publicBaseUrl) },
        ButtonKind.Call => new CardAction { Type = CardActionTypes.Call, Title = button.Title, Value = button.Value.StartsWith("tel:", StringComparison.Ordinal) ? button.Value : "tel:" + button.Value },
        _ => new CardAction { Type = CardActionTypes.ImBack, Title = button.Title, Value = button.Value },
    };

    private static Attachment ToHeroCard(ReplyCard card, string publicBaseUrl) => new()
    {
        ContentType = HeroCardContentType,
        Content = JsonSerializer.SerializeToNode(new HeroCard
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
