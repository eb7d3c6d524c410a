using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Handoff;
using CityWarmth.Skills.Help;
using CityWarmth.Skills.Policy;
using CityWarmth.Skills.Routing;
using CityWarmth.Skills.Tests.Jobs;
using CityWarmth.Skills.Tests.Policy;
using CityWarmth.Skills.Tests.WageDispute;
using CityWarmth.Skills.WageDispute;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace CityWarmth.Skills.Tests.Routing;

/// <summary>
/// Routing on held-out messages nobody trained on, scored like the end-to-end evaluation: the skill of the first reply
/// in a fresh conversation, with the real policy lookup, job search and intake behind the router.
/// </summary>
public sealed class RoutingHeldOutTests(PolicyIndexFixture knowledge, ITestOutputHelper output) : IClassFixture<PolicyIndexFixture>, IDisposable
{
    private readonly JobWorld _jobs = new();

    [Theory]
    [InlineData("heldout-dev.jsonl", 0.95)]
    [InlineData("heldout-dev2.jsonl", 0.95)]
    [InlineData("heldout-dev3.jsonl", 0.95)]
    [InlineData("heldout-dev4.jsonl", 0.95)]
    [InlineData("heldout-dev5.jsonl", 0.93)]
    [InlineData("heldout.tsv", 0.95)]
    public async Task HeldOutMessagesReachTheirSkill(string file, double floor)
    {
        var messages = RoutingEvaluation.ReadFile(Path.Combine(AppContext.BaseDirectory, "Routing", "Data", file));
        var training = IntentExamples.LoadDefault().Select(e => e.Text).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(messages, m => training.Contains(m.Text));

        var policy = new PolicyLookupSkill(knowledge.Search);
        var store = new InMemoryWageCaseStore(_jobs.Clock);
        var intake = new WageIntakeSkill(store, _jobs.Clock, NullLogger<WageIntakeSkill>.Instance);
        var router = new SkillRouter(TestClassifier.Shared,
            [new PolicySkillHandler(policy), _jobs.Skill, new WageDisputeSkillHandler(intake, policy)],
            new HelpSkill(), new HandoffSkill(), NullLogger<SkillRouter>.Instance, caseProgress: new WageCaseProgressSkill(store));

        var report = await RoutingEvaluation.RunAsync(messages, async (text, ct) =>
            (await router.OnMessageAsync(RouterHarness.Turn(text), new ConversationState(), ct)).FirstOrDefault()?.Skill);

        output.WriteLine(report.Format());
        Assert.True(report.Accuracy >= floor, $"accuracy {report.Accuracy:F3} below {floor:F2}");
    }

    public void Dispose() => _jobs.Dispose();
}
