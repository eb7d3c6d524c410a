using System.Net;
using System.Net.Http.Json;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.KnowledgeBase;
using static CityWarmth.Bot.Tests.KnowledgeBase.KnowledgeAdminKit;

namespace CityWarmth.Bot.Tests.KnowledgeBase;

public sealed class KnowledgeLifecycleTests
{
    [Fact]
    public async Task UploadPreviewSearchPublishAnswerRollbackAllThroughHttp()
    {
        using var app = NewApp();
        try
        {
            using var api = ApiClient(app);
            using var bot = app.CreateHttpClient();

            // Before: the shipped knowledge (version 1) knows nothing of the handbook.
            var versions = await GetJsonAsync(api, "/api/admin/knowledge/versions");
            Assert.Equal(1, versions.GetArrayLength());
            Assert.DoesNotContain("qinghe-handbook", await AskAsync(app, bot, HandbookQuestion, "c-before"));

            // Upload with metadata: 201, the parsed passages with their headings, staged in the draft.
            var staged = await JsonAsync(await UploadAsync(api, "qinghe-handbook.md", Utf8(HandbookMarkdown), new Dictionary<string, string>
            {
                ["title"] = "青禾市农民工服务手册",
                ["issuer"] = "青禾市人社局",
                ["documentNumber"] = "青人社发〔2025〕3号",
                ["date"] = "2025-01-15",
                ["region"] = "青禾市",
                ["effectiveFrom"] = "2025-02-01",
                ["expiresOn"] = "2027-01-31",
            }), HttpStatusCode.Created);
            Assert.Equal("qinghe-handbook", staged.GetProperty("document").GetProperty("id").GetString());
            Assert.Equal("青人社发〔2025〕3号", staged.GetProperty("document").GetProperty("documentNumber").GetString());
            var passages = staged.GetProperty("passages").EnumerateArray().ToList();
            Assert.Contains(passages, p => p.GetProperty("heading").GetString() == "夜校报名");
            Assert.Contains(passages, p => p.GetProperty("heading").GetString() == "冬季送温暖");

            var list = await GetJsonAsync(api, "/api/admin/documents");
            Assert.Contains(list.GetProperty("draft").EnumerateArray(), d => d.GetProperty("id").GetString() == "qinghe-handbook" && d.GetProperty("status").GetString() == "added");
            Assert.DoesNotContain(list.GetProperty("published").EnumerateArray(), d => d.GetProperty("id").GetString() == "qinghe-handbook");

            // Search: the draft finds it, the published knowledge does not.
            var q = Uri.EscapeDataString(HandbookQuestion);
            var draft = await GetJsonAsync(api, $"/api/admin/knowledge/search?q={q}&version=draft");
            var top = draft.GetProperty("hits")[0];
            Assert.Equal("qinghe-handbook", top.GetProperty("documentId").GetString());
            Assert.True(top.GetProperty("score").GetDouble() > 0);
            var published = await GetJsonAsync(api, $"/api/admin/knowledge/search?q={q}&version=published");
            Assert.DoesNotContain(published.GetProperty("hits").EnumerateArray(), h => h.GetProperty("documentId").GetString() == "qinghe-handbook");

            // Publish: version 2 serves questions at once, no restart.
            var outcome = await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish", null), HttpStatusCode.Created);
            Assert.Equal(2, outcome.GetProperty("version").GetProperty("number").GetInt32());
            Assert.True(outcome.GetProperty("version").GetProperty("isCurrent").GetBoolean());
            var answer = await AskAsync(app, bot, HandbookQuestion, "c-after");
            Assert.Contains("/kb/qinghe-handbook-p", answer);
            Assert.Contains("文化宫", answer);
            var page = await bot.GetStringAsync(Extract(answer));
            Assert.Contains("夜校", page);
            Assert.Contains("class=\"cited\"", page);
            var missing = await bot.GetAsync("/kb/qinghe-handbook-p99");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("没有找到这段内容", await missing.Content.ReadAsStringAsync());

            // Rollback to the previous version: the answer is gone again.
            var rolled = await JsonAsync(await api.PostAsync("/api/admin/knowledge/rollback", null), HttpStatusCode.OK);
            Assert.Equal(1, rolled.GetProperty("number").GetInt32());
            Assert.DoesNotContain("qinghe-handbook", await AskAsync(app, bot, HandbookQuestion, "c-rolled-back"));

            // And forward again by number, in one step.
            await JsonAsync(await api.PostAsJsonAsync("/api/admin/knowledge/rollback", new { version = 2 }), HttpStatusCode.OK);
            Assert.Contains("/kb/qinghe-handbook-p", await AskAsync(app, bot, HandbookQuestion, "c-forward"));

            // Every change is in the audit log, with who did it.
            var entries = await app.Services.GetRequiredService<AuditLog>().RecentAsync(100, null, CancellationToken.None);
            var actions = entries.Select(e => e.Action).ToList();
            Assert.Contains(KnowledgeAuditActions.DraftCreated, actions);
            Assert.Contains(KnowledgeAuditActions.DocumentAdded, actions);
            Assert.Contains(KnowledgeAuditActions.Published, actions);
            Assert.Equal(2, actions.Count(a => a == KnowledgeAuditActions.RolledBack));
            Assert.All(entries.Where(e => e.Action.StartsWith("kb.", StringComparison.Ordinal)), e => Assert.StartsWith("api-key:", e.UserName));
            Assert.Contains(entries, e => e.Action == KnowledgeAuditActions.DocumentAdded && e.Target == "kb:v2:qinghe-handbook");
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task ThePublishedVersionSurvivesARestart()
    {
        string dataPath;
        using (var first = NewApp())
        {
            dataPath = first.DataPath;
            using var api = ApiClient(first);
            await JsonAsync(await UploadAsync(api, "qinghe-handbook.md", Utf8(HandbookMarkdown)), HttpStatusCode.Created);
            await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish", null), HttpStatusCode.Created);
        }

        using var second = NewApp(dataPath);
        try
        {
            using var bot = second.CreateHttpClient();
            Assert.Contains("/kb/qinghe-handbook-p", await AskAsync(second, bot, HandbookQuestion, "c-restart"));
            using var api = ApiClient(second);
            var versions = await GetJsonAsync(api, "/api/admin/knowledge/versions");
            Assert.Equal(2, versions.EnumerateArray().Single(v => v.GetProperty("isCurrent").GetBoolean()).GetProperty("number").GetInt32());
        }
        finally
        {
            second.DeleteData();
        }
    }

    [Fact]
    public async Task QuestionsAskedDuringAPublishAllGetAnswers()
    {
        using var app = NewApp();
        try
        {
            using var api = ApiClient(app);
            using var bot = app.CreateHttpClient();
            await JsonAsync(await UploadAsync(api, "qinghe-handbook.md", Utf8(HandbookMarkdown)), HttpStatusCode.Created);

            var publish = api.PostAsync("/api/admin/knowledge/publish", null);
            var questions = Enumerable.Range(0, 50).Select(i => AskAsync(app, bot, i % 2 == 0 ? HandbookQuestion : "农民工子女上学有什么政策", $"c-{i}")).ToList();
            var answers = await Task.WhenAll(questions);
            await JsonAsync(await publish, HttpStatusCode.Created);

            // Each question got a real reply from one version or the other, never an apology for a failure.
            Assert.All(answers, a => Assert.Contains("\"text\"", a));
            Assert.All(answers, a => Assert.DoesNotContain("出错", a));
            Assert.All(answers.Where((_, i) => i % 2 == 1), a => Assert.Contains("/kb/", a));
            Assert.Contains("/kb/qinghe-handbook-p", await AskAsync(app, bot, HandbookQuestion, "c-after"));
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task ReplaceAndRetireChangeTheDraftOnlyUntilPublished()
    {
        using var app = NewApp();
        try
        {
            using var api = ApiClient(app);
            await JsonAsync(await UploadAsync(api, "qinghe-handbook.md", Utf8(HandbookMarkdown)), HttpStatusCode.Created);
            await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish", null), HttpStatusCode.Created);

            // A second upload under the same id is refused; replacing works.
            await JsonAsync(await UploadAsync(api, "qinghe-handbook.md", Utf8(HandbookMarkdown)), HttpStatusCode.Conflict);
            var replaced = await JsonAsync(await api.PutAsync("/api/admin/documents/qinghe-handbook",
                Form("qinghe-handbook.txt", Utf8("一、夜校停办\n青禾市农民工夜校自2026年起停办,改为线上课程。"))), HttpStatusCode.OK);
            Assert.Equal("replaced", replaced.GetProperty("document").GetProperty("status").GetString());
            var draftHits = await GetJsonAsync(api, "/api/admin/knowledge/search?q=" + Uri.EscapeDataString("夜校停办了吗") + "&version=draft");
            Assert.Contains("停办", draftHits.GetProperty("hits")[0].GetProperty("text").GetString());
            var publishedHits = await GetJsonAsync(api, "/api/admin/knowledge/search?q=" + Uri.EscapeDataString("夜校停办了吗"));
            Assert.DoesNotContain(publishedHits.GetProperty("hits").EnumerateArray(), h => h.GetProperty("text").GetString()!.Contains("停办"));

            // Retire: gone from the draft, listed as retired, still served until the draft is published.
            Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync("/api/admin/documents/qinghe-handbook")).StatusCode);
            var list = await GetJsonAsync(api, "/api/admin/documents");
            Assert.Equal("retired", list.GetProperty("draft").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "qinghe-handbook").GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync("/api/admin/documents/qinghe-handbook")).StatusCode);
            await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish", null), HttpStatusCode.Created);
            var after = await GetJsonAsync(api, "/api/admin/knowledge/search?q=" + Uri.EscapeDataString(HandbookQuestion));
            Assert.DoesNotContain(after.GetProperty("hits").EnumerateArray(), h => h.GetProperty("documentId").GetString() == "qinghe-handbook");
        }
        finally
        {
            app.DeleteData();
        }
    }

    private static string Extract(string answer)
    {
        var at = answer.IndexOf("/kb/qinghe-handbook-p", StringComparison.Ordinal);
        var end = answer.IndexOf('"', at);
        return answer[at..end];
    }
}
