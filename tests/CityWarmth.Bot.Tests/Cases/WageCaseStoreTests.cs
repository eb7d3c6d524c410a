using System.Net;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Bot.Tests.Cases;

public sealed class WageCaseStoreTests
{
    private static WageCase Draft(string conversationId) => new()
    {
        ConversationId = conversationId,
        ChannelId = "webchat",
        EmployerName = "张三",
        EmployerKind = EmployerKind.LabourContractor,
        AmountYuan = 12000,
        WorkerName = "李四",
        Phone = "13812345678",
        ConsentGiven = true,
    };

    [Fact]
    public async Task CasesAreNumberedPerDayAndSurviveARestart()
    {
        string dataPath;
        string first, second;
        using (var app = new BotApp())
        {
            dataPath = app.DataPath;
            var store = app.Services.GetRequiredService<IWageCaseStore>();
            var submitted = await Task.WhenAll(store.SubmitAsync(Draft("c1"), default), store.SubmitAsync(Draft("c2"), default));
            (first, second) = (submitted[0].CaseNumber, submitted[1].CaseNumber);
        }

        using var restarted = new BotApp(dataPath);
        var cases = await restarted.Services.GetRequiredService<IWageCaseStore>().ListAsync(WageCaseStatus.Submitted, default);

        Assert.Equal(2, cases.Count);
        Assert.Matches(@"^QX-\d{8}-000[12]$", first);
        Assert.NotEqual(first, second);
        // The two were submitted at once, so either may have taken the first number.
        Assert.Equal(new[] { first, second }.Order(), cases.Select(c => c.CaseNumber).Order());
        var loaded = await restarted.Services.GetRequiredService<IWageCaseStore>().GetAsync(first, default);
        Assert.Equal(12000, loaded!.AmountYuan);
        Assert.Equal("13812345678", loaded.Phone);
        restarted.DeleteData();
    }

    [Fact]
    public async Task TheComplaintSheetOpensOnlyWithItsKey()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        var draft = Draft("c3");
        var receipt = await app.Services.GetRequiredService<IWageCaseStore>().SubmitAsync(draft, default);

        var page = await client.GetAsync(draft.SheetUrl);
        var wrongKey = await client.GetAsync($"/cases/{receipt.CaseNumber}/sheet?key=0000");
        var noKey = await client.GetAsync($"/cases/{receipt.CaseNumber}/sheet");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(receipt.CaseNumber, html);
        Assert.Contains("张三", html);
        Assert.Equal(HttpStatusCode.NotFound, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noKey.StatusCode);
        app.DeleteData();
    }

    [Fact]
    public async Task TheComplaintSheetIsAPrintablePageThatEncodesWhatTheWorkerTyped()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        var draft = Draft("c-sheet");
        draft.WorkerName = "王<b>明";
        draft.EmployerName = "<script>alert(1)</script>";
        var receipt = await app.Services.GetRequiredService<IWageCaseStore>().SubmitAsync(draft, default);

        var html = await client.GetStringAsync(draft.SheetUrl);

        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart());
        Assert.EndsWith("</html>", html.TrimEnd());
        Assert.Contains("name=\"viewport\"", html);
        foreach (var section in new[] { "劳动保障监察投诉书", "投诉人", "被投诉单位（个人）", "事实与请求", "证据", "办理途径与期限", receipt.CaseNumber, "12000元" })
        {
            Assert.Contains(section, html);
        }
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<b>", html);
        // Printing: the page's own styles, with the A4 layout, and no inline script or style.
        Assert.Contains("href=\"/pages/complaint-sheet.css\"", html);
        Assert.Contains("@media print", await client.GetStringAsync("/pages/complaint-sheet.css"));
        Assert.DoesNotContain("onclick", html);
        Assert.DoesNotContain("<style", html);
        app.DeleteData();
    }

    [Fact]
    public async Task AnIntakeSubmittedAgainAfterItsTurnWasNotSavedGetsTheSameCase()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        var store = app.Services.GetRequiredService<IWageCaseStore>();
        var started = DateTimeOffset.UtcNow.AddMinutes(-5);
        var first = Draft("c-resend");
        first.StartedAt = started;
        var receipt = await store.SubmitAsync(first, default);

        // The turn's own save failed (database locked or full): the worker sends 确认提交 again on the old state.
        var again = Draft("c-resend");
        again.StartedAt = started;
        var second = await store.SubmitAsync(again, default);
        // A later intake in the same conversation is a new case.
        var later = Draft("c-resend");
        later.StartedAt = DateTimeOffset.UtcNow.AddSeconds(1);
        var third = await store.SubmitAsync(later, default);

        Assert.Equal(receipt.CaseNumber, second.CaseNumber);
        // PostgreSQL keeps microseconds, .NET ticks of 100 ns.
        Assert.InRange(second.SubmittedAt - receipt.SubmittedAt, TimeSpan.FromMilliseconds(-1), TimeSpan.FromMilliseconds(1));
        Assert.Equal(first.SheetUrl, again.SheetUrl);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(again.SheetUrl)).StatusCode);
        Assert.NotEqual(receipt.CaseNumber, third.CaseNumber);
        Assert.Equal(2, (await store.ListAsync(null, default)).Count);
        app.DeleteData();
    }
}

public sealed class CasesAdminApiTests
{
    [Fact]
    public async Task TheQueueListsConfirmedCasesWithMaskedContactsForAdminsOnly()
    {
        using var app = new BotApp(settings: new Dictionary<string, string?> { ["Admin:ApiKeys:0"] = "test-admin-key" });
        using var anonymous = app.CreateHttpClient();
        using var admin = app.CreateHttpClient();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "test-admin-key");
        var store = app.Services.GetRequiredService<IWageCaseStore>();
        var receipt = await store.SubmitAsync(new WageCase
        {
            ConversationId = "c9", ChannelId = "webchat", EmployerName = "张三", EmployerKind = EmployerKind.LabourContractor,
            AmountYuan = 12000, WorkerName = "李小四", Phone = "13812345678", ConsentGiven = true,
        }, default);

        var unauthorised = await anonymous.GetAsync("/api/admin/cases");
        var list = await admin.GetStringAsync("/api/admin/cases?status=Submitted");
        var one = await admin.GetAsync($"/api/admin/cases/{receipt.CaseNumber}");
        var missing = await admin.GetAsync("/api/admin/cases/QX-20000101-0001");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        Assert.Contains(receipt.CaseNumber, list);
        Assert.Contains("138****5678", list);
        Assert.DoesNotContain("13812345678", list);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        app.DeleteData();
    }
}
