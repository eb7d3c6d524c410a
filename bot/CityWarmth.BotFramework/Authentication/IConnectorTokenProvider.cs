namespace CityWarmth.BotFramework.Authentication;

/// <summary>Supplies the <c>Authorization</c> header for calls from the bot to a channel's <c>serviceUrl</c>.</summary>
public interface IConnectorTokenProvider
{
    /// <summary>Returns <c>Bearer &lt;token&gt;</c> for the connector audience, or null when authentication is disabled.</summary>
    Task<string?> GetAuthorizationHeaderAsync(string serviceUrl, CancellationToken cancellationToken);

    /// <summary>
    /// As above, for an explicit audience such as a skill caller's app id (<see cref="ChannelAuthResult.OutboundAudience"/>);
    /// null or empty means the connector audience.
    /// </summary>
    Task<string?> GetAuthorizationHeaderAsync(string serviceUrl, string? audience, CancellationToken cancellationToken);
}
