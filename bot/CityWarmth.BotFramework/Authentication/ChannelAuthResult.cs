using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace CityWarmth.BotFramework.Authentication;

/// <summary>
/// Outcome of authenticating one inbound activity. On failure, <see cref="StatusCode"/> is the HTTP status to
/// return and <see cref="FailureReason"/> a short log-safe reason (never token content).
/// </summary>
public sealed record ChannelAuthResult
{
    public required bool Succeeded { get; init; }

    public ChannelTokenKind? Kind { get; init; }

    public ClaimsIdentity? Identity { get; init; }

    /// <summary>Value for <c>activity.callerId</c>: <c>urn:botframework:azure</c> for channels, <c>urn:botframework:aadappid:{id}</c> for skills, null when anonymous.</summary>
    public string? CallerId { get; init; }

    /// <summary>App id of the calling client (emulator or skill); null for channels and anonymous calls.</summary>
    public string? CallerAppId { get; init; }

    /// <summary>Audience for outbound replies when it is not the connector's (a skill caller's app id); otherwise null.</summary>
    public string? OutboundAudience { get; init; }

    public int StatusCode { get; init; } = StatusCodes.Status200OK;

    public string? FailureReason { get; init; }

    internal const string AnonymousAuthenticationType = "anonymous";

    internal static ChannelAuthResult Anonymous() => new()
    {
        Succeeded = true,
        Kind = ChannelTokenKind.Anonymous,
        // An empty claims identity with an authentication type counts as authenticated, as in the SDK.
        Identity = new ClaimsIdentity([], AnonymousAuthenticationType),
    };

    internal static ChannelAuthResult Unauthorized(string reason) => new()
    {
        Succeeded = false,
        StatusCode = StatusCodes.Status401Unauthorized,
        FailureReason = reason,
    };

    internal static ChannelAuthResult Forbidden(string reason) => new()
    {
        Succeeded = false,
        StatusCode = StatusCodes.Status403Forbidden,
        FailureReason = reason,
    };

    internal static ChannelAuthResult Unavailable(string reason) => new()
    {
        Succeeded = false,
        StatusCode = StatusCodes.Status503ServiceUnavailable,
        FailureReason = reason,
    };
}
