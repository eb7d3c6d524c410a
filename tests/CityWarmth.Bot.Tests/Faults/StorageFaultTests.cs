using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Conversations;
using CityWarmth.Bot.Data;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.DirectLine;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static CityWarmth.Bot.Tests.KnowledgeBase.KnowledgeAdminKit;

namespace CityWarmth.Bot.Tests.Faults;

/// <summary>
/// The database locked by another connection or out of space: the worker is told politely, HTTP callers get 503 with
/// Retry-After, nothing of the turn is stored, and the same activity works once the database is back.
/// </summary>
public sealed class StorageFaultTests
{
    private const string Answer = "张三";
    private static readonly string[] IntakeStart = ["老板欠我工资", "包工头"];

    private static BotApp NewApp(CapturingLoggerProvider logs, SqliteDiskFull? disk = null) => new(
        settings: new Dictionary<string, string?>(CapturingLoggerProvider.Verbose())
        {
            ["Storage:BusyTimeoutSeconds"] = "1",
            ["Admin:ApiKeys:0"] = ApiKey,
        },
        services: s =>
        {
            s.AddSingleton<ILoggerProvider>(logs);
            disk?.Install(s);
        });

    [Fact]
    public async Task ALockedDatabaseGetsAPoliteReplyStoresNothingAndTheSameActivityWorksOnceReleased()
    {
        await using var connector = await FakeConnector.StartAsync();
        var logs = new CapturingLoggerProvider();
        using var app = NewApp(logs);
        using var client = app.CreateHttpClient();
        var store = app.Services.GetRequiredService<IConversationStore>();
        // The same intake in two conversations: the control one shows what the locked one should answer later.
        foreach (var text in IntakeStart)
        {
            await app.AskAsync(client, TestActivities.Message(text, "conv-control"));
            await app.AskAsync(client, TestActivities.Message(text, "conv-locked"));
        }
        var expected = Texts(await app.AskAsync(client, TestActivities.Message(Answer, "conv-control")));
        var before = await SnapshotAsync(store, "conv-locked");
        var directLine = new DirectLineClient(client);
        var webChat = await directLine.StartNewAsync();
        var inbound = TestActivities.Message(Answer, "conv-locked");

        await using (await DatabaseLock.TakeAsync(app))
        {
            // Normal delivery: the apology goes to the connector; the channel learns the activity was not processed.
            var delivered = Clone(inbound);
            delivered.ServiceUrl = connector.ServiceUrl;
            var watch = Stopwatch.StartNew();
            var normal = await client.PostAsJsonAsync("/api/messages", delivered, ProtocolJson.Options);
            await AssertUnavailableAsync(normal, "busy");
            Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(8));
            Activity apology;
            try
            {
                apology = await connector.WaitForAsync(a => a.Type == ActivityTypes.Message);
            }
            catch (TimeoutException)
            {
                throw new Xunit.Sdk.XunitException("No apology reached the connector. Received: " + string.Join(", ", connector.Received.Select(r => r.Activity.Type)) + "\n" + string.Join("\n", logs.Lines));
            }
            Assert.Equal(BotText.StorageBusy, apology.Text);
            Assert.Equal(inbound.Id, apology.ReplyToId);

            // expectReplies: the caller gets the 503 itself.
            var inline = Clone(inbound);
            inline.DeliveryMode = DeliveryModes.ExpectReplies;
            await AssertUnavailableAsync(await client.PostAsJsonAsync("/api/messages", inline, ProtocolJson.Options), "busy");

            // Direct Line (Web Chat): 503 in Direct Line's error shape, so the client offers to send again.
            using var posted = await directLine.SendAsync(HttpMethod.Post, $"{DirectLineClient.Domain}/conversations/{webChat.ConversationId}/activities", webChat.Token,
                JsonSerializer.Serialize(new Activity { Type = ActivityTypes.Message, Text = Answer, From = new ChannelAccount { Id = "u_worker" } }, ProtocolJson.Options));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, posted.StatusCode);
            Assert.NotNull(posted.Headers.RetryAfter);
            Assert.Equal((503, "ServiceUnavailable"), await DirectLineClient.ErrorOf(posted));
        }

        // Nothing of the failed turns was written: same version, same transcript.
        Assert.Equal(before, await SnapshotAsync(store, "conv-locked"));

        // Sending the very same activity again continues the intake exactly where it was.
        Assert.Equal(expected, Texts(await app.AskAsync(client, Clone(inbound))));
        var transcript = await store.GetTranscriptAsync("conv-locked", 100, default);
        Assert.Single(transcript, a => a.Id == inbound.Id);
        Assert.Equal(before.Version + 1, (await store.LoadAsync("conv-locked", default)).Version);
        await directLine.PostMessageAsync(webChat.ConversationId, webChat.Token, "你好", "client-1");

        Assert.DoesNotContain(logs.Lines, line => line.Contains(Answer, StringComparison.Ordinal) || line.Contains("老板欠我工资", StringComparison.Ordinal));
        Assert.Contains(1004, logs.EventIds);   // the turn was logged as not processed, by id only
        app.DeleteData();
    }

    [SqliteFact]
    public async Task AFullDiskGetsAPoliteReplyStoresNothingAndTheBotRecoversOnceSpaceIsFreed()
    {
        var logs = new CapturingLoggerProvider();
        var disk = new SqliteDiskFull();
        using var app = NewApp(logs, disk);
        using var client = app.CreateHttpClient();
        await app.AskAsync(client, TestActivities.Message("你好", "conv-full"));

        await AssertFullDiskRoundAsync(app, client, logs, full => disk.IsFull = full);
        app.DeleteData();
    }

    [PostgresDiskFullFact]
    public async Task AFullDiskUnderPostgresGetsAPoliteReplyStoresNothingAndTheBotRecoversOnceSpaceIsFreed()
    {
        var logs = new CapturingLoggerProvider();
        var app = NewApp(logs);
        PostgresDiskFull? disk = null;
        try
        {
            using var client = app.CreateHttpClient();
            await app.AskAsync(client, TestActivities.Message("你好", "conv-full"));
            disk = await PostgresDiskFull.CreateAsync(app);

            await AssertFullDiskRoundAsync(app, client, logs, full => disk.IsFull = full);
        }
        finally
        {
            app.Dispose();
            if (disk is not null)
            {
                await disk.DisposeAsync();
            }
            app.DeleteData();
        }
    }

    /// <summary>
    /// With the disk full, a turn (delivered and inline) gets 503 and the apology and stores nothing; once there is
    /// space again the same activity is answered and stored once.
    /// </summary>
    private static async Task AssertFullDiskRoundAsync(BotApp app, HttpClient client, CapturingLoggerProvider logs, Action<bool> setFull)
    {
        await using var connector = await FakeConnector.StartAsync();
        var store = app.Services.GetRequiredService<IConversationStore>();
        var before = await SnapshotAsync(store, "conv-full");
        // Near the length limit, and of characters that do not compress, so its transcript rows need a new page even
        // with 8 KB pages.
        var random = new Random(7);
        var filler = new string([.. Enumerable.Range(0, 1950).Select(_ => (char)random.Next(0x4E00, 0x9FA5))]);
        var inbound = TestActivities.Message("我在工地干了三个月，老板一直拖着工资不给。" + filler, "conv-full");

        setFull(true);
        var delivered = Clone(inbound);
        delivered.ServiceUrl = connector.ServiceUrl;
        await AssertUnavailableAsync(await client.PostAsJsonAsync("/api/messages", delivered, ProtocolJson.Options), "full");
        Assert.Contains(connector.Received, r => r.Activity.Text == BotText.StorageBusy);
        var inline = Clone(inbound);
        inline.DeliveryMode = DeliveryModes.ExpectReplies;
        await AssertUnavailableAsync(await client.PostAsJsonAsync("/api/messages", inline, ProtocolJson.Options), "full");
        Assert.Equal(before, await SnapshotAsync(store, "conv-full"));

        setFull(false);
        var replies = await app.AskAsync(client, Clone(inbound));
        Assert.NotEmpty(replies);
        Assert.DoesNotContain(replies, r => r.Text == BotText.StorageBusy);
        Assert.Single(await store.GetTranscriptAsync("conv-full", 100, default), a => a.Id == inbound.Id);
        Assert.DoesNotContain(logs.Lines, line => line.Contains("老板一直拖着工资", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUploadWhileTheDatabaseIsLockedGets503AndLeavesNoDraftBehind()
    {
        var logs = new CapturingLoggerProvider();
        using var app = NewApp(logs);
        using var api = ApiClient(app);
        _ = await GetJsonAsync(api, "/api/admin/documents");

        await using (await DatabaseLock.TakeAsync(app))
        {
            await AssertUnavailableAsync(await UploadAsync(api, "handbook.md", Utf8(HandbookMarkdown)), "busy");
        }

        var list = await GetJsonAsync(api, "/api/admin/documents");
        Assert.Equal(JsonValueKind.Null, list.GetProperty("draftVersion").ValueKind);
        var audit = await app.Services.GetRequiredService<AuditLog>().RecentAsync(50, null, CancellationToken.None);
        Assert.DoesNotContain(audit, e => e.Action.StartsWith("kb.", StringComparison.Ordinal));
        // Once the lock is gone the same upload goes through.
        await JsonAsync(await UploadAsync(api, "handbook.md", Utf8(HandbookMarkdown)), HttpStatusCode.Created);
        app.DeleteData();
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response, string fault)
    {
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"expected 503, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After tells the caller when to try again");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("系统繁忙，请稍后再试", problem.GetProperty("title").GetString());
        Assert.Equal(fault, problem.GetProperty("fault").GetString());
    }

    private static async Task<(long Version, int Transcript, string State)> SnapshotAsync(IConversationStore store, string conversationId)
    {
        var conversation = await store.LoadAsync(conversationId, default);
        var transcript = await store.GetTranscriptAsync(conversationId, 1000, default);
        return (conversation.Version, transcript.Count, JsonSerializer.Serialize(conversation.State));
    }

    private static Activity Clone(Activity activity) =>
        JsonSerializer.Deserialize<Activity>(JsonSerializer.Serialize(activity, ProtocolJson.Options), ProtocolJson.Options)!;

    private static string[] Texts(IReadOnlyList<Activity> replies) => [.. replies.Select(r => r.Text ?? "")];
}
