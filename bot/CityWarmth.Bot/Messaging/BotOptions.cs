using System.ComponentModel.DataAnnotations;

namespace CityWarmth.Bot.Messaging;

public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>
    /// The bot's public base URL, used in links it sends (citations, printable pages). Empty: the address the bot listens
    /// on (the first of Urls), never a client's Host header.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Without MicrosoftAppId, service URLs besides this machine's that replies may go to (scheme, host, port and path
    /// prefix), for an Emulator or test connector elsewhere. Empty: this machine only.
    /// </summary>
    public string[] AllowedServiceUrls { get; set; } = [];

    /// <summary>Largest activity body accepted at /api/messages; larger ones get 413.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>Worker messages longer than this are cut before the skills see them.</summary>
    [Range(16, 100_000)]
    public int MaxMessageChars { get; set; } = 2000;

    /// <summary>Most attachments one worker activity may carry (400 beyond).</summary>
    [Range(0, 100)]
    public int MaxAttachments { get; set; } = 10;

    /// <summary>Largest inline attachment (content plus contentUrl, e.g. a data: URL) in bytes (413 beyond).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxAttachmentBytes { get; set; } = 128 * 1024;

    /// <summary>How long one POST to a channel's connector may take before it is retried.</summary>
    [Range(1, 5)]
    public int ConnectorAttemptTimeoutSeconds { get; set; } = 4;

    /// <summary>How long a reply may take with all its retries; a channel waits ~15 s for the bot, so stay below that.</summary>
    [Range(2, 14)]
    public int ConnectorTotalTimeoutSeconds { get; set; } = 12;
}
