using System.Globalization;

namespace CityWarmth.WeChat;

/// <summary>WeChat's <c>MsgType</c> values for what users send.</summary>
public static class WeChatMessageTypes
{
    public const string Text = "text";
    public const string Image = "image";
    public const string Voice = "voice";
    public const string Video = "video";
    public const string ShortVideo = "shortvideo";
    public const string Location = "location";
    public const string Link = "link";
    public const string Event = "event";
}

/// <summary>WeChat's <c>Event</c> values for the events the bot hears.</summary>
public static class WeChatEvents
{
    public const string Subscribe = "subscribe";
    public const string Unsubscribe = "unsubscribe";
    public const string Click = "CLICK";
    public const string View = "VIEW";
    public const string Scan = "SCAN";
    public const string Location = "LOCATION";
}

/// <summary>
/// A message or event WeChat pushed to the server URL: the top-level fields of its XML by name (<c>ToUserName</c>,
/// <c>FromUserName</c>, <c>CreateTime</c>, <c>MsgType</c>, <c>Content</c>, <c>Recognition</c>, ...).
/// </summary>
public sealed class WeChatInboundMessage(IReadOnlyDictionary<string, string> fields)
{
    public IReadOnlyDictionary<string, string> Fields { get; } = fields;

    public string? this[string name] => Fields.TryGetValue(name, out var value) ? value : null;

    /// <summary>The account's original id (gh_…).</summary>
    public string ToUserName => this["ToUserName"] ?? "";

    /// <summary>The user's OpenID for this account.</summary>
    public string FromUserName => this["FromUserName"] ?? "";

    public long CreateTime => long.TryParse(this["CreateTime"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 0;

    public string MsgType => this["MsgType"] ?? "";

    /// <summary>The 64-bit message id (kept as its digits); events have none.</summary>
    public string? MsgId => this["MsgId"] is { Length: > 0 and <= 20 } id && id.All(char.IsAsciiDigit) ? id : null;

    public string? Content => this["Content"];

    /// <summary>Speech recognised from a voice message, when the account has speech recognition on.</summary>
    public string? Recognition => this["Recognition"];

    /// <summary>For events: subscribe, unsubscribe, CLICK, VIEW, SCAN, LOCATION, ...</summary>
    public string? Event => this["Event"];

    public string? EventKey => this["EventKey"];

    /// <summary>
    /// What identifies a retry of this message, as WeChat advises: the MsgId, or for events the sender and time (with the
    /// event and its key, so two menu buttons tapped within one second stay apart).
    /// </summary>
    public string DeduplicationKey => MsgId is { } id
        ? "msg:" + id
        : $"evt:{FromUserName}:{CreateTime.ToString(CultureInfo.InvariantCulture)}:{Event}:{EventKey}";

    /// <summary>The fields a message must have to be answered.</summary>
    public bool IsComplete => FromUserName.Length > 0 && ToUserName.Length > 0 && MsgType.Length > 0
        && (MsgType == WeChatMessageTypes.Event ? !string.IsNullOrEmpty(Event) : MsgId is not null);
}
