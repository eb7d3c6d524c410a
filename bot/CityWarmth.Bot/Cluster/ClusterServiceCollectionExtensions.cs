using CityWarmth.Bot.Messaging;

namespace CityWarmth.Bot.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// What keeps several instances on one PostgreSQL database in step: conversation locks across instances and the
    /// notifier that carries live events to every instance. With SQLite (one process) both stay in-process.
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
        services.AddSingleton(sp => new ConversationTurnLocks(sp.GetRequiredService<ConversationLocks>(), sp.GetRequiredService<ClusterConnections>()));
        services.AddSingleton<PostgresClusterNotifier>();
        services.AddSingleton<IClusterNotifier>(sp => sp.GetRequiredService<PostgresClusterNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresClusterNotifier>());
        return services;
    }
}
