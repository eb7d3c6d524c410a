using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;

namespace CityWarmth.Bot.Tests.Routing;

/// <summary>The messages through /api/messages on the real app, offline (no model configured).</summary>
public sealed class RoutingEndToEndTests : IDisposable
{
    private readonly BotApp _app = new();

    public void Dispose()
    {
        _app.Dispose();
        _app.DeleteData();
    }

    [Theory]
    [InlineData("老板欠我三个月工资", "wageDispute")]
    [InlineData("附近有没有招保安的", "jobSearch")]
    [InlineData("高温天气干活有什么规定", "policy")]
    [InlineData("转人工", "handoff")]
    [InlineData("我实在不想活了", "handoff")]
    [InlineData("你好", "help")]
    [InlineData("给我讲个笑话", "fallback")]
    public async Task EachMessageReachesItsSkill(string text, string skill)
    {
        using var client = _app.CreateHttpClient();

        var replies = await _app.AskAsync(client, TestActivities.Message(text, conversationId: Guid.NewGuid().ToString("N")));

        var first = replies.First(r => r.Type == ActivityTypes.Message);
        Assert.Equal(skill, (string?)first.ChannelData?["skill"]);
        Assert.False(string.IsNullOrWhiteSpace(first.Text));
    }

    [Fact]
    public async Task ACrisisReplyCarriesTheHotlinesAsCallButtons()
    {
        using var client = _app.CreateHttpClient();

        var replies = await _app.AskAsync(client, TestActivities.Message("我实在不想活了"));

        var reply = replies.First(r => r.Type == ActivityTypes.Message);
        Assert.Contains("12356", reply.Text);
        Assert.Contains(reply.SuggestedActions!.Actions, a => a.Type == CardActionTypes.Call && (string?)a.Value == "tel:12356");
    }

    [Fact]
    public async Task TheStateCarriesAFollowUpAcrossTurns()
    {
        using var client = _app.CreateHttpClient();

        await _app.AskAsync(client, TestActivities.Message("附近有没有招保安的", conversationId: "follow-up"));
        var replies = await _app.AskAsync(client, TestActivities.Message("那保洁呢", conversationId: "follow-up"));

        Assert.Equal("jobSearch", (string?)replies[0].ChannelData?["skill"]);
    }

    [Fact]
    public async Task AWorkerWritingTraditionalIsAnsweredInTraditional()
    {
        using var client = _app.CreateHttpClient();

        var replies = await _app.AskAsync(client, TestActivities.Message("你們能幫我做什麼"));

        Assert.Contains("幫您", replies[0].Text);
        Assert.Equal("help", (string?)replies[0].ChannelData?["skill"]);
    }
}
