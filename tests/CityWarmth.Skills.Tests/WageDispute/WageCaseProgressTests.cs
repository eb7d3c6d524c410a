using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Handoff;
using CityWarmth.Skills.Help;
using CityWarmth.Skills.Routing;
using CityWarmth.Skills.Tests.Routing;
using CityWarmth.Skills.WageDispute;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityWarmth.Skills.Tests.WageDispute;

/// <summary>A worker asking how their filed case is going, through the router.</summary>
public sealed class WageCaseProgressTests
{
    private readonly InMemoryWageCaseStore _store = new(TimeProvider.System);
    private readonly RecordingSkill _policy = new(SkillNames.Policy);
    private readonly FakeIntake _intake = new();
    private readonly SkillRouter _router;

    public WageCaseProgressTests()
    {
        _router = new SkillRouter(TestClassifier.Shared, [_policy, new RecordingSkill(SkillNames.JobSearch), _intake],
            new HelpSkill(), new HandoffSkill(), NullLogger<SkillRouter>.Instance, caseProgress: new WageCaseProgressSkill(_store));
    }

    private async Task<WageCase> FileAsync(string conversationId, WageCaseStatus status = WageCaseStatus.Submitted)
    {
        var c = new WageCase { ConversationId = conversationId, EmployerName = "张三", AmountYuan = 12000m };
        await _store.SubmitAsync(c, default);
        c.Status = status;
        return c;
    }

    private async Task<string> SayAsync(string text, string conversationId = "c1", ConversationState? state = null)
    {
        var turn = new UserTurn(text, null, "test", conversationId, "u1", "zh-CN", DateTimeOffset.UtcNow);
        var replies = await _router.OnMessageAsync(turn, state ?? new ConversationState(), default);
        return string.Join("\n", replies.Select(r => r.Text));
    }

    [Theory]
    [InlineData("我的登记怎么样了")]
    [InlineData("我的欠薪登记现在有进展吗，处理得怎么样")]
    [InlineData("俺那个投诉有消息没有")]
    [InlineData("查一下我的案子")]
    [InlineData("投诉进度")]
    [InlineData("我之前的欠薪登記怎麼樣了")]
    public async Task QuestionsAboutOnesOwnRegistrationGetTheLatestCase(string question)
    {
        await FileAsync("c1");
        var latest = await FileAsync("c1", WageCaseStatus.Claimed);
        latest.ClaimedBy = "李兰";

        var reply = CityWarmth.Knowledge.Text.ChineseScript.ToSimplified(await SayAsync(question));

        Assert.Contains(latest.CaseNumber, reply);
        Assert.Contains("李兰", reply);
        Assert.Contains("接下来", reply);
        Assert.Empty(_policy.Texts);
        Assert.DoesNotContain(FakeIntake.Questions[0], reply);
    }

    [Theory]
    [InlineData("我的欠薪登记{0}现在怎么样了")]
    [InlineData("{0}")]
    [InlineData("查下 {1} 进度")]
    public async Task ACaseNumberHoweverWrittenFindsThatCase(string template)
    {
        var asked = await FileAsync("c1", WageCaseStatus.Closed);
        asked.Outcome = WageCaseOutcome.PartlyPaid;
        asked.AmountRecoveredYuan = 8000m;
        asked.Notes.Add(new WageCaseNote(DateTimeOffset.UtcNow, "李兰", "剩下的继续跟进", ForWorker: true));
        asked.Notes.Add(new WageCaseNote(DateTimeOffset.UtcNow, "李兰", "内部：老板态度差", ForWorker: false));
        var other = await FileAsync("c1");
        var spaced = asked.CaseNumber.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant();

        var reply = await SayAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, asked.CaseNumber, spaced));

        Assert.Contains("追回了一部分工资", reply);
        Assert.Contains("剩下的继续跟进", reply);
        Assert.DoesNotContain("老板态度差", reply);
        Assert.Contains(other.CaseNumber, reply);
    }

    [Fact]
    public async Task AnotherConversationsCaseReadsLikeAnUnknownNumber()
    {
        var theirs = await FileAsync("someone-else");

        var reply = await SayAsync($"{theirs.CaseNumber}怎么样了");
        var unknown = await SayAsync("QX-20000101-0001怎么样了");

        Assert.DoesNotContain("张三", reply);
        Assert.DoesNotContain("收到", reply);
        Assert.Equal(unknown.Replace("QX-20000101-0001", theirs.CaseNumber, StringComparison.Ordinal), reply);
    }

    [Fact]
    public async Task InsideAnOpenIntakeTheAnswerComesAndThePendingQuestionReturns()
    {
        var filed = await FileAsync("c1");
        var state = new ConversationState();
        await SayAsync("老板欠我工资，我要登记", state: state);
        Assert.True(_intake.IsActive(state));

        var reply = await SayAsync("我上次的登记怎么样了", state: state);

        Assert.Contains(filed.CaseNumber, reply);
        Assert.Contains(FakeIntake.Questions[0], reply);
    }
}
