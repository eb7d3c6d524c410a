namespace CityWarmth.BotFramework.Authentication;

/// <summary>
/// Bot Framework authentication settings. They are bound from top-level configuration keys with the
/// names the Bot Framework SDK uses, so an existing Azure Bot configuration works unchanged.
/// Empty overrides fall back to the cloud selected by <see cref="ChannelService"/>.
/// </summary>
public sealed class BotAuthenticationOptions
{
    /// <summary><c>MultiTenant</c> (default), <c>SingleTenant</c> or <c>UserAssignedMSI</c>; case-insensitive.</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>The bot's app id. Empty disables authentication (local and emulator mode).</summary>
    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Empty for the public cloud, <c>https://botframework.azure.us</c> for the US government cloud.</summary>
    public string? ChannelService { get; set; }

    public string? ToBotFromChannelTokenIssuer { get; set; }

    public string? ToBotFromChannelOpenIdMetadataUrl { get; set; }

    public string? ToBotFromEmulatorOpenIdMetadataUrl { get; set; }

    /// <summary>Full authority for outbound tokens; when set it is used as is (include the tenant for SingleTenant).</summary>
    public string? ToChannelFromBotLoginUrl { get; set; }

    public string? ToChannelFromBotOAuthScope { get; set; }

    /// <summary>Whether MSAL validates the login authority; turn off only for private clouds.</summary>
    public bool ValidateAuthority { get; set; } = true;

    /// <summary>Overrides the caller id stamped on activities from channels (<c>urn:botframework:azure</c> by default).</summary>
    public string? CallerId { get; set; }

    /// <summary>App ids of bots allowed to call this bot as a skill; <c>*</c> allows any. Empty rejects all skill calls.</summary>
    public string[] AllowedCallers { get; set; } = [];

    public bool IsAuthenticationDisabled => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>Parses <see cref="MicrosoftAppType"/>; null when the value is not one of the three known names.</summary>
    public MicrosoftAppType? ParseAppType()
    {
        var value = MicrosoftAppType?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return Authentication.MicrosoftAppType.MultiTenant;
        }

        // Enum.TryParse would also accept numbers such as "1"; only the names are meaningful here.
        foreach (var type in Enum.GetValues<MicrosoftAppType>())
        {
            if (string.Equals(value, type.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return null;
    }
}
