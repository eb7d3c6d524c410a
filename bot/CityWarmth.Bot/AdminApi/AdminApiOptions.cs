namespace CityWarmth.Bot.AdminApi;

/// <summary>Automation's access to the admin API, in the <c>Admin</c> section.</summary>
public sealed class AdminApiOptions
{
    public const string SectionName = "Admin";

    /// <summary>Keys for automation, sent as <c>Authorization: Bearer &lt;key&gt;</c>; empty means API keys are off.</summary>
    public List<string> ApiKeys { get; set; } = [];
}
