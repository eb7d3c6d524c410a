using CityWarmth.Bot.Tests.Console;
using Microsoft.Playwright;

namespace CityWarmth.Bot.Tests.Browser;

/// <summary>A caseworker at a desk: a desktop-sized browser context and the console's sign-in form filled in by hand.</summary>
public static class ConsoleBrowser
{
    public const float Patience = 30_000;

    public static Task<IBrowserContext> DesktopAsync(this ChromiumFixture chromium, bool acceptDownloads = false) =>
        chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "zh-CN",
            AcceptDownloads = acceptDownloads,
        });

    /// <summary>
    /// Signs in through the login page and waits for the queue page. Messages the page logs about its Content
    /// Security Policy are collected into <paramref name="cspErrors"/> when one is given.
    /// </summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, Uri baseAddress, string userName, List<string>? cspErrors = null)
    {
        var page = await context.NewPageAsync();
        if (cspErrors is not null)
        {
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                {
                    cspErrors.Add(message.Text);
                }
            };
        }
        await page.GotoAsync(new Uri(baseAddress, "/console/login").ToString());
        await page.FillAsync("input[name=UserName]", userName);
        await page.FillAsync("input[name=Password]", ConsoleSession.Password);
        await page.ClickAsync("#login button[type=submit]");
        // The page a form post leads to is awaited by what only it shows, not by its address: on a loaded machine
        // waiting for the address after a post timed out now and then although the page had arrived.
        await page.WaitForSelectorAsync("#queued", new() { Timeout = Patience });
        return page;
    }
}
