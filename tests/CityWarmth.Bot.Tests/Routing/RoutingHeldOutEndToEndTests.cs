using CityWarmth.Bot.Conversations;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Skills.Routing;
using Xunit.Abstractions;

namespace CityWarmth.Bot.Tests.Routing;

/// <summary>
/// Routing on the held-out sets, measured as the evaluation measures it: each message in a fresh conversation
/// through /api/messages, the skill of the first reply. None of these messages is in the training examples.
/// </summary>
public sealed class RoutingHeldOutEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private readonly BotApp _app = new();

    public void Dispose()
    {
        _app.Dispose();
        _app.DeleteData();
    }

    [Theory]
    [InlineData("heldout-dev.jsonl", 0.95)]
    [InlineData("heldout-dev2.jsonl", 0.95)]
    [InlineData("heldout-dev3.jsonl", 0.95)]
    [InlineData("heldout.tsv", 0.95)]
    public async Task HeldOutMessagesReachTheirSkillThroughTheMessagesEndpoint(string file, double floor)
    {
        var messages = RoutingEvaluation.ReadFile(Path.Combine(AppContext.BaseDirectory, "Routing", "Data", file));
        var training = IntentExamples.LoadDefault().Select(e => e.Text).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(messages, m => training.Contains(m.Text));
        using var client = _app.CreateHttpClient();
        var sent = 0;

        var report = await RoutingEvaluation.RunAsync(messages, (text, ct) =>
            EvaluateRoutingCommand.FirstSkillAsync(client, EvaluateRoutingCommand.Message(text, $"{file}-{sent++}"), ct));

        output.WriteLine(report.Format());
        Assert.True(report.Accuracy >= floor, $"accuracy {report.Accuracy:F3} below {floor:F2}");
    }
}
