using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace CityWarmth.Skills.Llm;

/// <summary>A plugin the model may call on a worker's behalf, and the skill that answers when it does.</summary>
public sealed record WorkerPlugin(string PluginName, string Skill, Type PluginType);

/// <summary>
/// The only functions a model ever sees for a worker's message: the registered <see cref="WorkerPlugin"/>s, built
/// once from their DI singletons. Anything else a model names (admin or caseworker functions included) is refused.
/// </summary>
public sealed class WorkerFunctions
{
    private readonly IReadOnlyList<(KernelPlugin Plugin, string Skill)> _plugins;

    public WorkerFunctions(IEnumerable<WorkerPlugin> registrations, IServiceProvider services)
    {
        _plugins = [.. registrations
            .GroupBy(r => r.PluginName, StringComparer.Ordinal)
            .Select(g => g.Last())   // a real skill's plugin registered later replaces a stand-in
            .Select(r => (KernelPluginFactory.CreateFromObject(services.GetRequiredService(r.PluginType), r.PluginName), r.Skill))];
    }

    /// <summary>A fresh collection for one kernel; the plugins themselves are immutable and shared.</summary>
    public KernelPluginCollection CreateCollection() => new(_plugins.Select(p => p.Plugin));

    /// <summary>The skill behind a function the model asked for, or null if it is not a worker function.</summary>
    public string? SkillFor(string? pluginName, string functionName) =>
        _plugins.FirstOrDefault(p => p.Plugin.Name == pluginName && p.Plugin.Contains(functionName)).Skill;
}
