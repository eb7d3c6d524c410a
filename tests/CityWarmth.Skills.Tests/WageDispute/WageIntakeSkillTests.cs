using System.Text.Json;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.WageDispute;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityWarmth.Skills.Tests.WageDispute;

public sealed class WageIntakeSkillTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly TestClock _clock = new();
    private readonly InMemoryWageCaseStore _store;
    private ConversationState _state = new();
    private WageIntakeSkill _skill;

    public WageIntakeSkillTests()
    {
        _store = new InMemoryWageCaseStore(_clock);
        _skill = NewSkill();
    }

    private WageIntakeSkill NewSkill() => new(_store, _clock, NullLogger<WageIntakeSkill>.Instance);

    private static UserTurn Turn(string text) =>
        new(text, null, "test", "conv-1", "user-1", "zh-CN", DateTimeOffset.UnixEpoch);

    private async Task<WageIntakeResult> SendAsync(string text) =>
        WageIntakeSkill.IsActive(_state)
            ? await _skill.ContinueAsync(Turn(text), _state)
            : await _skill.StartAsync(Turn(text), _state);

    private static string AllText(WageIntakeResult r) =>
        string.Join("\n", r.Replies.Select(x => x.Text + "\n" + string.Join("\n", x.Cards.Select(c => c.Text))));

    private WageIntakeStep Pending => _state.WageIntake!.Step;

    /// <summary>Answers every question from the first one up to the summary.</summary>
    private async Task ReachSummaryAsync()
    {
        await SendAsync("老板欠我工资");
        foreach (var answer in new[]
                 {
                     "包工头", "张三", "东湖区光谷大道某某小区工地", "钢筋工", "跳过", "一万二", "今年3月到5月", "已经不干了",
                     "上个月", "就我一个", "欠条/结算单", "完成", "王小明", "138 1234 5678", "同意",
                 })
        {
            var r = await SendAsync(answer);
            Assert.Equal(WageIntakeOutcome.Asking, r.Outcome);
        }
        Assert.Equal(WageIntakeStep.Summary, Pending);
    }

    [Fact]
    public async Task HappyPathAsksOneQuestionAtATimeAndEndsWithACaseNumberAndDeadlines()
    {
        var first = await SendAsync("老板欠我工资");
        Assert.Equal(WageIntakeStep.Employer, Pending);
        Assert.Equal(SkillNames.WageDispute, _state.ActiveSkill);
        Assert.All(first.Replies, r => Assert.Equal(SkillNames.WageDispute, r.Skill));
        Assert.Contains(first.Replies.Last().Buttons, b => b.Value == "包工头");
        Assert.True(first.Replies.Last().ExpectingInput);

        await SendAsync("包工头");
        Assert.Equal(WageIntakeStep.EmployerName, Pending);
        await SendAsync("张三");
        Assert.Equal(WageIntakeStep.Workplace, Pending);
        await SendAsync("东湖区光谷大道某某小区工地");
        Assert.Equal("东湖区", _state.WageIntake!.District);
        Assert.True(_state.WageIntake.IsConstruction);
        Assert.Equal(WageIntakeStep.Trade, Pending);
        await SendAsync("钢筋工");
        Assert.Equal(WageIntakeStep.GeneralContractor, Pending);
        await SendAsync("中建某局");
        await SendAsync("一万二");
        Assert.Equal(12000m, _state.WageIntake.AmountYuan);
        await SendAsync("今年3月到5月");
        Assert.Equal(WageIntakeStep.JobEnded, Pending);
        await SendAsync("已经不干了");
        Assert.Equal(WageIntakeStep.JobEndDate, Pending);
        await SendAsync("上个月");
        Assert.Equal(new DateOnly(2025, 5, 1), _state.WageIntake.JobEndedOn);
        await SendAsync("十几个人");
        Assert.Equal(WageIntakeStep.Evidence, Pending);
        var evidence = await SendAsync("欠条/结算单");
        Assert.Equal(WageIntakeStep.Evidence, Pending);
        Assert.DoesNotContain(evidence.Replies.Last().Buttons, b => b.Value == "欠条/结算单");
        Assert.Contains(evidence.Replies.Last().Buttons, b => b.Value == "完成");
        await SendAsync("有微信聊天记录");
        await SendAsync("完成");
        Assert.Equal(WageIntakeStep.WorkerName, Pending);
        await SendAsync("我叫王小明");
        await SendAsync("138-1234-5678");
        var consent = await SendAsync("同意");
        Assert.Equal(WageIntakeStep.Summary, Pending);
        var card = Assert.Single(consent.Replies.Last().Cards);
        Assert.Contains("欠薪金额：12000元", card.Text);
        Assert.Contains("电话：13812345678", card.Text);
        Assert.Contains(card.Buttons, b => b.Value == "确认提交");
        Assert.Contains(card.Buttons, b => b.Value == "修改电话");

        var done = await SendAsync("确认提交");

        Assert.Equal(WageIntakeOutcome.Submitted, done.Outcome);
        Assert.Equal("QX-20250615-0001", done.CaseNumber);
        Assert.Null(_state.WageIntake);
        Assert.Null(_state.ActiveSkill);
        var text = AllText(done);
        Assert.Contains("QX-20250615-0001", text);
        Assert.Contains("138****5678", text);
        Assert.DoesNotContain("13812345678", text);
        Assert.Contains("2026年5月1日", text); // one year from leaving on 2025-05-01
        Assert.Contains("中建某局", text);     // construction: the general contractor pays first
        Assert.Contains("第三十条", text);
        Assert.Contains("12348", text);

        var stored = Assert.Single(_store.All);
        Assert.Equal("王小明", stored.WorkerName);
        Assert.Equal(EmployerKind.LabourContractor, stored.EmployerKind);
        Assert.Equal("张三", stored.EmployerName);
        Assert.Equal(10, stored.WorkerCount);
        Assert.Equal([EvidenceKind.IouOrSettlement, EvidenceKind.Chats], stored.Evidence);
        Assert.True(stored.ConsentGiven);
        Assert.Equal("conv-1", stored.ConversationId);
        Assert.Equal(LimitState.Running, stored.ArbitrationDeadline!.State);
    }

    [Fact]
    public async Task RichFirstMessageFillsSeveralFieldsAtOnce()
    {
        var r = await SendAsync("东湖区工地的包工头张三欠我三个月工钱一万二");

        var s = _state.WageIntake!;
        Assert.Equal(EmployerKind.LabourContractor, s.EmployerKind);
        Assert.Equal("张三", s.EmployerName);
        Assert.Equal("东湖区", s.District);
        Assert.Equal("东湖区工地", s.Workplace);
        Assert.True(s.IsConstruction);
        Assert.Equal(3, s.PeriodMonths);
        Assert.Equal(12000m, s.AmountYuan);
        Assert.Equal(WageIntakeStep.Trade, s.Step);
        Assert.Contains("已经记下", AllText(r));
        Assert.Contains("12000元", AllText(r));
    }

    [Fact]
    public async Task ChangingAnAnswerFromTheSummaryReturnsToTheSummaryAndKeepsHistory()
    {
        await ReachSummaryAsync();

        var ask = await SendAsync("修改金额");
        Assert.Equal(WageIntakeStep.Amount, Pending);
        Assert.Contains("多少钱", AllText(ask));

        var back = await SendAsync("两万");
        Assert.Equal(WageIntakeStep.Summary, Pending);
        Assert.Contains("欠薪金额：20000元", AllText(back));
        var change = Assert.Single(_state.WageIntake!.History);
        Assert.Equal(WageIntakeStep.Amount, change.Field);
        Assert.Equal("12000元", change.OldValue);

        await SendAsync("电话改成139 0000 1111");
        Assert.Equal("13900001111", _state.WageIntake.Phone);
        Assert.Equal(WageIntakeStep.Summary, Pending);

        var done = await SendAsync("确认提交");
        Assert.Equal(2, Assert.Single(_store.All).History.Count);
        Assert.Equal(WageIntakeOutcome.Submitted, done.Outcome);
    }

    [Fact]
    public async Task OptionalQuestionsCanBeSkippedButRequiredOnesAreAskedAgain()
    {
        await SendAsync("包工头欠我钱");
        Assert.Equal(WageIntakeStep.EmployerName, Pending);

        await SendAsync("跳过");
        Assert.Equal(WageIntakeStep.Workplace, Pending);
        Assert.Contains(WageIntakeStep.EmployerName, _state.WageIntake!.Skipped);

        var required = await SendAsync("跳过");
        Assert.Equal(WageIntakeStep.Workplace, Pending);
        Assert.Contains("需要填", AllText(required));
    }

    [Fact]
    public async Task CancellingAsksForConfirmationAndThenDeletesTheAnswers()
    {
        await SendAsync("东湖区工地的包工头张三欠我三个月工钱一万二");

        var confirm = await SendAsync("取消");
        Assert.Contains(confirm.Replies.Single().Buttons, b => b.Value == "确定取消");
        Assert.NotNull(_state.WageIntake);

        var resumed = await SendAsync("继续登记");
        Assert.Equal(WageIntakeOutcome.Asking, resumed.Outcome);
        Assert.Equal(WageIntakeStep.Trade, Pending);

        await SendAsync("算了");
        var cancelled = await SendAsync("确定取消");

        Assert.Equal(WageIntakeOutcome.Cancelled, cancelled.Outcome);
        Assert.Null(_state.WageIntake);
        Assert.Null(_state.ActiveSkill);
        Assert.Empty(_store.All);
    }

    [Fact]
    public async Task UnusableAnswersAreAskedAgainKindlyWithAnExample()
    {
        await ReachStepAsync(WageIntakeStep.Amount);

        var retry = await SendAsync("不晓得多少");
        Assert.Equal(WageIntakeStep.Amount, Pending);
        Assert.Contains("一万二", AllText(retry));
        Assert.True(retry.Replies.Single().ExpectingInput);
        Assert.Equal(1, _state.WageIntake!.FailedAttempts);

        await SendAsync("8500");
        Assert.Equal(0, _state.WageIntake.FailedAttempts);

        await ReachStepAsync(WageIntakeStep.Phone);
        var badPhone = await SendAsync("12345678901");
        Assert.Equal(WageIntakeStep.Phone, Pending);
        Assert.Contains("11位手机号", AllText(badPhone));

        var badName = await ContinueFromAsync(WageIntakeStep.WorkerName, "不告诉你");
        Assert.Equal(WageIntakeStep.WorkerName, Pending);
        Assert.Contains("姓名", AllText(badName));
    }

    [Fact]
    public async Task AQuestionInTheMiddleIsHandedBackAndTheIntakeResumesWhereItWas()
    {
        await ReachStepAsync(WageIntakeStep.Amount);

        var interrupted = await SendAsync("申请劳动仲裁要交钱吗？");

        Assert.Equal(WageIntakeOutcome.Interrupted, interrupted.Outcome);
        Assert.False(interrupted.Consumed);
        Assert.Empty(interrupted.Replies);
        Assert.Equal(WageIntakeStep.Amount, Pending);

        var resumed = _skill.Resume(_state);
        var reply = Assert.Single(resumed);
        Assert.Contains("接着登记", reply.Text);
        Assert.Contains("多少钱", reply.Text);

        await SendAsync("一万二");
        Assert.Equal(12000m, _state.WageIntake!.AmountYuan);
    }

    [Fact]
    public async Task AnIntakeSurvivesARestartThroughJsonWithWebDefaults()
    {
        await SendAsync("东湖区工地的包工头张三欠我三个月工钱一万二");
        await SendAsync("钢筋工");
        await SendAsync("跳过");

        var json = JsonSerializer.Serialize(_state, Web);
        Assert.Contains("\"wageIntake\"", json);
        Assert.Contains("\"step\":\"JobEnded\"", json.Replace(" ", string.Empty));

        // A new process: new state object, new skill instance, same store.
        _state = JsonSerializer.Deserialize<ConversationState>(json, Web)!;
        _skill = NewSkill();
        Assert.Equal(WageIntakeStep.JobEnded, Pending);
        Assert.Equal(12000m, _state.WageIntake!.AmountYuan);
        Assert.Equal(EmployerKind.LabourContractor, _state.WageIntake.EmployerKind);

        foreach (var answer in new[] { "还在干", "就我一个", "都没有", "李娜", "13812345678", "同意" })
        {
            await SendAsync(answer);
            _state = JsonSerializer.Deserialize<ConversationState>(JsonSerializer.Serialize(_state, Web), Web)!;
        }
        var done = await SendAsync("确认提交");

        Assert.Equal(WageIntakeOutcome.Submitted, done.Outcome);
        var stored = Assert.Single(_store.All);
        Assert.Equal("东湖区工地", stored.Workplace);
        Assert.Equal(LimitState.NotRunning, stored.ArbitrationDeadline!.State);
        Assert.Contains("不受一年时效限制", AllText(done));
    }

    [Fact]
    public async Task WithoutConsentNothingIsStoredAndTheWorkerIsToldHowToFileAlone()
    {
        await ReachStepAsync(WageIntakeStep.Consent);

        var declined = await SendAsync("不同意");

        Assert.Equal(WageIntakeOutcome.Declined, declined.Outcome);
        Assert.Empty(_store.All);
        Assert.Null(_state.WageIntake);
        var text = AllText(declined);
        Assert.Contains("不保存", text);
        Assert.Contains("12333", text);
        Assert.DoesNotContain("王小明", text);
    }

    [Fact]
    public async Task AnswersInTraditionalScriptAreReadLikeSimplifiedOnes()
    {
        // The replies stay simplified here: the router converts them for a worker who writes traditional.
        var first = await SendAsync("老闆欠我工錢");
        Assert.Contains(first.Replies.Last().Buttons, b => b.Value == "包工头");

        await SendAsync("包工頭");
        Assert.Equal(EmployerKind.LabourContractor, _state.WageIntake!.EmployerKind);
        await SendAsync("張三");
        await SendAsync("東湖區光谷大道某某小區工地");
        Assert.Equal("东湖区", _state.WageIntake.District);
        await SendAsync("鋼筋工");
        await SendAsync("跳過");
        await SendAsync("兩萬三");
        Assert.Equal(23000m, _state.WageIntake.AmountYuan);
    }

    [Fact]
    public async Task CaseNumbersCountUpWithinADayAndRestartTheNextDay()
    {
        await ReachSummaryAsync();
        var first = await SendAsync("确认提交");
        await ReachSummaryAsync();
        var second = await SendAsync("确认提交");
        _clock.Advance(TimeSpan.FromDays(1));
        await ReachSummaryAsync();
        var third = await SendAsync("确认提交");

        Assert.Equal("QX-20250615-0001", first.CaseNumber);
        Assert.Equal("QX-20250615-0002", second.CaseNumber);
        Assert.Equal("QX-20250616-0001", third.CaseNumber);
        Assert.Equal(3, (await _store.ListAsync(WageCaseStatus.Submitted, default)).Count);
        Assert.NotNull(await _store.GetAsync("QX-20250615-0002", default));
    }

    [Fact]
    public async Task NothingIsFiledWhileARequiredAnswerIsMissingNotEvenFromTheSummary()
    {
        await ReachSummaryAsync();
        _state.WageIntake!.ConsentGiven = null;   // as if the consent had been lost

        var confirm = await SendAsync("确认提交");

        Assert.Equal(WageIntakeOutcome.Asking, confirm.Outcome);
        Assert.Equal(WageIntakeStep.Consent, Pending);
        Assert.Contains("同意吗", AllText(confirm));
        Assert.Empty(_store.All);
    }

    [Fact]
    public async Task NotKnowingARequiredAnswerCountsAsAMissAndTwoOfThemOfferAPerson()
    {
        await ReachStepAsync(WageIntakeStep.Amount);

        var first = await SendAsync("不晓得");
        var second = await SendAsync("真不记得了");

        Assert.Contains("需要填", AllText(first));
        Assert.Equal(WageIntakeStep.Amount, Pending);
        Assert.Contains(second.Replies.Last().Buttons, b => b.Value == "转人工");
    }

    [Fact]
    public async Task TheLastReplyAfterFilingNamesTheCaseAndTheNextStepsAndOffersAPerson()
    {
        await ReachSummaryAsync();

        var done = await SendAsync("确认提交");

        var last = done.Replies.Last();
        Assert.Contains("QX-20250615-0001", last.Text);
        Assert.Contains("接下来", last.Text);
        Assert.Equal("wageCase", (string?)CityWarmth.Skills.Handoff.HandoffMarker.Find(last)?["reason"]);
        Assert.Equal(true, (bool?)CityWarmth.Skills.Handoff.HandoffMarker.Find(last)?["offer"]);
        Assert.Contains(last.Buttons, b => b.Kind == ButtonKind.OpenUrl && b.Value.Contains("/sheet?key=", StringComparison.Ordinal));
    }

    private async Task ReachStepAsync(WageIntakeStep step)
    {
        var answers = new Dictionary<WageIntakeStep, string>
        {
            [WageIntakeStep.Employer] = "包工头",
            [WageIntakeStep.EmployerName] = "张三",
            [WageIntakeStep.Workplace] = "某某电子厂",
            [WageIntakeStep.District] = "东湖区",
            [WageIntakeStep.Trade] = "普工",
            [WageIntakeStep.Construction] = "不是",
            [WageIntakeStep.Amount] = "8000",
            [WageIntakeStep.Period] = "三个月",
            [WageIntakeStep.JobEnded] = "还在干",
            [WageIntakeStep.WorkerCount] = "就我一个",
            [WageIntakeStep.Evidence] = "都没有",
            [WageIntakeStep.WorkerName] = "王小明",
            [WageIntakeStep.Phone] = "13812345678",
            [WageIntakeStep.Consent] = "同意",
        };
        if (!WageIntakeSkill.IsActive(_state))
        {
            await SendAsync("老板欠我工资");
        }
        while (Pending != step)
        {
            var r = await SendAsync(answers[Pending]);
            Assert.Equal(WageIntakeOutcome.Asking, r.Outcome);
        }
    }

    private async Task<WageIntakeResult> ContinueFromAsync(WageIntakeStep step, string text)
    {
        _state.WageIntake!.Step = step;
        return await SendAsync(text);
    }
}
