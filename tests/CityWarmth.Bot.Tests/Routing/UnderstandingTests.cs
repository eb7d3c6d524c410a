using CityWarmth.Bot.Data;
using CityWarmth.Bot.Handoff;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Handoff;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Skills.Routing;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Tests.Routing;

/// <summary>
/// The kinds of message the router used to misread, through /api/messages on the real app. Every sentence here is
/// absent from the training examples (checked), so what is tested is what the router learned, not what it memorised.
/// </summary>
public sealed class UnderstandingTests : IDisposable
{
    private readonly BotApp _app = new(settings: HandoffTestKit.AlwaysOpen());

    public void Dispose()
    {
        _app.Dispose();
        _app.DeleteData();
    }

    private async Task<IReadOnlyList<Activity>> AskAsync(string text, string? conversationId = null)
    {
        using var client = _app.CreateHttpClient();
        return await _app.AskAsync(client, TestActivities.Message(text, conversationId ?? Guid.NewGuid().ToString("N")));
    }

    private static Activity First(IReadOnlyList<Activity> replies) => replies.First(r => r.Type == ActivityTypes.Message);

    private static string? Skill(Activity reply) => (string?)reply.ChannelData?["skill"];

    private static IEnumerable<string> Titles(Activity reply) => reply.SuggestedActions?.Actions.Select(a => a.Title ?? "") ?? [];

    // 1. A question about wage arrears is answered now, from the knowledge base, with the intake one tap away.
    [Theory]
    [InlineData("拖欠农民工工资的举报电话你们知道吗")]
    [InlineData("到劳动仲裁委申请仲裁需要交哪些材料")]
    [InlineData("申请劳动仲裁是不是免费的")]
    [InlineData("劳动保障监察大队具体在什么位置")]
    [InlineData("电子厂压了我两个月工资不发 这样合法吗")]
    [InlineData("在工地干了八个月工钱一直没结 过了一年还能去告吗")]
    [InlineData("老板拖了我三个月工资 按规定要赔我多少")]
    public async Task AQuestionAboutWageArrearsIsAnsweredWithTheIntakeOffered(string question)
    {
        AssertUnseen(question);

        var reply = First(await AskAsync(question));

        Assert.Equal("policy", Skill(reply));
        Assert.Equal(SkillRouter.RegisterWages.Title, Titles(reply).First());
        Assert.DoesNotContain("是谁欠你的工资", reply.Text);
    }

    [Theory]
    [InlineData("我在物流园干了四个月 老板一直拖着不发工资")]
    [InlineData("包工头欠我六千块 投诉电话是多少")]
    public async Task AReportOfOnesOwnArrearsStartsTheIntake(string report)
    {
        AssertUnseen(report);

        var replies = await AskAsync(report);

        Assert.All(replies.Where(r => r.Type == ActivityTypes.Message), r => Assert.Equal("wageDispute", Skill(r)));
    }

    [Fact]
    public async Task TheIntakeButtonUnderAnAnswerStartsTheIntake()
    {
        var conversation = Guid.NewGuid().ToString("N");
        var answer = First(await AskAsync("申请劳动仲裁是不是免费的", conversation));
        var button = answer.SuggestedActions!.Actions.First(a => a.Title == SkillRouter.RegisterWages.Title);

        var replies = await AskAsync((string)button.Value!, conversation);

        Assert.Equal("wageDispute", Skill(First(replies)));
    }

    // 2. A job request counts on its form, whatever the trade and however it is spelled; the search never dead-ends.
    [Theory]
    [InlineData("哪里招沥青摊铺工")]
    [InlineData("招不招外墙真石漆师傅")]
    [InlineData("边度请紧地盘杂工啊")]
    [InlineData("有冇人请后生仔做搬运")]
    public async Task AJobRequestNamingAnUnknownTradeOrInDialectIsAJobSearch(string request)
    {
        AssertUnseen(request);

        var reply = First(await AskAsync(request));

        Assert.Equal("jobSearch", Skill(reply));
        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
        Assert.True(Titles(reply).Any() || reply.Attachments is { Count: > 0 }, "a next step is offered");
    }

    // 3. Danger reaches a person at once, with top priority, even when wages are owed too, even inside the intake.
    [Theory]
    [InlineData("去工地要钱 被包工头的人打得鼻子流血")]
    [InlineData("老板把我们十几个人关在仓库里不让出来")]
    [InlineData("欠了我两个月工资 今天去要还被他们打了一顿")]
    [InlineData("工资没结到 已经三天没吃饭了 回老家的车票都买不起")]
    [InlineData("骑电动车送货被货车撞了 腿动不了 工钱还没结")]
    public async Task DangerGoesToAPersonWithTopPriority(string message)
    {
        AssertUnseen(message);

        var replies = await AskAsync(message);

        var reply = First(replies);
        Assert.Equal("handoff", Skill(reply));
        Assert.Contains(reply.SuggestedActions!.Actions, a => a.Type == CardActionTypes.Call && (string?)a.Value == "tel:110");
        Assert.DoesNotContain(replies, r => Skill(r) == "wageDispute");
        Assert.Equal(HandoffPriority.Urgent, (await SingleHandoffAsync()).Priority);
    }

    [Theory]
    [InlineData("三年前在工地摔断过腿 现在好了 还能认定工伤吗")]
    [InlineData("之前在车间被机器砸伤过手 出院了 工伤认定有没有期限")]
    public async Task AQuestionAboutAnInjuryThatIsOverIsAPolicyQuestion(string question)
    {
        AssertUnseen(question);

        var reply = First(await AskAsync(question));

        Assert.Equal("policy", Skill(reply));
    }

    [Fact]
    public async Task DangerDuringTheIntakeInterruptsItForAPerson()
    {
        var conversation = Guid.NewGuid().ToString("N");
        var opening = await AskAsync("老板欠我三个月工资", conversation);
        Assert.Equal("wageDispute", Skill(First(opening)));
        AssertUnseen("他们刚才把我的身份证抢走了");

        var replies = await AskAsync("他们刚才把我的身份证抢走了", conversation);

        Assert.Equal("handoff", Skill(First(replies)));
        var handoff = await SingleHandoffAsync();
        Assert.Equal(HandoffPriority.Urgent, handoff.Priority);
        Assert.Equal("danger", handoff.Reason);
    }

    // 4. Questions on training, certificates and subsidies are answered from the notice's section on skills.
    [Theory]
    [InlineData("焊工证怎么考,政府给不给补贴")]
    [InlineData("电梯操作证在哪考 考证费用政府报销吗")]
    [InlineData("想去学中式面点 有补贴的培训班吗")]
    public async Task ATrainingQuestionIsAnsweredFromTheNotice(string question)
    {
        AssertUnseen(question);

        var reply = First(await AskAsync(question));

        Assert.Equal("policy", Skill(reply));
        var cited = reply.Entities!.SelectMany(e => e["citation"]?.AsArray() ?? []).Select(c => (string?)c!["appearance"]?["name"] ?? "");
        Assert.Contains(cited, name => name.Contains("提升农民工技能和文化水平", StringComparison.Ordinal));
    }

    private async Task<HandoffCase> SingleHandoffAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync();
        return await db.Handoffs.SingleAsync();
    }

    private static readonly HashSet<string> Training = [.. IntentExamples.LoadDefault().Select(e => e.Text)];

    private static void AssertUnseen(string text) => Assert.DoesNotContain(text, Training);
}
