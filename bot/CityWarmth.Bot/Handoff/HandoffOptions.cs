using System.ComponentModel.DataAnnotations;

namespace CityWarmth.Bot.Handoff;

public sealed class HandoffOptions
{
    public const string SectionName = "Handoff";

    /// <summary>IANA time zone of the office hours (the caseworkers' local time).</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Days with staffed hours, as <see cref="DayOfWeek"/> names.</summary>
    [Required, MinLength(1)]
    public List<DayOfWeek> OpenDays { get; set; } = [];

    /// <summary>Opening time, local, "HH:mm".</summary>
    [Required, RegularExpression(@"^\d{2}:\d{2}$")]
    public string OpensAt { get; set; } = "09:00";

    /// <summary>Closing time, local, "HH:mm" (exclusive).</summary>
    [Required, RegularExpression(@"^\d{2}:\d{2}$")]
    public string ClosesAt { get; set; } = "17:30";

    /// <summary>At most this many transcript activities travel with handoff.initiate.</summary>
    [Range(1, 1000)]
    public int MaxTranscriptActivities { get; set; } = 100;

    /// <summary>
    /// A shared secret (at least 32 characters) an agent hub without a Bot Framework token sends in the
    /// X-CityWarmth-Hub-Key header with its handoff.status events. Empty: only Bot Framework tokens identify a hub.
    /// </summary>
    [MinLength(32)]
    public string? HubKey { get; set; }

    /// <summary>App ids of agent hubs that call as skills (their tokens name the app); they may send handoff.status.</summary>
    public List<string> HubAppIds { get; set; } = [];

    /// <summary>Ready-made replies shown as buttons in the console.</summary>
    public List<string> CannedReplies { get; set; } = [];
}
