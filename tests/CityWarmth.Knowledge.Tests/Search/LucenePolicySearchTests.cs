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
}
