using CityWarmth.BotFramework.Schema;

namespace CityWarmth.BotFramework.Replies;

/// <summary>
/// Where a turn's replies go: back in the HTTP response (expectReplies), to the channel's connector
/// (<c>POST {serviceUrl}/v3/conversations/...</c>), or into the embedded Direct Line's activity list.
/// </summary>
public interface IReplySink
{
    /// <summary>True when replies travel back in the same HTTP response; typing indicators are pointless then.</summary>
    bool IsInline { get; }

    Task SendAsync(Activity reply, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a reply whose JSON (UTF-8) is already known: exactly as the transcript holds it. Sinks that write JSON can
    /// use it as it is instead of serialising the reply again.
    /// </summary>
    Task SendAsync(Activity reply, ReadOnlyMemory<byte> storedJson, CancellationToken cancellationToken) => SendAsync(reply, cancellationToken);
}
