using System.Net;
using System.Security.Cryptography;
using System.Text;
using CityWarmth.Bot.Data;
using CityWarmth.BotFramework.Authentication;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.Messaging;

/// <summary>
/// Who may say what at <c>/api/messages</c> beyond what the channel token proves. Without credentials (local mode, for
/// the Emulator on the same machine) only a caller on this machine is heard, it cannot speak in a conversation of
/// another channel or of the channels the bot hosts itself, and replies go only to this machine or to configured
/// service URLs. <c>handoff.status</c> is an agent hub's word and is taken only from one.
/// </summary>
public sealed class CallerTrust(IConversationStore store)
{
    /// <summary>The header an agent hub without a Bot Framework token proves itself with (see Handoff:HubKey).</summary>
    public const string HubKeyHeader = "X-CityWarmth-Hub-Key";

    // The channels the bot hosts run their turns in-process; an activity claiming one of them at /api/messages is forged.
    private static readonly HashSet<string> HostedChannels = new(StringComparer.OrdinalIgnoreCase) { Channels.DirectLine, Channels.WebChat, "wechat" };

    // Where workers themselves talk; a hub never speaks on these.
    private static readonly HashSet<string> WorkerChannels = new(StringComparer.OrdinalIgnoreCase) { Channels.DirectLine, Channels.WebChat, "wechat", Channels.Emulator };

    /// <summary>A caller on this machine that no proxy relayed (a proxy that says so, at least).</summary>
    public static bool IsLocalCaller(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } remote
        && IPAddress.IsLoopback(remote)
        && !http.Request.Headers.ContainsKey("X-Forwarded-For")
        && !http.Request.Headers.ContainsKey("Forwarded")
        && !http.Request.Headers.ContainsKey("X-Real-IP");

    /// <summary>Why an unauthenticated activity is refused (status, reason), or null when it may run.</summary>
    public async Task<(int Status, string Reason)?> CheckAnonymousAsync(HttpContext http, Activity activity, BotOptions options, CancellationToken cancellationToken)
    {
        if (!IsLocalCaller(http))
        {
            return (StatusCodes.Status401Unauthorized, "Without MicrosoftAppId only callers on this machine may post activities.");
        }
        if (activity.ChannelId is { } channel && HostedChannels.Contains(channel))
        {
            return (StatusCodes.Status403Forbidden, $"Channel '{channel}' is hosted by the bot itself and does not post to /api/messages.");
        }
        if (!string.IsNullOrEmpty(activity.ServiceUrl) && !IsAllowedServiceUrl(activity.ServiceUrl, options))
        {
            return (StatusCodes.Status403Forbidden, "Without MicrosoftAppId replies go only to this machine or to Bot:AllowedServiceUrls.");
        }
        var storedChannel = await store.GetChannelIdAsync(activity.Conversation!.Id!, cancellationToken);
        if (storedChannel is not null && !string.Equals(storedChannel, activity.ChannelId ?? "", StringComparison.Ordinal))
        {
            return (StatusCodes.Status403Forbidden, "The conversation belongs to another channel.");
        }
        return null;
    }

    /// <summary>A serviceUrl on this machine, or one an operator listed.</summary>
    public static bool IsAllowedServiceUrl(string serviceUrl, BotOptions options)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }
        if (uri.IsLoopback)
        {
            return true;
        }
        return options.AllowedServiceUrls.Any(allowed =>
            Uri.TryCreate(allowed, UriKind.Absolute, out var configured)
            && string.Equals(configured.GetLeftPart(UriPartial.Authority), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            && uri.AbsolutePath.StartsWith(configured.AbsolutePath, StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether the caller is an agent hub: it shows the configured hub key, or holds a Bot Framework token that is not a
    /// worker's (a channel token for a channel workers do not use, an Emulator token of the bot's own app, or a skill
    /// token from an app listed in Handoff:HubAppIds).
    /// </summary>
    public static bool IsAgentHub(HttpContext http, ChannelAuthResult auth, Activity activity, string? hubKey, IReadOnlyCollection<string> hubAppIds)
    {
        if (!string.IsNullOrEmpty(hubKey) && http.Request.Headers[HubKeyHeader].ToString() is { Length: > 0 } shown
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(shown), Encoding.UTF8.GetBytes(hubKey)))
        {
            return true;
        }
        return auth.Kind switch
        {
            ChannelTokenKind.Channel => activity.ChannelId is { } channel && !WorkerChannels.Contains(channel),
            ChannelTokenKind.Emulator => true,
            ChannelTokenKind.Skill => auth.CallerAppId is { } app && hubAppIds.Contains(app, StringComparer.Ordinal),
            _ => false,
        };
    }
}
