using System.Globalization;
using System.Text.Json.Nodes;
using CityWarmth.BotFramework.Schema;
using CityWarmth.WeChat;

namespace CityWarmth.Bot.WeChat;

/// <summary>
/// WeChat's pushed messages as Bot Framework activities on channel <c>wechat</c>: one conversation per OpenID, the
/// worker as <c>from</c> and the account (gh_…) as <c>recipient</c>. What WeChat sent is kept under
/// <c>channelData.wechat</c>.
/// </summary>
public static class WeChatActivities
{
    public const string ChannelId = "wechat";
    public const string ConversationPrefix = "wechat:";
    public const string UnsubscribedEvent = "wechat.unsubscribe";
    public const string BotName = "城暖助手";

    public static string ConversationId(string openId) => ConversationPrefix + openId;

    public static string? OpenIdOf(string? conversationId) =>
        conversationId is not null && conversationId.StartsWith(ConversationPrefix, StringComparison.Ordinal) && conversationId.Length > ConversationPrefix.Length
            ? conversationId[ConversationPrefix.Length..]
            : null;

    /// <summary>The activity for a pushed message; null when nothing is to be done (a link opened from the menu, a location report, a job report).</summary>
    public static Activity? ToActivity(WeChatInboundMessage message)
    {
        var activity = new Activity
        {
            Id = message.MsgId ?? "evt-" + message.CreateTime.ToString(CultureInfo.InvariantCulture),
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(message.CreateTime),
            ChannelId = ChannelId,
            From = new ChannelAccount { Id = message.FromUserName, Role = RoleTypes.User },
            Recipient = new ChannelAccount { Id = message.ToUserName, Name = BotName, Role = RoleTypes.Bot },
            Conversation = new ConversationAccount { Id = ConversationId(message.FromUserName), ConversationType = "personal", IsGroup = false },
            Locale = "zh-CN",
            ChannelData = new JsonObject { ["wechat"] = Details(message) },
        };
        switch (message.MsgType)
        {
            case WeChatMessageTypes.Text:
                activity.Type = ActivityTypes.Message;
                activity.Text = message.Content;
                return activity;
            case WeChatMessageTypes.Voice:
                activity.Type = ActivityTypes.Message;
                activity.Text = string.IsNullOrWhiteSpace(message.Recognition) ? null : TrimRecognition(message.Recognition);
                return activity;
            case WeChatMessageTypes.Image:
                activity.Type = ActivityTypes.Message;
                if (message["PicUrl"] is { Length: > 0 } picture)
                {
                    activity.Attachments = [new Attachment { ContentType = "image/jpeg", ContentUrl = picture }];
                }
                return activity;
            case WeChatMessageTypes.Location:
                activity.Type = ActivityTypes.Message;
                activity.Entities = [Place(message)];
                return activity;
            case WeChatMessageTypes.Video or WeChatMessageTypes.ShortVideo or WeChatMessageTypes.Link:
                activity.Type = ActivityTypes.Message;
                return activity;
            case WeChatMessageTypes.Event:
                return ToEventActivity(message, activity);
            default:
                // A kind WeChat added later: answered like a picture (the bot cannot read it, and says so).
                activity.Type = ActivityTypes.Message;
                return activity;
        }
    }

    private static Activity? ToEventActivity(WeChatInboundMessage message, Activity activity)
    {
        switch (message.Event)
        {
            case WeChatEvents.Subscribe or WeChatEvents.Scan:
                // Following the account (or scanning its code) is joining the conversation: the bot welcomes.
                activity.Type = ActivityTypes.ConversationUpdate;
                activity.MembersAdded = [new ChannelAccount { Id = message.FromUserName }];
                return activity;
            case WeChatEvents.Unsubscribe:
                // Recorded in the transcript; nobody is there to answer.
                activity.Type = ActivityTypes.Event;
                activity.Name = UnsubscribedEvent;
                return activity;
            case WeChatEvents.Click:
                activity.Type = ActivityTypes.Message;
                activity.Text = WeChatMenu.TextFor(message.EventKey);
                return activity;
            default:
                return null;
        }
    }

    /// <summary>What WeChat sent besides the text: message type, event, media, link and place details.</summary>
    private static JsonObject Details(WeChatInboundMessage message)
    {
        var details = new JsonObject { ["msgType"] = message.MsgType };
        foreach (var name in (ReadOnlySpan<string>)["Event", "EventKey", "MediaId", "Format", "Recognition", "PicUrl", "Title", "Description", "Url", "Label"])
        {
            if (message[name] is { Length: > 0 } value)
            {
                details[char.ToLowerInvariant(name[0]) + name[1..]] = value;
            }
        }
        return details;
    }

    private static JsonObject Place(WeChatInboundMessage message)
    {
        var place = new JsonObject { ["type"] = "GeoCoordinates" };
        if (double.TryParse(message["Location_X"], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude))
        {
            place["latitude"] = latitude;
        }
        if (double.TryParse(message["Location_Y"], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude))
        {
            place["longitude"] = longitude;
        }
        if (message["Label"] is { Length: > 0 } label)
        {
            place["name"] = label;
        }
        return place;
    }

    /// <summary>WeChat's recognition often ends with a full stop the worker never "said".</summary>
    private static string TrimRecognition(string text) => text.Trim().TrimEnd('。', '.');

    /// <summary>The <c>channelData.wechat</c> field of an inbound activity, or null.</summary>
    public static string? Detail(Activity activity, string name) =>
        activity.ChannelData?["wechat"]?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
