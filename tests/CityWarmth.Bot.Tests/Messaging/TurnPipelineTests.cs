using System.Net;
using System.Net.Http.Json;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;

namespace CityWarmth.Bot.Tests.Messaging;

public sealed class TurnPipelineTests
{
    [Fact]
    public async Task NormalDeliveryPostsRepliesToTheConnector()
    {
        await using var connector = await FakeConnector.StartAsync();
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        var inbound = TestActivities.Message("你好", conversationId: "conv/with spaces");
        inbound.ServiceUrl = connector.ServiceUrl;

        var response = await client.PostAsJsonAsync("/api/messages", inbound, ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var received = await connector.WaitForAsync(2);
        // A typing indicator first, then the answer, both sent as replies to the inbound activity.
        Assert.Equal(ActivityTypes.Typing, received[0].Activity.Type);
        var answer = received.Single(r => r.Activity.Type == ActivityTypes.Message);
        Assert.Equal($"/v3/conversations/conv%2Fwith%20spaces/activities/{inbound.Id}", answer.Path);
        Assert.Null(answer.Authorization);
        Assert.Equal("worker-1", answer.Activity.Recipient?.Id);
        Assert.Equal(inbound.Id, answer.Activity.ReplyToId);
        app.DeleteData();
    }

    [Fact]
    public async Task AConnectorThatFailsDoesNotHangTheTurn()
    {
        await using var connector = await FakeConnector.StartAsync();
        connector.StatusCode = 503;
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        var inbound = TestActivities.Message("你好");
        inbound.ServiceUrl = connector.ServiceUrl;

        var response = await client.PostAsJsonAsync("/api/messages", inbound, ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Retried with backoff: the connector saw more than one attempt for the same reply.
        Assert.True(connector.Received.Count > 2, $"expected retries, saw {connector.Received.Count} posts");
        app.DeleteData();
    }

    [Fact]
    public async Task ASlowConnectorIsGivenUpOnInTimeAndTheAnswerIsStillSaved()
    {
        await using var connector = await FakeConnector.StartAsync();
        connector.Delay = TimeSpan.FromSeconds(30);
        var logs = new CapturingLoggerProvider();
        using var app = new BotApp(
            settings: new Dictionary<string, string?> { ["Bot:ConnectorAttemptTimeoutSeconds"] = "1", ["Bot:ConnectorTotalTimeoutSeconds"] = "2" },
            services: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        using var client = app.CreateHttpClient();
        var inbound = TestActivities.Message("你好", "conv-slow");
        inbound.ServiceUrl = connector.ServiceUrl;

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.PostAsJsonAsync("/api/messages", inbound, ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Two sends (typing, answer) of at most 2 s each, far from the connector's 30 s.
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(9));
        var answers = connector.Received.Count(r => r.Activity.Type == ActivityTypes.Message);
        Assert.True(answers >= 2, $"the timed-out answer was retried, saw {answers} posts");
        Assert.Contains(1102, logs.EventIds);   // the reply was recorded as not delivered
        var transcript = await app.Services.GetRequiredService<CityWarmth.Bot.Data.IConversationStore>().GetTranscriptAsync("conv-slow", 10, default);
        Assert.Equal(["in", "out"], transcript.Select(a => a.From?.Id == "worker-1" ? "in" : "out"));
        app.DeleteData();
    }

    [Fact]
    public async Task TheConsoleCookieIsNotAuthenticatedOnTheMessagingEndpoint()
    {
        // Channels prove who they are with the Bot Framework token the endpoint checks itself; cookie authentication
        // runs for every other path (the console, the admin API), and says so in its debug log.
        var logs = new CapturingLoggerProvider();
        using var app = new BotApp(
            settings: new Dictionary<string, string?>(CapturingLoggerProvider.Verbose()),
            services: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        using var client = app.CreateHttpClient();
        int CookieChecks() => logs.Lines.Count(l => l.Contains("was not authenticated", StringComparison.Ordinal));

        await app.AskAsync(client, TestActivities.Message("你好", "conv-no-cookie"));
        Assert.Equal(0, CookieChecks());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.True(CookieChecks() > 0, "other paths are still authenticated");
        app.DeleteData();
    }

    [Fact]
    public async Task AnExpectRepliesResponseHoldsTheRepliesExactlyAsStored()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        var inbound = TestActivities.Message("外地来打工的能申请保障性租赁住房吗", "conv-inline");
        inbound.DeliveryMode = DeliveryModes.ExpectReplies;

        var response = await client.PostAsJsonAsync("/api/messages", inbound, ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var sent = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();
        await using var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CityWarmth.Bot.Data.BotDbContext>>().CreateDbContextAsync();
        var stored = db.Transcript.Where(t => t.ConversationId == "conv-inline" && t.Direction == "out").OrderBy(t => t.Id).Select(t => t.ActivityJson).ToList();
        Assert.NotEmpty(stored);
        Assert.Equal(stored.Count, sent.Count);
        Assert.All(stored.Zip(sent), pair => Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(pair.First), pair.Second)));
        Assert.Contains(sent, a => a?["entities"] is not null && a["text"]?.GetValue<string>().Contains("来源") == true);
        app.DeleteData();
    }

    [Fact]
    public async Task TurnsAnsweredAtTheSameTimeEachGetTheirOwnReplies()
    {
        // A reply's stored JSON is in a pooled buffer until the response is written: were one given back too early,
        // another turn's reply would show up in this response. (A dozen at once is enough for shared group commits, and
        // keeps the suite within the PostgreSQL server's connections when it runs there.)
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        string[] questions = ["外地来打工的能申请保障性租赁住房吗", "你好", "孩子在城里上学怎么办", "找工作"];

        var turns = Enumerable.Range(0, 12).Select(async i =>
        {
            var inbound = TestActivities.Message(questions[i % questions.Length], $"conv-parallel-{i}");
            for (var round = 0; round < 4; round++)
            {
                inbound.Id = $"a{i}-{round}";
                var replies = await app.AskAsync(client, inbound);
                Assert.NotEmpty(replies);
                Assert.All(replies, r =>
                {
                    Assert.Equal(inbound.Conversation!.Id, r.Conversation?.Id);
                    Assert.Equal(inbound.Id, r.ReplyToId);
                });
            }
        });
        await Task.WhenAll(turns);
        app.DeleteData();
    }

    [Fact]
    public async Task AnExpectRepliesBodyWritesStoredRepliesAsStoredAndSerialisesTheOthers()
    {
        var stored = TestActivities.Message("已保存", "conv-body");
        var storedJson = "{\"type\":\"message\",\"text\":\"已保存\"}"u8.ToArray();
        var other = TestActivities.Message("未保存", "conv-body");
        var sink = new CityWarmth.BotFramework.Replies.InlineReplySink();
        await sink.SendAsync(stored, storedJson, default);
        await sink.SendAsync(other, default);

        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        using var body = new MemoryStream();
        http.Response.Body = body;
        await sink.ToResult().ExecuteAsync(http);

        var written = System.Text.Encoding.UTF8.GetString(body.ToArray());
        Assert.Equal(body.Length, http.Response.ContentLength);
        Assert.StartsWith("{\"activities\":[{\"type\":\"message\",\"text\":\"已保存\"},{", written, StringComparison.Ordinal);
        var activities = System.Text.Json.Nodes.JsonNode.Parse(written)!["activities"]!.AsArray();
        Assert.Equal(2, activities.Count);
        Assert.Equal("未保存", (string?)activities[1]!["text"]);
        Assert.Equal(2, sink.Activities.Count);
    }

    [Fact]
    public async Task AnExpectRepliesBodyWithoutRepliesIsAnEmptyList()
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        using var body = new MemoryStream();
        http.Response.Body = body;

        await new CityWarmth.BotFramework.Replies.InlineReplySink().ToResult().ExecuteAsync(http);

        Assert.Equal("{\"activities\":[]}", System.Text.Encoding.UTF8.GetString(body.ToArray()));
        Assert.Equal("application/json; charset=utf-8", http.Response.ContentType);
    }

    [Fact]
    public async Task NormalDeliveryWithoutServiceUrlIsRefused()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        var inbound = TestActivities.Message("你好");
        inbound.ServiceUrl = null;

        var response = await client.PostAsJsonAsync("/api/messages", inbound, ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        app.DeleteData();
    }

    [Fact]
    public async Task StateAndTranscriptSurviveARestart()
    {
        string dataPath;
        using (var first = new BotApp())
        {
            dataPath = first.DataPath;
            using var client = first.CreateHttpClient();
            await first.AskAsync(client, TestActivities.WorkerJoined("conv-r"));
            await first.AskAsync(client, TestActivities.Message("你好", "conv-r"));
        }

        using var second = new BotApp(dataPath);
        using var scope = second.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<CityWarmth.Bot.Data.IConversationStore>();
        var conversation = await store.LoadAsync("conv-r", CancellationToken.None);
        var transcript = await store.GetTranscriptAsync("conv-r", 50, CancellationToken.None);

        Assert.False(conversation.IsNew);
        Assert.Equal("help", conversation.State.LastSkill);
        Assert.Equal(2, conversation.Version);
        Assert.Equal(["conversationUpdate", "message", "message", "message"], transcript.Select(a => a.Type));
        Assert.Equal("你好", transcript[2].Text);
        second.DeleteData();
    }

    [Fact]
    public async Task MessagesOfOneConversationAreHandledOneAfterTheOther()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();

        // Ten turns of one conversation at once: each must see the previous one's saved state,
        // so the version ends at exactly ten and the transcript holds every turn.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => app.AskAsync(client, TestActivities.Message($"第{i}条", "conv-c"))));

        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<CityWarmth.Bot.Data.IConversationStore>();
        var conversation = await store.LoadAsync("conv-c", CancellationToken.None);
        var transcript = await store.GetTranscriptAsync("conv-c", 100, CancellationToken.None);
        Assert.Equal(10, conversation.Version);
        Assert.Equal(20, transcript.Count);
        app.DeleteData();
    }
}
