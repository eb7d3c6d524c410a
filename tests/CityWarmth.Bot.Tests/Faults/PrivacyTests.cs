using System.Text.Json;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Privacy;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.DirectLine;
using CityWarmth.Bot.Tests.Handoff;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Skills.WageDispute;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CityWarmth.Bot.Tests.Faults;

public sealed class PrivacyTests
{
    private const string WorkerName = "王小明";
    private const string Phone = "13812345678";
    private const string Workplace = "东湖区光谷大道某某小区工地";

    /// <summary>A whole wage intake, with the worker's name and phone, ending in a confirmed case.</summary>
    private static readonly string[] Intake =
    [
        "老板欠我工资", "包工头", "张三", Workplace, "钢筋工", "跳过", "一万二", "今年3月到5月", "已经不干了",
        "上个月", "就我一个", "欠条/结算单", "完成", WorkerName, "138 1234 5678", "同意", "确认提交",
    ];

    private static readonly string[] Secrets = [WorkerName, Phone, "138 1234 5678", Workplace];

    [Theory]
    [InlineData("删除我的信息", true)]
    [InlineData("刪除我的資料", true)]
    [InlineData("请帮我删掉我的聊天记录！", true)]
    [InlineData("把我的信息都删了吧", true)]
    [InlineData("清除我的個人數據", true)]
    [InlineData("删除", false)]
    [InlineData("老板删除了我的考勤记录怎么办", false)]
    [InlineData("工资信息怎么查", false)]
    [InlineData("请帮我删除我的信息，还有我上个月在工地登记的那些考勤和工资条的照片也都删了吧谢谢你们", false)]
    public void DeletionRequestsAreRecognisedInEverydayWording(string text, bool expected) =>
        Assert.Equal(expected, PrivacyText.IsRequest(text));

    [Theory]
    [InlineData("确认删除", true)]
    [InlineData("确定！", true)]
    [InlineData(" 刪除 ", true)]
    [InlineData("不删除", false)]
    [InlineData("确认删除我的所有信息", false)]
    public void OnlyAPlainYesConfirmsTheErasure(string text, bool expected) =>
        Assert.Equal(expected, PrivacyText.IsConfirm(text));

    [Fact]
    public async Task AfterConfirmingEverythingAboutTheWorkerIsErasedWithAnAuditEntry()
    {
        using var app = new BotApp(settings: HandoffTestKit.AlwaysOpen());
        using var client = app.CreateHttpClient();
        foreach (var text in Intake)
        {
            await app.AskAsync(client, TestActivities.Message(text, "conv-erase"));
        }
        await app.AskAsync(client, TestActivities.Message("转人工", "conv-erase"));

        var ask = await app.AskAsync(client, TestActivities.Message("删除我的信息", "conv-erase"));
        Assert.Contains(ask.Last().SuggestedActions!.Actions, a => (string?)a.Value == PrivacyText.Confirm);
        var stillThere = await app.Services.GetRequiredService<IConversationStore>().GetTranscriptAsync("conv-erase", 500, default);
        Assert.Contains(stillThere, a => a.Text == WorkerName);
        var done = await app.AskAsync(client, TestActivities.Message(PrivacyText.Confirm, "conv-erase"));

        Assert.StartsWith("已删除您的信息", Assert.Single(done).Text);
        var store = app.Services.GetRequiredService<IConversationStore>();
        var transcript = JsonSerializer.Serialize(await store.GetTranscriptAsync("conv-erase", 500, default), ProtocolJson.Options);
        Assert.All(Secrets, s => Assert.DoesNotContain(s, transcript));
        var state = await store.LoadAsync("conv-erase", default);
        Assert.Null(state.State.WageIntake);
        Assert.Equal(ConversationOwners.Bot, state.Owner);

        var wageCase = Assert.Single(await app.Services.GetRequiredService<IWageCaseStore>().ListAsync(null, default));
        Assert.Equal("", wageCase.WorkerName);
        Assert.Equal("", wageCase.Phone);
        Assert.Equal(12000m, wageCase.AmountYuan);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync();
        var everything = string.Join("\n", (await db.Handoffs.ToListAsync()).Select(h => h.PacketJson + h.Summary))
            + string.Join("\n", await db.Set<CityWarmth.Bot.Cases.WageCaseRecord>().Select(c => c.CaseJson).ToListAsync());
        Assert.All(Secrets, s => Assert.DoesNotContain(s, everything));
        Assert.All(await db.Handoffs.ToListAsync(), h => Assert.Equal("closed", h.Status));
        var entry = Assert.Single(await app.Services.GetRequiredService<AuditLog>().RecentAsync(10, "conv-erase", default));
        Assert.Equal("privacy.erase", entry.Action);
        app.DeleteData();
    }

    [Fact]
    public async Task DirectLineHistoryIsErasedToo()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        var directLine = new DirectLineClient(client);
        var conversation = await directLine.StartNewAsync();

        await directLine.PostMessageAsync(conversation.ConversationId, conversation.Token, "我叫" + WorkerName + "，电话" + Phone, "c1");
        await directLine.PostMessageAsync(conversation.ConversationId, conversation.Token, "把我的資料都刪了", "c2");
        var before = await directLine.GetActivitiesAsync(conversation.ConversationId, conversation.Token);
        await directLine.PostMessageAsync(conversation.ConversationId, conversation.Token, PrivacyText.Confirm, "c3");
        var after = await directLine.GetActivitiesAsync(conversation.ConversationId, conversation.Token);

        Assert.Contains(before.Activities, a => a.Text?.Contains(Phone) == true);
        var history = JsonSerializer.Serialize(after, ProtocolJson.Options);
        Assert.DoesNotContain(Phone, history);
        Assert.DoesNotContain(WorkerName, history);
        Assert.Contains(after.Activities, a => a.Text?.StartsWith("已删除您的信息") == true);
        app.DeleteData();
    }

    [Fact]
    public async Task RetentionAnonymisesOnlyConversationsIdleLongerThanConfigured()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new BotApp(
            settings: new Dictionary<string, string?> { ["Privacy:RetentionDays"] = "30" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        using var client = app.CreateHttpClient();
        foreach (var text in Intake[..6])
        {
            await app.AskAsync(client, TestActivities.Message(text, "conv-old"));
        }
        clock.Advance(TimeSpan.FromDays(20));
        await app.AskAsync(client, TestActivities.Message("我叫" + WorkerName, "conv-recent"));
        var retention = app.Services.GetRequiredService<RetentionService>();

        var store = app.Services.GetRequiredService<IConversationStore>();

        Assert.Equal(0, await retention.SweepAsync(default));
        Assert.NotNull((await store.LoadAsync("conv-old", default)).State.WageIntake);
        // Advancing the clock also fires the service's own timer, so the sweep below may find the work done.
        clock.Advance(TimeSpan.FromDays(11));
        await retention.SweepAsync(default);
        Assert.Equal(0, await retention.SweepAsync(default));

        var old = JsonSerializer.Serialize(await store.GetTranscriptAsync("conv-old", 100, default), ProtocolJson.Options);
        Assert.DoesNotContain(Workplace, old);
        Assert.Null((await store.LoadAsync("conv-old", default)).State.WageIntake);
        var recent = await store.GetTranscriptAsync("conv-recent", 100, default);
        Assert.Contains(recent, a => a.Text == "我叫" + WorkerName);
        // The anonymised conversation still works.
        Assert.NotEmpty(await app.AskAsync(client, TestActivities.Message("你好", "conv-old")));
        app.DeleteData();
    }

    [Fact]
    public async Task AFullIntakeLogsNoNamePhoneOrFreeTextAnswer()
    {
        var logs = new CapturingLoggerProvider();
        using var app = new BotApp(
            settings: CapturingLoggerProvider.Verbose(),
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = app.CreateHttpClient();
        foreach (var text in Intake)
        {
            await app.AskAsync(client, TestActivities.Message(text, "conv-logs"));
        }
        var wageCase = Assert.Single(await app.Services.GetRequiredService<IWageCaseStore>().ListAsync(null, default));
        Assert.Equal(WorkerName, wageCase.WorkerName);

        Assert.True(logs.Lines.Count > 50, "the app logged at Debug level");
        var leaks = logs.Lines.Where(line => Secrets.Append("张三").Append("钢筋工").Any(line.Contains)).ToList();
        Assert.Empty(leaks);
        app.DeleteData();
    }
}
