using System.Text;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Indexing;
using CityWarmth.Knowledge.Search;
using CityWarmth.Knowledge.Versions;
using CityWarmth.Knowledge.Text;

namespace CityWarmth.Knowledge.Tests.Search;

/// <summary>Two small handbooks, uploaded without titles, searched with the shipped notice.</summary>
public sealed class HandbookKnowledge : IDisposable
{
    public const string NightSchool = """
        # 青禾市职工夜校指南

        ## 报名地点和时间

        报名时间：每周一至周五9:00-17:00，节假日除外。

        报名地点：青禾市工人文化宫三楼服务台(解放路12号)。

        ## 学籍管理

        报名后7日内完成缴费确认。学员连续缺课超过3周的，视为自动退学。

        ## 学费

        夜校学费全免，教材费每学期50元。

        ## 需要带的材料

        报名请带上：

        - 本人身份证；
        - 一寸照片两张；
        - 工会会员证(非会员可以现场入会)。

        ## 各校区

        | 校区 | 地址 | 电话 |
        |---|---|---|
        | 东城校区 | 东风路8号 | 0000-7100001 |
        | 西城校区 | 西山路99号 | 0000-7100002 |
        """;

    public const string Leave = """
        # 青禾市职工休假问答

        ## 婚假

        职工本人结婚的，享受3天假期，假期内工资照发。

        ## 产假

        女职工生育享受98天假期，难产的增加15天。

        ## 探亲假

        与配偶分居两地的职工，每年可以探望配偶一次，假期为30天。
        """;

    public HandbookKnowledge()
    {
        var sources = KnowledgeSet.ReadFolder(ShippedKnowledge.PoliciesFolder).ToList();
        sources.Add(Upload("night-school.md", NightSchool));
        sources.Add(Upload("leave.md", Leave));
        Holder = new PolicyIndexHolder(() => PolicyIndex.BuildInMemory(KnowledgeSet.Build(sources, [], [])));
        Search = new LucenePolicySearch(Holder);
    }

    public PolicyIndexHolder Holder { get; }

    public LucenePolicySearch Search { get; }

    public void Dispose()
    {
        Search.Dispose();
        Holder.Dispose();
    }

    // What an upload without metadata gets: the file name as id and title.
    private static SourceDocument Upload(string fileName, string text) => new(
        new DocumentMetadata { Id = KnowledgeSet.IdFromFileName(fileName), Title = Path.GetFileNameWithoutExtension(fileName), Kind = "handbook" },
        fileName, Encoding.UTF8.GetBytes(text));
}

public sealed class AnswerSelectionTests(HandbookKnowledge knowledge) : IClassFixture<HandbookKnowledge>
{
    [Theory]
    [InlineData("劳动仲裁的电话是多少", AnswerKind.Phone)]
    [InlineData("人社局监察大队在哪条街", AnswerKind.Address)]
    [InlineData("窗口周六开门吗", AnswerKind.OpeningHours | AnswerKind.YesNo)]
    [InlineData("工伤认定要多少天出结果", AnswerKind.Duration)]
    [InlineData("高温津贴什么时候发", AnswerKind.Date)]
    [InlineData("焊工中级证补贴多少钱", AnswerKind.Money)]
    [InlineData("打劳动仲裁收不收费", AnswerKind.Fee)]
    [InlineData("去监察大队投诉要带什么东西", AnswerKind.Materials)]
    [InlineData("手机上怎么申请", AnswerKind.Procedure)]
    [InlineData("农民工子女能在城里上学吗", AnswerKind.YesNo)]
    [InlineData("医保报销比例是多少", AnswerKind.Rate)]
    [InlineData("讲讲这次活动", AnswerKind.None)]
    [InlineData("我自己去申请最晚要在好久之内", AnswerKind.Duration)]
    [InlineData("工会助学能给好多钱", AnswerKind.Money)]
    [InlineData("补助几多钱", AnswerKind.Money)]
    [InlineData("证件都交齐了 多少天能办好", AnswerKind.Duration)]
    [InlineData("电话打不通 办事大厅在哪里", AnswerKind.Address)]
    [InlineData("要什么材料 几天能办好", AnswerKind.Materials | AnswerKind.Duration)]
    [InlineData("办暂住要不要拿结婚证去", AnswerKind.Materials | AnswerKind.YesNo)]
    [InlineData("户口本用不用带", AnswerKind.Materials | AnswerKind.YesNo)]
    [InlineData("黑中介乱收费去哪里投诉", AnswerKind.Address | AnswerKind.Phone)]
    public void AQuestionSaysWhatKindOfAnswerItWants(string question, AnswerKind expected) =>
        Assert.Equal(expected, AnswerKinds.Of(TextNormalizer.ForMatching(question)));

    [Fact]
    public void AnAddressQuestionGetsTheAddressNotTheOpeningHours()
    {
        var hit = Top("夜校报名的地方在哪里");
        Assert.Contains("解放路12号", hit.Answer);
        Assert.DoesNotContain("9:00", hit.Answer);
        Assert.Equal("报名地点和时间", hit.Heading);
    }

    [Fact]
    public void AnOpeningHoursQuestionGetsTheHoursNotTheAddress()
    {
        // The question names the place, yet asks for the time.
        var hit = Top("工人文化宫服务台几点开始报名");
        Assert.Contains("9:00-17:00", hit.Answer);
        Assert.DoesNotContain("解放路", hit.Answer);
    }

    [Fact]
    public void ATimeLimitQuestionGetsTheLimitOfWhatItAsksAbout()
    {
        var hit = Top("夜校连续缺课多久会被退学");
        Assert.Contains("3周", hit.Answer);
        Assert.DoesNotContain("7日", hit.Answer);
    }

    [Fact]
    public void AMaterialsQuestionGetsTheWholeList()
    {
        var answer = Top("报名夜校要带哪些东西").Answer;
        Assert.All(["身份证", "照片", "工会会员证"], item => Assert.Contains(item, answer));
    }

    [Fact]
    public void ATableQuestionIsAnsweredFromTheRowItNames()
    {
        var hit = Top("西城校区的电话是多少");
        Assert.StartsWith("西城校区 · 电话：0000-7100002", hit.Answer);
        Assert.DoesNotContain("0000-7100001", hit.Answer);
        Assert.Equal("青禾市职工夜校指南", hit.DocumentTitle);
    }

    [Fact]
    public void AFeeQuestionGetsTheSentenceAboutTheFee()
    {
        Assert.Contains("学费全免", Top("上夜校要交钱吗").Answer);
    }

    [Fact]
    public void AValueLateInALongSentenceIsSaidFirst()
    {
        var units = PassageUnits.Of(new PolicyPassage("p", "d", 0, PassagePart.Body, "一", "咨询", ["咨询"],
            "咨询\n遇到侵害女职工权益的情况，可以拨打梅岭市总工会女职工维权热线0000-3312351。", "手册", "", null));
        var question = Analysis("维权热线是多少");

        Assert.StartsWith("电话：0000-3312351。遇到侵害", AnswerExtractor.Extract(units, question, AnswerExtractor.Terms(question)));
    }

    [Fact]
    public void AHeadingThatSaysWhatTheQuestionIsAboutIsAnsweredWithConfidence()
    {
        // "生孩子" is said "产假" in the heading; the question's other words ("老婆", "厂里") are nowhere.
        var result = knowledge.Search.Search("老婆在厂里上班，生孩子能休多少天", 5);
        Assert.Equal("产假", result.Hits[0].Heading);
        Assert.Contains("98天", result.Hits[0].Answer);
        Assert.True(result.Confidence >= 0.45, $"confidence {result.Confidence}");
    }

    [Fact]
    public void AskingWordsParticlesAndWhatTheWorkerHasDoNotChooseTheAnswer()
    {
        var question = Analysis("办卡除了身份证还要交学费吗 几点关门");
        Assert.DoesNotContain("费吗", question.Bigrams);
        Assert.True(question.IsAskingOrKnown("身份证"));
        Assert.True(question.IsAskingOrKnown("关门"));
        Assert.False(question.IsAskingOrKnown("学费"));
    }

    private PolicySearchHit Top(string question) => knowledge.Search.Search(question, 5).Hits[0];

    private static QuestionAnalysis Analysis(string question)
    {
        using var words = CityWarmth.Knowledge.Analysis.ChineseAnalyzers.CreateWords();
        using var bigrams = CityWarmth.Knowledge.Analysis.ChineseAnalyzers.CreateBigrams();
        return new QuestionAnalysis(question, words, bigrams, SynonymTable.Default);
    }
}

public sealed class ColloquialLexiconTests
{
    [Fact]
    public void EverydayWordsAreReadAsWrittenOnesAtALowerShare()
    {
        var matches = SynonymTable.Colloquial.Expand(TextNormalizer.ForMatching("外省户口头一回办能拿得到吗"));
        Assert.Contains(matches, m => m.Terms.Contains("户籍"));
        Assert.Contains(matches, m => m.Form == "头一回" && m.Terms.Contains("首次"));
        Assert.Contains(matches, m => m.Terms.Contains("领取"));
        Assert.All(matches, m => Assert.True(m.Share < 1));
    }

    [Fact]
    public void APolicySynonymAndTheLexiconBothReadAWord()
    {
        using var words = CityWarmth.Knowledge.Analysis.ChineseAnalyzers.CreateWords();
        using var bigrams = CityWarmth.Knowledge.Analysis.ChineseAnalyzers.CreateBigrams();
        var analysis = new QuestionAnalysis("孩子上学要带户口本吗", words, bigrams, SynonymTable.Default);
        // "户口" is a policy synonym (城镇落户); the lexicon reads "户口本" as 户口簿 too, at its lower share.
        Assert.Contains(analysis.Expansions, e => e.Form == "户口" && e.Share == 1);
        Assert.Contains(analysis.Expansions, e => e.Form == "户口本" && e.Share < 1);
        Assert.True(analysis.ShareOf("户口簿") < 1);
        Assert.Equal(1, analysis.ShareOf("城镇落户"));
    }
}

public sealed class DurationUnitTests
{
    [Theory]
    [InlineData("单位要在多少天内去申请", "日")]
    [InlineData("要等几个工作日", "日")]
    [InlineData("断交几个月就要重新等", "月")]
    [InlineData("居住证管几年", "年")]
    [InlineData("多久能办好", null)]
    public void AQuestionSaysTheUnitItCountsTimeIn(string question, string? unit) =>
        Assert.Equal(unit, AnswerKinds.DurationUnit(TextNormalizer.ForMatching(question)));

    [Theory]
    [InlineData("受理后5个工作日内发放", "日", true)]
    [InlineData("事故发生之日起1年内提出", "日", false)]
    [InlineData("材料齐全的当场发放号牌", "年", true)]
    public void ALimitIsInTheUnitAskedOrAtOnce(string text, string unit, bool holds) =>
        Assert.Equal(holds, AnswerKinds.HoldsDurationIn(TextNormalizer.ForMatching(text), unit));
}
