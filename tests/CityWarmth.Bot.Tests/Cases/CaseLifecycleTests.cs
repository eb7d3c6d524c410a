using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.Tests.Cases;

/// <summary>
/// A filed wage case worked to an outcome through <c>PATCH /api/admin/cases/{number}</c>, with the worker told at each
/// change through the connector at the conversation's serviceUrl, and able to ask how it is going.
/// </summary>
public sealed partial class CaseLifecycleTests : IAsyncLifetime
{
    public const string AdminKey = "case-admin-key-123";

    /// <summary>Answers that take a wage intake from its first message to a filed case.</summary>
    public static readonly string[] IntakeAnswers =
    [
        "东湖区工地的包工头张三欠我三个月工钱一万二", "钢筋工", "中建某局", "今年3月到5月", "还在干", "十几个人", "欠条/结算单", "完成",
        "我叫王小明", "138 1234 5678", "同意", "确认提交",
    ];

    private ConnectedBot _bot = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _bot = await ConnectedBot.StartAsync(new Dictionary<string, string?> { ["Admin:ApiKeys:0"] = AdminKey });
        _admin = _bot.App.CreateHttpClient();
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _bot.DisposeAsync();
    }

    private Task<IReadOnlyList<Activity>> SayAsync(string text, string conversationId = "case-life", string userId = "worker-c") =>
        _bot.App.AskAsync(_bot.Client, _bot.Message(text, conversationId, userId));

    private static string Text(IEnumerable<Activity> replies) => string.Join("\n", replies.Select(r => r.Text));

    /// <summary>Files a case from the conversation and returns its number.</summary>
    public async Task<string> FileCaseAsync(string conversationId = "case-life", IEnumerable<string>? answers = null)
    {
        IReadOnlyList<Activity> last = [];
        foreach (var answer in answers ?? IntakeAnswers)
        {
            last = await SayAsync(answer, conversationId);
        }
        return CaseNumberPattern().Match(Text(last)).Value;
    }

    private Task<HttpResponseMessage> PatchAsync(string number, object body) =>
        _admin.PatchAsJsonAsync($"/api/admin/cases/{number}", body);

    [Fact]
    public async Task ACaseIsClaimedAndClosedWithTheWorkerToldEachTimeAndCountedEverywhere()
    {
        var number = await FileCaseAsync();
        Assert.NotEmpty(number);

        var claimed = await PatchAsync(number, new { status = "Claimed" });
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var claimNotice = await _bot.Connector.WaitForAsync(a => a.Type == ActivityTypes.Message && a.Text?.Contains(number) == true);
        Assert.Equal("case-life", claimNotice.Conversation?.Id);
        Assert.Contains("已经接手", claimNotice.Text);
        Assert.Contains("接下来", claimNotice.Text);

        var progress = Text(await SayAsync($"我的欠薪登记{number}现在怎么样了"));
        Assert.Contains(number, progress);
        Assert.Contains("已经接手", progress);

        _bot.Connector.Clear();
        var closed = await PatchAsync(number, new { status = "Closed", outcome = "PartlyPaid", amountRecovered = 8000, note = "老板先付了八千，剩下的我们继续帮你跟进。" });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var body = await closed.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Closed", (string?)body!["case"]!["status"]);
        Assert.True((bool?)body["workerNotified"]);
        var closeNotice = await _bot.Connector.WaitForAsync(a => a.Type == ActivityTypes.Message && a.Text?.Contains(number) == true);
        Assert.Contains("追回了一部分工资", closeNotice.Text);
        Assert.Contains("8000", closeNotice.Text);
        Assert.Contains("老板先付了八千", closeNotice.Text);

        var listed = await _admin.GetFromJsonAsync<JsonArray>("/api/admin/cases?status=Closed");
        Assert.Contains(listed!, c => (string?)c!["caseNumber"] == number);

        var again = Text(await SayAsync("我的登记怎么样了"));
        Assert.Contains("已经办结", again);
        Assert.Contains("老板先付了八千", again);

        var stats = await _admin.GetFromJsonAsync<JsonObject>("/api/admin/stats?days=7");
        Assert.Equal(1, (int?)stats!["casesByStatus"]!["Closed"]);
        Assert.Equal(0, (int?)stats["casesByStatus"]!["Submitted"]);
        Assert.Equal(12000m, (decimal?)stats["amounts"]!["claimedYuan"]);
        Assert.Equal(8000m, (decimal?)stats["amounts"]!["recoveredYuan"]);
        Assert.Contains(stats["turnsByDay"]!.AsArray(), t => (string?)t!["skill"] == "wageDispute" && (int?)t["turns"] >= IntakeAnswers.Length);
        using var badWindow = await _admin.GetAsync("/api/admin/stats?days=0");
        Assert.Equal(HttpStatusCode.BadRequest, badWindow.StatusCode);
        Assert.Equal("application/problem+json", badWindow.Content.Headers.ContentType?.MediaType);
        var csv = await _admin.GetStringAsync("/api/admin/stats?days=7&format=csv");
        Assert.Contains("cases,Closed,,1", csv);
        Assert.Contains("amounts,recoveredYuan,,8000", csv);

        using var health = await _bot.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var ready = await _bot.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var metrics = await _bot.Client.GetStringAsync("/metrics");
        Assert.Matches(new Regex("citywarmth_turns_total\\{[^}]*skill=\"wageDispute\"[^}]*\\} [1-9]"), metrics);
        Assert.Contains("citywarmth_wage_intakes_completed_total", metrics);

        var audit = await _bot.App.Services.GetRequiredService<AuditLog>().RecentAsync(20, "wageCase:" + number, default);
        Assert.Contains(audit, a => a.Detail == "status=Claimed");
        Assert.Contains(audit, a => a.Detail!.Contains("outcome=PartlyPaid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadChangesGetProblemDetailsAndChangeNothing()
    {
        var number = await FileCaseAsync();

        async Task Expect(HttpStatusCode status, object body, string? field = null)
        {
            var response = await PatchAsync(number, body);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (field is not null)
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
                Assert.NotNull(problem!["errors"]![field]);
            }
        }

        await Expect(HttpStatusCode.BadRequest, new { status = "Closed" }, "outcome");
        await Expect(HttpStatusCode.BadRequest, new { status = "Done" }, "status");
        await Expect(HttpStatusCode.BadRequest, new { status = "Closed", outcome = "Paid" }, "amountRecovered");
        await Expect(HttpStatusCode.BadRequest, new { status = "Closed", outcome = "Withdrawn", amountRecovered = 100 }, "amountRecovered");
        await Expect(HttpStatusCode.BadRequest, new { status = "Referred", referralBody = "Arbitration" }, "referralNumber");
        await Expect(HttpStatusCode.BadRequest, new { });
        // Referred needs a claimed case first.
        await Expect(HttpStatusCode.Conflict, new { status = "Referred", referralBody = "Arbitration", referralNumber = "仲字2026第15号" });

        var bad = await _admin.PatchAsync($"/api/admin/cases/{number}", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var unknown = await PatchAsync("QX-20000101-0001", new { status = "Claimed" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var anonymous = await _bot.Client.PatchAsJsonAsync($"/api/admin/cases/{number}", new { status = "Claimed" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var stored = await _admin.GetFromJsonAsync<JsonObject>($"/api/admin/cases/{number}");
        Assert.Equal("Submitted", (string?)stored!["status"]);

        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(number, new { status = "Claimed" })).StatusCode);
        await Expect(HttpStatusCode.Conflict, new { status = "Claimed" });
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(number, new { status = "Referred", referralBody = "arbitration", referralNumber = "仲字2026第15号" })).StatusCode);
        var referred = await _bot.Connector.WaitForAsync(a => a.Text?.Contains("仲字2026第15号") == true);
        Assert.Contains("仲裁", referred.Text);
    }

    [Fact]
    public async Task ACaseNumberFromAnotherConversationGetsNoDetails()
    {
        var number = await FileCaseAsync();

        var stranger = Text(await SayAsync($"{number}这个案子怎么样了", conversationId: "someone-else", userId: "worker-x"));
        var unknown = Text(await SayAsync("QX-20000101-0009这个案子怎么样了", conversationId: "someone-else-2", userId: "worker-y"));

        Assert.DoesNotContain("张三", stranger);
        Assert.DoesNotContain("待接手", stranger);
        Assert.DoesNotContain("已经收到", stranger);
        // The same reply as a number that does not exist, but for the number itself.
        Assert.Equal(unknown.Replace("QX-20000101-0009", number, StringComparison.Ordinal), stranger);
    }

    [Fact]
    public async Task AWorkerWhoWritesTraditionalIsToldInTraditional()
    {
        var traditional = IntakeAnswers.Select(CityWarmth.Knowledge.Text.ChineseScript.ToTraditional).ToArray();
        Assert.Equal("東湖區工地的包工頭張三欠我三個月工錢一萬二", traditional[0]);
        var number = await FileCaseAsync("case-trad", traditional);
        Assert.NotEmpty(number);

        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(number, new { status = "Claimed" })).StatusCode);

        var notice = await _bot.Connector.WaitForAsync(a => a.Conversation?.Id == "case-trad" && a.Text?.Contains(number) == true);
        Assert.Contains("登記", notice.Text);
        Assert.DoesNotContain("登记", notice.Text);
    }

    [Fact]
    public async Task ANoticeThatCannotBeDeliveredIsCountedAndTheChangeStays()
    {
        var number = await FileCaseAsync();
        _bot.Connector.StatusCode = 500;

        var response = await PatchAsync(number, new { status = "Claimed" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.False((bool?)body!["workerNotified"]);
        var stored = await _admin.GetFromJsonAsync<JsonObject>($"/api/admin/cases/{number}");
        Assert.Equal("Claimed", (string?)stored!["status"]);
        var metrics = await _bot.Client.GetStringAsync("/metrics");
        Assert.Matches(new Regex("citywarmth_delivery_failures_total\\{[^}]*kind=\"notice\"[^}]*\\} [1-9]"), metrics);
    }

    [Fact]
    public async Task AHandoffPacketCarriesTheIntakeAsAPersonReadsIt()
    {
        await SayAsync("东湖区工地的包工头张三欠我三个月工钱一万二", "case-packet");
        await SayAsync("钢筋工", "case-packet");
        var replies = await SayAsync("转人工", "case-packet");

        var initiate = Assert.Single(replies, r => r.Type == ActivityTypes.Event && r.Name == HandoffEventNames.Initiate);
        var packet = initiate.Value!.AsObject();
        Assert.NotNull(packet["intake"]!["wageIntake"]);
        var summary = packet["intakeSummary"]!.AsObject();
        Assert.Contains("正在问", (string?)summary["progress"]);
        var lines = summary["lines"]!.AsArray().Select(l => ((string?)l!["label"], (string?)l["value"])).ToList();
        Assert.Contains(lines, l => l.Item1 == "欠薪方" && l.Item2!.Contains("张三", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Item1 == "工种" && l.Item2 == "钢筋工");
        Assert.DoesNotContain(lines, l => l.Item2!.Contains("Contractor", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"QX-\d{8}-\d{4}")]
    private static partial Regex CaseNumberPattern();
}
