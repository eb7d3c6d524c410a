using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CityWarmth.Bot.Tests.Browser;

/// <summary>
/// The bot's Web Chat page kept open while its conversation is over the Direct Line polling budget. The page streams
/// over WebSocket where it can; this is a browser where WebSocket is blocked, so it polls.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ThrottledChatBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string BotBubbles = ".webchat__bubble:not(.webchat__bubble--from-user)";
    private const string SendBox = "[data-id='webchat-sendbox-input']";

    [BrowserFact]
    public async Task AChatKeptOpenAcrossAThrottledWindowStillGetsItsReplies()
    {
        // Web Chat polls once a second, so a budget of 4 polls in 8 s throttles this chat most of the time.
        using var app = new BotApp(settings: new Dictionary<string, string?>
        {
            ["RateLimits:DirectLinePolls:PermitLimit"] = "4",
            ["RateLimits:DirectLinePolls:WindowSeconds"] = "8",
        });
        try
        {
            await using var context = await chromium.NewPhoneContextAsync();
            // What the page remembers after a stream brought nothing: poll for a day.
            await context.AddInitScriptAsync("localStorage.setItem('citywarmth.polling-until', JSON.stringify(Date.now() + 86400000));");
            var page = await context.NewPageAsync();
            var throttledPolls = 0;
            page.Response += (_, response) =>
            {
                if (response.Url.Contains("/activities", StringComparison.Ordinal) && response.Request.Method == "GET" && response.Headers.ContainsKey("retry-after"))
                {
                    Interlocked.Increment(ref throttledPolls);
                }
            };
            await page.GotoAsync(app.BaseAddress.ToString());
            await WaitForBotBubblesAsync(page, 1, TimeSpan.FromSeconds(30));

            // Stay past the budget: the polls of this window are throttled.
            for (var i = 0; i < 40 && Volatile.Read(ref throttledPolls) == 0; i++)
            {
                await page.WaitForTimeoutAsync(500);
            }
            Assert.True(Volatile.Read(ref throttledPolls) > 0, "no poll was throttled; the test proves nothing");

            // A message sent now is answered once the window lifts: the page kept polling through the throttle.
            var before = await page.Locator(BotBubbles).CountAsync();
            var input = page.Locator(SendBox);
            await input.FillAsync("拖欠工资怎么办");
            await input.PressAsync("Enter");
            await WaitForBotBubblesAsync(page, before + 1, TimeSpan.FromSeconds(40));
            await ChromiumFixture.ScreenshotAsync(page, "webchat-after-throttle");
            var text = await page.Locator("body").InnerTextAsync();
            Assert.DoesNotContain("发送失败", text);
            Assert.DoesNotContain("Send failed", text);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    private static Task WaitForBotBubblesAsync(IPage page, int atLeast, TimeSpan patience) =>
        page.WaitForFunctionAsync(
            "([selector, n]) => document.querySelectorAll(selector).length >= n",
            new object[] { BotBubbles, atLeast },
            new() { Timeout = (float)patience.TotalMilliseconds });
}
