using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Bot.Cases;

public static class CasesServiceCollectionExtensions
{
    /// <summary>Confirmed wage cases in the bot's database, as the wage intake's store, and the caseworkers' desk for them.</summary>
    public static IServiceCollection AddWageCases(this IServiceCollection services)
    {
        services.AddSingleton<EfWageCaseStore>();
        services.AddSingleton<IWageCaseStore>(sp => sp.GetRequiredService<EfWageCaseStore>());
        services.AddSingleton<WageCaseNotifier>();
        services.AddSingleton<WageCaseDesk>();
        return services;
    }
}
