using CityWarmth.Knowledge;
using CityWarmth.Skills.Policy;

namespace CityWarmth.Bot.KnowledgeBase;

public static class KnowledgeBaseServiceCollectionExtensions
{
    /// <summary>
    /// The knowledge base the bot answers from: the published knowledge version (seeded from the shipped documents on
    /// first start, also after a restart), its administration, and the log of questions it did not answer well.
    /// </summary>
    public static IServiceCollection AddKnowledgeBase(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeAdminOptions>().BindConfiguration(KnowledgeAdminOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<KnowledgeVersionStore>();
        services.AddKnowledge(openIndex: sp => sp.GetRequiredService<KnowledgeVersionStore>().OpenPublishedIndex());
        services.AddSingleton<KnowledgePublishing>();
        services.AddSingleton<KnowledgeDocuments>();
        services.AddSingleton<KnowledgeCuration>();
        services.AddHostedService<KnowledgeVersionWatcher>();

        services.AddSingleton<UnansweredQuestionRecorder>();
        services.AddSingleton<IUnansweredQuestionSink>(sp => sp.GetRequiredService<UnansweredQuestionRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<UnansweredQuestionRecorder>());
        return services;
    }
}
