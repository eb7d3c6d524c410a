using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityWarmth.Bot.Conversations;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Hosting;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.DirectLine;
using CityWarmth.Bot.Tests.Infrastructure;

namespace CityWarmth.Bot.Tests.Faults;

/// <summary>One bot with low limits; each test works in its own conversations.</summary>
public sealed class LowLimitsFixture : IDisposable
{
    public BotApp App { get; } = new(settings: new Dictionary<string, string?>
    {
        ["Bot:MaxMessageChars"] = "50",
        ["Bot:MaxAttachments"] = "2",
        ["Bot:MaxAttachmentBytes"] = "2048",
        ["RateLimits:PerWorker:PermitLimit"] = "3",
        ["RateLimits:PerWorker:WindowSeconds"] = "600",
    });

    public void Dispose()
    {
        App.Dispose();
        App.DeleteData();
    }
}

public sealed class LimitsTests(LowLimitsFixture fixture) : IClassFixture<LowLimitsFixture>
{

    [Fact]
    public async Task ALongMessageIsCutBeforeTheSkillsAndTheWorkerIsTold()
    {
        var app = fixture.App;
        using var client = app.CreateHttpClient();
        var text = "老板欠我工资" + new string('啊', 100);

        var replies = await app.AskAsync(client, TestActivities.Message(text, "conv-long"));

        Assert.Equal(BotText.MessageCut(50), replies[0].Text);
        Assert.True(replies.Count > 1, "the cut message is still answered");
        var transcript = await app.Services.GetRequiredService<IConversationStore>().GetTranscriptAsync("conv-long", 10, default);
        var stored = Assert.Single(transcript, a => a.Type == ActivityTypes.Message && a.From?.Id == "worker-1");
        Assert.Equal(text[..50], stored.Text);
    }

    [Fact]
    public async Task TooManyOrTooLargeAttachmentsAreRefusedOnBothChannels()
    {
        var app = fixture.App;
        using var client = app.CreateHttpClient();

        var three = TestActivities.Message("看看这些", "conv-att");
        three.Attachments = [.. Enumerable.Range(0, 3).Select(i => new Attachment { ContentType = "image/png", ContentUrl = $"https://example.org/{i}.png" })];
        var huge = TestActivities.Message("看看这个", "conv-att");
        huge.Attachments = [new Attachment { ContentType = "image/png", ContentUrl = "data:image/png;base64," + new string('A', 4000) }];
        var fine = TestActivities.Message("看看这个", "conv-att");
        fine.Attachments = [new Attachment { ContentType = "image/png", ContentUrl = "https://example.org/a.png" }];

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/messages", three, ProtocolJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsJsonAsync("/api/messages", huge, ProtocolJson.Options)).StatusCode);
        Assert.NotEmpty(await app.AskAsync(client, fine));

        var directLine = new DirectLineClient(client);
        var conversation = await directLine.StartNewAsync();
        var path = $"{DirectLineClient.Domain}/conversations/{conversation.ConversationId}/activities";
        var dlThree = new Activity { Type = ActivityTypes.Message, Text = "看看", Attachments = three.Attachments };
        var dlHuge = new Activity { Type = ActivityTypes.Message, Text = "看看", Attachments = huge.Attachments };
        Assert.Equal((400, "BadArgument"), await DirectLineClient.ErrorOf(await directLine.SendAsync(HttpMethod.Post, path, conversation.Token, JsonSerializer.Serialize(dlThree, ProtocolJson.Options))));
        Assert.Equal((413, "MessageSizeTooBig"), await DirectLineClient.ErrorOf(await directLine.SendAsync(HttpMethod.Post, path, conversation.Token, JsonSerializer.Serialize(dlHuge, ProtocolJson.Options))));
    }

    [Fact]
    public async Task AWorkerSendingTooFastIsAskedToWaitWhileOthersAreServed()
    {
        var app = fixture.App;
        using var client = app.CreateHttpClient();

        for (var i = 0; i < 3; i++)
        {
            var answered = await app.AskAsync(client, TestActivities.Message("你好", "conv-fast"));
            Assert.DoesNotContain(answered, r => r.Text == WorkerRateLimiter.SlowDown);
        }
        var flooded = await app.AskAsync(client, TestActivities.Message("老板欠我工资", "conv-fast"));
        var other = await app.AskAsync(client, TestActivities.Message("你好", "conv-calm", "worker-2"));

        Assert.Equal(WorkerRateLimiter.SlowDown, Assert.Single(flooded).Text);
        var state = await app.Services.GetRequiredService<IConversationStore>().LoadAsync("conv-fast", default);
        Assert.Null(state.State.WageIntake);
        Assert.DoesNotContain(other, r => r.Text == WorkerRateLimiter.SlowDown);
    }

    [Fact]
    public async Task EachSurfaceHasItsOwnBudgetAndAnswers429WithRetryAfter()
    {
        using var app = new BotApp(settings: new Dictionary<string, string?>
        {
            ["RateLimits:DirectLineStartsPerIp:PermitLimit"] = "3",
            ["RateLimits:DirectLineStartsPerIp:WindowSeconds"] = "600",
            ["RateLimits:AdminApiPerIp:PermitLimit"] = "2",
            ["RateLimits:AdminApiPerIp:WindowSeconds"] = "600",
        });
        using var client = app.CreateHttpClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await client.PostAsync("/v3/directline/tokens/generate", null);
            statuses.Add(last.StatusCode);
        }
        // The admin API's budget is its own: tokens used up above do not touch it.
        var admin = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            admin.Add(await client.GetAsync("/api/admin/knowledge/versions"));
        }
        var messages = await app.AskAsync(client, TestActivities.Message("你好", "conv-ip"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(last.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal((429, "TooManyRequests"), await DirectLineClient.ErrorOf(last));
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], admin.Select(r => r.StatusCode));
        Assert.Equal("application/problem+json", admin[2].Content.Headers.ContentType?.MediaType);
        var problem = await admin[2].Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(429, (int)problem!["status"]!);
        Assert.True(admin[2].Headers.Contains("Retry-After"));
        Assert.NotEmpty(messages);
        app.DeleteData();
    }

    [Fact]
    public async Task DirectLineCountsPerConversationSoABusyAddressNeverStrandsAChat()
    {
        using var app = new BotApp(settings: new Dictionary<string, string?>
        {
            ["RateLimits:DirectLinePolls:PermitLimit"] = "5",
            ["RateLimits:DirectLinePolls:WindowSeconds"] = "600",
        });
        using var client = app.CreateHttpClient();
        var directLine = new DirectLineClient(client);
        var busy = await directLine.StartNewAsync("u_busy");
        var calm = await directLine.StartNewAsync("u_calm");

        // One conversation polls far past its budget (twenty chats behind one carrier address would, together).
        var watermark = "";
        for (var i = 0; i < 12; i++)
        {
            watermark = (await directLine.GetActivitiesAsync(busy.ConversationId, busy.Token, watermark)).Watermark;
        }
        using var throttled = await directLine.SendAsync(HttpMethod.Get, $"{DirectLineClient.Domain}/conversations/{busy.ConversationId}/activities?watermark={watermark}", busy.Token);

        // Over budget, a poll still gets 200 (an empty page at the same watermark, with Retry-After): DirectLineJS
        // stops polling for good after a 429, and the chat would never show another reply.
        Assert.Equal(HttpStatusCode.OK, throttled.StatusCode);
        Assert.True(throttled.Headers.Contains("Retry-After"));
        var page = (await throttled.Content.ReadFromJsonAsync<ActivitySet>(ProtocolJson.Options))!;
        Assert.Empty(page.Activities);
        Assert.Equal(watermark, page.Watermark);

        // Sending is a separate budget: the worker's message is taken, and another chat from the same address polls,
        // and a fresh page still gets a token.
        await directLine.PostMessageAsync(busy.ConversationId, busy.Token, "你好", "c1", "u_busy");
        Assert.NotEmpty((await directLine.GetActivitiesAsync(calm.ConversationId, calm.Token)).Activities);
        await directLine.GenerateTokenAsync("u_fresh");
        app.DeleteData();
    }
}
