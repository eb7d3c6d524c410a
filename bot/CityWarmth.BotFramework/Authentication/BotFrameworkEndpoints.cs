namespace CityWarmth.BotFramework.Authentication;

/// <summary>The effective issuer, metadata and login values after applying overrides to the cloud defaults.</summary>
internal sealed record BotFrameworkEndpoints(
    string ChannelTokenIssuer,
    string ChannelOpenIdMetadataUrl,
    string EmulatorOpenIdMetadataUrl,
    string LoginAuthority,
    string OAuthScope,
    string CallerId)
{
    public const string GovernmentChannelService = "https://botframework.azure.us";

    private static readonly BotFrameworkEndpoints PublicCloud = new(
        "https://api.botframework.com",
        "https://login.botframework.com/v1/.well-known/openidconfiguration",
        "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
        "https://login.microsoftonline.com/{0}",
        "https://api.botframework.com",
        "urn:botframework:azure");

    private static readonly BotFrameworkEndpoints GovernmentCloud = new(
        "https://api.botframework.us",
        "https://login.botframework.azure.us/v1/.well-known/openidconfiguration",
        "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration",
        "https://login.microsoftonline.us/{0}",
        "https://api.botframework.us",
        "urn:botframework:azureusgov");

    public static bool IsKnownChannelService(string? channelService) =>
        string.IsNullOrWhiteSpace(channelService)
        || string.Equals(channelService.Trim().TrimEnd('/'), GovernmentChannelService, StringComparison.OrdinalIgnoreCase);

    public static BotFrameworkEndpoints Resolve(BotAuthenticationOptions options)
    {
        var cloud = string.IsNullOrWhiteSpace(options.ChannelService) ? PublicCloud : GovernmentCloud;
        var defaultTenant = cloud == PublicCloud ? "botframework.com" : "MicrosoftServices.onmicrosoft.us";
        var tenant = options.ParseAppType() is MicrosoftAppType.SingleTenant && !string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId)
            ? options.MicrosoftAppTenantId.Trim()
            : defaultTenant;

        return new BotFrameworkEndpoints(
            Pick(options.ToBotFromChannelTokenIssuer, cloud.ChannelTokenIssuer),
            Pick(options.ToBotFromChannelOpenIdMetadataUrl, cloud.ChannelOpenIdMetadataUrl),
            Pick(options.ToBotFromEmulatorOpenIdMetadataUrl, cloud.EmulatorOpenIdMetadataUrl),
            Pick(options.ToChannelFromBotLoginUrl, string.Format(System.Globalization.CultureInfo.InvariantCulture, cloud.LoginAuthority, tenant)),
            Pick(options.ToChannelFromBotOAuthScope, cloud.OAuthScope),
            Pick(options.CallerId, cloud.CallerId));
    }

    private static string Pick(string? configured, string fallback) =>
        string.IsNullOrWhiteSpace(configured) ? fallback : configured.Trim();
}
