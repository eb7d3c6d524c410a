using System.Net;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;

namespace CityWarmth.Bot.Tests.KnowledgeBase;

/// <summary>
/// Questions in everyday words about a guide written in official ones, through /api/messages on a guide uploaded
/// without metadata (KnowledgeBase/Data/everyday-words-guide.md, fictional, on a topic the shipped knowledge lacks):
/// 户口 finds 户籍, 头一回 finds 首次, 丢了 finds 补领, and a question word decides what is asked even when the
/// question names another kind of thing in passing.
/// </summary>
public sealed class EverydayWordsTests(EverydayWordsTests.AppFixture fixture) : IClassFixture<EverydayWordsTests.AppFixture>
{
    [Fact]
    public async Task HukouInTheQuestionFindsHujiInTheGuide()
    {
        var reply = await AskAsync("外地户口在石川能上电动车牌吗");
        Assert.Contains("不限户籍", FirstLine(reply));
        Assert.Contains("一、谁可以办理", reply.Text);
    }

    [Fact]
    public async Task TheFirstTimeSaidInEverydayWordsChoosesTheFirstTimeLimit()
    {
        var reply = await AskAsync("头一回上牌 电动车牌要等几天");
        Assert.Contains("当场发放", FirstLine(reply));
        Assert.Contains("三、办理时限", reply.Text);
    }

    [Fact]
    public async Task ALostPlateFindsTheReplacementTimeLimit()
    {
        var reply = await AskAsync("电动车牌子弄丢了 再补一个要几天");
        Assert.Contains("5个工作日", FirstLine(reply));
    }

    [Fact]
    public async Task MaterialsMentionedInPassingDoNotTurnATimeQuestionIntoAMaterialsQuestion()
    {
        var reply = await AskAsync("上牌的材料都交齐了 丢了的牌子补领几天能拿到");
        Assert.Contains("5个工作日", FirstLine(reply));
        Assert.DoesNotContain("购车发票", FirstLine(reply));
    }

    [Fact]
    public async Task TheColumnNamingThePlaceKindAnswersWhereTheQuestionNamesAnotherColumn()
    {
        var reply = await AskAsync("西岭那个登记点在哪条街");
        Assert.Contains("松林街6号", FirstLine(reply));
    }

    [Fact]
    public async Task APaperNamedWithABringVerbAsksForMaterials()
    {
        var reply = await AskAsync("上电动车牌要不要拿购车发票去");
        Assert.Contains("购车发票", FirstLine(reply));
        Assert.Contains("二、需要准备的材料", reply.Text);
    }

    private static string FirstLine(Activity reply) => PublishedDocumentsFixture.FirstLine(reply);

    private async Task<Activity> AskAsync(string question)
    {
        var reply = await fixture.AskAsync(question);
        Assert.Equal("policy", reply.ChannelData?["skill"]?.GetValue<string>());
        return reply;
    }

    public sealed class AppFixture() : PublishedDocumentsFixture(Path.Combine("KnowledgeBase", "Data", "everyday-words-guide.md"));
}
