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

    public void Dispose() => _jobs.Dispose();
}
