using CityWarmth.Knowledge.Text;
using CityWarmth.Skills.Routing;

namespace CityWarmth.Skills.Tests.Routing;

/// <summary>The router's reading of a message: pinyin, dialect, speech acts and danger.</summary>
public sealed class MessageCuesTests
{
    private static IReadOnlySet<string> Cues(string text) => MessageCues.Default.Find(RoutingText.Read(TextNormalizer.ForMatching(text)));

    [Theory]
    [InlineData("lao ban qian wo gong zi bu gei", "老板欠我工资不给")]
    [InlineData("gongzu fang zenme shenqing", "公租房怎么申请")]
    [InlineData("老細唔出糧 點算", "老板不发工资 怎么办")]
    [InlineData("边度请人啊", "哪里请人啊")]
    [InlineData("hello 你好", "hello 你好")]   // English stays English
    [InlineData("you", "you")]                 // one short word is as likely English
    public void PinyinIsReadAsCharactersAndDialectIsFolded(string text, string read) =>
        Assert.Equal(read, RoutingText.Read(TextNormalizer.ForMatching(text)));

    [Theory]
    [InlineData("欠薪投诉电话是多少啊")]
    [InlineData("打劳动仲裁收不收费")]
    [InlineData("去监察大队投诉要带什么东西")]
    public void AQuestionAskingForSomethingAboutArrearsIsAWageQuestion(string text)
    {
        var cues = Cues(text);
        Assert.Contains(MessageCues.WageQuestion, cues);
        Assert.DoesNotContain(MessageCues.WageReport, cues);
    }

    [Theory]
    [InlineData("老板不发工资怎么办")]
    [InlineData("包工头欠我六千块 投诉电话是多少")]
    [InlineData("干了半年活 老板跑路了")]
    public void PayOwedToTheSpeakerIsAReport(string text)
    {
        var cues = Cues(text);
        Assert.Contains(MessageCues.WageReport, cues);
        Assert.DoesNotContain(MessageCues.WageQuestion, cues);
    }

    [Fact]
    public void AskingWhetherSomethingIsGivenIsNoReportThatItIsNot() =>
        Assert.DoesNotContain(MessageCues.Report, Cues("政府给不给补贴"));

    [Theory]
    [InlineData("哪里招塔吊司机")]
    [InlineData("有冇工开")]
    [InlineData("找个开铲车的活")]
    [InlineData("招不招育婴师")]
    public void JobSeekingFormsCountWhateverTheTrade(string text) => Assert.Contains(MessageCues.JobSeeking, Cues(text));

    [Theory]
    [InlineData("我想找工作人员")]
    [InlineData("找不到活心里难受有没有心理咨询")]
    [InlineData("找包工头要工资")]
    public void WordsThatOnlyLookLikeJobSeekingAreNot(string text) => Assert.DoesNotContain(MessageCues.JobSeeking, Cues(text));

    [Theory]
    [InlineData("工头动手打人", DangerKind.Violence)]
    [InlineData("去要工资被老板的人打了 头破了", DangerKind.Violence)]
    [InlineData("他们说再要钱就弄死我", DangerKind.Threat)]
    [InlineData("老板把我们锁在宿舍里", DangerKind.Detention)]
    [InlineData("身份证被老板收走了", DangerKind.IdTaken)]
    [InlineData("工友从架子上摔下来送医院了", DangerKind.Emergency)]
    [InlineData("受伤了老板不给看病 还欠着工资", DangerKind.Emergency)]
    [InlineData("身上一分钱都没有了 回不了家", DangerKind.Destitution)]
    [InlineData("两天没吃东西了 老板不给钱", DangerKind.Destitution)]
    [InlineData("在路口被车撞了 躺在地上起不来", DangerKind.Emergency)]
    public void DangerIsNamedByKind(string text, DangerKind kind) => Assert.Equal(kind, DangerDetector.Detect(Cues(text)));

    [Theory]
    [InlineData("想在医院当护工 哪里招")]
    [InlineData("我想打个电话给你们")]
    [InlineData("老板给我打了欠条")]
    [InlineData("怎么打人工电话")]
    [InlineData("累得要命")]
    [InlineData("工资被砍了一半")]
    [InlineData("早上总是起不来 上班迟到会扣钱吗")]
    [InlineData("去年摔断过胳膊 现在还能补报工伤吗")]
    public void EverydayWordsAreNoDanger(string text) => Assert.Null(DangerDetector.Detect(Cues(text)));

    [Theory]
    [InlineData("老板欠我三个月工资 这样合不合法")]
    [InlineData("工资拖了两年了还能要回来吗")]
    [InlineData("被辞退了能拿多少经济补偿")]
    public void QuestionsOfLegalityTimeLimitsAndCompensationAreQuestions(string text)
    {
        var cues = Cues(text);
        Assert.Contains(MessageCues.LegalQuestion, cues);
        Assert.DoesNotContain(MessageCues.WageReport, cues);
    }
}
