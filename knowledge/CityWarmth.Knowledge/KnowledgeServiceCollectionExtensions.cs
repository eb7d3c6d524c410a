using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Indexing;
using CityWarmth.Knowledge.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityWarmth.Knowledge;

/// <summary>Registers the policy index and <see cref="IPolicySearch"/>.</summary>
public static class KnowledgeServiceCollectionExtensions
{
    /// <param name="openIndex">
    /// Opens the index to serve at start; by default the documents under <c>Knowledge:DocumentsPath</c> are indexed.
    /// </param>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, Func<IServiceProvider, PolicyIndex>? openIndex = null)
    {
        services.AddOptions<KnowledgeOptions>()
            .BindConfiguration(KnowledgeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(sp =>
        {
            if (openIndex is not null)
            {
                return new PolicyIndexHolder(() => openIndex(sp));
            }

            var options = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            var environment = sp.GetService<IHostEnvironment>();
            var logger = sp.GetRequiredService<ILogger<PolicyIndexHolder>>();
            return new PolicyIndexHolder(() => OpenIndex(options, environment?.ContentRootPath, logger));
        });
        services.AddSingleton<LucenePolicySearch>();
        services.AddSingleton<IPolicySearch>(sp => sp.GetRequiredService<LucenePolicySearch>());
        services.AddSingleton<PolicyEvaluation>();
        services.AddHostedService<PolicyIndexWarmup>();
        return services;
    }

    /// <summary>Resolves a configured folder: absolute as is; relative against the content root, the current folder, then the app folder.</summary>
    public static string ResolveDocumentsPath(string configured, string? contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return configured;
        }

        string?[] bases = [contentRoot, Directory.GetCurrentDirectory(), AppContext.BaseDirectory];
        return bases.Where(b => b is not null)
            .Select(b => Path.GetFullPath(Path.Combine(b!, configured)))
            .FirstOrDefault(Directory.Exists)
            ?? Path.GetFullPath(Path.Combine(contentRoot ?? Directory.GetCurrentDirectory(), configured));
    }

    private static PolicyIndex OpenIndex(KnowledgeOptions options, string? contentRoot, ILogger logger)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var corpus = PolicyCorpus.LoadFolder(ResolveDocumentsPath(options.DocumentsPath, contentRoot));
        var indexRoot = Path.IsPathRooted(options.IndexPath)
            ? options.IndexPath
            : Path.GetFullPath(Path.Combine(contentRoot ?? Directory.GetCurrentDirectory(), options.IndexPath));
        var index = PolicyIndex.OpenOrBuild(corpus, indexRoot);
        Log.IndexOpened(logger, corpus.Documents.Count, corpus.Documents.Sum(d => d.Passages.Count),
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return index;
    }
}

/// <summary>Builds or opens the index at start-up so the first question does not wait for it.</summary>
internal sealed class PolicyIndexWarmup(PolicyIndexHolder holder) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = holder.Current;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Policy index ready: {Documents} documents, {Passages} passages in {ElapsedMs:F0} ms")]
    public static partial void IndexOpened(ILogger logger, int documents, int passages, double elapsedMs);
}
