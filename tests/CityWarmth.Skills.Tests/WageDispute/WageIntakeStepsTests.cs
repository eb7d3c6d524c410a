using System.Text.Json;
using System.Text.Json.Nodes;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Skills.Tests.WageDispute;

/// <summary>The table of intake steps: one record a question, walked in order.</summary>
public sealed class WageIntakeStepsTests
{
    [Fact]
    public void EveryQuestionHasOneRecordInTheOrderAsked()
    {
        Assert.Equal(Enum.GetValues<WageIntakeStep>().Where(s => s != WageIntakeStep.Summary), WageIntakeSteps.All.Select(s => s.Id));
    }

    [Fact]
    public void AWordAfter修改ReopensOneQuestionOnly()
    {
        var words = WageIntakeSteps.All.SelectMany(s => s.EditWords).ToList();

        Assert.Equal(words.Distinct().Count(), words.Count);
        Assert.All(WageIntakeSteps.All.Where(s => s.OnSummaryCard), s => Assert.Contains(s.Name, s.EditWords));
    }

    [Fact]
    public void AnOptionalQuestionCanBeSkippedWithAButtonAndARequiredOneCannot()
    {
        var state = new WageIntakeState();
        foreach (var step in WageIntakeSteps.All)
        {
            var skip = step.Buttons(state).Any(b => b.Value == "跳过");
            // Evidence ends with "都没有" instead.
            Assert.True(step.Id == WageIntakeStep.Evidence || skip == step.Optional, step.Id.ToString());
        }
    }

    [Fact]
    public void TheNextQuestionIsTheFirstOpenOneAndSkippedOnesStaySkipped()
    {
        var s = new WageIntakeState { EmployerKind = EmployerKind.Company, EmployerName = "恒达公司", Workplace = "某某电子厂" };
        Assert.Equal(WageIntakeStep.District, WageIntakeSteps.NextStep(s));

        s.Skipped.Add(WageIntakeStep.District);
        s.IsConstruction = false;
        Assert.Equal(WageIntakeStep.Trade, WageIntakeSteps.NextStep(s));

        s.Trade = "普工";
        Assert.Equal(WageIntakeStep.Amount, WageIntakeSteps.NextStep(s));   // no general contractor off a construction site
    }

    [Fact]
    public void TheSummaryShowsEachFactOnceWithUnsetOnesMarked()
    {
        var s = new WageIntakeState
        {
            EmployerKind = EmployerKind.LabourContractor, EmployerName = "张三", IsConstruction = true, GeneralContractor = "中建某局",
            AmountYuan = 12000, JobEnded = true, JobEndedOn = new DateOnly(2025, 5, 1), JobEndedOnApproximate = true,
        };

        var lines = WageIntakeSteps.SummaryLines(s).ToList();

        Assert.Equal(
        [
            "欠薪方：包工头 张三", "干活地点：未填", "建筑工程：是（总包/项目：中建某局）", "欠薪金额：12000元", "欠薪时间：未填",
            "现在情况：已离职（2025年5月1日左右）", "被欠人数：未填", "证据：暂无", "姓名：未填", "电话：未填",
        ], lines);
    }
}

/// <summary>How a message is read as an answer to the pending question.</summary>
public sealed class IntakeAnswerReadingTests
{
    [Theory]
    [InlineData("是,建筑工地", "建筑工地")]
    [InlineData("嗯 就是建筑工地啊", "建筑工地")]
    [InlineData("在东湖区", "东湖区")]
    [InlineData("我在光谷那边的工地", "光谷那边的工地")]
    [InlineData("是啊，建築工地上", "建筑工地")]
    [InlineData("电子厂里", "电子厂")]
    [InlineData("张上", "张上")]
    [InlineData("对，包工头", "包工头")]
    [InlineData("知道，是中建三局", "中建三局")]
    [InlineData("有色金属公司", "有色金属公司")]
    [InlineData("对外贸易公司", "对外贸易公司")]
    [InlineData("是", "")]
    public void FillersAroundAnAnswerAreReadPast(string message, string plain)
    {
        Assert.Equal(plain, WageText.WithoutFillers(WageText.Normalize(message)));
    }

    [Theory]
    [InlineData("仲裁要交钱吗", true)]
    [InlineData("帮我找个电工的活", true)]
    [InlineData("转人工", true)]
    [InlineData("谢谢", true)]
    [InlineData("算了不登记了", true)]
    [InlineData("附近有没有招保安的", true)]
    [InlineData("打仲裁收不收费", true)]
    [InlineData("欠工资的投诉热线是几号", true)]
    [InlineData("不想弄了", true)]
    [InlineData("十几个人", false)]
    [InlineData("上个月十几号", false)]
    [InlineData("是,建筑工地", false)]
    [InlineData("帮我们干活的包工头", false)]
    [InlineData("钢筋工", false)]
    [InlineData("一万二左右吧", false)]
    public void TellsARequestForSomethingElseFromAnAnswer(string message, bool elsewhere)
    {
        Assert.Equal(elsewhere, WageText.AsksForSomethingElse(WageText.Normalize(message)));
    }

    [Theory]
    [InlineData(WageIntakeStep.Employer, "是,建筑工地", true)]
    [InlineData(WageIntakeStep.Workplace, "就在建筑工地上", true)]
    [InlineData(WageIntakeStep.Amount, "是,建筑工地", true)]       // not an amount, but a reply: asked again, not routed
    [InlineData(WageIntakeStep.Trade, "我是洗碗工", true)]
    [InlineData(WageIntakeStep.EmployerName, "不知道他叫啥", true)]  // reads like a question, answers one
    [InlineData(WageIntakeStep.Summary, "修改金额", true)]
    [InlineData(WageIntakeStep.Employer, "取消", true)]
    [InlineData(WageIntakeStep.Trade, "帮我找个电工的活", false)]
    [InlineData(WageIntakeStep.Amount, "申请劳动仲裁要交钱吗？", false)]
    [InlineData(WageIntakeStep.Employer, "我要找人工客服", false)]
    public void TheIntakeExpectsRepliesToItsQuestionButNotOtherRequests(WageIntakeStep step, string message, bool expected)
    {
        var state = new ConversationState { WageIntake = new WageIntakeState { Step = step } };

        Assert.Equal(expected, WageIntakeSkill.ExpectsAsAnswer(message, state));
    }

    [Fact]
    public void NothingIsExpectedWithoutAnOpenIntake()
    {
        Assert.False(WageIntakeSkill.ExpectsAsAnswer("钢筋工", new ConversationState()));
    }
}

/// <summary>The facts are declared once; the state and the case keep the JSON they were stored with before.</summary>
public sealed class WageFactsJsonTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    // The property names the case had before it shared the facts with the intake (taken from a stored case).
    private static readonly string[] CaseNamesBefore =
    [
        "id", "caseNumber", "sheetKey", "sheetUrl", "status", "conversationId", "channelId", "startedAt", "submittedAt", "updatedAt",
        "employerKind", "employerName", "employerAbsconded", "workplace", "district", "trade", "isConstruction", "generalContractor",
        "amountYuan", "amountApproximate", "periodFrom", "periodTo", "periodMonths", "periodOngoing", "periodApproximate", "jobEnded",
        "jobEndedOn", "workerCount", "workerCountApproximate", "evidence", "workerName", "phone", "consentGiven", "consentAt",
        "arbitrationDeadline", "inspectionDeadline", "routes", "evidenceAdvice", "liabilityNotes", "history", "maskedName",
        "maskedPhone", "employerDisplay", "amountDisplay",
    ];

    [Fact]
    public void AFiledCaseKeepsItsFlatJsonAndCopiesTheFactsItWasFiledWith()
    {
        var state = new WageIntakeState
        {
            EmployerName = "张三", IsConstruction = true, AmountYuan = 8000, Evidence = [EvidenceKind.Chats], ConsentGiven = true,
            WorkerName = "王小明", Phone = "13812345678",
        };

        var filed = WageCase.FromIntake(state, "conv", "webchat", DateTimeOffset.UnixEpoch, TestClock.Today);
        state.Evidence = [.. state.Evidence, EvidenceKind.Contract];
        var json = JsonSerializer.SerializeToNode(filed, Web)!.AsObject();

        Assert.All(CaseNamesBefore, name => Assert.True(json.ContainsKey(name), name));
        Assert.Equal(JsonValueKind.True, json["isConstruction"]!.GetValueKind());
        Assert.Equal([EvidenceKind.Chats], filed.Evidence);   // the copy does not follow the intake
        Assert.True(filed.ConsentGiven);
        Assert.DoesNotContain("13812345678", filed.ToString());
    }

    [Fact]
    public void AnIntakeSavedWithTheOldConsentNameIsReadAndSavedWithTheSharedName()
    {
        var saved = """{"step":"Summary","employerName":"张三","isConstruction":false,"consent":true,"evidence":["Chats"],"skipped":["District"]}""";

        var state = JsonSerializer.Deserialize<WageIntakeState>(saved, Web)!;
        var again = JsonSerializer.SerializeToNode(state, Web)!.AsObject();

        Assert.True(state.ConsentGiven);
        Assert.Equal(WageIntakeStep.Summary, state.Step);
        Assert.Equal([WageIntakeStep.District], state.Skipped);
        Assert.False(again.ContainsKey("consent"));
        Assert.True((bool)again["consentGiven"]!);
        Assert.False(again.ContainsKey("facts"));
    }
}
