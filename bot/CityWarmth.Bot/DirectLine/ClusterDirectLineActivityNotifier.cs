using System.Globalization;
using CityWarmth.Bot.Cluster;

namespace CityWarmth.Bot.DirectLine;

/// <summary>
/// Tells streams on every instance that a conversation has new activities: a notice goes out through the cluster
/// notifier (PostgreSQL LISTEN/NOTIFY when several instances share one database) and comes back to this process's
/// streams like any other. A notice lost between instances costs only latency: a stream re-reads the store at each
/// heartbeat.
/// </summary>
public sealed class ClusterDirectLineActivityNotifier : IDirectLineActivityNotifier, IDisposable
{
    internal const string Channel = "directline.activity";

    private readonly IClusterNotifier _cluster;
    private readonly InProcessDirectLineActivityNotifier _local = new();
    private readonly IDisposable _subscription;

    public ClusterDirectLineActivityNotifier(IClusterNotifier cluster)
    {
        _cluster = cluster;
        _subscription = cluster.Subscribe(Channel, OnPayload);
    }

    public ValueTask NotifyAsync(string conversationId, long sequence, CancellationToken cancellationToken)
    {
        // The cluster notifier delivers to this instance before it returns, so local streams hear it at once.
        _cluster.Publish(Channel, string.Create(CultureInfo.InvariantCulture, $"{sequence} {conversationId}"));
        return ValueTask.CompletedTask;
    }

    public IDirectLineActivitySubscription Subscribe(string conversationId) => _local.Subscribe(conversationId);

    public void Dispose() => _subscription.Dispose();

    // "sequence conversationId": the id goes last, as it is the part that may hold spaces.
    private void OnPayload(string payload)
    {
        var space = payload.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && long.TryParse(payload.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            _ = _local.NotifyAsync(payload[(space + 1)..], sequence, CancellationToken.None);
        }
    }
}
