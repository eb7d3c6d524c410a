using CityWarmth.Bot.Protocol;

namespace CityWarmth.Bot.Messaging;

/// <summary>
/// Where a turn's replies go: back in the HTTP response (expectReplies), to the channel's connector
/// (<c>POST {serviceUrl}/v3/conversations/...</c>), or into the embedded Direct Line's activity list.
/// </summary>
public interface IReplySink
{
    /// <summary>True when replies travel back in the same HTTP response; typing indicators are pointless then.</summary>
    bool IsInline { get; }

    Task SendAsync(Activity reply, CancellationToken cancellationToken);
}

/// <summary>Collects replies for an <c>expectReplies</c> response.</summary>
public sealed class InlineReplySink : IReplySink
{
    private readonly List<Activity> _activities = [];

    public bool IsInline => true;

    public IReadOnlyList<Activity> Activities => _activities;

    public Task SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        lock (_activities)
        {
            _activities.Add(reply);
        }
        return Task.CompletedTask;
    }
}
