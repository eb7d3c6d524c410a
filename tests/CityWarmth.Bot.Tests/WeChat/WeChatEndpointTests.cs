using System.Net;
using System.Text;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Bot.WeChat;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Tests.WeChat;

/// <summary>The server URL as WeChat uses it: verification, signatures, the three modes, retries and the passive window.</summary>
public sealed class WeChatEndpointTests
{
    [Fact]
    public async Task TheUrlIsVerifiedAndAWrongOrStaleSignatureRefused()
    {
        await using var bot = await WeChatBot.StartAsync();

        var verified = await bot.Pusher.VerifyUrlAsync("echo-1796688000");
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal("echo-1796688000", await verified.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.Pusher.VerifyUrlAsync("x", wrongSignature: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.Pusher.VerifyUrlAsync("x", timestamp: WeChatPusher.Now - 3600)).StatusCode);

        // A POST with a wrong signature is refused and never reaches the bot.
        var message = "<xml><ToUserName>gh_1</ToUserName><FromUserName>oIntruder</FromUserName><CreateTime>1</CreateTime>"
            + "<MsgType>text</MsgType><Content>你好</Content><MsgId>1</MsgId></xml>";
        var refused = await bot.Client.PostAsync("/api/wechat?" + bot.Pusher.SignedQuery(wrongSignature: true), new StringContent(message, Encoding.UTF8, "text/xml"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var stale = await bot.Client.PostAsync("/api/wechat?" + bot.Pusher.SignedQuery(timestamp: WeChatPusher.Now - 3600), new StringContent(message, Encoding.UTF8, "text/xml"));
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Empty(await bot.TranscriptAsync("oIntruder"));
    }

    [Fact]
    public async Task UnreadableMessagesGetAProblemNotAnError()
    {
        await using var bot = await WeChatBot.StartAsync();

        var notXml = await bot.Client.PostAsync("/api/wechat?" + bot.Pusher.SignedQuery(), new StringContent("{\"json\":true}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notXml.StatusCode);
        var tooBig = await bot.Client.PostAsync("/api/wechat?" + bot.Pusher.SignedQuery(), new StringContent(new string('x', 70_000), Encoding.UTF8, "text/xml"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        var notUtf8 = await bot.Client.PostAsync("/api/wechat?" + bot.Pusher.SignedQuery(), new ByteArrayContent([0x3C, 0x78, 0xFF, 0xFE]));
        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
    }

    [Fact]
    public async Task APlainModeQuestionIsAnsweredPassivelyWithItsSource()
    {
        await using var bot = await WeChatBot.StartAsync();
        await bot.WarmUpAsync();

        var reply = await bot.Pusher.TextAsync("oWorker0001", "农民工子女上学有什么政策");

        Assert.Equal("oWorker0001", reply.Reply!.ToUserName);
        Assert.Equal(WeChatPusher.Account, reply.Reply.FromUserName);
        Assert.Equal("text", reply.Reply.MsgType);
        Assert.Matches("来源[:：]", reply.Content);
        Assert.Matches("<a href=\"http[^\"]+/kb/", reply.Content);
        Assert.Equal(["农民工子女上学有什么政策"], await bot.InboundTextsAsync("oWorker0001"));
    }

    [Fact]
    public async Task SafeModeIsDecryptedAndAnsweredEncryptedAndPlainMessagesAreAnsweredInPlain()
    {
        await using var bot = await WeChatBot.StartAsync(encrypted: true);
        await bot.WarmUpAsync();

        var reply = await bot.Pusher.TextAsync("oSafe0001", "欠薪了去哪里投诉");

        // The pusher checked the reply's MsgSignature and decrypted it.
        Assert.StartsWith("<xml><Encrypt>", reply.Body);
        Assert.DoesNotContain("欠薪", reply.Body);
        Assert.Equal("oSafe0001", reply.Reply!.ToUserName);
        Assert.False(string.IsNullOrWhiteSpace(reply.Content));

        // One bot takes both: an account switching modes in its console is never refused in between.
        bot.Pusher.Mode = WeChatMode.Plain;
        var plain = await bot.Pusher.TextAsync("oSafe0001", "你好");
        Assert.StartsWith("<xml><ToUserName>", plain.Body);
        Assert.Equal("oSafe0001", plain.Reply!.ToUserName);
        Assert.False(string.IsNullOrWhiteSpace(plain.Content));
    }

    [Fact]
    public async Task PlainMessagesAreRefusedWhenEncryptionIsRequired()
    {
        await using var bot = await WeChatBot.StartAsync(encrypted: true, new Dictionary<string, string?> { ["WeChat:RequireEncryption"] = "true" });
        bot.Pusher.Mode = WeChatMode.Plain;

        var plain = await bot.Pusher.TextAsync("oStrict0001", "你好");

        Assert.Equal(HttpStatusCode.Unauthorized, plain.Status);
    }

    [Fact]
    public async Task CompatibleModeIsAnsweredFromTheEncryptedCopy()
    {
        await using var bot = await WeChatBot.StartAsync(encrypted: true);
        await bot.WarmUpAsync();
        bot.Pusher.Mode = WeChatMode.Compatible;

        var reply = await bot.Pusher.TextAsync("oCompat0001", "你好");

        Assert.Contains("回复 1：问政策", reply.Content);
        Assert.Equal(["你好"], await bot.InboundTextsAsync("oCompat0001"));
    }

    [Fact]
    public async Task ARetriedMessageIsHandledOnceAndGetsTheSameReply()
    {
        await using var bot = await WeChatBot.StartAsync();
        await bot.WarmUpAsync();
        var msgId = bot.Pusher.NewMsgId();

        var first = await bot.Pusher.TextAsync("oRetry0001", "找保安的活", msgId);
        var retry = await bot.Pusher.TextAsync("oRetry0001", "找保安的活", msgId);

        Assert.Equal(first.Content, retry.Content);
        Assert.Single(await bot.InboundTextsAsync("oRetry0001"));
        Assert.Empty(bot.Platform.CustomMessages);
    }

    [Fact]
    public async Task RetriesArrivingTogetherRunOneTurn()
    {
        await using var bot = await WeChatBot.StartAsync();
        await bot.WarmUpAsync();
        var msgId = bot.Pusher.NewMsgId();

        var replies = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => bot.Pusher.TextAsync("oRetry0002", "你好", msgId)));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Contains(replies, r => !r.IsNothing);
        Assert.Single(await bot.InboundTextsAsync("oRetry0002"));
    }

    [Fact]
    public async Task ARetriedEventIsKnownBySenderAndTime()
    {
        await using var bot = await WeChatBot.StartAsync();
        await bot.WarmUpAsync();
        var at = WeChatPusher.Now;

        var first = await bot.Pusher.EventAsync("oEvent0001", "subscribe", createTime: at);
        var retry = await bot.Pusher.EventAsync("oEvent0001", "subscribe", createTime: at);

        Assert.Equal(first.Content, retry.Content);
        Assert.Single(await bot.TranscriptAsync("oEvent0001"), r => r.Direction == "in");
    }

    [Fact]
    public async Task AnAnswerLaterThanThePassiveWindowComesThroughTheCustomerServiceApi()
    {
        await using var bot = await WeChatBot.StartAsync(settings: new Dictionary<string, string?> { ["WeChat:PassiveReplySeconds"] = "0.001" });

        var msgId = bot.Pusher.NewMsgId();
        var reply = await bot.Pusher.TextAsync("oLate0001", "农民工子女上学有什么政策", msgId);

        Assert.True(reply.IsNothing, reply.Body);
        var sent = await bot.Platform.WaitForMessageAsync(m => m.ToUser == "oLate0001");
        Assert.Equal("text", sent.MsgType);
        Assert.Matches("<a href=\"http[^\"]+/kb/", sent.Content);
        // A retry of the late message gets nothing more: the answer is already on its way.
        var retried = await bot.Pusher.TextAsync("oLate0001", "农民工子女上学有什么政策", msgId);
        Assert.True(retried.IsNothing, retried.Body);
        Assert.Single(await bot.InboundTextsAsync("oLate0001"));
        Assert.Single(bot.Platform.CustomMessages);
    }

    [Fact]
    public async Task TheChannelIsOffWithoutAToken()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/wechat?signature=x&timestamp=1&nonce=1&echostr=e")).StatusCode);
        app.DeleteData();
    }

    [Fact]
    public void BadSettingsStopTheBot()
    {
        var error = BotApp.StartFailure(new Dictionary<string, string?>
        {
            ["WeChat:Token"] = "citywarmth2026",
            ["WeChat:AppId"] = "wx1",
            ["WeChat:AppSecret"] = "s",
            ["WeChat:EncodingAESKey"] = "too-short",
        });

        Assert.Contains("WeChat:EncodingAESKey", error.GetBaseException().Message + error.Message);
    }

    [Fact]
    public async Task UnknownEventsAreAcknowledgedWithoutATurn()
    {
        await using var bot = await WeChatBot.StartAsync();

        var view = await bot.Pusher.EventAsync("oView0001", "VIEW", "https://example.org");
        var location = await bot.Pusher.PushAsync("oView0001", "event", "<Event>LOCATION</Event><Latitude>30.5</Latitude><Longitude>114.4</Longitude>");

        Assert.True(view.IsNothing);
        Assert.True(location.IsNothing);
        Assert.Empty(await bot.TranscriptAsync("oView0001"));
        var factory = bot.App.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.Empty(await db.Set<WeChatInboundRecord>().Where(r => r.OpenId == "oView0001").ToListAsync());
    }
}
