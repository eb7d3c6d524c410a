using CityWarmth.Bot.Accounts;
using Microsoft.Playwright;
using static CityWarmth.Bot.Tests.KnowledgeBase.KnowledgeAdminKit;

namespace CityWarmth.Bot.Tests.KnowledgeBase;

/// <summary>The admin's upload → test → publish flow in the console, in headless Chromium.</summary>
[Trait("Category", "Browser")]
public sealed class KnowledgeConsoleBrowserTests
{
    [Fact]
    public async Task AnAdminUploadsAHandbookTestsAQuestionAndPublishesIt()
    {
        using var app = NewApp();
        try
        {
            await Console.ConsoleSession.CreateUserAsync(app, "kb-admin", ConsoleRoles.Admin, "知识库管理员");
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseAddress.ToString() });

            await page.GotoAsync("/console/knowledge");
            await page.FillAsync("input[name=UserName]", "kb-admin");
            await page.FillAsync("input[name=Password]", Console.ConsoleSession.Password);
            await page.ClickAsync("#login button[type=submit]");
            // The page the login leads to, by what only it shows: on a loaded machine waiting for its address after a
            // form post timed out now and then although the page had arrived.
            await page.WaitForSelectorAsync("#upload-form");

            // The knowledge pages are console pages: the console's one header and menu, sign-out included, and the
            // console's stylesheet placing the checkbox beside its label (the CSP allows no inline style).
            Assert.Equal(1, await page.Locator("header.top").CountAsync());
            Assert.True(await page.Locator("header nav a[href='/console/users']").IsVisibleAsync());
            Assert.True(await page.Locator("header nav form[action='/console/logout'] button").IsVisibleAsync());
            var checkbox = await page.Locator("#upload-form input[name=replace]").BoundingBoxAsync();
            Assert.True(checkbox!.Width < 40, $"the replace checkbox is {checkbox.Width}px wide");

            // Upload with metadata; the preview shows the passages and says nothing is live yet.
            await page.SetInputFilesAsync("#upload-form input[name=file]", new FilePayload
            {
                Name = "qinghe-handbook.md",
                MimeType = "text/markdown",
                Buffer = Utf8(HandbookMarkdown),
            });
            await page.FillAsync("#upload-form input[name=title]", "青禾市农民工服务手册");
            await page.FillAsync("#upload-form input[name=documentNumber]", "青人社发〔2025〕3号");
            await page.ClickAsync("#upload-form button[type=submit]");
            await page.WaitForSelectorAsync("#preview");
            Assert.Contains("夜校报名", await page.InnerTextAsync("#preview"));
            Assert.Contains("还没有生效", await page.InnerTextAsync("main"));

            // 命中测试: the draft finds the handbook, the published knowledge does not.
            await page.GotoAsync("/console/knowledge/test");
            await page.FillAsync("#q", HandbookQuestion);
            await page.PressAsync("#q", "Enter");
            await page.WaitForSelectorAsync("#draft-results");
            Assert.Contains("青禾市农民工服务手册", await page.InnerTextAsync("#draft-results"));
            Assert.DoesNotContain("青禾市农民工服务手册", await page.InnerTextAsync("#published-results"));

            // Publish: the new version serves at once.
            await page.GotoAsync("/console/knowledge/publish");
            Assert.Contains("回归问题", await page.InnerTextAsync("#regression-summary"));
            await page.ClickAsync("#publish-form button[type=submit]");
            await page.WaitForSelectorAsync("#published");

            using var bot = app.CreateHttpClient();
            Assert.Contains("/kb/qinghe-handbook-p", await AskAsync(app, bot, HandbookQuestion, "c-browser"));

            // The versions list offers a rollback to version 1.
            await page.GotoAsync("/console/knowledge");
            Assert.Contains("正在使用", await page.InnerTextAsync("#versions"));
            // The form posts and redirects to the same address: wait for the page the redirect fetches, which comes
            // only once the rollback is done.
            await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#versions button[type=submit]"),
                r => r.Request.Method == "GET" && r.Url.EndsWith("/console/knowledge", StringComparison.Ordinal));
            Assert.DoesNotContain("qinghe-handbook", await AskAsync(app, bot, HandbookQuestion, "c-browser-2"));

            // A question nothing answers is written up as a new passage from the unanswered list, reached from the menu.
            await AskAsync(app, bot, "扫盲班在哪儿", "c-browser-3");
            await page.GotoAsync("/console");
            await page.ClickAsync("header nav a[href='/console/knowledge']");
            await page.WaitForSelectorAsync("#upload-form");
            for (var i = 0; i < 50 && !(await page.InnerTextAsync("main")).Contains("扫盲班"); i++)
            {
                await Task.Delay(100);
                await page.GotoAsync("/console/knowledge/unanswered");
            }

            await page.ClickAsync("details summary");
            await page.FillAsync(".answer-form input[name=heading]", "扫盲班报名");
            await page.FillAsync(".answer-form textarea[name=answer]", "青禾市总工会每周六上午在工人文化宫开扫盲班,学费全免。");
            await page.ClickAsync(".answer-form button[type=submit]");
            await page.WaitForSelectorAsync("#passage-added");
            Assert.Contains("faq-p01", await page.InnerTextAsync("main"));
        }
        finally
        {
            app.DeleteData();
        }
    }
}
