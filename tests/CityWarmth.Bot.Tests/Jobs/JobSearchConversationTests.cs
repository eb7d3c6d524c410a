using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;

namespace CityWarmth.Bot.Tests.Jobs;

/// <summary>A worker looks for work through /api/messages, over the shipped sample postings.</summary>
public sealed class JobSearchConversationTests
{
    private static async Task<IReadOnlyList<Activity>> SayAsync(BotApp app, HttpClient client, string text) =>
        await app.AskAsync(client, TestActivities.Message(text, conversationId: "jobs-e2e", userId: "worker-j"));

    [Fact]
    public async Task ResultsComeAsCardsAndFollowUpsRefineAndPageThem()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();

        var first = await SayAsync(app, client, "附近有没有招保安的");
        var district = await SayAsync(app, client, "要东湖区的");
        var more = await SayAsync(app, client, "还有吗");

        Assert.Equal("jobSearch", (string?)first[0].ChannelData?["skill"]);
        Assert.All([.. first, .. district, .. more], r => Assert.Equal("jobSearch", (string?)r.ChannelData?["skill"]));
        var districtCards = district.SelectMany(r => r.Attachments ?? []).ToList();
        Assert.NotEmpty(districtCards);
        Assert.All(districtCards, a => Assert.Equal("application/vnd.microsoft.card.hero", a.ContentType));
        Assert.All(districtCards, a => Assert.Contains("东湖区", a.Content!.ToJsonString(ProtocolJson.Options)));
        Assert.NotEqual(
            string.Join("|", district.SelectMany(r => r.Attachments ?? []).Select(a => a.Content!.ToJsonString(ProtocolJson.Options))),
            string.Join("|", more.SelectMany(r => r.Attachments ?? []).Select(a => a.Content!.ToJsonString(ProtocolJson.Options))));
        app.DeleteData();
    }
}
