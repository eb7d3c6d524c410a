using CityWarmth.Bot.Protocol;

namespace CityWarmth.Bot.Messaging;

/// <summary>
/// Authentication when the bot has no app id (local mode): requests without a token are accepted,
/// and any request that carries one is refused, as the Bot Framework SDK does.
/// </summary>
public sealed class LocalModeAuthenticator(IConfiguration configuration) : IChannelRequestAuthenticator, IConnectorAuthorization
{
    public Task<ChannelRequestAuthResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        var appId = configuration["MicrosoftAppId"];
        if (!string.IsNullOrEmpty(appId))
        {
            return Task.FromResult(new ChannelRequestAuthResult(false, StatusCodes.Status401Unauthorized, null, "token validation is not configured"));
        }
        return Task.FromResult(string.IsNullOrEmpty(authorizationHeader)
            ? ChannelRequestAuthResult.Anonymous
            : new ChannelRequestAuthResult(false, StatusCodes.Status401Unauthorized, null, "a token was sent to a bot without an app id"));
    }

    public Task<string?> GetAuthorizationHeaderAsync(string serviceUrl, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
