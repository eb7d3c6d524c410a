namespace CityWarmth.Bot.Handoff;

public static class HandoffServiceCollectionExtensions
{
    /// <summary>Handoff to a person: queue, packets, routing while a person holds a conversation, live events.</summary>
    public static IServiceCollection AddHandoff(this IServiceCollection services)
    {
        services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Handoff:TimeZone is not a known time zone.")
            .ValidateOnStart();
        services.AddSingleton<OfficeHours>();
        services.AddSingleton<HandoffLiveBus>();
        services.AddSingleton<IWorkerDelivery, ConnectorWorkerDelivery>();
        services.AddSingleton<HandoffConversations>();
        services.AddSingleton<IHandoffService, HandoffService>();
        services.AddSingleton<HandoffDesk>();
        return services;
    }
}
