using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.DirectLine;

/// <summary>The embedded Direct Line 3.0 channel at <c>/v3/directline</c>.</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>
    /// When set, <c>tokens/generate</c> requires <c>Authorization: Bearer {Secret}</c>, and the secret grants every
    /// conversation. Empty (the local default): the bot's own page gets tokens freely.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>HMAC key for tokens (at least 32 characters). Empty: a random key is made once and kept in the data folder.</summary>
    public string? TokenSigningKey { get; set; }

    [Range(1, 24 * 60)]
    public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>Origins (scheme://host[:port]) of other sites allowed to embed Web Chat against this Direct Line.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>The bot's account in Direct Line conversations.</summary>
    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string BotId { get; set; } = "citywarmth-bot";

    [Required]
    public string BotName { get; set; } = "城暖助手";

    /// <summary>Most activities returned by one poll; the client fetches the rest with the next watermark.</summary>
    [Range(1, 1000)]
    public int MaxActivitiesPerPoll { get; set; } = 100;

    /// <summary>
    /// Seconds of silence after which a stream sends an empty message (Direct Line's heartbeat, which keeps proxies
    /// from closing an idle socket) and pings the client; a client that does not answer the ping within as long again
    /// is taken as gone.
    /// </summary>
    [Range(1, 600)]
    public int StreamHeartbeatSeconds { get; set; } = 30;

    /// <summary>Seconds a stream URL may be used to connect (Direct Line's 60).</summary>
    [Range(5, 600)]
    public int StreamConnectSeconds { get; set; } = 60;

    /// <summary>Open streams a conversation may have; one more closes the oldest with the reason <c>collision</c>.</summary>
    [Range(1, 64)]
    public int MaxStreamsPerConversation { get; set; } = 4;

    public TimeSpan TokenLifetime => TimeSpan.FromMinutes(TokenLifetimeMinutes);

    public TimeSpan StreamHeartbeat => TimeSpan.FromSeconds(StreamHeartbeatSeconds);
}

/// <summary>Checks what data annotations cannot: the key's length and the shape of each allowed origin.</summary>
internal sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.TokenSigningKey) && options.TokenSigningKey.Length < 32)
        {
            failures.Add("DirectLine:TokenSigningKey must be at least 32 characters (a 256-bit HMAC key).");
        }
        if (options.Secret is { Length: > 0 and < 16 })
        {
            failures.Add("DirectLine:Secret must be at least 16 characters.");
        }
        foreach (var origin in options.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery != "/"
                || origin.EndsWith('/'))
            {
                failures.Add($"DirectLine:AllowedOrigins entry '{origin}' must be an origin such as https://example.gov.cn (no path, no trailing slash).");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
