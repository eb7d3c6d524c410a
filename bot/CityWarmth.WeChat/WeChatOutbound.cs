using System.Text;

namespace CityWarmth.WeChat;

/// <summary>A message the account sends a user: passively (in the HTTP response) or through the customer-service API.</summary>
public abstract record WeChatOutbound;

/// <summary>
/// A text message. WeChat shows <c>&lt;a href="…"&gt;…&lt;/a&gt;</c> in it as a link; other text is shown as written.
/// </summary>
public sealed record WeChatText(string Content) : WeChatOutbound
{
    /// <summary>What WeChat takes in one text message (UTF-8 bytes); longer text must be split.</summary>
    public const int MaxBytes = 2048;

    public int ByteCount => Encoding.UTF8.GetByteCount(Content);
}

/// <summary>A news (图文) message of one article: WeChat takes one per message when answering users.</summary>
public sealed record WeChatNews(WeChatArticle Article) : WeChatOutbound;

public sealed record WeChatArticle(string Title, string? Description, string Url, string? PicUrl = null);

/// <summary>
/// A button of the account's custom menu: a click button sends its <see cref="Key"/> as a CLICK event; a button with
/// <see cref="SubButtons"/> opens them (WeChat allows 3 top-level buttons with up to 5 each).
/// </summary>
public sealed record WeChatMenuButton(string Name, string? Key = null, IReadOnlyList<WeChatMenuButton>? SubButtons = null)
{
    public const int MaxTopLevel = 3;
    public const int MaxSubButtons = 5;
}

/// <summary>WeChat's answer to an API call: <c>errcode</c> 0 is success.</summary>
public sealed record WeChatApiResult(int ErrCode, string? ErrMsg)
{
    public static readonly WeChatApiResult Ok = new(0, "ok");

    public bool Succeeded => ErrCode == 0;

    /// <summary>The access token was not accepted (invalid, expired or malformed): refresh it once and try again.</summary>
    public bool IsTokenRejected => ErrCode is WeChatErrorCodes.InvalidToken or WeChatErrorCodes.TokenExpired or WeChatErrorCodes.InvalidTokenFormat;
}

/// <summary>The error codes the bot acts on (from WeChat's global return codes).</summary>
public static class WeChatErrorCodes
{
    /// <summary>Not a WeChat code: the call never got an answer (network, timeout, unreadable body).</summary>
    public const int NoAnswer = -2;
    public const int SystemBusy = -1;
    public const int InvalidToken = 40001;
    public const int InvalidTokenFormat = 40014;
    public const int TokenExpired = 42001;
    public const int UserNotSubscribed = 43004;
    public const int OutsideReplyWindow = 45015;
    public const int ReplyQuotaUsed = 45047;
}
