namespace CityWarmth.BotFramework.Authentication;

/// <summary>Authenticates the <c>Authorization</c> header of a request to <c>/api/messages</c>.</summary>
public interface IChannelAuthenticator
{
    /// <param name="authorizationHeader">The raw header value, or null when absent.</param>
    /// <param name="channelId">The activity's <c>channelId</c>; checked against the signing key's endorsements.</param>
    /// <param name="serviceUrl">The activity's <c>serviceUrl</c>; must match a channel token's <c>serviceurl</c> claim.</param>
    Task<ChannelAuthResult> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken);
}
