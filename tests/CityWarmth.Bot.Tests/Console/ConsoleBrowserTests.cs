using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Handoff;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Browser;
using CityWarmth.Bot.Tests.Handoff;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CityWarmth.Bot.Tests.Console;

/// <summary>The caseworker console in headless Chromium, with the worker on the connector or in Web Chat.</summary>
[Trait("Category", "Browser")]
public sealed class ConsoleBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private const float Patience = 30_000;
    private ConnectedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await ConnectedBot.StartAsync(HandoffTestKit.AlwaysOpen());

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private Task WorkerSaysAsync(string text) => HandoffTestKit.PostAsync(_bot.Client, HandoffTestKit.Message(text, _bot.Connector.ServiceUrl));

    private Task<IPage> SignInAsync(IBrowserContext context, string userName) =>
        ConsoleBrowser.SignInAsync(context, _bot.App.BaseAddress, userName);

    private Task<IBrowserContext> DesktopAsync() => chromium.DesktopAsync();

    private static Task WaitForLineAsync(IPage page, string sender, string text) =>
        page.Locator($"#chat li.{sender} .text", new() { HasText = text }).First.WaitForAsync(new() { Timeout = Patience });

    [BrowserFact]
    public async Task ACaseworkerClaimsRepliesSeesTheWorkerLiveAndCloses()
    {
        await ConsoleSession.CreateUserAsync(_bot.App, "li.lan", ConsoleRoles.Caseworker, "李兰");
        await using var context = await DesktopAsync();
        var page = await SignInAsync(context, "li.lan");

        // The queue is open before the worker asks: the row must arrive without a reload.
        await WorkerSaysAsync("<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">工地欠钱");
        await WorkerSaysAsync("转人工");
        var claim = page.Locator("#queued tbody tr button.claim").First;
        await claim.WaitForAsync(new() { Timeout = Patience });
        Assert.Contains("工友要求转人工", await page.Locator("#queued tbody tr").First.InnerTextAsync());
        await claim.ClickAsync();
        await page.WaitForSelectorAsync("#close", new() { Timeout = Patience });   // the case page
        await _bot.Connector.WaitForAsync(a => a.Text?.Contains("李兰已接入") == true);

        // The worker's markup is shown as text and never runs.
        await WaitForLineAsync(page, "worker", "<script>window.__xss=1</script>");
        Assert.Equal(0, await page.Locator("#chat img, #chat script").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"));
        Assert.Contains("<script>", await page.Locator(".packet .phrases").InnerTextAsync());

        await page.FillAsync("#send-text", "请问欠了多久？");
        await page.ClickAsync("#send button[type=submit]");
        await WaitForLineAsync(page, "agent", "请问欠了多久？");
        var sent = await _bot.Connector.WaitForAsync(a => a.Text == "请问欠了多久？");
        Assert.Equal("李兰", sent.From?.Name);

        await WorkerSaysAsync("两个月了");
        await WaitForLineAsync(page, "worker", "两个月了");

        await page.SelectOptionAsync("#close select[name=outcome]", HandoffOutcomes.Referred);
        await page.ClickAsync("#close button[type=submit]");
        await page.WaitForSelectorAsync("#queued", new() { Timeout = Patience });   // the queue page (see SignInAsync)
        await _bot.Connector.WaitForAsync(a => a.Text?.Contains("人工服务已结束") == true);
        Assert.Equal(ConversationOwners.Bot, await _bot.OwnerAsync("conv-h"));
        await ChromiumFixture.ScreenshotAsync(page, "console-queue-after-close");
    }

    [BrowserFact]
    public async Task AWorkerInWebChatReachesACaseworkerAndComesBackToTheBot()
    {
        await ConsoleSession.CreateUserAsync(_bot.App, "li.lan", ConsoleRoles.Caseworker, "李兰");
        await using var workerContext = await chromium.NewPhoneContextAsync();
        await using var caseworkerContext = await DesktopAsync();
        var chat = await workerContext.NewPageAsync();
        await chat.GotoAsync(_bot.App.BaseAddress.ToString());
        await BotBubble(chat, "城暖助手").WaitForAsync(new() { Timeout = Patience });
        var console = await SignInAsync(caseworkerContext, "li.lan");

        await SendInWebChatAsync(chat, "转人工");
        await BotBubble(chat, "已为您转人工").WaitForAsync(new() { Timeout = Patience });

        var claim = console.Locator("#queued tbody tr button.claim").First;
        await claim.WaitForAsync(new() { Timeout = Patience });
        await claim.ClickAsync();
        await console.WaitForSelectorAsync("#close", new() { Timeout = Patience });   // the case page
        await BotBubble(chat, "李兰已接入").WaitForAsync(new() { Timeout = Patience });

        await console.FillAsync("#send-text", "您好，请说说您的情况。");
        await console.ClickAsync("#send button[type=submit]");
        await BotBubble(chat, "您好，请说说您的情况。").WaitForAsync(new() { Timeout = Patience });

        await SendInWebChatAsync(chat, "工地欠了我两个月工资");
        await WaitForLineAsync(console, "worker", "工地欠了我两个月工资");
        await ChromiumFixture.ScreenshotAsync(console, "console-case-live");
        await ChromiumFixture.ScreenshotAsync(chat, "webchat-with-caseworker");

        await console.SelectOptionAsync("#close select[name=outcome]", HandoffOutcomes.Resolved);
        await console.ClickAsync("#close button[type=submit]");
        await BotBubble(chat, "人工服务已结束").WaitForAsync(new() { Timeout = Patience });

        // Back with the bot: the next message is answered by the skills again.
        var before = await chat.Locator(BotBubbles).CountAsync();
        await SendInWebChatAsync(chat, "你好");
        await chat.WaitForFunctionAsync("([s, n]) => document.querySelectorAll(s).length > n", new object[] { BotBubbles, before }, new() { Timeout = Patience });
        var factory = _bot.App.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var handoff = await db.Handoffs.AsNoTracking().SingleAsync();
        Assert.Equal(HandoffOutcomes.Resolved, handoff.Outcome);
        Assert.Equal(ConversationOwners.Bot, await _bot.OwnerAsync(handoff.ConversationId));
        var last = (await _bot.App.Services.GetRequiredService<IConversationStore>().GetTranscriptAsync(handoff.ConversationId, 1, CancellationToken.None)).Single();
        Assert.NotEqual("handoff", (string?)last.ChannelData?["skill"]);
        Assert.Equal(ActivityTypes.Message, last.Type);
    }

    private const string BotBubbles = ".webchat__bubble:not(.webchat__bubble--from-user)";

    private static ILocator BotBubble(IPage page, string text) => page.Locator(BotBubbles, new() { HasText = text }).First;

    private static async Task SendInWebChatAsync(IPage page, string text)
    {
        var input = page.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
        await page.Locator(".webchat__bubble--from-user", new() { HasText = text }).First.WaitForAsync(new() { Timeout = Patience });
    }
}
