using System.Text.Json;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.Playwright;
using static CityWarmth.Bot.Tests.Browser.WebChatPageTests;

namespace CityWarmth.Bot.Tests.Browser;

/// <summary>
/// DirectLineJS as Web Chat bundles it (window.WebChat.createDirectLine) over both transports, and what the page must
/// still render and say now that it loads its bundle itself.
/// </summary>
[Trait("Category", "Browser")]
public sealed class WebChatStreamingTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    /// <summary>
    /// Starts a conversation, waits for the welcome, sends a message and collects what comes back, all inside the
    /// browser; resolves with the activities seen and the connection statuses passed through.
    /// </summary>
    private const string Converse = """
        async ({ webSocket }) => {
          const response = await fetch('/v3/directline/tokens/generate', {
            method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: { id: 'u_js' } })
          });
          const { token } = await response.json();
          const directLine = window.WebChat.createDirectLine({ domain: location.origin + '/v3/directline', token, webSocket });
          const seen = [];
          const statuses = [];
          directLine.connectionStatus$.subscribe(s => statuses.push(s));
          const waitFor = (predicate) => new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('timed out; seen ' + JSON.stringify(seen.map(a => a.text)))), 25000);
            const check = () => { if (predicate()) { clearTimeout(timer); resolve(); } else { setTimeout(check, 50); } };
            check();
          });
          directLine.activity$.subscribe(a => seen.push({ id: a.id, type: a.type, role: a.from && a.from.role, text: a.text, replyToId: a.replyToId }));
          await waitFor(() => seen.some(a => a.role === 'bot'));
          const id = await new Promise((resolve, reject) => directLine.postActivity({
            type: 'message', text: '我想找工作', from: { id: 'u_js', role: 'user' }, locale: 'zh-CN'
          }).subscribe(resolve, reject));
          await waitFor(() => seen.some(a => a.replyToId === id));
          await new Promise(r => setTimeout(r, 1500));
          directLine.end();
          return JSON.stringify({ id, seen, statuses });
        }
        """;

    [BrowserTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DirectLineJsAsWebChatBundlesItConversesOverEitherTransport(bool webSocket)
    {
        using var app = new BotApp();
        try
        {
            await using var context = await chromium.NewPhoneContextAsync();
            var page = await context.NewPageAsync();
            var log = Record(page);
            var sockets = new List<string>();
            var polls = 0;
            page.WebSocket += (_, socket) => { lock (sockets) { sockets.Add(socket.Url); } };
            page.Request += (_, request) => { if (request.Url.Contains("/activities?", StringComparison.Ordinal)) { Interlocked.Increment(ref polls); } };
            await page.GotoAsync(new Uri(app.BaseAddress, "/health").ToString());
            await page.AddScriptTagAsync(new() { Url = "/lib/webchat.js" });

            string result;
            try
            {
                result = await page.EvaluateAsync<string>(Converse, new { webSocket });
            }
            catch (PlaywrightException ex)
            {
                throw new InvalidOperationException($"DirectLineJS failed. Browser log:\n{string.Join("\n", log)}", ex);
            }

            using var outcome = JsonDocument.Parse(result);
            var id = outcome.RootElement.GetProperty("id").GetString();
            var seen = outcome.RootElement.GetProperty("seen").EnumerateArray().ToList();
            // The welcome, the echo of the message under the id the post returned, and the answer to it: each once.
            Assert.Equal("bot", seen[0].GetProperty("role").GetString());
            Assert.Single(seen, a => a.GetProperty("id").GetString() == id);
            Assert.Contains(seen, a => a.TryGetProperty("replyToId", out var replyTo) && replyTo.GetString() == id);
            Assert.Equal(seen.Count, seen.Select(a => a.GetProperty("id").GetString()).Distinct().Count());
            Assert.Contains(2, outcome.RootElement.GetProperty("statuses").EnumerateArray().Select(s => s.GetInt32()));
            if (webSocket)
            {
                Assert.Contains(sockets, url => url.Contains("/stream?", StringComparison.Ordinal));
                Assert.Equal(0, polls);
            }
            else
            {
                Assert.Empty(sockets);
                Assert.True(polls > 0);
            }
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    [BrowserFact]
    public async Task CardsSuggestedActionsThumbsAndCitationsRenderFromTheStream()
    {
        using var app = new BotApp();
        try
        {
            await using var context = await chromium.NewPhoneContextAsync();
            var page = await context.NewPageAsync();
            var log = Record(page);
            await page.GotoAsync(app.BaseAddress.ToString());
            await WaitForBotBubblesAsync(page, 1, log);

            // The welcome offers its next steps as suggested actions.
            await page.Locator(".webchat__suggested-actions button").First.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });

            await SendAsync(page, "外地来打工的能申请保障性租赁住房吗", log);
            await page.Locator(".webchat__thumb-button").First.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
            // The answer's source, as the worker reads it under the fact (the text is plain, so Web Chat shows it as sent).
            var cited = page.Locator(BotBubbles, new() { HasText = "来源:《" });
            await cited.First.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });

            await SendAsync(page, "附近有没有招保安的", log);
            await SendAsync(page, "要东湖区的", log);
            var heroCard = page.Locator(".ac-adaptiveCard", new() { HasText = "东湖区" });
            await heroCard.First.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
            Assert.True(await heroCard.Locator("button").CountAsync() > 0);
            await ChromiumFixture.ScreenshotAsync(page, "webchat-cards-and-citations");
            await AssertNothingFailedAsync(page);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    [BrowserFact]
    public async Task APhoneThatCannotLoadTheBundleIsToldWhatToDoAndGivenTheHotline()
    {
        using var app = new BotApp();
        try
        {
            await using var context = await chromium.NewPhoneContextAsync();
            var page = await context.NewPageAsync();
            await page.RouteAsync("**/lib/webchat*.js", route => route.AbortAsync());

            await page.GotoAsync(app.BaseAddress.ToString());

            // Who it is and what it does, at once; then, as the bundle fails, what to do instead.
            Assert.Contains("城暖助手", await page.Locator("header").InnerTextAsync());
            Assert.Contains("讨工资", await page.Locator("#intro").InnerTextAsync());
            var status = page.Locator("#status.status--failed");
            await status.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
            Assert.Contains("12333", await status.InnerTextAsync());
            Assert.Equal("tel:12333", await page.Locator("#intro a[href^='tel:']").GetAttributeAsync("href"));
            await ChromiumFixture.ScreenshotAsync(page, "webchat-no-bundle");
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

}
