using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Handoff;
using CityWarmth.Bot.Privacy;
using CityWarmth.Bot.Tests.Console;
using CityWarmth.Bot.WeChat;
using CityWarmth.Skills.WageDispute;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CityWarmth.Bot.Tests.WeChat;

/// <summary>Whole conversations of a worker on WeChat against the real bot, its replies checked as WeChat shows them.</summary>
public sealed class WeChatConversationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private WeChatBot _bot = null!;

    public async Task InitializeAsync() => _bot = await WeChatBot.StartAsync(settings: new Dictionary<string, string?> { ["Admin:ApiKeys:0"] = AdminKey });

    private const string AdminKey = "wechat-test-admin-key-0123456789";

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    /// <summary>A worker's message and what they see in reply (passive, or through the API when it came late).</summary>
    private Task<PushReply> SayAsync(string openId, string text) => ExpectAsync(openId, text, p => p.TextAsync(openId, text));

    private async Task<PushReply> ExpectAsync(string openId, string said, Func<WeChatPusher, Task<PushReply>> push)
    {
        var reply = await _bot.ExpectReplyAsync(openId, push);
        output.WriteLine($"> {said}\n{reply.Content}\n");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply;
    }

    /// <summary>A message a person reads (or that needs no answer): WeChat is answered "success" and nothing follows.</summary>
    private async Task<PushReply> SayUnansweredAsync(string openId, string text)
    {
        var reply = await _bot.Pusher.TextAsync(openId, text);
        output.WriteLine($"> {text}\n{reply.Reply?.Content ?? reply.Body}\n");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply;
    }

    [Fact]
    public async Task FollowingTheAccountIsWelcomedWithTheMenuAsNumberedChoices()
    {
        var welcome = await ExpectAsync("oNew0001", "[subscribe]", p => p.EventAsync("oNew0001", "subscribe"));

        Assert.Contains("城暖助手", welcome.Content);
        Assert.Contains("回复 1：问政策", welcome.Content);
        Assert.Contains("回复 4：转人工", welcome.Content);

        // "2" is the second choice: the wage intake starts.
        var picked = await SayAsync("oNew0001", welcome.NumberOf("欠薪求助"));
        Assert.Contains("登记欠薪", picked.Content);
        Assert.Equal(["我要反映欠薪"], await _bot.InboundTextsAsync("oNew0001"));
    }

    [Fact]
    public async Task MenuClicksAreReadAsTheirButtons()
    {
        var policy = await ExpectAsync("oMenu0001", "[问政策]", p => p.EventAsync("oMenu0001", "CLICK", WeChatMenu.PolicyKey));
        Assert.Contains("城暖农民工", policy.Content);
        Assert.Matches("来源[:：]", policy.Content);
        Assert.Matches("<a href=\"http[^\"]+/kb/", policy.Content);
        Assert.Equal(["我想了解城暖农民工政策"], await _bot.InboundTextsAsync("oMenu0001"));

        var person = await ExpectAsync("oMenu0001", "[转人工]", p => p.EventAsync("oMenu0001", "CLICK", WeChatMenu.PersonKey));
        Assert.Contains("已为您转人工", person.Content);
        Assert.Contains("wechat", await QueueChannelsAsync());
    }

    [Fact]
    public async Task VoiceIsReadThroughItsRecognitionAndWithoutItTheWorkerIsAskedToType()
    {
        var heard = await ExpectAsync("oVoice0001", "[语音] 我想找保安的工作。", p => p.VoiceAsync("oVoice0001", "我想找保安的工作。"));
        output.WriteLine(heard.Content);
        Assert.Contains("保安", heard.Content);
        Assert.Equal(["我想找保安的工作"], await _bot.InboundTextsAsync("oVoice0001"));

        var unheard = await ExpectAsync("oVoice0001", "[语音]", p => p.VoiceAsync("oVoice0001", recognition: null));
        Assert.Contains("打字", unheard.Content);
        Assert.Contains("回复 1：转人工", unheard.Content);

        var person = await SayAsync("oVoice0001", "1");
        Assert.Contains("已为您转人工", person.Content);
    }

    [Fact]
    public async Task AJobSearchGoesOnByNumber()
    {
        var found = await SayAsync("oJobs0001", "东湖区有保安的活吗");
        Assert.Contains("【", found.Content);
        var job = await SayAsync("oJobs0001", found.NumberWhere(t => t.StartsWith("详情", StringComparison.Ordinal)));

        Assert.Contains("电话：", job.Content);
        Assert.Contains("工资：", job.Content);
        Assert.StartsWith("详情", (await _bot.InboundTextsAsync("oJobs0001"))[^1]);
    }

    [Fact]
    public async Task ANumberWithoutChoicesIsJustANumber()
    {
        var offered = await SayAsync("oCount0001", "你好");
        Assert.NotEmpty(offered.Choices);
        var question = await SayAsync("oCount0001", "包工头张三欠我工资");
        Assert.Empty(question.Choices);

        // The question offered no choices, so "3" is the worker's answer, not the third choice of an older reply.
        await SayAsync("oCount0001", "3");

        Assert.Equal("3", (await _bot.InboundTextsAsync("oCount0001"))[^1]);
    }

    [Fact]
    public async Task AWorkerReportsUnpaidWagesAndGetsACaseNumber()
    {
        var reply = await SayAsync("oWage0001", "东湖区工地的包工头张三欠我三个月工钱一万二");
        var answers = new Queue<string>(["钢筋工", "中建某局", "今年3月到5月"]);
        for (var turn = 0; turn < 20 && !reply.Content.Contains("确认提交"); turn++)
        {
            // Choices are picked by number where offered, as a worker on WeChat does; other questions get typed answers.
            var next = reply.Content switch
            {
                var c when c.Contains("还在那里干活") => reply.NumberOf("还在干"),
                var c when c.Contains("几个人被欠") => reply.NumberOf("十几个人"),
                var c when c.Contains("哪些证据") && c.Contains("：欠条") => reply.NumberWhere(t => t.StartsWith("欠条", StringComparison.Ordinal)),
                var c when c.Contains("还有别的吗") || c.Contains("选证据") => reply.NumberOf("完成"),
                var c when c.Contains("叫什么名字") && c.Contains("工作人员联系") => "我叫王小明",
                var c when c.Contains("手机号") => "138 1234 5678",
                var c when c.Contains("同意吗") => reply.NumberOf("同意"),
                _ when answers.Count > 0 => answers.Dequeue(),
                _ => throw new InvalidOperationException("Unexpected question: " + reply.Content),
            };
            reply = await SayAsync("oWage0001", next);
        }

        var done = await SayAsync("oWage0001", reply.NumberOf("确认提交"));

        Assert.Matches(@"QX-\d{8}-\d{4}", done.Content);
        // The next steps (who will call, at which number) come last, through the customer-service API when the passive
        // reply is full.
        if (!done.Content.Contains("138****5678", StringComparison.Ordinal))
        {
            await _bot.Platform.WaitForMessageAsync(m => m.ToUser == "oWage0001" && m.Content?.Contains("138****5678", StringComparison.Ordinal) == true, 20_000);
        }
        var stored = Assert.Single(await _bot.App.Services.GetRequiredService<IWageCaseStore>().ListAsync(null, default));
        Assert.Equal(12000m, stored.AmountYuan);
        Assert.Equal("13812345678", stored.Phone);

        // A caseworker takes the case on: the worker hears of it through the customer-service API.
        using var admin = _bot.App.CreateHttpClient();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        var claimed = await admin.PatchAsJsonAsync($"/api/admin/cases/{stored.CaseNumber}", new { status = "Claimed" });
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var notice = await _bot.Platform.WaitForMessageAsync(m => m.ToUser == "oWage0001" && m.Content?.Contains(stored.CaseNumber, StringComparison.Ordinal) == true
            && m.Content.Contains("接手", StringComparison.Ordinal), 20_000);
        Assert.Contains("接下来", notice.Content);
    }

    [Fact]
    public async Task ACaseworkersReplyReachesTheWorkerThroughTheCustomerServiceApi()
    {
        await ConsoleSession.CreateUserAsync(_bot.App, "zhang", "caseworker", "张工作人员");
        await SayAsync("oHand0001", "老板三个月没发工资了");
        var queued = await SayAsync("oHand0001", "转人工");
        Assert.Contains("已为您转人工", queued.Content);

        using var console = await ConsoleSession.SignInAsync(_bot.App, "zhang");
        var queue = await console.Http.GetFromJsonAsync<JsonElement>("/console/api/queue");
        var row = queue.GetProperty("queued").EnumerateArray().Single();
        Assert.Equal("wechat", row.GetProperty("channel").GetString());
        var caseId = row.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await console.PostJsonAsync($"/console/api/cases/{caseId}/claim", null)).StatusCode);

        var sent = await console.PostJsonAsync($"/console/api/cases/{caseId}/messages", new { text = "您好，我是张工作人员。请问是哪个工地？" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.True((await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivered").GetBoolean());
        var delivered = await _bot.Platform.WaitForMessageAsync(m => m.ToUser == "oHand0001" && m.Content?.Contains("哪个工地") == true);
        Assert.Equal("text", delivered.MsgType);

        // The worker's answer goes to the caseworker, not the bot: no reply on WeChat, and the console has the line.
        var answer = await SayUnansweredAsync("oHand0001", "东湖区光谷大道的工地");
        Assert.True(answer.IsNothing);
        var lines = await console.Http.GetFromJsonAsync<JsonElement>($"/console/api/cases/{caseId}/messages");
        Assert.Contains(lines.EnumerateArray(), l => l.GetProperty("text").GetString() == "东湖区光谷大道的工地");

        // A worker past WeChat's 48 hours cannot be reached; the console says so.
        _bot.Platform.MakeUnreachable("oHand0001", 45015);
        var late = await console.PostJsonAsync($"/console/api/cases/{caseId}/messages", new { text = "还在吗？" });
        Assert.False((await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivered").GetBoolean());
    }

    [Fact]
    public async Task AProactiveNoticeReachesAWeChatWorkerThroughTheSameDeliveryAsTheConsole()
    {
        await SayAsync("oNotice0001", "你好");
        var conversations = _bot.App.Services.GetRequiredService<HandoffConversations>();
        var reference = await conversations.GetReferenceAsync(WeChatActivities.ConversationId("oNotice0001"), default);
        Assert.Equal(WeChatActivities.ChannelId, reference!.ChannelId);

        // What a wage-case status notice would send: a message from the bot with a next step.
        var (delivered, _) = await conversations.SendAsync(HandoffConversations.ToWorker(reference, "您的欠薪求助已受理，工作人员会电话联系您。", buttons: ["转人工"]), default);

        Assert.True(delivered);
        var sent = await _bot.Platform.WaitForMessageAsync(m => m.ToUser == "oNotice0001" && m.Content?.Contains("已受理") == true);
        Assert.Contains("回复 1：转人工", sent.Content);
        // The notice's choice is what a "1" now means.
        var person = await SayAsync("oNotice0001", "1");
        Assert.Contains("已为您转人工", person.Content);
    }

    [Fact]
    public async Task ErasureByNumberRemovesTheWorkersDataAndTheRetryLog()
    {
        await SayAsync("oErase0001", "我叫李四，电话13912345678，老板欠我工资");
        var ask = await SayAsync("oErase0001", "删除我的信息");

        var erased = await SayAsync("oErase0001", ask.NumberOf(PrivacyText.Confirm));

        Assert.Contains("删除", erased.Content);
        var factory = _bot.App.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var rows = await db.Transcript.AsNoTracking().Where(t => t.ConversationId == "wechat:oErase0001").ToListAsync();
        Assert.DoesNotContain(rows, r => r.ActivityJson.Contains("13912345678"));
        // The copies of replies kept for WeChat's retries went with the rest (the keys stay, so retries are still known).
        var kept = await db.Set<WeChatInboundRecord>().AsNoTracking().Where(r => r.OpenId == "oErase0001").ToListAsync();
        Assert.Equal(3, kept.Count);
        Assert.DoesNotContain(kept, r => r.ReplyXml != null && (r.ReplyXml.Contains("13912345678") || r.ReplyXml.Contains("李四") || r.ReplyXml.Contains(PrivacyText.AskConfirm)));
    }

    [Fact]
    public async Task TraditionalWritersGetTraditionalRepliesAndChoices()
    {
        var reply = await SayAsync("oTrad0001", "你好，請問我能做什麼");

        Assert.Contains("回覆 1：", reply.Content);
        Assert.DoesNotContain("回复", reply.Content);
    }

    [Fact]
    public async Task APlaceAsksForJobsNearbyAndAPictureGetsAKindWord()
    {
        var nearby = await ExpectAsync("oPlace0001", "[位置]", p => p.LocationAsync("oPlace0001", "示例市东湖区光谷大道77号"));
        output.WriteLine(nearby.Content);
        Assert.Matches(@"找到\d+个东湖区的", nearby.Content);
        Assert.Equal("我想找东湖区附近的工作", (await _bot.InboundTextsAsync("oPlace0001"))[^1]);

        var unknownPlace = await ExpectAsync("oPlace0002", "[位置]", p => p.LocationAsync("oPlace0002", "某某县某某镇"));
        Assert.Contains("哪个区", unknownPlace.Content);

        var picture = await ExpectAsync("oPlace0001", "[图片]", p => p.ImageAsync("oPlace0001"));
        Assert.Contains("图片", picture.Content);
        Assert.Contains("回复 4：转人工", picture.Content);
    }

    [Fact]
    public async Task FloodingIsSlowedDownAsOnOtherChannels()
    {
        await using var bot = await WeChatBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:PerWorker:PermitLimit"] = "2",
            ["RateLimits:PerWorker:WindowSeconds"] = "60",
        });

        await bot.ExpectReplyAsync("oFlood0001", p => p.TextAsync("oFlood0001", "你好"));
        await bot.ExpectReplyAsync("oFlood0001", p => p.TextAsync("oFlood0001", "你好"));
        var third = await bot.ExpectReplyAsync("oFlood0001", p => p.TextAsync("oFlood0001", "你好"));

        Assert.Contains("太快", third.Content);
    }

    [Fact]
    public async Task UnfollowingGetsNoReply()
    {
        await SayAsync("oLeave0001", "你好");
        var sent = _bot.Platform.CustomMessages.Count;

        var left = await _bot.Pusher.EventAsync("oLeave0001", "unsubscribe");

        Assert.True(left.IsNothing);
        await Task.Delay(500);
        Assert.Equal(sent, _bot.Platform.CustomMessages.Count);
    }

    [Fact]
    public async Task AllApiCallsShareOneTokenRenewedOnceWhenRejected()
    {
        await ConsoleSession.CreateUserAsync(_bot.App, "li", "caseworker");
        await SayAsync("oToken0001", "转人工");
        using var console = await ConsoleSession.SignInAsync(_bot.App, "li");
        var caseId = (await console.Http.GetFromJsonAsync<JsonElement>("/console/api/queue")).GetProperty("queued")[0].GetProperty("id").GetString();
        await console.PostJsonAsync($"/console/api/cases/{caseId}/claim", null);
        for (var i = 1; i <= 3; i++)
        {
            await console.PostJsonAsync($"/console/api/cases/{caseId}/messages", new { text = $"第{i}条" });
        }
        Assert.Equal(1, _bot.Platform.TokenRequests);

        _bot.Platform.InvalidateCurrentToken();
        var sent = await console.PostJsonAsync($"/console/api/cases/{caseId}/messages", new { text = "第4条" });

        Assert.True((await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivered").GetBoolean());
        Assert.Equal(2, _bot.Platform.TokenRequests);
        Assert.Equal(["第1条", "第2条", "第3条", "第4条"], _bot.Platform.CustomMessages.Where(m => m.Content!.StartsWith('第')).Select(m => m.Content));
        // The token lives in the database for every instance.
        var factory = _bot.App.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(_bot.Platform.CurrentToken, (await db.Set<WeChatAccessTokenRecord>().SingleAsync()).AccessToken);
    }

    [Fact]
    public async Task AnAdminCreatesTheMenu()
    {
        var anonymous = await _bot.Client.PostAsync(WeChatEndpoints.MenuPath, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, WeChatEndpoints.MenuPath);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        var created = await _bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var menu = Assert.Single(_bot.Platform.Menus);
        var names = menu["button"]!.AsArray().Select(b => (string?)b!["name"]).ToList();
        Assert.Equal(["问政策", "欠薪求助", "更多"], names);
        Assert.Equal([WeChatMenu.JobsKey, WeChatMenu.PersonKey], menu["button"]![2]!["sub_button"]!.AsArray().Select(b => (string?)b!["key"]));
    }

    private async Task<string> QueueChannelsAsync()
    {
        var factory = _bot.App.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return string.Join(",", await db.Handoffs.AsNoTracking().Select(h => h.ChannelId).ToListAsync());
    }
}
