using System.ComponentModel.DataAnnotations;

namespace CityWarmth.Bot.Privacy;

/// <summary><c>Privacy</c> in appsettings.json.</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>Conversations idle this long (and not with a person) are anonymised.</summary>
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 180;

    /// <summary>How often the retention pass runs.</summary>
    [Range(1, 10_080)]
    public int SweepMinutes { get; set; } = 60;
}
