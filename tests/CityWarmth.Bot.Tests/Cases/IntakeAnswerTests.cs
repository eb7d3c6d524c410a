using CityWarmth.Bot.Data;
using CityWarmth.Bot.Handoff;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Bot.Tests.Cases;

/// <summary>One bot for the intake-answer tests; each test talks in conversations of its own.</summary>
public sealed class IntakeAnswerFixture : IDisposable
{
    public IntakeAnswerFixture() => Client = App.CreateHttpClient();

    public BotApp App { get; } = new(settings: new Dictionary<string, string?>
    {
        ["RateLimits:PerWorker:PermitLimit"] = "100000",
        ["RateLimits:DirectLinePolls:PermitLimit"] = "100000",
        ["RateLimits:DirectLineSends:PermitLimit"] = "100000",
        ["RateLimits:DirectLineStartsPerIp:PermitLimit"] = "100000",
        ["RateLimits:AdminApiPerIp:PermitLimit"] = "100000",
    });

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
        App.DeleteData();
    }
}

/// <summary>
/// Answers inside the wage intake, through /api/messages, phrased as workers write them: with 是/就是/嗯/在 around the
/// answer, colloquially, in traditional script. An answer is taken as the answer; one the question cannot use is asked
/// again with its examples and buttons; only a clearly different question or request leaves the intake.
/// </summary>
public sealed class IntakeAnswerTests(IntakeAnswerFixture fixture) : IClassFixture<IntakeAnswerFixture>
{
    private const string NotFound = "没有找到";
    private const string NotFoundTraditional = "沒有找到";

    private async Task<IReadOnlyList<Activity>> SayAsync(string conversation, string text) =>
        await fixture.App.AskAsync(fixture.Client, TestActivities.Message(text, conversationId: conversation, userId: "u-" + conversation));

    private async Task<WageIntakeState?> IntakeAsync(string conversation) =>
        (await fixture.App.Services.GetRequiredService<IConversationStore>().LoadAsync(conversation, default)).State.WageIntake;

    private static string Text(IEnumerable<Activity> replies) => string.Join("\n", replies.Select(r => r.Text));

    private static IEnumerable<string> Buttons(Activity reply) =>
        reply.SuggestedActions?.Actions.Select(a => (string?)a.Value ?? string.Empty) ?? [];

    /// <summary>Every reply came from the intake: none from the knowledge base ("没有找到…") or another skill.</summary>
    private static void AllFromTheIntake(IReadOnlyList<Activity> replies, string said)
    {
        Assert.All(replies, r => Assert.True((string?)r.ChannelData?["skill"] == "wageDispute", $"“{said}” went to {(string?)r.ChannelData?["skill"]}: {r.Text}"));
        Assert.DoesNotContain(NotFound, Text(replies));
        Assert.DoesNotContain(NotFoundTraditional, Text(replies));
    }

    [Theory]
    [InlineData("是,建筑工地")]
    [InlineData("是，建筑工地")]
    [InlineData("就是建筑工地")]
    [InlineData("嗯 建筑工地")]
    [InlineData("在建筑工地啊")]
    [InlineData("是，建築工地")]
    public async Task AnAnswerToWhoOwesTheWagesIsTakenAsTheAnswer(string answer)
    {
        var conversation = NewConversation("who");
        await SayAsync(conversation, "老板欠我工资");

        var replies = await SayAsync(conversation, answer);

        AllFromTheIntake(replies, answer);
        Assert.Contains("记下了：建筑工地", Simplified(replies));
        Assert.Contains("在哪里干的活", Simplified([replies[^1]]));
        var intake = await IntakeAsync(conversation);
        Assert.Equal("建筑工地", intake!.EmployerName);
        Assert.Equal(WageIntakeStep.Workplace, intake.Step);
    }

    [Theory]
    [InlineData("是,建筑工地")]
    [InlineData("就在建筑工地上")]
    [InlineData("嗯，在工地")]
    [InlineData("在東湖區的工地")]
    public async Task TheSameAnswerAtTheWorkplaceStepIsTakenAndNeverLoops(string answer)
    {
        var conversation = NewConversation("where");
        await SayAsync(conversation, "包工头张三欠我工资");

        var taken = await SayAsync(conversation, answer);
        AllFromTheIntake(taken, answer);
        Assert.Contains("记下了：", Simplified(taken));
        var intake = await IntakeAsync(conversation);
        Assert.NotNull(intake!.Workplace);
        Assert.Contains(intake.Step, new[] { WageIntakeStep.District, WageIntakeStep.Trade });   // "東湖區" named the district too

        // Said again, it answers the next question or that question is asked again with its examples and buttons;
        // the workplace question never comes back.
        for (var i = 0; i < 3; i++)
        {
            var again = await SayAsync(conversation, answer);
            AllFromTheIntake(again, answer);
            var text = Simplified(again);
            Assert.DoesNotContain("在哪里干的活", text);
            Assert.True(text.Contains("记下了", StringComparison.Ordinal) || (text.Contains('“') && again[^1].InputHint == InputHints.ExpectingInput),
                $"“{answer}” said again: {text}");
        }
    }

    [Fact]
    public async Task AnAnswerAStructuredQuestionCannotUseIsAskedAgainWithExamplesAndButtons()
    {
        var conversation = NewConversation("amount");
        foreach (var text in new[] { "包工头张三欠我工资", "东湖区光谷大道某某小区工地", "钢筋工", "跳过" })
        {
            await SayAsync(conversation, text);
        }
        Assert.Equal(WageIntakeStep.Amount, (await IntakeAsync(conversation))!.Step);

        foreach (var answer in new[] { "是,建筑工地", "是，建築工地" })
        {
            var retry = await SayAsync(conversation, answer);
            AllFromTheIntake(retry, answer);
            Assert.Contains("没看懂这个金额", Simplified(retry));
            Assert.Contains("一万二", Simplified(retry));
            Assert.Equal(WageIntakeStep.Amount, (await IntakeAsync(conversation))!.Step);
        }
        // Two misses: the required question now offers a person as well.
        var third = await SayAsync(conversation, "建筑工地");
        Assert.Contains(Buttons(third[^1]), b => b is "转人工" or "轉人工");

        var amount = await SayAsync(conversation, "嗯，一万二左右吧");
        Assert.Contains("记下了：约12000元", Simplified(amount));

        var period = await SayAsync(conversation, "过完年就没发过");
        Assert.Contains("记下了：", Simplified(period));
        var job = await SayAsync(conversation, "是,建筑工地");
        AllFromTheIntake(job, "是,建筑工地");
        Assert.Contains("已经不干了", Buttons(job[^1]));
        Assert.Equal(WageIntakeStep.JobEnded, (await IntakeAsync(conversation))!.Step);
    }

    [Fact]
    public async Task ColloquialAndTraditionalAnswersFillEveryQuestionAndTheCaseIsFiled()
    {
        var conversation = NewConversation("colloquial");
        await SayAsync(conversation, "老板欠我工资");
        var answers = new (string Answer, WageIntakeStep Next)[]
        {
            ("就是那个包工头老王", WageIntakeStep.Workplace),
            ("嗯嗯 在光谷那边的工地上", WageIntakeStep.District),
            ("就在東湖區", WageIntakeStep.Trade),
            ("我是钢筋工", WageIntakeStep.GeneralContractor),
            ("知道，是中建三局", WageIntakeStep.Amount),
            ("大概一万二左右吧", WageIntakeStep.Period),
            ("從今年過年後一直沒發", WageIntakeStep.JobEnded),
            ("早就不干了", WageIntakeStep.JobEndDate),
            ("上个月底吧", WageIntakeStep.WorkerCount),
            ("我们有十来个人", WageIntakeStep.Evidence),
            ("有欠条，还有微信聊天记录", WageIntakeStep.Evidence),
            ("没了", WageIntakeStep.WorkerName),
            ("我叫王小明啊", WageIntakeStep.Phone),
            ("嗯 138 1234 5678", WageIntakeStep.Consent),
            ("嗯，同意", WageIntakeStep.Summary),
        };
        foreach (var (answer, next) in answers)
        {
            var replies = await SayAsync(conversation, answer);
            AllFromTheIntake(replies, answer);
            Assert.True(next == (await IntakeAsync(conversation))!.Step, $"after “{answer}”: {Text(replies)}");
        }

        var done = await SayAsync(conversation, "确认提交");

        var filed = Assert.Single(await fixture.App.Services.GetRequiredService<IWageCaseStore>().ListAsync(null, default),
            c => c.ConversationId == conversation);
        Assert.Contains(filed.CaseNumber, Text(done));
        Assert.Equal(EmployerKind.LabourContractor, filed.EmployerKind);
        Assert.Equal("老王", filed.EmployerName);
        Assert.Contains("光谷", filed.Workplace);
        Assert.Equal("东湖区", filed.District);
        Assert.Equal("钢筋工", filed.Trade);
        Assert.True(filed.IsConstruction);
        Assert.Equal("中建三局", filed.GeneralContractor);
        Assert.Equal(12000m, filed.AmountYuan);
        Assert.True(filed.AmountApproximate);
        Assert.True(filed.PeriodOngoing);
        Assert.True(filed.JobEnded);
        Assert.NotNull(filed.JobEndedOn);
        Assert.Equal(10, filed.WorkerCount);
        Assert.Equal([EvidenceKind.IouOrSettlement, EvidenceKind.Chats], filed.Evidence);
        Assert.Equal("王小明", filed.WorkerName);
        Assert.Equal("13812345678", filed.Phone);
    }

    [Fact]
    public async Task NotKnowingAnOptionalAnswerSkipsItEvenWhenItSoundsLikeAQuestion()
    {
        var conversation = NewConversation("unknown");
        await SayAsync(conversation, "包工头欠我钱");

        var skipped = await SayAsync(conversation, "不知道他叫啥");

        AllFromTheIntake(skipped, "不知道他叫啥");
        var intake = await IntakeAsync(conversation);
        Assert.Equal(WageIntakeStep.Workplace, intake!.Step);
        Assert.Contains(WageIntakeStep.EmployerName, intake.Skipped);
        Assert.Null(intake.EmployerName);
    }

    [Fact]
    public async Task AClearlyDifferentQuestionOrRequestStillLeavesTheIntakeAndItResumes()
    {
        var conversation = NewConversation("other");
        foreach (var text in new[] { "包工头张三欠我工资", "东湖区光谷大道某某小区工地" })
        {
            await SayAsync(conversation, text);
        }

        var policy = await SayAsync(conversation, "高溫天氣幹活有什麼規定？");
        Assert.Contains(policy, r => (string?)r.ChannelData?["skill"] == "policy" && r.Entities is { Count: > 0 });
        Assert.Equal("wageDispute", (string?)policy[^1].ChannelData?["skill"]);

        var jobs = await SayAsync(conversation, "帮我找个电工的活");
        Assert.Equal("jobSearch", (string?)jobs[0].ChannelData?["skill"]);
        Assert.Equal("wageDispute", (string?)jobs[^1].ChannelData?["skill"]);
        Assert.Equal(WageIntakeStep.Trade, (await IntakeAsync(conversation))!.Step);

        // A question about the intake's own topic is answered from the knowledge base, not "not understood".
        var wages = await SayAsync(conversation, "欠薪去哪里投诉？");
        Assert.Contains(wages, r => (string?)r.ChannelData?["skill"] == "policy" && r.Entities is { Count: > 0 });
        Assert.Equal("wageDispute", (string?)wages[^1].ChannelData?["skill"]);
        Assert.Null((await IntakeAsync(conversation))!.Trade);

        var person = await SayAsync(conversation, "我要找人工客服");
        Assert.Contains(person, r => (string?)r.ChannelData?["skill"] == "handoff");
    }

    [Theory]
    [InlineData("不想弄了")]
    [InlineData("算了不登記了")]
    [InlineData("嗯，取消吧")]
    public async Task LeavingInAnyWordsIsNeverTakenAsAnAnswer(string words)
    {
        var conversation = NewConversation("leave");
        await SayAsync(conversation, "包工头张三欠我工资");

        var asked = await SayAsync(conversation, words);

        Assert.Null((await IntakeAsync(conversation))!.Workplace);
        Assert.Contains(Buttons(asked[^1]), b => b is "确定取消" or "確定取消");
        await SayAsync(conversation, "确定取消");
        Assert.Null(await IntakeAsync(conversation));
    }

    [Fact]
    public async Task ASubmittedCaseEndsWithItsNumberAndTheNextStepsNeverAnApology()
    {
        var conversation = NewConversation("filed");
        foreach (var text in new[]
                 {
                     "包工头张三欠我工资", "东湖区光谷大道某某小区工地", "钢筋工", "跳过", "一万二", "今年3月到5月", "还在干",
                     "就我一个", "都没有", "王小明", "13812345678", "同意",
                 })
        {
            await SayAsync(conversation, text);
        }

        var done = await SayAsync(conversation, "确认提交");

        var caseNumber = Assert.Single(await fixture.App.Services.GetRequiredService<IWageCaseStore>().ListAsync(null, default),
            c => c.ConversationId == conversation).CaseNumber;
        var last = done[^1];
        Assert.Equal("wageDispute", (string?)last.ChannelData?["skill"]);
        Assert.Contains(caseNumber, last.Text);
        Assert.Contains("接下来", last.Text);
        Assert.Contains("138****5678", last.Text);
        Assert.DoesNotContain(done, r => r.Text?.Contains("抱歉", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(done, r => r.Text == HandoffText.OfferAfterFailures);
        Assert.Contains(last.SuggestedActions!.Actions, a => a.Type == CardActionTypes.OpenUrl && ((string?)a.Value)!.Contains("/sheet?key="));
        Assert.Contains(last.SuggestedActions.Actions, a => (string?)a.Value == "转人工");
        // The fact comes first too: the first reply already names the case.
        Assert.Contains(caseNumber, done[0].Text);
    }

    private static string NewConversation(string topic) => $"{topic}-{Guid.NewGuid():N}"[..20];

    private static string Simplified(IEnumerable<Activity> replies) => Knowledge.Text.ChineseScript.ToSimplified(Text(replies));
}
