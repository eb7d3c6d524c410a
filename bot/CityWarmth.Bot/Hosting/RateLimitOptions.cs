using System.ComponentModel.DataAnnotations;

namespace CityWarmth.Bot.Hosting;

/// <summary>
/// <c>RateLimits</c> in appsettings.json. Each surface has its own budget, so one surface's traffic never uses up
/// another's, and Direct Line is counted per conversation, so workers behind one carrier address do not share a budget.
/// Defaults are far above what a person does, so only floods are refused.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Polls (GET activities) per Direct Line conversation; Web Chat polls about once a second.</summary>
    public WindowLimit DirectLinePolls { get; set; } = new() { PermitLimit = 300, WindowSeconds = 60 };

    /// <summary>Other Direct Line requests per conversation: posting activities, reconnecting.</summary>
    public WindowLimit DirectLineSends { get; set; } = new() { PermitLimit = 120, WindowSeconds = 60 };

    /// <summary>Direct Line requests that name no conversation yet (tokens, starting one), per client address.</summary>
    public WindowLimit DirectLineStartsPerIp { get; set; } = new() { PermitLimit = 600, WindowSeconds = 60 };

    /// <summary>Admin API requests per client address.</summary>
    public WindowLimit AdminApiPerIp { get; set; } = new() { PermitLimit = 1200, WindowSeconds = 60 };

    /// <summary>Console sign-in attempts per client address (each name also has its own budget, see Admin:SignIn).</summary>
    public WindowLimit SignInPerIp { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };

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
