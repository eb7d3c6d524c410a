using CityWarmth.Knowledge.Analysis;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Indexing;
using CityWarmth.Knowledge.Search;

namespace CityWarmth.Knowledge.Tests.Search;

/// <summary>The ranking methods on small made-up handbooks, so each test isolates one effect.</summary>
public sealed class RankingMethodTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cw-ranking-").FullName;

    private LucenePolicySearch Index(string markdown, params string[] synonymLines)
    {
        File.WriteAllText(Path.Combine(_folder, "handbook.md"), markdown);
        File.WriteAllText(Path.Combine(_folder, "handbook.md.meta.json"),
            """{ "id": "test-handbook", "title": "测试市服务手册", "issuer": "测试市人社局", "date": "2024-01-01" }""");
        var loaded = PolicyCorpus.LoadFolder(_folder);
        var corpus = new PolicyCorpus(loaded.Documents, loaded.ContentHash, synonymLines.Length == 0 ? null : SynonymTable.WithExtra(synonymLines));
        var holder = new PolicyIndexHolder(() => PolicyIndex.BuildInMemory(corpus));
        return new LucenePolicySearch(holder);
    }

    [Fact]
    public void AnEverydayWordInAHeadingDoesNotOutrankTheRareWordTheQuestionIsAbout()
    {
        // "服务" is in most passages and in one heading; "标准" is in one body only.
        using var search = Index("""
            # 测试市服务手册
            ## 就业服务
            提供就业服务、招聘服务和培训服务,服务到家门口,服务全程免费。
            ## 办事便利
            设立一站式服务窗口,制定统一的服务标准,办事更规范。
            ## 住房保障
            提供住房服务,改善居住条件,服务保障到位。
            ## 子女入学
            做好随迁子女入学服务,服务家长咨询。
            """);

        var result = search.Search("服务有没有标准", 3);

        Assert.Equal("办事便利", result.Hits[0].Heading);
    }

    [Fact]
    public void AnExpansionMatchesAsAWholePhraseNotAsItsEverydayWords()
    {
        // "歇脚点" stands for two policy phrases; only one passage holds the phrase the question is about.
        using var search = Index("""
            # 测试市服务手册
            ## 就业驿站
            在园区设立就业服务驿站,就业信息、就业指导、就业服务一站办理,就业更方便。
            ## 暖心驿站
            在街道建立暖心驿站,可以喝水、歇脚、充电。
            """,
            "歇脚点 => 暖心驿站, 就业服务驿站");

        var result = search.Search("暖心的歇脚点在哪", 2);

        Assert.Equal("暖心驿站", result.Hits[0].Heading);
    }

    [Fact]
    public void FillerWordsDoNotSinkAPassageHoldingTheTopicWordBelowSuggesting()
    {
        using var search = Index("""
            # 测试市服务手册
            ## 职业健康
            加大职业病防治知识宣传力度,定期组织体检。
            ## 技能培训
            组织免费技能培训,提升就业能力。
            """);

        var withFiller = search.Search("干活的时候容易得职业病,有人管吗", 2);
        var offTopic = search.Search("今天中午吃什么好,有人推荐吗", 2);

        Assert.Equal("职业健康", withFiller.Hits[0].Heading);
        Assert.True(withFiller.Confidence >= 0.2, $"confidence {withFiller.Confidence}");
        Assert.True(offTopic.Confidence < 0.2, $"off-topic {offTopic.Confidence}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

public sealed class WordWeightsTests
{
    [Theory]
    [InlineData("职业病", "容易")]
    [InlineData("驿站", "有人")]
    [InlineData("欠薪", "怎么")]
    public void ATopicWordWeighsMoreThanAnEverydayWord(string topic, string everyday) =>
        Assert.True(WordWeights.Default.Of(topic) > WordWeights.Default.Of(everyday) + 1);

    [Fact]
    public void MalformedLinesAreSkippedAndUnknownWordsGetTheMedian()
    {
        var weights = WordWeights.Parse(new StringReader("甲 1.0\n乙 3.0\n坏行\n丙 x\n丁 5.0\n"));

        Assert.Equal(3, weights.Count);
        Assert.Equal(3f, weights.Of("未知"));
        Assert.Equal(5f, weights.Of("丁"));
    }

    [Fact]
    public void TheShippedTableIsLoaded() => Assert.True(WordWeights.Default.Count > 100_000);
}
