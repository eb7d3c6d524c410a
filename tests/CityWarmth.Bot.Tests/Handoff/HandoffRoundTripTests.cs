using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Handoff;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Console;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.Bot.Tests.Handoff;

public sealed class HandoffRoundTripTests : IAsyncLifetime
{
    private ConnectedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await ConnectedBot.StartAsync(HandoffTestKit.AlwaysOpen());

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private Task SayAsync(string text) => HandoffTestKit.PostAsync(_bot.Client, HandoffTestKit.Message(text, _bot.Connector.ServiceUrl));

    private Task<string> OwnerAsync() => _bot.OwnerAsync("conv-h");

    private async Task<HandoffCase> SingleCaseAsync()
    {
        var factory = _bot.App.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Handoffs.AsNoTracking().SingleAsync();
    }

    [Fact]
    public async Task AskingForAPersonSendsHandoffInitiateWithTranscriptAndPacket()
    {
        await SayAsync("老板三个月没发工资了");
        await SayAsync("转人工");

        var ack = await _bot.Connector.WaitForAsync(a => a.Type == ActivityTypes.Message && a.Text?.Contains("已为您转人工") == true);
        Assert.Contains("前面还有0人", ack.Text);
        Assert.Contains("人工服务时间", ack.Text);
        var initiate = await _bot.Connector.WaitForAsync(a => a.Type == ActivityTypes.Event);
        Assert.Equal(HandoffEventNames.Initiate, initiate.Name);
        Assert.Equal("conv-h", initiate.Conversation?.Id);
        Assert.Equal("worker-1", initiate.RelatesTo?.User?.Id);

        var transcript = Assert.Single(initiate.Attachments!);
        Assert.Equal("application/json", transcript.ContentType);
        Assert.Equal("Transcript", transcript.Name);
        var activities = transcript.Content!["activities"]!.AsArray();
        Assert.Contains(activities, a => (string?)a!["text"] == "老板三个月没发工资了");
        Assert.Equal("转人工", (string?)activities[^1]!["text"]);

        var packet = initiate.Value!.AsObject();
        Assert.Equal("explicit", (string?)packet["reason"]);
        Assert.Equal("normal", (string?)packet["priority"]);
        Assert.Equal("emulator", (string?)packet["channel"]);
        Assert.Equal("zh-CN", (string?)packet["language"]!["locale"]);
        Assert.Contains("老板三个月没发工资了", packet["lastPhrases"]!.AsArray().Select(p => (string?)p));
        Assert.NotNull(packet["timestamps"]!["requested"]);
        Assert.NotNull(packet["citedSections"]);

        var handoff = await SingleCaseAsync();
        Assert.Equal(HandoffStatuses.Queued, handoff.Status);
        Assert.Equal((string?)packet["caseId"], handoff.Id.ToString());
    }

    [Fact]
    public async Task CaseworkerClaimsChatsBothWaysAndClosesThenTheBotAnswersAgain()
    {
        await ConsoleSession.CreateUserAsync(_bot.App, "li.lan", ConsoleRoles.Caseworker, "李兰");
        using var console = await ConsoleSession.SignInAsync(_bot.App, "li.lan");
        await SayAsync("转人工");
        var handoff = await SingleCaseAsync();

        var claim = await console.PostJsonAsync($"/console/api/cases/{handoff.Id}/claim", null);
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        var joined = await _bot.Connector.WaitForAsync(a => a.Text?.Contains("李兰已接入") == true);
        Assert.Equal("agent-" + (await SingleCaseAsync()).AssignedTo, joined.From?.Id);
        Assert.Equal("李兰", joined.From?.Name);
        Assert.Equal(RoleTypes.Bot, joined.From?.Role);
        Assert.Equal("worker-1", joined.Recipient?.Id);
        Assert.StartsWith("caseworker:", await OwnerAsync());

        // The worker's message goes to the caseworker, not the skills.
        _bot.Connector.Clear();
        await SayAsync("工地在城南，欠了两万");
        Assert.DoesNotContain(_bot.Connector.Activities, a => a.Type == ActivityTypes.Message);
        var lines = await console.Http.GetFromJsonAsync<List<ChatMessage>>($"/console/api/cases/{handoff.Id}/messages");
        Assert.Contains(lines!, l => l.Sender == "worker" && l.Text == "工地在城南，欠了两万");

        var send = await console.PostJsonAsync($"/console/api/cases/{handoff.Id}/messages", new { text = "请问有欠条吗？" });
        Assert.Equal(HttpStatusCode.OK, send.StatusCode);
        var reply = await _bot.Connector.WaitForAsync(a => a.Text == "请问有欠条吗？");
        Assert.Equal("李兰", reply.From?.Name);
        Assert.Equal("conv-h", reply.Conversation?.Id);

        var close = await console.PostFormAsync($"/console/cases/{handoff.Id}?handler=Close", new() { ["outcome"] = "resolved", ["outcomeNote"] = "已告知投诉渠道" });
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        await _bot.Connector.WaitForAsync(a => a.Text?.Contains("人工服务已结束") == true);
        Assert.Equal(ConversationOwners.Bot, await OwnerAsync());
        var closed = await SingleCaseAsync();
        Assert.Equal(HandoffStatuses.Closed, closed.Status);
        Assert.Equal("resolved", closed.Outcome);

        _bot.Connector.Clear();
        await SayAsync("你好");
        var botAgain = await _bot.Connector.WaitForAsync(a => a.Type == ActivityTypes.Message);
        Assert.Equal("bot", botAgain.From?.Id);
        Assert.NotEqual("handoff", (string?)botAgain.ChannelData?["skill"]);
    }

    [Fact]
    public async Task WorkerSayingEndPersonReturnsToTheBot()
    {
        await ConsoleSession.CreateUserAsync(_bot.App, "wang", ConsoleRoles.Caseworker);
        using var console = await ConsoleSession.SignInAsync(_bot.App, "wang");
        await SayAsync("转人工");
        var handoff = await SingleCaseAsync();
        await console.PostJsonAsync($"/console/api/cases/{handoff.Id}/claim", null);

        await SayAsync("结束人工");

        await _bot.Connector.WaitForAsync(a => a.Text?.Contains("人工服务已结束") == true && a.From?.Id == "bot");
        Assert.Equal(ConversationOwners.Bot, await OwnerAsync());
        Assert.Equal(HandoffOutcomes.WorkerEnded, (await SingleCaseAsync()).Outcome);
    }

    [Fact]
    public async Task AnExternalHubAcceptsAndCompletesTheHandoff()
    {
        await SayAsync("转人工");

        await HandoffTestKit.PostAsync(_bot.Client, HandoffTestKit.Status("accepted", _bot.Connector.ServiceUrl));
        Assert.Equal(HandoffOwners.ExternalHub, await OwnerAsync());
        var joined = await _bot.Connector.WaitForAsync(a => a.Text == HandoffText.HubJoined);
        Assert.Equal("worker-1", joined.Recipient?.Id);
        Assert.Equal(HandoffStatuses.External, (await SingleCaseAsync()).Status);

        _bot.Connector.Clear();
        await SayAsync("我在等");
        Assert.DoesNotContain(_bot.Connector.Activities, a => a.Type == ActivityTypes.Message);

        await HandoffTestKit.PostAsync(_bot.Client, HandoffTestKit.Status("completed", _bot.Connector.ServiceUrl));
        Assert.Equal(ConversationOwners.Bot, await OwnerAsync());
        var back = await _bot.Connector.WaitForAsync(a => a.Text?.Contains("人工服务已结束") == true);
        Assert.Equal("worker-1", back.Recipient?.Id);
        Assert.Equal(HandoffOutcomes.CompletedByHub, (await SingleCaseAsync()).Outcome);
    }

    [Fact]
    public async Task AFailedHandoffTellsTheWorkerWhereElseToTurn()
    {
        await SayAsync("转人工");

        // No serviceUrl on the status event: the reply goes to the stored conversation reference.
        await HandoffTestKit.PostAsync(_bot.Client, HandoffTestKit.Status("failed", null, message: "no agent available"));

        var told = await _bot.Connector.WaitForAsync(a => a.Text?.Contains("12333") == true && a.Text.Contains("暂时没有工作人员"));
        Assert.Equal("worker-1", told.Recipient?.Id);
        Assert.Contains(told.SuggestedActions!.Actions, a => (string?)a.Value == "tel:12333");
        Assert.Equal(ConversationOwners.Bot, await OwnerAsync());
        Assert.Equal(HandoffStatuses.Queued, (await SingleCaseAsync()).Status);
    }

    [Fact]
    public async Task OddStatusEventsAreAcceptedAndIgnored()
    {
        await HandoffTestKit.PostAsync(_bot.Client, HandoffTestKit.Status("typing", _bot.Connector.ServiceUrl, "never-seen"));
        var noValue = HandoffTestKit.Status("accepted", null, "never-seen-2");
        noValue.Value = JsonValue.Create("accepted");
        await HandoffTestKit.PostAsync(_bot.Client, noValue);
        await HandoffTestKit.PostAsync(_bot.Client, HandoffTestKit.Status("accepted", null, "never-seen-3"));

        Assert.Empty(_bot.Connector.Activities);
    }

    [Fact]
    public async Task AskingAgainWhileQueuedKeepsOneCaseAndTellsThePlace()
    {
        await SayAsync("转人工");
        await HandoffTestKit.PostAsync(_bot.Client, HandoffTestKit.Message("转人工", _bot.Connector.ServiceUrl, "conv-other", "worker-2"));
        _bot.Connector.Clear();

        await HandoffTestKit.PostAsync(_bot.Client, HandoffTestKit.Message("人工", _bot.Connector.ServiceUrl, "conv-other", "worker-2"));

        var again = await _bot.Connector.WaitForAsync(a => a.Type == ActivityTypes.Message);
        Assert.Contains("您已经在排队了，前面还有1人", again.Text);
        Assert.DoesNotContain(_bot.Connector.Activities, a => a.Type == ActivityTypes.Event);
    }
}
