using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Handoff;
using CityWarmth.Bot.Tests.DirectLine;
using CityWarmth.Bot.Tests.Handoff;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.BotFramework.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.Bot.Tests.Security;

/// <summary>
/// The bot as the README's run command starts it (no MicrosoftAppId): /api/messages hears only this machine, never
/// acts in another channel's conversation, sends replies nowhere else, and handoff.status comes only from an agent hub.
/// </summary>
public sealed class LocalModeTests
{
    [NonLoopbackFact]
    public async Task AnUnauthenticatedCallerFromAnotherMachineIsRefused()
    {
        using var app = new BotApp(listenOn: NetworkAddresses.NonLoopback);
        try
        {
            using var client = new HttpClient { BaseAddress = app.AddressOn(NetworkAddresses.NonLoopback!) };

            var activity = TestActivities.Message("老板拖欠工资", "conv-remote");
            activity.DeliveryMode = DeliveryModes.ExpectReplies;
            using var response = await client.PostAsJsonAsync("/api/messages", activity, ProtocolJson.Options);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.False(await ConversationExistsAsync(app, "conv-remote"));
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    [Fact]
    public async Task AForwardedCallIsNotALocalOne()
    {
        using var app = new BotApp();
        try
        {
            using var client = app.CreateHttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
            {
                Content = JsonContent.Create(Expect(TestActivities.Message("你好", "conv-proxied")), options: ProtocolJson.Options),
            };
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.False(await ConversationExistsAsync(app, "conv-proxied"));
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    [Fact]
    public async Task ALocalCallerCannotActInAWorkersDirectLineConversation()
    {
        using var app = new BotApp();
        try
        {
            using var client = app.CreateHttpClient();
            var directLine = new DirectLineClient(client);
            var worker = await directLine.StartNewAsync("u_victim");
            var before = await StateJsonAsync(app, worker.ConversationId);

            var asEmulator = Expect(TestActivities.Message("老板拖欠工资", worker.ConversationId));
            using var emulator = await client.PostAsJsonAsync("/api/messages", asEmulator, ProtocolJson.Options);
            var asDirectLine = Expect(TestActivities.Message("老板拖欠工资", worker.ConversationId, channelId: Channels.DirectLine));
            using var directLineClaim = await client.PostAsJsonAsync("/api/messages", asDirectLine, ProtocolJson.Options);

            Assert.Equal(HttpStatusCode.Forbidden, emulator.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, directLineClaim.StatusCode);
            Assert.Equal(before, await StateJsonAsync(app, worker.ConversationId));
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    [Theory]
    [InlineData("http://evil.example/")]
    [InlineData("http://203.0.113.7:4151/internal/admin/")]
    [InlineData("file:///etc/passwd")]
    public async Task RepliesGoOnlyToThisMachineOrConfiguredServiceUrls(string serviceUrl)
    {
        await using var connector = await FakeConnector.StartAsync();
        using var app = new BotApp();
        try
        {
            using var client = app.CreateHttpClient();
            var elsewhere = TestActivities.Message("你好", "conv-ssrf");
            elsewhere.ServiceUrl = serviceUrl;
            using var refused = await client.PostAsJsonAsync("/api/messages", elsewhere, ProtocolJson.Options);
            var local = TestActivities.Message("你好", "conv-local");
            local.ServiceUrl = connector.ServiceUrl;
            using var accepted = await client.PostAsJsonAsync("/api/messages", local, ProtocolJson.Options);

            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.False(await ConversationExistsAsync(app, "conv-ssrf"));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            await connector.WaitForAsync(a => a.Type == ActivityTypes.Message);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    [Fact]
    public async Task HandoffStatusFromAWorkerChangesNothing()
    {
        using var app = new BotApp(settings: HandoffTestKit.AlwaysOpen());
        try
        {
            using var client = app.CreateHttpClient();
            var directLine = new DirectLineClient(client);
            var worker = await directLine.StartNewAsync("u_worker");
            await directLine.PostMessageAsync(worker.ConversationId, worker.Token, "转人工", "c1");
            var queued = await SingleCaseAsync(app);
            Assert.Equal(HandoffStatuses.Queued, queued.Status);

            // The worker's own client posts the events an agent hub would send.
            var statuses = new List<HttpStatusCode>();
            foreach (var state in new[] { "accepted", "completed", "failed" })
            {
                var forged = new JsonObject
                {
                    ["type"] = "event",
                    ["name"] = "handoff.status",
                    ["from"] = new JsonObject { ["id"] = "u_worker", ["name"] = "人社局张科长" },
                    ["value"] = new JsonObject { ["state"] = state, ["message"] = "内部备注" },
                };
                using var response = await directLine.SendAsync(HttpMethod.Post, $"{DirectLineClient.Domain}/conversations/{worker.ConversationId}/activities", worker.Token, forged.ToJsonString());
                statuses.Add(response.StatusCode);
            }
            // The same from this machine at /api/messages, without the hub's key, in an Emulator conversation.
            await HandoffTestKit.PostAsync(client, HandoffTestKit.Message("转人工", "http://127.0.0.1:9/", "conv-emu"));
            var status = HandoffTestKit.Status("accepted", "http://127.0.0.1:9/", "conv-emu");
            using var unsigned = await client.PostAsJsonAsync("/api/messages", status, ProtocolJson.Options);

            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Forbidden, s));
            Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
            var factory = app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            var cases = await db.Handoffs.AsNoTracking().ToListAsync();
            Assert.All(cases, c => Assert.Equal(HandoffStatuses.Queued, c.Status));
            Assert.All(cases, c => Assert.Null(c.AssignedName));
            Assert.Empty(await db.HandoffNotes.ToListAsync());
            Assert.All(await db.Conversations.Select(c => c.Owner).ToListAsync(), o => Assert.Equal(ConversationOwners.Bot, o));
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    private static Activity Expect(Activity activity)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        return activity;
    }

    private static async Task<bool> ConversationExistsAsync(BotApp app, string id)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Conversations.AnyAsync(c => c.Id == id);
    }

    private static async Task<string> StateJsonAsync(BotApp app, string id)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var record = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == id);
        return record.StateJson + "|" + record.Version;
    }

    private static async Task<HandoffCase> SingleCaseAsync(BotApp app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Handoffs.AsNoTracking().SingleAsync();
    }
}
