using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityWarmth.Skills.Routing;

/// <summary>
/// Trains the classifier (and loads the SmartCn dictionary) and loads the policy search's word weights in the
/// background as the app starts, so the first worker does not wait for them. Startup itself is not delayed.
/// </summary>
internal sealed class ClassifierWarmUp(IServiceProvider services) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        services.GetRequiredService<IntentClassifier>().Classify("你好");
        _ = Knowledge.Search.WordWeights.Default.Count;
    }, stoppingToken);
}
