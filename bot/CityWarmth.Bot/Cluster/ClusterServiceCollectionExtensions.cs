using CityWarmth.Bot.Data;
using CityWarmth.Bot.Messaging;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// What keeps several instances on one PostgreSQL database in step: conversation locks across instances and the
    /// notifier that carries live events to every instance, and the leases that keep active conversations' locks between
    /// turns. With SQLite (one process) locks and notifier stay in-process.
    /// </summary>
    /// <param name="postgresConnectionString">The PostgreSQL connection string, or null for SQLite.</param>
    public static IServiceCollection AddCluster(this IServiceCollection services, string? postgresConnectionString)
    {
        services.AddSingleton<ConversationLocks>();
        if (postgresConnectionString is null)
        {
            services.AddSingleton<IClusterNotifier, LocalClusterNotifier>();
            services.AddSingleton(sp => new ConversationTurnLocks(sp.GetRequiredService<ConversationLocks>()));
            return services;
        }
        services.AddSingleton(new ClusterConnections(postgresConnectionString));
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new ConversationLeases(
                sp.GetRequiredService<ClusterConnections>(),
                sp.GetRequiredService<ConversationStateCache>(),
                sp.GetRequiredService<IClusterNotifier>(),
                // Lease timing is the process's own business: the wall clock, never a test's.
                TimeProvider.System,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<ConversationLeases>(),
                storage.ConversationLeases,
                TimeSpan.FromSeconds(storage.LeaseIdleSeconds),
                storage.BusyTimeoutSeconds);
        });
        services.AddSingleton<IConversationLeaseView>(sp => sp.GetRequiredService<ConversationLeases>());
        services.AddSingleton(sp => new ConversationTurnLocks(
            sp.GetRequiredService<ConversationLocks>(),
            sp.GetRequiredService<ClusterConnections>(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConversationLeases > 0 ? sp.GetRequiredService<ConversationLeases>() : null));
        services.AddSingleton<PostgresClusterNotifier>();
        services.AddSingleton<IClusterNotifier>(sp => sp.GetRequiredService<PostgresClusterNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresClusterNotifier>());
        return services;
    }
}
