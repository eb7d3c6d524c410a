using System.Text;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Indexing;
using CityWarmth.Knowledge.Search;
using CityWarmth.Knowledge.Versions;

namespace CityWarmth.Knowledge.Tests.Versions;

public sealed class KnowledgeSetTests
{
    private static readonly SourceDocument Handbook = new(
        new DocumentMetadata { Id = "qinghe", Title = "青禾市手册" }, "qinghe.md",
        Encoding.UTF8.GetBytes("# 青禾市手册\n\n## 夜校报名\n\n青禾市总工会开办农民工夜校,报名请带身份证到文化宫。\n\n## 冬季送温暖\n\n十二月在火车站广场发放棉衣。"));

    [Fact]
    public void TheHashChangesWithSynonymsAndAlternateQuestionsButNotWithOrder()
    {
        var plain = KnowledgeSet.Build([Handbook], [], []);
        var withRule = KnowledgeSet.Build([Handbook], [new SynonymRule(["御寒装备"], ["棉衣"])], []);
        var withAlternate = KnowledgeSet.Build([Handbook], [], [new AlternateQuestion("qinghe-p01", "扫盲班在哪儿")]);
        Assert.NotEqual(plain.ContentHash, withRule.ContentHash);
        Assert.NotEqual(plain.ContentHash, withAlternate.ContentHash);
        Assert.Equal(plain.ContentHash, KnowledgeSet.Build([Handbook], [], []).ContentHash);
        Assert.Null(plain.Synonyms);
    }

    [Fact]
    public void AnAlternateQuestionMakesItsPassageTheConfidentAnswer()
    {
        var before = Search(KnowledgeSet.Build([Handbook], [], []), "扫盲班在哪儿");
        Assert.True(before.Hits.Count == 0 || before.Confidence < 0.45);
        var passage = KnowledgeSet.Build([Handbook], [], []).Documents[0].Passages.First(p => p.Heading == "夜校报名");

        var after = Search(KnowledgeSet.Build([Handbook], [], [new AlternateQuestion(passage.Id, "扫盲班在哪儿")]), "扫盲班在哪儿?");
        Assert.Equal(passage.Id, after.Hits[0].PassageId);
        Assert.True(after.Confidence >= 0.45, $"confidence {after.Confidence}");
    }

    [Fact]
    public void AVersionsSynonymsExtendTheBuiltInTable()
    {
        var corpus = KnowledgeSet.Build([Handbook], [new SynonymRule(["御寒装备"], ["棉衣"])], []);
        Assert.Equal(SynonymTable.Default.Count + 1, corpus.Synonyms!.Count);
        Assert.Equal("冬季送温暖", Search(corpus, "御寒装备去哪拿").Hits[0].Heading);
    }

    [Theory]
    [InlineData("", typeof(CityWarmth.Knowledge.Readers.DocumentReadException))]
    [InlineData("not a zip", typeof(CityWarmth.Knowledge.Readers.DocumentReadException))]
    public void UnreadableFilesAreRefused(string content, Type expected)
    {
        var metadata = new DocumentMetadata { Id = "bad", Title = "bad" };
        Assert.Throws(expected, () => KnowledgeSet.Parse(metadata, content.Length == 0 ? "empty.txt" : "bad.docx", Encoding.UTF8.GetBytes(content)));
    }

    [Theory]
    [InlineData("Coats 2025.txt", "coats-2025")]
    [InlineData("青禾手册.md", null)]
    public void IdsFromFileNamesAreUrlSafe(string fileName, string? expected)
    {
        var id = KnowledgeSet.IdFromFileName(fileName);
        Assert.True(KnowledgeSet.IsValidId(id));
        if (expected is not null)
        {
            Assert.Equal(expected, id);
        }
    }

    private static PolicySearchResult Search(PolicyCorpus corpus, string question)
    {
        using var search = new LucenePolicySearch(new PolicyIndexHolder(() => PolicyIndex.BuildInMemory(corpus)));
        return search.Search(question, 5);
    }
}

public sealed class QuestionGroupsTests
{
    [Fact]
    public void SimilarWordingsShareAGroupAndNumbersAreMasked()
    {
        var groups = QuestionGroups.Group([
            (1, QuestionGroups.Sanitize("扫盲班在哪儿,我电话13812345678")),
            (2, QuestionGroups.Sanitize("扫盲班在哪儿?")),
            (3, QuestionGroups.Sanitize("工伤怎么认定")),
        ]);
        Assert.Equal(2, groups.Count);
        Assert.Equal([1L, 2L], groups[0].Ids);
        Assert.DoesNotContain(groups.SelectMany(g => g.Members), m => m.Contains("138"));
    }
}

public sealed class RegressionComparisonTests
{
    [Fact]
    public void LosingAGoldPassageIsADropAndFindingOneIsAnImprovement()
    {
        var handbook = KnowledgeSet.Build([new SourceDocument(new DocumentMetadata { Id = "qinghe", Title = "青禾市手册" }, "qinghe.md",
            Encoding.UTF8.GetBytes("# 手册\n\n## 夜校报名\n\n农民工夜校报名请带身份证。"))], [], []);
        var empty = new PolicyCorpus([], "empty");
        using var withDoc = new LucenePolicySearch(new PolicyIndexHolder(() => PolicyIndex.BuildInMemory(handbook)));
        using var without = new LucenePolicySearch(new PolicyIndexHolder(() => PolicyIndex.BuildInMemory(empty)));
        var questions = RegressionQuestion.ParseLines("{\"q\":\"夜校怎么报名\",\"gold\":[\"qinghe:夜校报名\"]}\n");

        var worse = RegressionComparison.Run(questions, withDoc, without);
        Assert.True(worse.HasDrop);
        Assert.Equal(1, worse.Outcomes[0].BaselineRank);
        var better = RegressionComparison.Run(questions, without, withDoc);
        Assert.False(better.HasDrop);
        Assert.Single(better.Better);
        Assert.Throws<FormatException>(() => RegressionQuestion.ParseLines("{\"q\":\"x\"}"));
    }
}
