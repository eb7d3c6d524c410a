using System.Net;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CityWarmth.Bot.Tests.Browser;

/// <summary>The official Web Chat, in headless Chromium, talking to the bot's embedded Direct Line.</summary>
[Trait("Category", "Browser")]
public sealed class WebChatPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    internal const string BotBubbles = ".webchat__bubble:not(.webchat__bubble--from-user)";
    private const string SendBox = "[data-id='webchat-sendbox-input']";
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [BrowserFact]
    public async Task TheBotsPageChatsInChineseAndContinuesAfterAReload()
    {
        using var app = new BotApp();
        try
        {
            await using var context = await chromium.NewPhoneContextAsync();
            var page = await context.NewPageAsync();
            var log = Record(page);
            var sockets = new List<string>();
            var polls = new List<string>();
            page.WebSocket += (_, socket) => { lock (sockets) { sockets.Add(socket.Url); } };
            page.Request += (_, request) => { if (request.Url.Contains("/activities?")) { lock (polls) { polls.Add(request.Url); } } };

            await page.GotoAsync(app.BaseAddress.ToString());
            Assert.Equal("城暖助手", await page.TitleAsync());
            Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
            await WaitForBotBubblesAsync(page, 1, log);

            await SendAsync(page, "你好", log);
            var repliesBefore = await page.Locator(BotBubbles).CountAsync();
            // The page streams: replies came over the WebSocket, without a single poll.
            Assert.Contains(sockets, url => url.StartsWith("ws://", StringComparison.Ordinal) && url.Contains("/stream?", StringComparison.Ordinal));
            Assert.Empty(polls);
            // The introduction gave way to the chat once the greeting came.
            Assert.Equal(0, await page.Locator("#intro").CountAsync());
            await ChromiumFixture.ScreenshotAsync(page, "webchat-phone");
            await AssertNothingFailedAsync(page);

            // The page keeps its conversation: the history comes back, and no second welcome is sent.
            await page.ReloadAsync();
            await page.Locator(".webchat__bubble--from-user", new() { HasText = "你好" }).First.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
            await WaitForBotBubblesAsync(page, repliesBefore, log);
            await page.WaitForTimeoutAsync(1500);
            Assert.Equal(repliesBefore, await page.Locator(BotBubbles).CountAsync());
            await ChromiumFixture.ScreenshotAsync(page, "webchat-phone-reloaded");
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    /// <summary>The snippet Web Chat's documentation gives, WebSocket on by default.</summary>
    [BrowserFact]
    public async Task WebChatOnAnotherOriginTalksToTheBotsDirectLine()
    {
        await using var site = await OtherSite.StartAsync();
        using var app = new BotApp(settings: new Dictionary<string, string?> { ["DirectLine:AllowedOrigins:0"] = site.Origin });
        try
        {
            var bot = app.BaseAddress.ToString().TrimEnd('/');
            site.Html = EmbeddingPage(bot);
            await using var context = await chromium.NewPhoneContextAsync();
            var page = await context.NewPageAsync();
            var log = Record(page);
            var sockets = new List<string>();
            page.WebSocket += (_, socket) => { lock (sockets) { sockets.Add(socket.Url); } };

            await page.GotoAsync(site.Origin + "/");
            Assert.NotEqual(new Uri(bot).Port, new Uri(page.Url).Port);
            await WaitForBotBubblesAsync(page, 1, log);
            await SendAsync(page, "我想找工作", log);
            Assert.Contains(sockets, url => url.StartsWith(bot.Replace("http://", "ws://", StringComparison.Ordinal) + "/v3/directline/conversations/", StringComparison.Ordinal));
            await ChromiumFixture.ScreenshotAsync(page, "webchat-other-origin");
            await AssertNothingFailedAsync(page);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    [BrowserFact]
    public async Task AWorkerDislikesAnAnswerWithTheThumbUnderIt()
    {
        const string question = "外地来打工的能申请保障性租赁住房吗";
        using var app = new BotApp(settings: new Dictionary<string, string?> { ["Admin:ApiKeys:0"] = KnowledgeBase.KnowledgeAdminKit.ApiKey });
        try
        {
            await using var context = await chromium.NewPhoneContextAsync();
            var page = await context.NewPageAsync();
            var log = Record(page);
            await page.GotoAsync(app.BaseAddress.ToString());
            await WaitForBotBubblesAsync(page, 1, log);
            await SendAsync(page, question, log);

            // Web Chat draws 👍/👎 from the answer's LikeAction/DislikeAction; 👎 posts the feedback event.
            var thumbDown = page.Locator(".webchat__thumb-button:has(.webchat__thumb-button__image--is-down)");
            await thumbDown.First.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
            Assert.Equal(1, await page.Locator(".webchat__thumb-button:not(:has(.webchat__thumb-button__image--is-down))").CountAsync());
            var before = await page.Locator(BotBubbles).CountAsync();
            await thumbDown.First.ClickAsync();
            await WaitForBotBubblesAsync(page, before + 1, log);
            Assert.Contains("记下来", await page.Locator(BotBubbles).Last.InnerTextAsync());
            await ChromiumFixture.ScreenshotAsync(page, "webchat-thumbs-down");

            using var api = KnowledgeBase.KnowledgeAdminKit.ApiClient(app);
            var recorded = "";
            for (var i = 0; i < 50 && !recorded.Contains("thumbs-down"); i++)
            {
                await Task.Delay(100);
                recorded = await api.GetStringAsync("/api/admin/knowledge/unanswered");
            }

            Assert.Contains("thumbs-down", recorded);
            Assert.Contains(Knowledge.Versions.QuestionGroups.Sanitize(question), recorded);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    /// <summary>Types into Web Chat's send box, sends, and waits for the user's bubble and one more bot bubble.</summary>
    internal static async Task SendAsync(IPage page, string text, List<string> log)
    {
        var before = await page.Locator(BotBubbles).CountAsync();
        var input = page.Locator(SendBox);
        await input.FillAsync(text);
        await input.PressAsync("Enter");
        await page.Locator(".webchat__bubble--from-user", new() { HasText = text }).First.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        await WaitForBotBubblesAsync(page, before + 1, log);
    }

    internal static async Task WaitForBotBubblesAsync(IPage page, int atLeast, List<string> log)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "([selector, n]) => document.querySelectorAll(selector).length >= n",
                new object[] { BotBubbles, atLeast },
                new() { Timeout = (float)Patience.TotalMilliseconds });
        }
        catch (TimeoutException ex)
        {
            await ChromiumFixture.ScreenshotAsync(page, "webchat-timeout-" + DateTime.UtcNow.ToString("HHmmss"));
            throw new TimeoutException($"No {atLeast} bot bubble(s) appeared. Browser log:\n{string.Join("\n", log)}", ex);
        }
    }

    /// <summary>Console errors and failed requests, to explain a timeout.</summary>
    internal static List<string> Record(IPage page)
    {
        var log = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (log) { log.Add($"console {message.Type}: {message.Text}"); }
            }
        };
        page.RequestFailed += (_, request) => { lock (log) { log.Add($"failed {request.Method} {request.Url}: {request.Failure}"); } };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (log) { log.Add($"{response.Status} {response.Request.Method} {response.Url}"); }
            }
        };
        return log;
    }

    internal static async Task AssertNothingFailedAsync(IPage page)
    {
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("Send failed", text);
        Assert.DoesNotContain("发送失败", text);
        Assert.DoesNotContain("连不上", text);
    }

    private static string EmbeddingPage(string bot) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>某市人社局</title>
          <style>html, body { height: 100%; margin: 0 } #webchat { height: 100% }</style>
        </head>
        <body>
          <div id="webchat"></div>
          <script src="{{bot}}/lib/webchat.js"></script>
          <script>
            (async function () {
              const response = await fetch('{{bot}}/v3/directline/tokens/generate', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ user: { id: 'u_embedded' } })
              });
              const { token } = await response.json();
              window.WebChat.renderWebChat({
                directLine: window.WebChat.createDirectLine({ token, domain: '{{bot}}/v3/directline' }),
                userID: 'u_embedded',
                locale: 'zh-CN',
                styleOptions: { hideUploadButton: true }
              }, document.getElementById('webchat'));
            })();
          </script>
        </body>
        </html>
        """;

    /// <summary>A city's own site: a second Kestrel app on another port, serving a page that embeds Web Chat.</summary>
    internal sealed class OtherSite : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private OtherSite(WebApplication app, string origin)
        {
            _app = app;
            Origin = origin;
        }

        public string Origin { get; }

        public string Html { get; set; } = "<!DOCTYPE html><title>…</title>";

        public static async Task<OtherSite> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            OtherSite? site = null;
            app.MapGet("/", () => Results.Content(site!.Html, "text/html; charset=utf-8"));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            site = new OtherSite(app, address.TrimEnd('/'));
            return site;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
