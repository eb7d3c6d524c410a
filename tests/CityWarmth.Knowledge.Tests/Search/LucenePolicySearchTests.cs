using CityWarmth.Knowledge.Indexing;
using CityWarmth.Knowledge.Search;

namespace CityWarmth.Knowledge.Tests.Search;

public sealed class LucenePolicySearchTests(ShippedKnowledge knowledge) : IClassFixture<ShippedKnowledge>
{
    [Theory]
    [InlineData("外地来打工的能申请保障性租赁住房吗?")]
    [InlineData("欠薪可以打什么电话")]
    public void ARepeatedQuestionGetsTheSameAnswerAsAFreshSearch(string question)
    {
        var first = knowledge.Search.Search(question, 5);
        var again = knowledge.Search.Search(question, 5);

        using var holder = new PolicyIndexHolder(() => PolicyIndex.BuildInMemory(knowledge.Corpus));
        using var fresh = new LucenePolicySearch(holder);
        var expected = fresh.Search(question, 5);

        Assert.NotEmpty(expected.Hits);
        foreach (var result in new[] { first, again })
        {
            Assert.Equal(expected.Hits.Select(h => h.PassageId), result.Hits.Select(h => h.PassageId));
            Assert.Equal(expected.Confidence, result.Confidence);
            Assert.Equal(expected.Hits[0].Answer, result.Hits[0].Answer);
        }
    }

    [Fact]
    public void AskingForMoreHitsIsNotAnsweredFromAShorterEarlierResult()
    {
        const string question = "农民工就业服务和技能培训";

        Assert.Single(knowledge.Search.Search(question, 1).Hits);
        Assert.True(knowledge.Search.Search(question, 4).Hits.Count > 1);
    }

    [Fact]
    public void AMessageAsLongAsAWorkerMaySendIsSearchedWithoutBreakingTheQuery()
    {
        // 2,000 characters (the bot's message limit): a story around the question, and characters in no order at all.
        var random = new Random(11);
        var story = string.Concat(Enumerable.Repeat("我在工地上干了三个月，老板一直拖欠工资不给，还说要等工程款下来再发。", 20));
        var noise = new string([.. Enumerable.Range(0, 2000 - story.Length).Select(_ => (char)random.Next(0x4E00, 0x9FA5))]);

        var result = knowledge.Search.Search(story + noise, 3);

        Assert.NotEmpty(result.Hits);
        Assert.Contains(result.Hits, h => h.Answer.Contains("工资", StringComparison.Ordinal));
    }
}
