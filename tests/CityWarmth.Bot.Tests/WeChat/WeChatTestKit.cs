using System.Text.Json;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Protocol;
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
