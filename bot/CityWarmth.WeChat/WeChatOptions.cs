using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CityWarmth.WeChat;

/// <summary>
/// The official account's server settings (<c>WeChat</c> in appsettings.json), as the account's 基本配置 page shows
/// them. The channel is off while <see cref="Token"/> is empty.
/// </summary>
public sealed class WeChatOptions
{
    public const string SectionName = "WeChat";
    public const string DefaultApiBaseUrl = "https://api.weixin.qq.com";

    /// <summary>The server Token (令牌) the account signs its requests with: 3–32 letters or digits.</summary>
    public string Token { get; set; } = "";

    /// <summary>The account's AppID (开发者ID), used for the access token and checked inside encrypted messages.</summary>
    public string AppId { get; set; } = "";

    /// <summary>The account's AppSecret (开发者密码), for the access token.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>
    /// The 43-character EncodingAESKey (消息加解密密钥). Set, encrypted messages (compatible or safe mode) are
    /// decrypted and answered encrypted; empty, only plain mode.
    /// </summary>
    public string EncodingAESKey { get; set; } = "";

    /// <summary>
    /// Refuse plain messages (401) once the account runs in safe mode. A plain message's body is not signed, so only
    /// encryption proves a message came from WeChat; plain stays accepted by default so an account can switch modes
    /// in its console without the bot refusing anyone in between.
    /// </summary>
    public bool RequireEncryption { get; set; }

    /// <summary>Where WeChat's API lives; tests point it at a fake platform.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>
    /// How long a message waits for the bot's answer before the bot answers "success" and sends the answer through the
    /// customer-service API instead. WeChat gives up after 5 seconds, so this leaves room for the network.
    /// </summary>
    public double PassiveReplySeconds { get; set; } = 4;

    /// <summary>How far a request's timestamp may be from the bot's clock; older requests are refused as replays.</summary>
    public int MaxTimestampSkewSeconds { get; set; } = 300;

    public bool Enabled => !string.IsNullOrWhiteSpace(Token);

    public bool Encrypted => !string.IsNullOrWhiteSpace(EncodingAESKey);
}

/// <summary>Checks the settings on start, so a typo stops the bot instead of failing every message.</summary>
public sealed partial class WeChatOptionsValidator : IValidateOptions<WeChatOptions>
{
    public ValidateOptionsResult Validate(string? name, WeChatOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var errors = new List<string>();
        if (!TokenPattern().IsMatch(options.Token))
        {
            errors.Add("WeChat:Token must be 3 to 32 letters or digits, as the official account's server settings require.");
        }
        if (string.IsNullOrWhiteSpace(options.AppId))
        {
            errors.Add("WeChat:AppId is required when WeChat:Token is set (the access token and encrypted messages need it).");
        }
        if (string.IsNullOrWhiteSpace(options.AppSecret))
        {
            errors.Add("WeChat:AppSecret is required when WeChat:Token is set (late answers and caseworkers' messages go through the customer-service API).");
        }
        if (options.Encrypted && !WeChatMessageCrypt.IsValidKey(options.EncodingAESKey))
        {
            errors.Add("WeChat:EncodingAESKey must be the 43 letters and digits the official account generated, or empty for plain mode.");
        }
        if (options.RequireEncryption && !options.Encrypted)
        {
            errors.Add("WeChat:RequireEncryption needs WeChat:EncodingAESKey (safe mode).");
        }
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("WeChat:ApiBaseUrl must be an absolute http(s) URL such as https://api.weixin.qq.com.");
        }
        if (options.PassiveReplySeconds is <= 0 or > 4.8)
        {
            errors.Add("WeChat:PassiveReplySeconds must be more than 0 and at most 4.8 (WeChat waits 5 seconds).");
        }
        if (options.MaxTimestampSkewSeconds is < 1 or > 3600)
        {
            errors.Add("WeChat:MaxTimestampSkewSeconds must be between 1 and 3600.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[A-Za-z0-9]{3,32}$")]
    private static partial Regex TokenPattern();
}
