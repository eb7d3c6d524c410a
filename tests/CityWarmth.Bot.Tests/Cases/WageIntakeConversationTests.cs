using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Bot.Tests.Cases;

/// <summary>A worker reports unpaid wages through /api/messages, as a channel would deliver the turns.</summary>
public sealed class WageIntakeConversationTests
{
    private static async Task<IReadOnlyList<Activity>> SayAsync(BotApp app, HttpClient client, string text) =>
        await app.AskAsync(client, TestActivities.Message(text, conversationId: "wage-e2e", userId: "worker-w"));

    private static string Text(IReadOnlyList<Activity> replies) => string.Join("\n", replies.Select(r => r.Text));

    [Fact]
    public async Task AWorkerReportsUnpaidWagesAcrossARestartAndGetsACaseNumber()
    {
        string dataPath;
        using (var app = new BotApp())
        {
            dataPath = app.DataPath;
            using var client = app.CreateHttpClient();
            var first = await SayAsync(app, client, "东湖区工地的包工头张三欠我三个月工钱一万二");
            Assert.All(first, r => Assert.Equal("wageDispute", (string?)r.ChannelData?["skill"]));
            Assert.Contains("一万二", Text(first).Replace("12000", "一万二"));

            // A policy question in the middle is answered, then the pending question comes back.
            var interruption = await SayAsync(app, client, "高温天气干活有什么规定?");
            Assert.Contains(interruption, r => (string?)r.ChannelData?["skill"] == "policy" && r.Entities is { Count: > 0 });
            Assert.Equal("wageDispute", (string?)interruption[^1].ChannelData?["skill"]);
            Assert.Equal(InputHints.ExpectingInput, interruption[^1].InputHint);

            await SayAsync(app, client, "钢筋工");
        }

        // The bot restarts: the answers given so far are still there.
        using var restarted = new BotApp(dataPath);
        using var again = restarted.CreateHttpClient();
        foreach (var answer in new[] { "中建某局", "今年3月到5月", "还在干", "十几个人", "欠条/结算单", "完成", "我叫王小明", "138 1234 5678", "同意" })
        {
            var replies = await SayAsync(restarted, again, answer);
            Assert.Equal("wageDispute", (string?)replies[^1].ChannelData?["skill"]);
        }
        var corrected = await SayAsync(restarted, again, "修改金额");
        Assert.Equal(InputHints.ExpectingInput, corrected[^1].InputHint);
        var summary = await SayAsync(restarted, again, "一万三");
        Assert.Contains(summary, r => r.Attachments?.Any(a => a.Content?.ToJsonString().Contains("13000") == true) == true);

        var done = await SayAsync(restarted, again, "确认提交");

        var text = Text(done);
        Assert.Matches(@"QX-\d{8}-0001", text);
        Assert.Contains("138****5678", text);
        Assert.Contains("12333", text);
        var cases = await restarted.Services.GetRequiredService<IWageCaseStore>().ListAsync(null, default);
        var stored = Assert.Single(cases);
        Assert.Equal(13000m, stored.AmountYuan);
        Assert.Equal("张三", stored.EmployerName);
        Assert.Equal("13812345678", stored.Phone);
        Assert.Contains(done, r => r.SuggestedActions?.Actions.Any(a => a.Type == CardActionTypes.OpenUrl && ((string?)a.Value)!.Contains("/sheet?key=")) == true);
        restarted.DeleteData();
    }
}
