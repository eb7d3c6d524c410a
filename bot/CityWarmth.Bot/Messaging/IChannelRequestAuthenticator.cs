using CityWarmth.Bot.Protocol;

namespace CityWarmth.Bot.Messaging;

/// <summary>Decides whether an inbound activity may be processed (Bot Framework channel authentication).</summary>
public interface IChannelRequestAuthenticator
{
    Task<ChannelRequestAuthResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken);
}

public sealed record ChannelRequestAuthResult(bool Succeeded, int StatusCode, string? CallerId, string? Reason)
{
    public static ChannelRequestAuthResult Anonymous { get; } = new(true, StatusCodes.Status200OK, null, null);
}
