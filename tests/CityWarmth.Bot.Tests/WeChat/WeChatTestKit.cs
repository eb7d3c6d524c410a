using System.Text.Json;
using CityWarmth.Bot.Data;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Handoff;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Bot.WeChat;
using CityWarmth.WeChat.Tests;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Tests.WeChat;

/// <summary>The real bot with the WeChat channel on, a fake WeChat API platform, and a pusher playing WeChat's side.</summary>
public sealed class WeChatBot : IAsyncDisposable
{
    public const string Token = "citywarmth2026";
    public const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private WeChatBot(FakeWeChatPlatform platform, BotApp app, HttpClient client, WeChatPusher pusher)
    {
        Platform = platform;
        App = app;
        Client = client;
        Pusher = pusher;
    }

    public FakeWeChatPlatform Platform { get; }
    public BotApp App { get; }
    public HttpClient Client { get; }
    public WeChatPusher Pusher { get; }

    public static async Task<WeChatBot> StartAsync(bool encrypted = false, IDictionary<string, string?>? settings = null)
    {
        var platform = await FakeWeChatPlatform.StartAsync();
        var all = HandoffTestKit.AlwaysOpen();
        all["WeChat:Token"] = Token;
        all["WeChat:AppId"] = platform.AppId;
        all["WeChat:AppSecret"] = platform.AppSecret;
        all["WeChat:ApiBaseUrl"] = platform.ApiBaseUrl;
        all["WeChat:EncodingAESKey"] = encrypted ? EncodingAesKey : "";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var app = new BotApp(settings: all);
        var client = app.CreateHttpClient();
        return new WeChatBot(platform, app, client, new WeChatPusher(client, Token, platform.AppId, encrypted ? EncodingAesKey : null));
    }

    /// <summary>
    /// What the worker sees after a push: the passive reply, or, when the bot answered "success" because the turn took
    /// longer than the passive window (a cold start on a busy machine), the customer-service messages that followed.
    /// </summary>
    public async Task<PushReply> ExpectReplyAsync(string openId, Func<WeChatPusher, Task<PushReply>> push)
    {
        var before = Platform.CustomMessages.Count(m => m.ToUser == openId);
        var reply = await push(Pusher);
        if (!reply.IsNothing)
        {
            return reply;
        }
        var late = await Platform.WaitForMessageAsync(m => m.ToUser == openId && Platform.CustomMessages.Where(x => x.ToUser == openId).ToList().IndexOf(m) >= before, 20_000);
        var fields = new Dictionary<string, string> { ["ToUserName"] = openId, ["MsgType"] = late.MsgType, ["Content"] = late.Content ?? "" };
        return reply with { Reply = new CityWarmth.WeChat.WeChatInboundMessage(fields) };
    }

    /// <summary>
    /// Runs the first turns (classifier, indexes and pools warm up) so a test that checks the passive reply itself is not
    /// measuring a cold start.
    /// </summary>
    public async Task WarmUpAsync()
    {
        await ExpectReplyAsync("oWarmUp", p => p.TextAsync("oWarmUp", "农民工子女上学有什么政策"));
        await ExpectReplyAsync("oWarmUp", p => p.TextAsync("oWarmUp", "东湖区有保安的活吗"));
    }

    /// <summary>The conversation's transcript as stored, oldest first.</summary>
    public async Task<IReadOnlyList<TranscriptEntry>> TranscriptAsync(string openId)
    {
        var factory = App.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var id = WeChatActivities.ConversationId(openId);
        var rows = await db.Transcript.AsNoTracking().Where(t => t.ConversationId == id).ToListAsync();
        return [.. rows.OrderBy(r => r.Id)];
    }

    /// <summary>The texts of the worker's messages as the bot read them.</summary>
    public async Task<IReadOnlyList<string?>> InboundTextsAsync(string openId) =>
        [.. (await TranscriptAsync(openId)).Where(r => r.Direction == "in" && r.Type == ActivityTypes.Message)
            .Select(r => JsonSerializer.Deserialize<Activity>(r.ActivityJson, ProtocolJson.Options)!.Text)];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        App.DeleteData();
        await Platform.DisposeAsync();
    }
}
