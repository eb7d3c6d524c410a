using System.Text.Json.Nodes;
using CityWarmth.Bot.Conversations;
using CityWarmth.Skills.Conversation;

namespace CityWarmth.Bot.Tests.Messaging;

/// <summary>
/// A cited document is built once per citation and shared by every reply that quotes it: each reply must still get
/// the right document, for its own address, and one reply's entity must not change another's.
/// </summary>
public sealed class CitationEntityTests
{
    private static readonly Citation Housing = new("关于开展“城暖农民工”服务活动的通知 (四)改善农民工居住条件", "加大保障性住房建设和供给力度+", "/kb/chengnuan-2023-p09");

    [Fact]
    public void EveryReplyQuotingACitationGetsTheSameDocument()
    {
        var first = ReplyFactory.CitationEntity([Housing], "https://bot.example", "a1");
        var second = ReplyFactory.CitationEntity([Housing], "https://bot.example", "a2");

        var document = Document(second);
        Assert.Equal("DigitalDocument", (string?)document["@type"]);
        Assert.Equal(Housing.Name, (string?)document["name"]);
        Assert.Equal(Housing.Abstract, (string?)document["abstract"]);
        Assert.Equal("https://bot.example/kb/chengnuan-2023-p09", (string?)document["url"]);
        Assert.Equal(Document(first).ToJsonString(), document.ToJsonString());
        Assert.Equal(1, (int?)second["citation"]![0]!["position"]);
    }

    [Fact]
    public void TheDocumentPointsAtTheAddressOfTheReplyAskingForIt()
    {
        Assert.Equal("https://one.example/kb/chengnuan-2023-p09", (string?)Document(ReplyFactory.CitationEntity([Housing], "https://one.example"))["url"]);
        Assert.Equal("https://two.example/kb/chengnuan-2023-p09", (string?)Document(ReplyFactory.CitationEntity([Housing], "https://two.example"))["url"]);
    }

    [Fact]
    public void ChangingOneRepliesDocumentLeavesTheNextReplysAlone()
    {
        Document(ReplyFactory.CitationEntity([Housing], "https://bot.example"))["name"] = "改过的";

        Assert.Equal(Housing.Name, (string?)Document(ReplyFactory.CitationEntity([Housing], "https://bot.example"))["name"]);
    }

    private static JsonObject Document(JsonObject entity) => entity["citation"]![0]!["appearance"]!.AsObject();
}
