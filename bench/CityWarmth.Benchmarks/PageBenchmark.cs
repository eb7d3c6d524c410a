using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace CityWarmth.Benchmarks;

/// <summary>
/// The chat page on a slow phone network: Debian's Chromium under Chrome DevTools' Fast 3G figures (150 ms round trip,
/// 1.6 Mbit/s down, 750 kbit/s up, set with CDP Network.emulateNetworkConditions), a phone-sized window, and for each
/// run a first visit (empty cache) then a revisit in the same browser profile. It reports the seconds until the page
/// shows who it is (the shell), until the greeting's bubble shows, and the bytes on the wire (response bodies as sent,
/// headers, and WebSocket frames).
/// </summary>
public static class PageBenchmark
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string BotBubble = ".webchat__bubble:not(.webchat__bubble--from-user)";
    private const double LatencyMs = 150;
    private const double DownloadBytesPerSecond = 1_600_000 / 8.0;
    private const double UploadBytesPerSecond = 750_000 / 8.0;

    public static async Task<int> RunAsync(Uri page, int runs)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
        });
        Console.WriteLine($"{page} under Fast 3G ({LatencyMs} ms RTT, {DownloadBytesPerSecond * 8 / 1e6} Mbit/s down), {runs} run(s)");
        Console.WriteLine("run\tvisit\tshell s\tgreeting s\tKB on the wire\trequests");
        var results = new List<(string Visit, double Shell, double Greeting, double Kilobytes)>();
        for (var run = 1; run <= runs; run++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                DeviceScaleFactor = 2,
                IsMobile = true,
                HasTouch = true,
                Locale = "zh-CN",
            });
            foreach (var visit in new[] { "first", "revisit" })
            {
                var (shell, greeting, bytes, requests) = await VisitAsync(context, page);
                results.Add((visit, shell, greeting, bytes / 1024.0));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run}\t{visit}\t{shell:F2}\t{greeting:F2}\t{bytes / 1024.0:F0}\t{requests}"));
            }
        }
        foreach (var visit in new[] { "first", "revisit" })
        {
            var of = results.Where(r => r.Visit == visit).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median {visit}: shell {Median(of.Select(r => r.Shell)):F2} s, greeting {Median(of.Select(r => r.Greeting)):F2} s, {Median(of.Select(r => r.Kilobytes)):F0} KB"));
        }
        return 0;
    }

    private static async Task<(double Shell, double Greeting, long Bytes, int Requests)> VisitAsync(IBrowserContext context, Uri url)
    {
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        long bytes = 0;
        var requests = 0;
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            Interlocked.Add(ref bytes, (long)e!.Value.GetProperty("encodedDataLength").GetDouble());
            Interlocked.Increment(ref requests);
        };
        cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => Interlocked.Add(ref bytes, FrameBytes(e));
        cdp.Event("Network.webSocketFrameSent").OnEvent += (_, e) => Interlocked.Add(ref bytes, FrameBytes(e));
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = LatencyMs,
            ["downloadThroughput"] = DownloadBytesPerSecond,
            ["uploadThroughput"] = UploadBytesPerSecond,
        });

        var clock = Stopwatch.StartNew();
        var shell = page.Locator("header h1", new() { HasText = "城暖助手" }).WaitForAsync(new() { Timeout = 120_000 })
            .ContinueWith(_ => clock.Elapsed.TotalSeconds, TaskScheduler.Default);
        await page.GotoAsync(url.ToString(), new() { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
        if (Environment.GetEnvironmentVariable("PAGE_BENCH_STEPS") == "1")
        {
            await page.WaitForFunctionAsync("() => !!window.WebChat", null, new() { Timeout = 120_000, PollingInterval = 20 });
            Console.WriteLine($"  bundle run {clock.Elapsed.TotalSeconds:F2}");
            await page.Locator(".webchat__basic-transcript").WaitForAsync(new() { Timeout = 120_000 });
            Console.WriteLine($"  transcript {clock.Elapsed.TotalSeconds:F2}");
        }
        await page.Locator(BotBubble).First.WaitForAsync(new() { Timeout = 120_000 });
        var greeting = clock.Elapsed.TotalSeconds;
        // Let what the greeting started (the socket's first frames, a late request) finish before counting.
        await page.WaitForTimeoutAsync(1500);
        var counted = Interlocked.Read(ref bytes);
        var count = requests;
        await page.CloseAsync();
        return (await shell, greeting, counted, count);
    }

    private static long FrameBytes(JsonElement? e) =>
        // Payload plus the frame header (2 to 14 bytes; 6 covers a small masked frame).
        System.Text.Encoding.UTF8.GetByteCount(e!.Value.GetProperty("response").GetProperty("payloadData").GetString()!) + 6;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
