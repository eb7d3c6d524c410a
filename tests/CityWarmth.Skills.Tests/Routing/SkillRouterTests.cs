using CityWarmth.Knowledge.Text;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Handoff;
using CityWarmth.Skills.Help;
using CityWarmth.Skills.Routing;

namespace CityWarmth.Skills.Tests.Routing;

public sealed class SkillRouterTests
{
    private readonly RouterHarness _bot = new();

    [Theory]
    [InlineData("老板欠我三个月工资", SkillNames.WageDispute)]
    [InlineData("附近有没有招保安的", SkillNames.JobSearch)]
    [InlineData("高温天气干活有什么规定", SkillNames.Policy)]
    [InlineData("转人工", SkillNames.Handoff)]
    [InlineData("我实在不想活了", SkillNames.Handoff)]
    [InlineData("你好", SkillNames.Help)]
    [InlineData("给我讲个笑话", SkillNames.Fallback)]
    [InlineData("高溫天氣幹活有什麼規定", SkillNames.Policy)]
    [InlineData("附近有沒有招保安的", SkillNames.JobSearch)]
    public async Task EachMessageReachesItsSkill(string text, string skill)
    {
        var replies = await _bot.SayAsync(text);

        Assert.Equal(skill, replies[0].Skill);
        Assert.Equal(skill, _bot.State.LastSkill);
    }

    [Fact]
    public async Task CrisisWordsReachAPersonWithHotlinesEvenInTheMiddleOfAnIntake()
    {
        await _bot.SayAsync("老板欠我三个月工资");

        var replies = await _bot.SayAsync("我实在不想活了");

        var reply = Assert.Single(replies);
        Assert.Equal(SkillNames.Handoff, reply.Skill);
        Assert.Contains("12356", reply.Text);
        Assert.Contains("400-161-9995", reply.Text);
        Assert.Contains("110", reply.Text);
        Assert.Contains(reply.Buttons, b => b.Kind == ButtonKind.Call && b.Value == "12356");
        Assert.Equal(HandoffReasons.Crisis, (string?)HandoffMarker.Find(reply)?["reason"]);
        Assert.Empty(_bot.Intake.Offered);
    }

    [Fact]
    public async Task CrisisWordsInTraditionalScriptAreCaughtToo()
    {
        var replies = await _bot.SayAsync("我真的活不下去了，想自殺");

        Assert.Equal(SkillNames.Handoff, replies[0].Skill);
        Assert.Equal("urgent", (string?)HandoffMarker.Find(replies[0])?["priority"]);
    }

    [Fact]
    public async Task AskingForAPersonRecordsAnOrdinaryRequest()
    {
        var replies = await _bot.SayAsync("转人工");

        Assert.Equal(SkillNames.Handoff, replies[0].Skill);
        Assert.NotEmpty(replies[0].Buttons);
        Assert.Equal(HandoffReasons.Explicit, (string?)HandoffMarker.Find(replies[0])?["reason"]);
        Assert.Null(HandoffMarker.Find(replies[0])?["priority"]);
    }

    [Fact]
    public async Task AnOpenIntakeKeepsTheWorkersAnswers()
    {
        var start = await _bot.SayAsync("老板欠我三个月工资");
        Assert.Equal(FakeIntake.Questions[0], start.Single().Text);
        Assert.Equal(SkillNames.WageDispute, _bot.State.ActiveSkill);

        // A bare name or a bare number would mean little to the classifier; the intake takes them.
        var second = await _bot.SayAsync("张建国");
        var done = await _bot.SayAsync("一万二");

        Assert.Equal(FakeIntake.Questions[1], second.Single().Text);
        Assert.Equal("登记好了。", done.Single().Text);
        Assert.Equal(["张建国", "一万二"], _bot.Intake.Answers(_bot.State));
        Assert.Null(_bot.State.ActiveSkill);
    }

    [Fact]
    public async Task AClearQuestionInTheMiddleOfAnIntakeIsAnsweredAndThePendingQuestionAskedAgain()
    {
        await _bot.SayAsync("老板欠我三个月工资");

        var replies = await _bot.SayAsync("高温天气干活有什么规定");

        Assert.Equal(SkillNames.Policy, replies[0].Skill);
        Assert.Equal(FakeIntake.Questions[0], replies[^1].Text);
        Assert.Equal(SkillNames.WageDispute, replies[^1].Skill);
        Assert.Equal(SkillNames.WageDispute, _bot.State.ActiveSkill);
        Assert.Empty(_bot.Intake.Offered);   // clearly something else: the intake was not even asked
    }

    [Fact]
    public async Task AMessageTheIntakeDeclinesIsRoutedAndTheIntakeResumes()
    {
        await _bot.SayAsync("老板欠我三个月工资");
        await _bot.SayAsync("张建国");

        var replies = await _bot.SayAsync("找活的话有保安吗");

        Assert.Contains("找活的话有保安吗", _bot.Intake.Offered.Concat(_bot.Jobs.Texts));
        Assert.Equal(SkillNames.JobSearch, replies[0].Skill);
        Assert.Equal(FakeIntake.Questions[1], replies[^1].Text);
        Assert.Equal(["张建国"], _bot.Intake.Answers(_bot.State));
    }

    [Fact]
    public async Task AnUnclearDeclinedMessageInAnIntakeGetsAShortWordAndTheQuestionAgain()
    {
        await _bot.SayAsync("老板欠我三个月工资");

        var replies = await _bot.SayAsync("qwrtzp？");

        Assert.Equal(["qwrtzp？"], _bot.Intake.Offered);
        Assert.Equal(SkillNames.Fallback, replies[0].Skill);
        Assert.Equal(FakeIntake.Questions[0], replies[^1].Text);
    }

    [Theory]
    [InlineData("算了")]
    [InlineData("取消")]
    [InlineData("不弄了")]
    [InlineData("算了不登記了")]
    public async Task CancelLeavesTheIntake(string text)
    {
        await _bot.SayAsync("老板欠我三个月工资");

        var replies = await _bot.SayAsync(text);

        Assert.True(_bot.Intake.Cancelled);
        Assert.Null(_bot.State.ActiveSkill);
        Assert.Contains(replies[0].Buttons, b => b == HelpSkill.ReportWages || b.Value == ChineseScript.ToTraditional(HelpSkill.ReportWages.Value));
        Assert.DoesNotContain(text, _bot.Intake.Answers(_bot.State));
    }

    [Fact]
    public async Task ContinueAsksThePendingQuestionAgain()
    {
        await _bot.SayAsync("老板欠我三个月工资");
        await _bot.SayAsync("张建国");

        var replies = await _bot.SayAsync("继续登记");

        Assert.Equal(FakeIntake.Questions[1], replies.Single().Text);
        Assert.DoesNotContain("继续登记", _bot.Intake.Answers(_bot.State));
    }

    [Fact]
    public async Task AShortFollowUpGoesToThePreviousSkillWithItsTopic()
    {
        await _bot.SayAsync("农民工培训有补贴吗");

        var replies = await _bot.SayAsync("那住房呢？");

        Assert.Equal(SkillNames.Policy, replies[0].Skill);
        Assert.Equal(["农民工培训有补贴吗", "住房"], _bot.Policy.Texts);
    }

    [Fact]
    public async Task AFollowUpAfterAJobSearchStaysWithTheJobSearch()
    {
        await _bot.SayAsync("附近有没有招保安的");

        var replies = await _bot.SayAsync("那保洁呢");

        Assert.Equal(SkillNames.JobSearch, replies[0].Skill);
        Assert.Equal("保洁", _bot.Jobs.Texts[^1]);
    }

    [Fact]
    public async Task AFollowUpWhoseTopicClearlyBelongsElsewhereGoesThere()
    {
        await _bot.SayAsync("附近有没有招保安的");

        var replies = await _bot.SayAsync("那孩子上学的政策呢");

        Assert.Equal(SkillNames.Policy, replies[0].Skill);
    }

    [Fact]
    public async Task WithoutAPreviousTopicAFollowUpIsClassifiedOnItsOwn()
    {
        var replies = await _bot.SayAsync("那孩子上学呢");

        Assert.Equal(SkillNames.Policy, replies[0].Skill);
        Assert.Equal("那孩子上学呢", _bot.Policy.Texts.Single());
    }

    [Fact]
    public async Task OutOfScopeMessagesGetTheScopeMessageAndTheMenu()
    {
        var replies = await _bot.SayAsync("今天天气怎么样");

        var reply = Assert.Single(replies);
        Assert.Equal(SkillNames.Fallback, reply.Skill);
        Assert.Contains("帮工友办事", reply.Text);
        Assert.Equal(HelpSkill.MenuButtons, reply.Buttons);
    }

    [Fact]
    public async Task AnUnclearMessageGetsAQuestionWithTheTopCandidatesAsButtons()
    {
        var bot = new RouterHarness(AmbiguousClassifier());

        var replies = await bot.SayAsync("问题");

        var reply = Assert.Single(replies);
        Assert.Equal(SkillNames.Fallback, reply.Skill);
        Assert.True(reply.ExpectingInput);
        Assert.Equal(new HashSet<ReplyButton> { HelpSkill.AskPolicy, HelpSkill.FindJobs }, reply.Buttons.ToHashSet());
        Assert.DoesNotContain(HelpSkill.TalkToPerson, reply.Buttons);
        Assert.Empty(bot.Policy.Texts);
        Assert.Empty(bot.Jobs.Texts);
    }

    [Fact]
    public async Task TwoMisunderstandingsInARowOfferAPerson()
    {
        var bot = new RouterHarness(AmbiguousClassifier());

        await bot.SayAsync("问题");
        var second = await bot.SayAsync("问题");

        Assert.Equal(2, bot.State.Misunderstandings);
        Assert.Equal(HelpSkill.TalkToPerson, second[0].Buttons[0]);
        Assert.Contains("转人工", second[0].Text);
    }

    [Fact]
    public async Task AnUnderstoodMessageResetsTheMisunderstandings()
    {
        var bot = new RouterHarness(AmbiguousClassifier());

        await bot.SayAsync("问题");
        await bot.SayAsync("政策问题");
        var third = await bot.SayAsync("问题");

        Assert.Equal(1, bot.State.Misunderstandings);
        Assert.DoesNotContain(HelpSkill.TalkToPerson, third[0].Buttons);
    }

    [Fact]
    public async Task TwoOutOfScopeMessagesInARowAlsoOfferAPerson()
    {
        await _bot.SayAsync("给我讲个笑话");
        var second = await _bot.SayAsync("今天天气怎么样");

        Assert.Contains("转人工", second[0].Text);
        Assert.Contains(HelpSkill.TalkToPerson, second[0].Buttons);
    }

    [Fact]
    public async Task AWorkerWritingTraditionalGetsTraditionalReplies()
    {
        var replies = await _bot.SayAsync("你們能幫我做什麼");

        Assert.True(_bot.State.PrefersTraditional);
        Assert.Equal(ChineseScript.ToTraditional(new HelpSkill().Menu().Text!), replies[0].Text);
        Assert.Contains(replies[0].Buttons, b => b.Title == "問政策");

        var simplified = await _bot.SayAsync("你们能帮我做什么");

        Assert.False(_bot.State.PrefersTraditional);
        Assert.Equal(new HelpSkill().Menu().Text, simplified[0].Text);
    }

    [Fact]
    public void TraditionalConversionKeepsCitationsAsTheyAre()
    {
        var citation = new Citation("关于开展“城暖农民工”服务活动的通知 二、活动内容", "加大保障性住房建设", "/sources/1");
        var reply = new BotReply { Skill = SkillNames.Policy, Text = "可以申请保障性租赁住房。[1]", Citations = [citation] };

        var localised = SkillRouter.Localise([reply], new ConversationState { PrefersTraditional = true }).Single();

        Assert.Equal("可以申請保障性租賃住房。[1]", localised.Text);
        Assert.Same(citation, localised.Citations.Single());
    }

    [Fact]
    public async Task AnEmptyMessageGetsTheMenu()
    {
        var replies = await _bot.SayAsync("   ");

        Assert.Equal(SkillNames.Help, replies.Single().Skill);
    }

    [Fact]
    public async Task TheWelcomeIsTheHelpSkills()
    {
        var replies = await _bot.Router.OnWorkerJoinedAsync(RouterHarness.Turn(""), _bot.State, CancellationToken.None);

        Assert.Equal(SkillNames.Help, replies.Single().Skill);
    }

    [Fact]
    public async Task SkillsReceiveTheWorkersOwnWords()
    {
        await _bot.SayAsync("  附近有沒有招保安的？ ");

        Assert.Equal("附近有沒有招保安的？", _bot.Jobs.Texts.Single());
    }

    /// <summary>"问题" alone sits between policy and job search; "政策问题" is clearly policy.</summary>
    internal static IntentClassifier AmbiguousClassifier() => new(new IntentFeatures(),
    [
        new(Intents.Policy, "政策问题"), new(Intents.Policy, "政策"), new(Intents.Policy, "规定问题"),
        new(Intents.JobSearch, "工作问题"), new(Intents.JobSearch, "工作"), new(Intents.JobSearch, "招聘问题"),
        new(Intents.SmallTalk, "笑话"), new(Intents.Help, "你好"),
    ]);
}
