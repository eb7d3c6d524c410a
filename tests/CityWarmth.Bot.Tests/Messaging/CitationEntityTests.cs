using System.Text.Json.Nodes;
using CityWarmth.Bot.Conversations;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Skills.Conversation;

namespace CityWarmth.Bot.Tests.Messaging;

/// <summary>
/// A cited document is encoded once per citation and written as those bytes by every reply that quotes it: each reply
/// must still carry the right document, for its own address, written exactly as the wire form of the same document.
/// </summary>
public sealed class CitationEntityTests
{
    private static readonly Citation Housing = new("关于开展“城暖农民工”服务活动的通知 (四)改善农民工居住条件", "加大保障性住房建设和供给力度+<b>", "/kb/chengnuan-2023-p09");

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
        Assert.Equal(1, (int?)Wire(second)["citation"]![0]!["position"]);
    }

    [Fact]
    public void TheDocumentPointsAtTheAddressOfTheReplyAskingForIt()
    {
        Assert.Equal("https://one.example/kb/chengnuan-2023-p09", (string?)Document(ReplyFactory.CitationEntity([Housing], "https://one.example"))["url"]);
        Assert.Equal("https://two.example/kb/chengnuan-2023-p09", (string?)Document(ReplyFactory.CitationEntity([Housing], "https://two.example"))["url"]);
    }

    [Fact]
    public void AQuotedDocumentIsWrittenExactlyAsTheSameDocumentBuiltAfresh()
    {
        ReplyFactory.CitationEntity([Housing], "https://bot.example");
        var quoted = ReplyFactory.CitationEntity([Housing], "https://bot.example", "a1");

        var built = Wire(quoted);
        built["citation"]![0]!["appearance"] = new JsonObject
        {
            ["@type"] = "DigitalDocument",
            ["name"] = Housing.Name,
            ["abstract"] = Housing.Abstract,
            ["url"] = "https://bot.example/kb/chengnuan-2023-p09",
        };

        // Chinese as it is, and the characters a page would read as markup escaped, as in every other part of a reply.
        var written = quoted.ToJsonString(ProtocolJson.Options);
        Assert.Equal(built.ToJsonString(ProtocolJson.Options), written);
        Assert.Contains("改善农民工居住条件", written, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", written, StringComparison.Ordinal);
    }

    [Fact]
    public void AClaimCarriesThePositionItIsQuotedAtInEachReply()
    {
        var schooling = new Citation("关于开展“城暖农民工”服务活动的通知 (六)保障农民工子女教育", "保障随迁子女就学", "/kb/chengnuan-2023-p11");

        var housingFirst = Wire(ReplyFactory.CitationEntity([Housing, schooling], "https://bot.example"));
        var housingSecond = Wire(ReplyFactory.CitationEntity([schooling, Housing], "https://bot.example"));

        Assert.Equal([(1, Housing.Name), (2, schooling.Name)], Claims(housingFirst));
        Assert.Equal([(1, schooling.Name), (2, Housing.Name)], Claims(housingSecond));
    }

    [Fact]
    public void TheFeedbackActionsNameTheAnswerTheyRate()
    {
        var first = Wire(ReplyFactory.CitationEntity([Housing], "https://bot.example", "answer-1"));
        var second = Wire(ReplyFactory.CitationEntity([Housing], "https://bot.example", "answer-\"<2>"));

        var expected = new JsonArray(
            new JsonObject { ["@type"] = "LikeAction", ["name"] = "有帮助", ["identifier"] = "answer-\"<2>" },
            new JsonObject { ["@type"] = "DislikeAction", ["name"] = "没帮到我", ["identifier"] = "answer-\"<2>" });
        Assert.Equal("", (string?)second["@id"]);
        Assert.True(JsonNode.DeepEquals(expected, second["potentialAction"]), second["potentialAction"]!.ToJsonString());
        Assert.Equal(["answer-1", "answer-1"], first["potentialAction"]!.AsArray().Select(a => (string?)a!["identifier"]));
        Assert.Null(Wire(ReplyFactory.CitationEntity([Housing], "https://bot.example"))["potentialAction"]);
    }

    private static List<(int, string?)> Claims(JsonObject entity) =>
        [.. entity["citation"]!.AsArray().Select(c => ((int)c!["position"]!, (string?)c["appearance"]!["name"]))];

    private static JsonObject Wire(JsonObject entity) => JsonNode.Parse(entity.ToJsonString(ProtocolJson.Options))!.AsObject();

    private static JsonObject Document(JsonObject entity) => Wire(entity)["citation"]![0]!["appearance"]!.AsObject();
}
