using System.Text.Json;
using System.Text.Json.Nodes;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.BotFramework.Tests.Schema;

public sealed class ActivityJsonTests
{
    private const string WebChatMessage = """
        {"type":"message","id":"abc|0000001","timestamp":"2025-01-01T10:00:00.123Z",
         "localTimestamp":"2025-01-01T11:00:00.000+01:00","localTimezone":"Asia/Shanghai",
         "serviceUrl":"https://directline.botframework.com/","channelId":"directline",
         "from":{"id":"user1","name":"工友","role":"user","x-extra":7},
         "conversation":{"id":"abc","tenantId":"t"},"recipient":{"id":"bot","name":"bot"},
         "locale":"zh-CN","text":"你好","textFormat":"plain",
         "entities":[{"type":"ClientCapabilities","requiresBotState":true,"supportsListening":true,"supportsTts":true}],
         "channelData":{"clientActivityID":"1735725600000abcdef"},
         "somethingFuture":{"nested":[1,2,3]}}
        """;

    [Fact]
    public void UnknownFieldsSurviveARoundTrip()
    {
        var activity = JsonSerializer.Deserialize<Activity>(WebChatMessage, ProtocolJson.Options)!;

        var back = JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJson.Options))!.AsObject();

        Assert.Equal("[1,2,3]", back["somethingFuture"]!["nested"]!.ToJsonString());
        Assert.Equal(7, (int)back["from"]!["x-extra"]!);
        Assert.Equal("1735725600000abcdef", (string?)back["channelData"]!["clientActivityID"]);
        Assert.Equal("ClientCapabilities", (string?)back["entities"]![0]!["type"]);
        Assert.Equal("Asia/Shanghai", (string?)back["localTimezone"]);
        Assert.Equal("t", (string?)back["conversation"]!["tenantId"]);
    }

    [Fact]
    public void SerialisationIsCamelCaseWithoutNulls()
    {
        var json = JsonSerializer.Serialize(new Activity { Type = "message", Text = "工资", InputHint = InputHints.ExpectingInput }, ProtocolJson.Options);

        Assert.Equal("""{"type":"message","text":"工资","inputHint":"expectingInput"}""", json);
    }

    [Fact]
    public void RepliesAreAddressedAsTheSdkDoes()
    {
        var inbound = JsonSerializer.Deserialize<Activity>(WebChatMessage, ProtocolJson.Options)!;

        var reply = inbound.CreateReply();

        Assert.Equal("bot", reply.From!.Id);
        Assert.Equal("user1", reply.Recipient!.Id);
        Assert.Equal("abc|0000001", reply.ReplyToId);
        Assert.Equal("abc", reply.Conversation!.Id);
        Assert.Equal("directline", reply.ChannelId);
        Assert.Equal("https://directline.botframework.com/", reply.ServiceUrl);
        Assert.Null(reply.Id);
    }

    [Fact]
    public void ConversationUpdateOnDirectLineIsAnsweredWithoutReplyToId()
    {
        var update = new Activity { Type = ActivityTypes.ConversationUpdate, Id = "u1", ChannelId = Channels.DirectLine, Conversation = new() { Id = "c" } };

        Assert.Null(update.CreateReply().ReplyToId);
        update.ChannelId = Channels.Emulator;
        Assert.Equal("u1", update.CreateReply().ReplyToId);
    }
}
