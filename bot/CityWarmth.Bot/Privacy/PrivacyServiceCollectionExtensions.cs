namespace CityWarmth.Bot.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Erasure on request ("删除我的信息") and the retention sweep (<c>Privacy</c> in appsettings.json).</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConversationEraser>();
        services.AddSingleton<PrivacyDesk>();
        services.AddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        return services;
    }
}
