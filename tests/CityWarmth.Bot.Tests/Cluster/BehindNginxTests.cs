using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityWarmth.Bot.Tests.DirectLine;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.BotFramework.Schema;
using CityWarmth.BotFramework.Tests.Fakes;

namespace CityWarmth.Bot.Tests.Cluster;

/// <summary>
/// Three bot processes behind Debian's nginx on one PostgreSQL database, as docs/deployment.md sets them up: load
/// spread round robin, one instance killed mid-load, and the console's live events crossing instances. Behind a proxy
/// the bot hears only authenticated channels, so the instances have a MicrosoftAppId and the turns come with channel
/// tokens signed by a test key that a fake Bot Framework publishes.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BehindNginxTests
{
    private const int Conversations = 9;
    private const int TurnsEach = 8;
    private const int DirectLineConversations = 3;
    private const int DirectLineTurnsEach = 4;

    private static readonly string[] Questions = ["高温天气干活有什么规定?", "工资被拖欠怎么办", "怎么申请法律援助", "你好", "工伤怎么认定", "社保怎么交", "在哪里找工作", "谢谢"];

    // Known failure (issue 27, open): after the SIGKILL a turn can stay unanswered behind nginx; skipped with its
    // reason until the survivors are shown to carry on.
    [ClusterFact(needsNginx: true)]
    public async Task LoadSpreadOverThreeInstancesLosesNothingAcknowledgedWhenOneIsKilled()
    {
        var kit = new ClusterKit();
        await using var botFramework = await FakeBotFrameworkServer.StartAsync();
        var channelKey = TestSigningKey.Create("channel-key", Channels.DirectLine);
        botFramework.AddChannelKey(channelKey);
        var bots = await kit.StartAsync(3, AuthTestServices.Settings(botFramework));
        await using var nginx = await NginxProxy.StartAsync(bots.Select(b => b.Port));
        try
        {
            using var client = nginx.CreateClient();
            var acknowledged = new ConcurrentDictionary<string, string>();   // activity id -> conversation
            var upstreams = new ConcurrentDictionary<string, int>();
            var turnsDone = 0;
            var killed = new TaskCompletionSource();
            var failures = new ConcurrentQueue<string>();

            // A channel sends a turn again when it got no answer; only answered turns count as acknowledged.
            async Task<T> UntilAnswered<T>(Func<Task<T?>> attempt) where T : class
            {
                for (var i = 0; i < 20; i++)
                {
                    if (await attempt() is { } answered)
                    {
                        if (Interlocked.Increment(ref turnsDone) == Conversations * TurnsEach / 3)
                        {
                            bots[1].Kill();
                            killed.TrySetResult();
                        }
                        return answered;
                    }
                    await Task.Delay(200);
                }
                throw new Xunit.Sdk.XunitException("A turn was never answered: the surviving instances did not carry on.\n"
                    + string.Join("\n", failures) + "\n" + string.Join("\n", bots.Select(b => b.Output)));
            }

            var emulator = Enumerable.Range(0, Conversations).Select(async c =>
            {
                for (var t = 0; t < TurnsEach; t++)
                {
                    await UntilAnswered(async () =>
                    {
                        var activity = TestActivities.Message(Questions[t], $"load-{c}", $"worker-{c}", Channels.DirectLine);
                        activity.DeliveryMode = DeliveryModes.ExpectReplies;
                        try
                        {
                            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity, options: ProtocolJson.Options) };
                            request.Headers.Authorization = new("Bearer", TestTokens.Channel(channelKey, serviceUrl: activity.ServiceUrl!));
                            using var response = await client.SendAsync(request);
                            if (response.Headers.TryGetValues("X-Upstream", out var upstream))
                            {
                                upstreams.AddOrUpdate(upstream.First(), 1, (_, n) => n + 1);
                            }
                            if (response.StatusCode != HttpStatusCode.OK)
                            {
                                failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} load-{c} turn {t}: {(int)response.StatusCode} from {string.Join(",", response.Headers.TryGetValues("X-Upstream", out var u) ? u : [])} {await response.Content.ReadAsStringAsync()}");
                                return null;
                            }
                            var replies = (await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options))!.Activities;
                            Assert.NotEmpty(replies);
                            acknowledged[activity.Id!] = $"load-{c}";
                            return replies;
                        }
                        catch (HttpRequestException ex)
                        {
                            failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} load-{c} turn {t}: {ex.Message}");
                            return null;
                        }
                    });
                }
            });

            var directLine = new DirectLineClient(client);
            var directLineIds = new ConcurrentDictionary<string, List<string>>();
            var webChat = Enumerable.Range(0, DirectLineConversations).Select(async c =>
            {
                var issued = await UntilAnswered(async () =>
                {
                    try
                    {
                        var info = await directLine.GenerateTokenAsync($"u_load{c}", ClusterKit.DirectLineSecret);
                        var (status, _) = await directLine.StartAsync(info.Token);
                        return status == HttpStatusCode.Created ? info : null;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or Xunit.Sdk.XunitException)
                    {
                        return null;
                    }
                });
                var ids = directLineIds.GetOrAdd(issued.ConversationId, _ => []);
                for (var t = 0; t < DirectLineTurnsEach; t++)
                {
                    var id = await UntilAnswered(async () =>
                    {
                        try
                        {
                            using var response = await directLine.SendAsync(HttpMethod.Post, $"{DirectLineClient.Domain}/conversations/{issued.ConversationId}/activities", issued.Token,
                                JsonSerializer.Serialize(new Activity { Type = ActivityTypes.Message, Text = Questions[t], From = new ChannelAccount { Id = $"u_load{c}" } }, ProtocolJson.Options));
                            return response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<ResourceResponse>())!.Id : null;
                        }
                        catch (HttpRequestException)
                        {
                            return null;
                        }
                    });
                    ids.Add(id);
                }
                return issued;
            });

            await Task.WhenAll(emulator);
            var conversations = await Task.WhenAll(webChat);
            Assert.True(killed.Task.IsCompleted, "The instance was never killed: too little load.");
            Assert.True(upstreams.Count == 3, "Round robin did not reach every instance: " + string.Join(", ", upstreams.Keys));

            // Every answered turn is stored, once.
            foreach (var conversation in acknowledged.GroupBy(a => a.Value))
            {
                var stored = await kit.StoredInboundIdsAsync(conversation.Key);
                foreach (var (id, _) in conversation)
                {
                    Assert.Equal(1, stored.Count(s => s == id));
                }
            }
            Assert.Equal(Conversations * TurnsEach, acknowledged.Count);

            // Direct Line: the surviving instances list the same history, with every acknowledged message once.
            var survivors = new[] { bots[0], bots[2] }.Select(b => new DirectLineClient(b.CreateClient())).ToArray();
            foreach (var issued in conversations)
            {
                var histories = await Task.WhenAll(survivors.Select(s => s.GetActivitiesAsync(issued.ConversationId, issued.Token)));
                Assert.Equal(histories[0].Activities.Select(a => (a.Id, a.Text)), histories[1].Activities.Select(a => (a.Id, a.Text)));
                foreach (var id in directLineIds[issued.ConversationId])
                {
                    Assert.Single(histories[0].Activities, a => a.Id == id);
                    Assert.Contains(histories[0].Activities, a => a.ReplyToId == id);
                }
            }
        }
        finally
        {
            await Task.WhenAll(bots.Select(b => b.DisposeAsync().AsTask()));
        }
    }
}
