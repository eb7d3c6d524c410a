using CityWarmth.Bot.Data;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Bot.WeChat;
using CityWarmth.WeChat;
using CityWarmth.WeChat.Tests;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Tests.WeChat;

/// <summary>What several instances on one database share: the access token and the knowledge of which messages were handled.</summary>
public sealed class WeChatInstancesTests
{
    [Fact]
    public async Task TokenCachesOnOneDatabaseFetchOneToken()
    {
        await using var bot = await WeChatBot.StartAsync();
        // Another instance's cache: its own memory, the same database.
        var other = ActivatorUtilities.CreateInstance<WeChatAccessTokens>(bot.App.Services);
        var mine = bot.App.Services.GetRequiredService<WeChatAccessTokens>();

        var tokens = await Task.WhenAll(mine.GetAsync(default), other.GetAsync(default), other.GetAsync(default));

        Assert.Single(tokens.Distinct());
        Assert.Equal(1, bot.Platform.TokenRequests);

        // One instance's token is rejected and renewed; the other finds the new one instead of fetching again.
        bot.Platform.InvalidateCurrentToken();
        var renewed = await mine.RefreshAsync(tokens[0], default);
        Assert.Equal(renewed, await other.RefreshAsync(tokens[0], default));
        Assert.Equal(2, bot.Platform.TokenRequests);
    }

    [PostgresFact]
    public async Task TwoBotsOnOneDatabaseHandleARetryOnceAndShareTheToken()
    {
        await using var first = await WeChatBot.StartAsync(settings: new Dictionary<string, string?> { ["WeChat:PassiveReplySeconds"] = "0.001" });
        // The second instance: its own process state, the same PostgreSQL database and the same account.
        using var second = new BotApp(first.App.DataPath, new Dictionary<string, string?>
        {
            ["WeChat:Token"] = WeChatBot.Token,
            ["WeChat:AppId"] = first.Platform.AppId,
            ["WeChat:AppSecret"] = first.Platform.AppSecret,
            ["WeChat:ApiBaseUrl"] = first.Platform.ApiBaseUrl,
            ["WeChat:PassiveReplySeconds"] = "0.001",
        });
        using var secondClient = second.CreateHttpClient();
        var secondPusher = new WeChatPusher(secondClient, WeChatBot.Token, first.Platform.AppId);
        var msgId = first.Pusher.NewMsgId();

        // WeChat's retry of one message lands on the other instance.
        var replies = await Task.WhenAll(first.Pusher.TextAsync("oTwo0001", "你好", msgId), secondPusher.TextAsync("oTwo0001", "你好", msgId));
        var answer = await first.Platform.WaitForMessageAsync(m => m.ToUser == "oTwo0001");
        await secondPusher.TextAsync("oTwo0002", "你好", first.Pusher.NewMsgId());
        await first.Platform.WaitForMessageAsync(m => m.ToUser == "oTwo0002");

        Assert.All(replies, r => Assert.True(r.IsNothing));
        Assert.Contains("回复 1：", answer.Content);
        Assert.Single(await first.InboundTextsAsync("oTwo0001"));
        Assert.Single(first.Platform.CustomMessages, m => m.ToUser == "oTwo0001");
        Assert.Equal(1, first.Platform.TokenRequests);
    }

    [Fact]
    public async Task TheMenuCommandCreatesTheMenuWithTheSharedToken()
    {
        await using var platform = await FakeWeChatPlatform.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "citywarmth-tests", Guid.NewGuid().ToString("N"));
        var output = new StringWriter();
        string[] settings =
        [
            $"--Storage:DataPath={folder}", "--WeChat:Token=citywarmth2026", $"--WeChat:AppId={platform.AppId}",
            $"--WeChat:AppSecret={platform.AppSecret}", $"--WeChat:ApiBaseUrl={platform.ApiBaseUrl}",
        ];
        var storage = TestDatabase.PostgresServer is { } server
            ? (string[])["--Storage:Provider=Postgres", $"--ConnectionStrings:CityWarmth={TestDatabase.EnsureDatabase(server, "cw_" + Path.GetFileName(folder))}"]
            : [];
        try
        {
            var exit = await WeChatMenuCommand.RunAsync([WeChatMenuCommand.Verb, .. settings, .. storage], output);

            Assert.Equal(0, exit);
            Assert.Contains("菜单已创建", output.ToString());
            Assert.Single(platform.Menus);
            // The token it fetched is in the database for the running bots.
            using var app = new BotApp(folder);
            var factory = app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            Assert.Equal(platform.CurrentToken, (await db.Set<WeChatAccessTokenRecord>().SingleAsync()).AccessToken);

            var off = await WeChatMenuCommand.RunAsync([WeChatMenuCommand.Verb, $"--Storage:DataPath={folder}", .. storage], output);
            Assert.Equal(2, off);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still closing; the temp cleaner takes it.
            }
        }
    }
}
