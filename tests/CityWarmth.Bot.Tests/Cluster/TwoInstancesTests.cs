using CityWarmth.Bot.Tests.DirectLine;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.Tests.Cluster;

/// <summary>
/// Two bot processes on one PostgreSQL database, called directly (no proxy): what must hold when turns of one
/// conversation land on different instances.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TwoInstancesTests
{
    private static readonly string[] WageIntake =
        ["东湖区工地的包工头张三欠我三个月工钱一万二", "钢筋工", "中建某局", "今年3月到5月", "还在干", "十几个人", "欠条/结算单", "完成", "我叫王小明", "138 1234 5678", "同意", "确认提交"];

    [ClusterFact]
    public async Task SixWageIntakesAlternatingBetweenInstancesGetSixDistinctCaseNumbers()
    {
        var kit = new ClusterKit();
        var bots = await kit.StartAsync(2);
        try
        {
            var clients = bots.Select(b => b.CreateClient()).ToArray();
            // Six workers at once, each turn on the other instance than the one before.
            var finals = await Task.WhenAll(Enumerable.Range(0, 6).Select(async worker =>
            {
                IReadOnlyList<Activity> replies = [];
                for (var step = 0; step < WageIntake.Length; step++)
                {
                    var client = clients[(worker + step) % 2];
                    replies = await ClusterKit.AskAsync(client, TestActivities.Message(WageIntake[step], $"wage-{worker}", $"worker-{worker}"));
                }
                return ClusterKit.Text(replies);
            }));

            var numbers = finals.Select(text => ClusterKit.CaseNumber().Match(text)).ToList();
            Assert.All(numbers.Zip(finals), pair => Assert.True(pair.First.Success, "No case number in: " + pair.Second));
            Assert.Equal(6, numbers.Select(n => n.Value).Distinct().Count());
            // Neither lost races nor taken case numbers: the locks kept the instances out of each other's way.
            foreach (var bot in bots)
            {
                Assert.DoesNotContain("saved concurrently", bot.Output);
                Assert.DoesNotContain("23505", bot.Output);
            }
        }
        finally
        {
            await Task.WhenAll(bots.Select(b => b.DisposeAsync().AsTask()));
        }
    }

    [ClusterFact]
    public async Task OneDirectLineConversationPostedToBothAtOnceIsAnsweredOncePerMessageInOrder()
    {
        var kit = new ClusterKit();
        var bots = await kit.StartAsync(2);
        try
        {
            var lines = bots.Select(b => new DirectLineClient(b.CreateClient())).ToArray();
            var issued = await lines[0].GenerateTokenAsync("u_both", ClusterKit.DirectLineSecret);
            var (status, _) = await lines[1].StartAsync(issued.Token);
            Assert.Equal(System.Net.HttpStatusCode.Created, status);

            string[] questions = ["高温天气干活有什么规定?", "工资被拖欠怎么办", "怎么申请法律援助", "在哪里找工作", "工伤怎么认定", "社保怎么交"];
            var posted = await Task.WhenAll(questions.Select((text, i) =>
                lines[i % 2].PostMessageAsync(issued.ConversationId, issued.Token, text, $"client-{i}", "u_both")));

            var histories = await Task.WhenAll(lines.Select(l => l.GetActivitiesAsync(issued.ConversationId, issued.Token)));
            Assert.Equal(histories[0].Watermark, histories[1].Watermark);
            Assert.Equal(histories[0].Activities.Select(a => (a.Id, a.Text)), histories[1].Activities.Select(a => (a.Id, a.Text)));

            // Each message once, then its own replies, before the next message.
            var activities = histories[0].Activities;
            var userMessages = activities.Where(a => a.From?.Id == "u_both").ToList();
            Assert.Equal(posted.OrderBy(id => id, StringComparer.Ordinal), userMessages.Select(a => a.Id!).OrderBy(id => id, StringComparer.Ordinal));
            foreach (var message in userMessages)
            {
                var at = activities.ToList().IndexOf(message);
                var following = activities.Skip(at + 1).TakeWhile(a => a.From?.Id != "u_both").ToList();
                Assert.NotEmpty(following);
                Assert.All(following, reply => Assert.Equal(message.Id, reply.ReplyToId));
                Assert.Equal(following.Count, activities.Count(a => a.ReplyToId == message.Id));
            }
            Assert.Equal(userMessages.Select(m => m.Id), (await kit.StoredInboundIdsAsync(issued.ConversationId)));
        }
        finally
        {
            await Task.WhenAll(bots.Select(b => b.DisposeAsync().AsTask()));
        }
    }
}
