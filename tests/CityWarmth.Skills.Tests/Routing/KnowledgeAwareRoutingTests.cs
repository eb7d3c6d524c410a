using CityWarmth.Knowledge.Text;
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

namespace CityWarmth.Skills.Tests.Routing;

/// <summary>The router with the real policy lookup over the shipped notice, the real job search and the real intake.</summary>
public sealed class KnowledgeAwareRoutingTests(PolicyIndexFixture knowledge) : IClassFixture<PolicyIndexFixture>, IDisposable
{
    private readonly JobWorld _jobs = new();

    private SkillRouter Router(IntentClassifier? classifier = null)
    {
        var policy = new PolicyLookupSkill(knowledge.Search);
        var intake = new WageIntakeSkill(new InMemoryWageCaseStore(_jobs.Clock), _jobs.Clock, NullLogger<WageIntakeSkill>.Instance);
        return new SkillRouter(classifier ?? TestClassifier.Shared,
            [new PolicySkillHandler(policy), _jobs.Skill, new WageDisputeSkillHandler(intake, policy)],
            new HelpSkill(), new HandoffSkill(), NullLogger<SkillRouter>.Instance);
    }

    private async Task<BotReply> FirstReply(string text) =>
        (await Router().OnMessageAsync(RouterHarness.Turn(text), new ConversationState(), CancellationToken.None))[0];

    [Theory]
    [InlineData("开滴滴的司机有没有工会可以加入")]
    [InlineData("找不到活心里难受有没有心理咨询")]
    [InlineData("失业了政府给不给介绍工作")]
    public async Task AJobLikeQuestionThatNamesNoJobIsAnsweredFromTheKnowledgeBase(string question)
    {
        var reply = await FirstReply(question);

        Assert.Equal(SkillNames.Policy, reply.Skill);
        Assert.NotEmpty(reply.Citations);
    }

    [Theory]
    [InlineData("帮我找个电工的活")]
    [InlineData("我想找工作")]
    [InlineData("东湖区有什么活")]
    [InlineData("装卸工日结")]
    public async Task AJobSearchStaysWithTheJobSearch(string request)
    {
        var reply = await FirstReply(request);

        Assert.Equal(SkillNames.JobSearch, reply.Skill);
    }

    [Fact]
    public async Task SmallTalkTheKnowledgeBaseCannotAnswerIsStillOutOfScope()
    {
        var reply = await FirstReply("推荐一部好看的电影");

        Assert.NotEqual(SkillNames.Policy, reply.Skill);
        Assert.Empty(reply.Citations);
    }

    [Fact]
    public async Task AWageIntakeOpensWithThePolicyOnWageProtectionCited()
    {
        var reply = await FirstReply("包工头拖了我们两个月工钱");

        Assert.Equal(SkillNames.WageDispute, reply.Skill);
        var citation = Assert.Single(reply.Citations, c => c.Name.Contains("加大农民工劳动保护", StringComparison.Ordinal));
        Assert.StartsWith("/kb/", citation.Url, StringComparison.Ordinal);
        Assert.Contains("相关政策", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheClassifierIsUnsureAConfidentPolicyAnswerComesInsteadOfTheMenu()
    {
        var router = Router(SkillRouterTests.AmbiguousClassifier());

        var recognised = (await router.OnMessageAsync(RouterHarness.Turn("高温天气防暑降温"), new ConversationState(), CancellationToken.None))[0];
        var unknown = (await router.OnMessageAsync(RouterHarness.Turn("问题"), new ConversationState(), CancellationToken.None))[0];

        Assert.Equal(SkillNames.Policy, recognised.Skill);
        Assert.Contains(recognised.Citations, c => c.Name.Contains("加大农民工劳动保护", StringComparison.Ordinal));
        Assert.Equal(SkillNames.Fallback, unknown.Skill);
    }

    [Fact]
    public async Task AnUnclearMessageTheKnowledgeBaseHalfRecognisesGetsItsSectionsAndTheMenuToChooseFrom()
    {
        var router = Router(SkillRouterTests.AmbiguousClassifier());

        var reply = (await router.OnMessageAsync(RouterHarness.Turn("问题"), new ConversationState(), CancellationToken.None))[0];

        Assert.Equal(SkillNames.Fallback, reply.Skill);
        Assert.True(reply.ExpectingInput);
        Assert.NotEmpty(reply.Citations);
        Assert.Equal(reply.Citations.Count + 1, reply.Buttons.Count);   // each cited section, then 找工作
        Assert.Equal(HelpSkill.FindJobs, reply.Buttons[^1]);
    }

    [Fact]
    public async Task APolicyAnswerToATraditionalQuestionIsInTraditionalWithItsSourcesNamedAsPublished()
    {
        var router = Router();
        var state = new ConversationState();

        var reply = Assert.Single(await router.OnMessageAsync(RouterHarness.Turn("孩子隨遷入學需要什麼材料?"), state, CancellationToken.None));

        Assert.Equal(SkillNames.Policy, reply.Skill);
        Assert.True(state.PrefersTraditional);
        Assert.Contains("隨遷子女", reply.Text, StringComparison.Ordinal);
        Assert.Contains("(五)做好农民工子女关心关爱", reply.Citations[0].Name, StringComparison.Ordinal);
        Assert.Equal("轉人工", reply.Buttons[^1].Value);

        // Answers are shared between askers: converting one for this worker leaves the next worker's simplified.
        var simplified = Assert.Single(await router.OnMessageAsync(RouterHarness.Turn("孩子随迁入学需要什么材料?"), new ConversationState(), CancellationToken.None));
        Assert.NotEqual(WrittenScript.Traditional, ChineseScript.WrittenIn(simplified.Text));
        Assert.Equal("转人工", simplified.Buttons[^1].Value);
    }

    [Fact]
    public async Task JobResultsForATraditionalRequestAreInTraditional()
    {
        var reply = await FirstReply("幫我找東湖區的保安工作，要包住的");

        Assert.Equal(SkillNames.JobSearch, reply.Skill);
        Assert.Contains("東湖區", reply.Text, StringComparison.Ordinal);
        Assert.Equal(ChineseScript.ToTraditional(reply.Text!), reply.Text);
        Assert.NotEmpty(reply.Cards);
        Assert.All(reply.Cards, c => Assert.Equal(ChineseScript.ToTraditional(c.Text!), c.Text));
    }

    [Fact]
    public async Task AWageIntakeInTraditionalAsksInTraditionalAndItsTraditionalButtonsWork()
    {
        var router = Router();
        var state = new ConversationState();
        Task<IReadOnlyList<BotReply>> Say(string text) => router.OnMessageAsync(RouterHarness.Turn(text), state, CancellationToken.None);

        var opening = await Say("老闆欠我們兩個月工錢");
        Assert.All(opening, r => Assert.Equal(SkillNames.WageDispute, r.Skill));
        Assert.Equal(WrittenScript.Traditional, ChineseScript.WrittenIn(opening[^1].Text));

        // What a tap posts back is in the worker's script too; the intake reads it like the simplified word.
        var contractor = Assert.Single(opening[^1].Buttons, b => b.Title == "包工頭");
        Assert.Equal("包工頭", contractor.Value);
        var next = await Say(contractor.Value);
        Assert.Equal(EmployerKind.LabourContractor, state.WageIntake!.EmployerKind);
        Assert.Equal(WageIntakeStep.EmployerName, state.WageIntake.Step);

        // An answer written in characters both scripts share keeps the worker's script.
        Assert.Equal(WrittenScript.Traditional, ChineseScript.WrittenIn(next[^1].Text));
        var afterName = await Say("王明");
        Assert.True(state.PrefersTraditional);
        Assert.Equal(WrittenScript.Traditional, ChineseScript.WrittenIn(afterName[^1].Text));
    }

    [Fact]
    public async Task ATradeNamedWhenTheIntakeAsksForTheTradeIsTheAnswerNotAJobSearch()
    {
        // Read alone, a trade is clearly a job search, which may interrupt an intake; as the answer it was asked for,
        // the intake keeps it.
        var alone = TestClassifier.Shared.Classify("洗碗工");
        Assert.Equal(Intents.JobSearch, alone.Intent);
        Assert.True(RoutingThresholds.IsClear(alone), $"{alone.Confidence:F2} / {alone.Margin:F2}");

        var router = Router();
        var state = new ConversationState();
        foreach (var text in new[] { "老板欠我三个月工资", "包工头", "张三", "东湖区光谷大道某某小区工地" })
        {
            await router.OnMessageAsync(RouterHarness.Turn(text), state, CancellationToken.None);
        }
        Assert.Equal(WageIntakeStep.Trade, state.WageIntake!.Step);

        // A job request that names a trade is more than an answer: it interrupts, and the intake asks again.
        var interrupted = await router.OnMessageAsync(RouterHarness.Turn("帮我找个电工的活"), state, CancellationToken.None);
        Assert.Equal(SkillNames.JobSearch, interrupted[0].Skill);
        Assert.Equal(SkillNames.WageDispute, interrupted[^1].Skill);
        Assert.Equal(WageIntakeStep.Trade, state.WageIntake!.Step);

        foreach (var answer in new[] { "洗碗工", "我是洗碗工" })
        {
            var probe = new ConversationState { WageIntake = new WageIntakeState { Step = WageIntakeStep.Trade } };
            Assert.True(WageIntakeSkill.ExpectsAsAnswer(answer, probe), answer);
        }
        var replies = await router.OnMessageAsync(RouterHarness.Turn("洗碗工"), state, CancellationToken.None);

        Assert.All(replies, r => Assert.Equal(SkillNames.WageDispute, r.Skill));
        Assert.Equal("洗碗工", state.WageIntake!.Trade);
        Assert.NotEqual(WageIntakeStep.Trade, state.WageIntake.Step);
    }

    public void Dispose() => _jobs.Dispose();
}
