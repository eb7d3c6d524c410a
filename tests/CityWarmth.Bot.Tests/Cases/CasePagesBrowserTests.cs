using System.Text.RegularExpressions;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Tests.Browser;
using CityWarmth.Bot.Tests.Console;
using CityWarmth.Bot.Tests.Handoff;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.BotFramework.Schema;
using Microsoft.Playwright;

namespace CityWarmth.Bot.Tests.Cases;

/// <summary>The console's wage case pages and statistics page in headless Chromium, with the worker on a connector.</summary>
[Trait("Category", "Browser")]
public sealed partial class CasePagesBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private const float Patience = 30_000;
    private ConnectedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await ConnectedBot.StartAsync(HandoffTestKit.AlwaysOpen());

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private Task<IReadOnlyList<Activity>> SayAsync(string text, string conversationId) =>
        _bot.App.AskAsync(_bot.Client, _bot.Message(text, conversationId, "worker-" + conversationId));

    private async Task<string> FileCaseAsync(string conversationId)
    {
        IReadOnlyList<Activity> last = [];
        foreach (var answer in CaseLifecycleTests.IntakeAnswers)
        {
            last = await SayAsync(answer, conversationId);
        }
        return CaseNumber().Match(string.Join("\n", last.Select(a => a.Text))).Value;
    }

    private async Task<(IPage Page, List<string> CspErrors)> SignInAsync(IBrowserContext context, string userName)
    {
        var errors = new List<string>();
        return (await ConsoleBrowser.SignInAsync(context, _bot.App.BaseAddress, userName, errors), errors);
    }

    private Task<IBrowserContext> DesktopAsync() => chromium.DesktopAsync(acceptDownloads: true);

    /// <summary>What a page must never show a caseworker: state keys, flags, counters, ISO times, enum names.</summary>
    private static void AssertReadable(string text)
    {
        Assert.DoesNotContain("wageIntake", text);
        Assert.DoesNotContain("awaitingCancelConfirm", text);
        Assert.DoesNotContain("failedAttempts", text);
        Assert.DoesNotContain("LabourContractor", text);
        Assert.DoesNotContain("GeneralContractor", text);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text);
    }

    [BrowserFact]
    public async Task ACaseworkerWorksACaseToItsOutcomeOnReadablePages()
    {
        await ConsoleSession.CreateUserAsync(_bot.App, "li.lan", ConsoleRoles.Caseworker, "李兰");
        var number = await FileCaseAsync("page-case");
        Assert.NotEmpty(number);
        await using var context = await DesktopAsync();
        var (page, cspErrors) = await SignInAsync(context, "li.lan");

        await page.ClickAsync("header nav a[href='/console/wagecases']");
        var row = page.Locator("#wage-cases tbody tr", new() { HasText = number });
        await row.WaitForAsync(new() { Timeout = Patience });
        Assert.Contains("待接手", await row.InnerTextAsync());
        await row.Locator("a").ClickAsync();

        await page.WaitForSelectorAsync("#facts", new() { Timeout = Patience });
        var facts = await page.Locator("#facts").InnerTextAsync();
        foreach (var label in new[] { "欠薪方", "干活地点", "工种", "欠薪金额", "欠薪时间", "现在情况", "被欠人数", "证据" })
        {
            Assert.Contains(label, facts);
        }
        Assert.Contains("张三", facts);
        AssertReadable(await page.Locator("main").InnerTextAsync());

        await page.ClickAsync("#claim");
        await page.Locator(".notice", new() { HasText = "已接手" }).WaitForAsync(new() { Timeout = Patience });
        Assert.Contains("处理中", await page.Locator("#case-status").InnerTextAsync());
        await _bot.Connector.WaitForAsync(a => a.Conversation?.Id == "page-case" && a.Text?.Contains("李兰已经接手") == true);

        await page.FillAsync("#note-form textarea", "只给同事看的备注");
        await page.ClickAsync("#note-form button[type=submit]");
        await page.Locator("#notes li.private", new() { HasText = "只给同事看的备注" }).WaitForAsync(new() { Timeout = Patience });

        await page.SelectOptionAsync("#close-form select[name=outcome]", "Paid");
        await page.FillAsync("#close-form input[name=amountRecovered]", "13000");
        await page.FillAsync("#close-form textarea", "钱已经打到你卡上了");
        await page.ClickAsync("#close-form button[type=submit]");
        await page.Locator(".notice", new() { HasText = "已办结" }).WaitForAsync(new() { Timeout = Patience });
        Assert.Contains("工资已全部追回", await page.Locator("#case-status").InnerTextAsync());
        Assert.Contains("13000", await page.Locator("#progress").InnerTextAsync());
        var closing = await _bot.Connector.WaitForAsync(a => a.Conversation?.Id == "page-case" && a.Text?.Contains("已全部追回") == true);
        Assert.Contains("钱已经打到你卡上了", closing.Text);
        Assert.DoesNotContain("只给同事看的备注", closing.Text);

        await page.GotoAsync(new Uri(_bot.App.BaseAddress, "/console/wagecases?status=Closed").ToString());
        await page.Locator("#wage-cases tbody tr", new() { HasText = number }).WaitForAsync(new() { Timeout = Patience });
        await page.GotoAsync(new Uri(_bot.App.BaseAddress, "/console/wagecases?status=Submitted").ToString());
        Assert.Equal(0, await page.Locator("#wage-cases tbody tr", new() { HasText = number }).CountAsync());
        Assert.Empty(cspErrors);
    }

    [BrowserFact]
    public async Task AnIntakeHandedOffHalfwayReadsLikeTheComplaintSheet()
    {
        await ConsoleSession.CreateUserAsync(_bot.App, "li.lan", ConsoleRoles.Caseworker, "李兰");
        await SayAsync("东湖区工地的包工头张三欠我三个月工钱一万二", "page-handoff");
        await SayAsync("钢筋工", "page-handoff");
        await SayAsync("转人工", "page-handoff");
        await using var context = await DesktopAsync();
        var (page, cspErrors) = await SignInAsync(context, "li.lan");

        var open = page.Locator("#queued tbody tr a, #queued tbody tr button.claim").First;
        await open.WaitForAsync(new() { Timeout = Patience });
        await open.ClickAsync();
        await page.WaitForSelectorAsync("dl.intake", new() { Timeout = Patience });

        var intake = await page.Locator("dl.intake").InnerTextAsync();
        Assert.Contains("欠薪方", intake);
        Assert.Contains("张三", intake);
        Assert.Contains("欠薪金额", intake);
        Assert.Contains("12000", intake.Replace(",", "", StringComparison.Ordinal));
        Assert.Contains("正在问", await page.Locator("#intake-title").InnerTextAsync());
        AssertReadable(await page.Locator("main").InnerTextAsync());
        Assert.Empty(cspErrors);
    }

    [BrowserFact]
    public async Task TheStatisticsPageDrawsItsChartsAndExportsCsv()
    {
        await ConsoleSession.CreateUserAsync(_bot.App, "admin.wang", ConsoleRoles.Admin, "王管理");
        var number = await FileCaseAsync("page-stats");
        await SayAsync("高温天气干活有什么规定?", "page-stats");
        await using var context = await DesktopAsync();
        var (page, cspErrors) = await SignInAsync(context, "admin.wang");

        await page.ClickAsync("header nav a[href='/console/stats']");
        await page.WaitForSelectorAsync("#turns svg.chart rect", new() { Timeout = Patience });
        Assert.Contains("欠薪登记", await page.Locator("#turns").InnerTextAsync());
        Assert.True(await page.Locator("#cases svg.chart rect").CountAsync() >= 4);
        Assert.Contains("待接手", await page.Locator("#cases").InnerTextAsync());
        var box = await page.Locator("#turns svg.chart").BoundingBoxAsync();
        Assert.True(box is { Width: > 100, Height: > 100 });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#csv"));
        var path = await download.PathAsync();
        var csv = await File.ReadAllTextAsync(path!);
        Assert.StartsWith("section,key,day,value", csv.TrimStart('\uFEFF'));
        Assert.Matches(@"turns,wageDispute,\d{4}-\d{2}-\d{2},1\d", csv);
        Assert.Contains("cases,Submitted,,1", csv);
        Assert.Empty(cspErrors);
        Assert.NotEmpty(number);
    }

    [GeneratedRegex(@"QX-\d{8}-\d{4}")]
    private static partial Regex CaseNumber();
}
