using CityWarmth.Bot.AdminApi;
using CityWarmth.Bot.Cases;
using CityWarmth.Bot.Insights;
using CityWarmth.Bot.Jobs;
using CityWarmth.Bot.KnowledgeBase;

namespace CityWarmth.Bot.Hosting;

/// <summary>The admin API of every feature under /api/admin, and its OpenAPI document.</summary>
public static class AdminApiEndpoints
{
    /// <summary>The admin API's key scheme and policy, and the service statistics it reports.</summary>
    public static IServiceCollection AddAdminApis(this IServiceCollection services) =>
        services.AddAdminApi().AddServiceStats();

    public static IEndpointRouteBuilder MapAdminApis(this IEndpointRouteBuilder app)
    {
        app.MapKnowledgeAdminApi();
        app.MapCasesAdminApi();
        app.MapJobsAdminApi();
        app.MapStatsAdminApi();
        app.MapAdminApiDocument();
        return app;
    }
}
