using CityWarmth.Knowledge.Search;
using Xunit.Abstractions;

namespace CityWarmth.Knowledge.Tests.Search;

public sealed class PolicyRankingTests(ShippedKnowledge knowledge, ITestOutputHelper output) : IClassFixture<ShippedKnowledge>
{
    private static string HeldOut => Path.Combine(AppContext.BaseDirectory, "Data", "policy-heldout.jsonl");

    [Fact]
    public void HeldOutWorkerQuestionsFindTheRightSection()
    {
        var questions = PolicyEvaluation.ReadQuestions(HeldOut);
        var report = new PolicyEvaluation(knowledge.Search).Run(questions);
        foreach (var miss in report.Results.Where(r => r.Rank != 1))
        {
            output.WriteLine($"{miss.Question} gold={string.Join(',', miss.Gold)} top={string.Join(',', miss.Top3)} rank={miss.Rank}");
        }

        output.WriteLine($"n={report.Count} hit@1={report.HitAt1:F3} hit@3={report.HitAt3:F3} mrr={report.Mrr:F3}");
        Assert.True(questions.Count >= 60);
        Assert.True(report.HitAt1 >= 0.9, $"hit@1 {report.HitAt1:F3}");
        Assert.True(report.HitAt3 >= 0.97, $"hit@3 {report.HitAt3:F3}");
    }

    [Fact]
    public void OffTopicQuestionsAreNeverAnsweredOutright()
    {
        var questions = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "off-topic-questions.txt"))
            .Where(q => q.Length > 0).ToList();

        var confidences = questions.Select(q => (Question: q, knowledge.Search.Search(q, 5).Confidence)).ToList();

        Assert.True(questions.Count >= 15);
        Assert.All(confidences, c => Assert.True(c.Confidence < 0.45, $"{c.Question}: {c.Confidence}"));
    }

    [Theory]
    [InlineData("外地来打工的能申请保障性租赁住房吗?", "二(四)")]
    [InlineData("孩子隨遷入學需要什麼材料?", "二(五)")]
    public void TheTwoHeadlineQuestionsAreAnsweredFromTheirSection(string question, string section)
    {
        var result = knowledge.Search.Search(question, 3);
        Assert.Equal(section, result.Hits[0].SectionKey);
        Assert.True(result.Confidence >= 0.5, $"confidence {result.Confidence}");
        Assert.InRange(result.Hits[0].Answer.Length, 10, 140);
    }

    [Fact]
    public void AnswersAreSentencesOfThePassageWithoutTheHeading()
    {
        var hit = knowledge.Search.Search("孩子上学要准备什么证明材料", 1).Hits[0];
        Assert.Contains("简化随迁子女入学证明材料", hit.Answer);
        Assert.DoesNotContain("(五)", hit.Answer);
    }

    [Fact]
    public void TheNoticeOutranksTheNewsSummaryOnSharedWording()
    {
        var hits = knowledge.Search.Search("加大保障性住房建设和供给力度", 5).Hits;
        Assert.Equal("二(四)", hits[0].SectionKey);
        Assert.Contains(hits, h => h.Part == CityWarmth.Knowledge.Documents.PassagePart.Summary);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("吗?")]
    public void QuestionsWithoutContentGiveNoHits(string question)
    {
        var result = knowledge.Search.Search(question, 3);
        Assert.Empty(result.Hits);
        Assert.Equal(0, result.Confidence);
    }

    [Fact]
    public void UnrelatedQuestionsHaveLowConfidence()
    {
        var related = knowledge.Search.Search("老板欠工资不给怎么办", 3).Confidence;
        var unrelated = knowledge.Search.Search("明天天气怎么样股票涨不涨", 3).Confidence;
        Assert.True(unrelated < 0.4, $"unrelated {unrelated}");
        Assert.True(related > unrelated);
    }
}
