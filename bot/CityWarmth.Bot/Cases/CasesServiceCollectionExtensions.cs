using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Bot.Cases;

public static class CasesServiceCollectionExtensions
{
    /// <summary>Confirmed wage cases in the bot's database, as the wage intake's store.</summary>
    public static IServiceCollection AddWageCases(this IServiceCollection services)
    {
        services.AddSingleton<EfWageCaseStore>();
        services.AddSingleton<IWageCaseStore>(sp => sp.GetRequiredService<EfWageCaseStore>());
        return services;
    }
}
