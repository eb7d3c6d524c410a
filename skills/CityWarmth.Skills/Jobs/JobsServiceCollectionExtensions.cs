using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityWarmth.Skills.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The job search skill, its index and its plugin. The host registers an <see cref="IJobStore"/>.</summary>
    public static IServiceCollection AddJobSearch(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JobDataChanges>();
        services.TryAddSingleton(JobVocabulary.Default);
        services.TryAddSingleton<JobQueryParser>();
        services.TryAddSingleton<JobSearchEngine>();
        services.TryAddSingleton<JobSearchSkill>();
        services.TryAddSingleton<JobSearchPlugin>();
        return services;
    }
}
