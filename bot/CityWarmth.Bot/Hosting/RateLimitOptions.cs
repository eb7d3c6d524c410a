using System.ComponentModel.DataAnnotations;

namespace CityWarmth.Bot.Hosting;

/// <summary>
/// <c>RateLimits</c> in appsettings.json. Defaults are far above what a person does, so only floods are refused.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Requests per client address to the Direct Line API, the admin API and the console sign-in.</summary>
    public WindowLimit PerIp { get; set; } = new() { PermitLimit = 1200, WindowSeconds = 60 };

    /// <summary>Messages per worker (channel, conversation and user) before the bot asks them to slow down.</summary>
    public WindowLimit PerWorker { get; set; } = new() { PermitLimit = 30, WindowSeconds = 10 };
}

public sealed class WindowLimit
{
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; }

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
