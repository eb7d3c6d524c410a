using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Handoff;
using CityWarmth.Skills.Help;
using CityWarmth.Skills.Llm;
using CityWarmth.Skills.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityWarmth.Skills;

public static class SkillsServiceCollectionExtensions
{
    /// <summary>
    /// The router (<see cref="IConversationEngine"/>), its classifier, help and handoff with their Semantic Kernel
    /// plugins, and the optional model (<c>Skills:Llm</c>). The task skills, and the passages the policy plugin reads,
    /// come with <see cref="AddWorkerSkills"/>.
    /// </summary>
    public static IServiceCollection AddSkills(this IServiceCollection services)
    {
        services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.HasValidEndpoint, "Skills:Llm:Endpoint must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<IntentFeatures>();
        services.AddSingleton(sp => new IntentClassifier(sp.GetRequiredService<IntentFeatures>(), IntentExamples.LoadDefault()));

        services.AddSingleton<HelpSkill>();
        services.AddSingleton<HandoffSkill>();

        services.AddWorkerPlugin<PolicySearchPlugin>("policy", SkillNames.Policy);
        services.AddWorkerPlugin<HandoffPlugin>("handoff", SkillNames.Handoff);
        services.AddWorkerPlugin<HelpPlugin>("help", SkillNames.Help);
        services.AddSingleton<WorkerFunctions>();
        services.AddSingleton<LlmRouter>();

        services.AddSingleton(sp => new SkillRouter(
            sp.GetRequiredService<IntentClassifier>(),
            sp.GetServices<ISkillHandler>(),
            sp.GetRequiredService<HelpSkill>(),
            sp.GetRequiredService<HandoffSkill>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SkillRouter>>(),
            sp.GetRequiredService<LlmRouter>() is { IsEnabled: true } llm ? llm : null,
            sp.GetService<Policy.IUnansweredQuestionSink>(),
            sp.GetService<WageDispute.WageCaseProgressSkill>()));
        services.AddSingleton<IConversationEngine>(sp => sp.GetRequiredService<SkillRouter>());
        services.AddHostedService<ClassifierWarmUp>();
        return services;
    }

    /// <summary>
    /// The policy lookup, wage intake and job search, after <see cref="AddSkills"/>.
    /// The host provides their stores: <c>IPolicySearch</c>, <c>IWageCaseStore</c> and <c>IJobStore</c>.
    /// </summary>
    public static IServiceCollection AddWorkerSkills(this IServiceCollection services)
    {
        services.AddSingleton<Policy.PolicyLookupSkill>();
        services.AddSingleton(sp => new Policy.AnswerFeedback(sp.GetService<Policy.IUnansweredQuestionSink>()));
        services.AddSingleton<ISkillHandler, Policy.PolicySkillHandler>();
        services.AddSingleton<IPolicyPassageSearch, Policy.KnowledgePassageSearch>();

        services.AddSingleton<WageDispute.WageIntakeSkill>();
        services.AddSingleton<WageDispute.WageCaseProgressSkill>();
        services.AddSingleton<ISkillHandler, WageDispute.WageDisputeSkillHandler>();
        services.AddWorkerPlugin<WageDispute.WageDisputePlugin>("wage", SkillNames.WageDispute);

        Jobs.JobsServiceCollectionExtensions.AddJobSearch(services);
        services.AddSingleton<ISkillHandler>(sp => sp.GetRequiredService<Jobs.JobSearchSkill>());
        services.AddWorkerPlugin<Jobs.JobSearchPlugin>("jobs", SkillNames.JobSearch);
        return services;
    }

    /// <summary>Offers a plugin's functions to the model for workers' messages; they lead to <paramref name="skill"/>.</summary>
    public static IServiceCollection AddWorkerPlugin<TPlugin>(this IServiceCollection services, string pluginName, string skill)
        where TPlugin : class
    {
        services.TryAddSingleton<TPlugin>();
        services.AddSingleton(new WorkerPlugin(pluginName, skill, typeof(TPlugin)));
        return services;
    }
}
