using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CityWarmth.Benchmarks;

/// <summary>
/// Drives a running bot's <c>/api/messages</c> (expectReplies) with whole conversations: policy questions, job
/// searches and multi-turn wage intakes, and watches the bot process's memory while it goes.
/// </summary>
public static class LoadBenchmark
{
    private static readonly string[] PolicyQuestions =
    [
        "外地来打工的能申请保障性租赁住房吗?", "农民工子女能在城里上学吗", "工伤了怎么办", "没签劳动合同怎么办",
        "城暖活动什么时候开始", "欠薪可以打什么电话", "哪里有免费的技能培训", "灵活就业可以交社保吗",
        "快递骑手受伤了算工伤吗", "老家的医保在城里能用吗", "找工作有没有免费的服务", "法律援助怎么申请",
    ];

    private static readonly string[][] JobSearches =
    [
        ["我想找工作", "东湖区的电工"], ["有没有保洁的活", "日结的"], ["找个厨师工作", "包吃住"], ["帮我找工作", "普工"],
    ];

    private static readonly string[] WageIntake =
    [
        "老板欠我三个月工资", "东湖区的建筑工地", "包工头张三", "今年3月到5月", "一万二", "还在干", "有考勤记录和转账记录", "13812345678", "确认",
    ];

    public static async Task<int> RunAsync(Uri baseUrl, int conversations, int connections, int? botPid)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var runId = Guid.NewGuid().ToString("N")[..8];
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var next = -1;
        var done = 0;

        Console.WriteLine($"load: {conversations} conversations over {connections} connections; bot memory {Memory(botPid)}");
        var clock = Stopwatch.StartNew();
        using var report = new CancellationTokenSource();
        var watcher = WatchAsync(() => Volatile.Read(ref done), conversations, botPid, clock, report.Token);

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < conversations)
            {
                foreach (var text in Script(i))
                {
                    var start = Stopwatch.GetTimestamp();
                    var ok = await SendAsync(http, $"bench-{runId}-{i}", $"worker-{i}", text);
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    if (!ok)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }

                Interlocked.Increment(ref done);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(Worker)));
        var elapsed = clock.Elapsed;
        await report.CancelAsync();
        await watcher;

        var ms = latencies.ToList();
        Console.WriteLine($"turns={ms.Count} failed={failures} in {elapsed.TotalSeconds:F1}s: {ms.Count / elapsed.TotalSeconds:F0} turns/s, "
            + $"{conversations / elapsed.TotalSeconds:F0} conversations/s; {Percentiles.Summary(ms)}");
        Console.WriteLine($"bot memory at the end: {Memory(botPid)}");
        return failures == 0 ? 0 : 1;
    }

    // Half policy questions (one or two), three in ten job searches, two in ten full wage intakes.
    private static IEnumerable<string> Script(int i) => (i % 10) switch
    {
        < 5 => i % 2 == 0
            ? [PolicyQuestions[i % PolicyQuestions.Length]]
            : [PolicyQuestions[i % PolicyQuestions.Length], PolicyQuestions[(i + 5) % PolicyQuestions.Length]],
        < 8 => JobSearches[i % JobSearches.Length],
        _ => WageIntake,
    };

    private static async Task<bool> SendAsync(HttpClient http, string conversationId, string userId, string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "emulator",
            ["serviceUrl"] = "http://127.0.0.1:9/",
            ["deliveryMode"] = "expectReplies",
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = "工友" },
            ["recipient"] = new JsonObject { ["id"] = "bot", ["name"] = "bot" },
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["locale"] = "zh-CN",
            ["text"] = text,
        };
        try
        {
            using var response = await http.PostAsJsonAsync("/api/messages", activity);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            return response.IsSuccessStatusCode && body?["activities"] is JsonArray { Count: > 0 };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static async Task WatchAsync(Func<int> done, int total, int? botPid, Stopwatch clock, CancellationToken cancellationToken)
    {
        var step = Math.Max(1, total / 5);
        var nextReport = step;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(200, cancellationToken);
                if (done() >= nextReport)
                {
                    Console.WriteLine($"  {done()} conversations at {clock.Elapsed.TotalSeconds:F1}s; bot memory {Memory(botPid)}");
                    nextReport += step;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run finished.
        }
    }

    /// <summary>The bot's resident set and peak, from /proc (Linux).</summary>
    private static string Memory(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/status"))
        {
            return "n/a (give the bot's pid)";
        }

        var lines = File.ReadAllLines($"/proc/{pid}/status");
        string Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim() ?? "?";
        return $"rss={Field("VmRSS")} peak={Field("VmHWM")}";
    }
}
