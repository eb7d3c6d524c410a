using CityWarmth.Bot.Data;
using CityWarmth.Skills.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Jobs;

public static class JobStoreServiceCollectionExtensions
{
    /// <summary>
    /// The jobs tables as the job skill's store, the job search itself, the import, the sample loader and the
    /// optional feed poller. Call after <c>AddBotStorage</c>, so the schema exists before samples load.
    /// </summary>
    public static IServiceCollection AddJobsStore(this IServiceCollection services)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsFeedOptionsValidator>();

        services.AddJobSearch();
        services.AddSingleton<EfJobStore>();
        services.AddSingleton<IJobStore>(sp => sp.GetRequiredService<EfJobStore>());
        services.AddSingleton<JobRowValidator>();
        services.AddSingleton<JobImporter>();

        services.AddSingleton<JobsFeedCache>();
        services.AddHttpClient<JobsFeedClient>(c => c.Timeout = TimeSpan.FromSeconds(60)).AddStandardResilienceHandler();
        services.AddSingleton<JobsFeedSync>();
        services.AddHostedService<JobSamplesLoader>();
        services.AddHostedService<JobsFeedPoller>();
        return services;
    }
}

/// <summary>Nested feed options are not reached by data annotations; check them here.</summary>
internal sealed class JobsFeedOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var feed = options.Feed;
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(feed.Url) && !(Uri.TryCreate(feed.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors.Add("Jobs:Feed:Url must be an absolute http(s) URL.");
        }
        if (feed.Interval < TimeSpan.FromSeconds(1))
        {
            errors.Add("Jobs:Feed:Interval must be at least one second.");
        }
        if (string.IsNullOrWhiteSpace(feed.SourceName) || feed.SourceName.Length > 64)
        {
            errors.Add("Jobs:Feed:SourceName must be 1-64 characters.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Loads the sample postings and fairs on first run (empty tables), when Jobs:LoadSamples is on.</summary>
internal sealed partial class JobSamplesLoader(
    IDbContextFactory<BotDbContext> dbFactory, EfJobStore store, IOptions<JobsOptions> options, ILogger<JobSamplesLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.LoadSamples)
        {
            return;
        }
        // The storage initialiser normally ran already; creating is idempotent and keeps this safe in any order.
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.MigrateSharedAsync(cancellationToken);
        }
        var loaded = await store.SeedSamplesIfEmptyAsync(cancellationToken);
        if (loaded > 0)
        {
            Log.SamplesLoaded(logger, loaded);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1621, Level = LogLevel.Information, Message = "Loaded {Count} sample job postings")]
        public static partial void SamplesLoaded(ILogger logger, int count);
    }
}
