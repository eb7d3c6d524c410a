using System.Net;
using System.Net.Http.Json;
using static CityWarmth.Bot.Tests.KnowledgeBase.KnowledgeAdminKit;

namespace CityWarmth.Bot.Tests.KnowledgeBase;

public sealed class KnowledgeCurationTests
{
    [Fact]
    public async Task APublishThatMakesARegressionQuestionWorseNeedsConfirmation()
    {
        using var app = NewApp();
        try
        {
            using var api = ApiClient(app);
            await JsonAsync(await UploadAsync(api, "qinghe-handbook.md", Utf8(HandbookMarkdown)), HttpStatusCode.Created);
            await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish", null), HttpStatusCode.Created);
            var file = "{\"q\":\"" + HandbookQuestion + "\",\"gold\":[\"qinghe-handbook-p01\"]}\n";
            await JsonAsync(await api.PutAsync("/api/admin/knowledge/regression-questions/file", new StringContent(file)), HttpStatusCode.OK);
            Assert.Contains("qinghe-handbook-p01", await api.GetStringAsync("/api/admin/knowledge/regression-questions/file"));

            // Retiring the handbook loses the answer: the comparison shows it, publishing stops without confirm.
            Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync("/api/admin/documents/qinghe-handbook")).StatusCode);
            var diff = await GetJsonAsync(api, "/api/admin/knowledge/regression");
            Assert.True(diff.GetProperty("hasDrop").GetBoolean());
            Assert.Equal(HandbookQuestion, diff.GetProperty("worse")[0].GetProperty("question").GetString());
            Assert.Equal(1, diff.GetProperty("worse")[0].GetProperty("baselineRank").GetInt32());
            Assert.Equal(0, diff.GetProperty("worse")[0].GetProperty("candidateRank").GetInt32());

            var refused = await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish", null), HttpStatusCode.Conflict);
            Assert.False(refused.GetProperty("published").GetBoolean());
            Assert.Equal(2, (await GetJsonAsync(api, "/api/admin/knowledge/versions")).EnumerateArray().Single(v => v.GetProperty("isCurrent").GetBoolean()).GetProperty("number").GetInt32());

            var confirmed = await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish?confirm=true", null), HttpStatusCode.Created);
            Assert.Equal(3, confirmed.GetProperty("version").GetProperty("number").GetInt32());
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task SynonymsBelongToTheVersionAndApplyAtQueryTime()
    {
        using var app = NewApp();
        try
        {
            using var api = ApiClient(app);
            await JsonAsync(await UploadAsync(api, "qinghe-handbook.md", Utf8(HandbookMarkdown)), HttpStatusCode.Created);
            const string slang = "御寒装备在哪儿拿";
            var before = await GetJsonAsync(api, "/api/admin/knowledge/search?version=draft&q=" + Uri.EscapeDataString(slang));
            Assert.DoesNotContain(before.GetProperty("hits").EnumerateArray(), h => h.GetProperty("heading").GetString() == "冬季送温暖");

            var rule = await JsonAsync(await api.PostAsJsonAsync("/api/admin/knowledge/synonyms", new { forms = new[] { "御寒装备" }, terms = new[] { "棉衣", "热水袋" } }), HttpStatusCode.Created);
            var draft = await GetJsonAsync(api, "/api/admin/knowledge/search?version=draft&q=" + Uri.EscapeDataString(slang));
            Assert.Equal("冬季送温暖", draft.GetProperty("hits")[0].GetProperty("heading").GetString());

            // Not in the published version until it is published.
            Assert.Empty((await GetJsonAsync(api, "/api/admin/knowledge/synonyms?version=published")).EnumerateArray());
            await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish", null), HttpStatusCode.Created);
            var published = await GetJsonAsync(api, "/api/admin/knowledge/search?q=" + Uri.EscapeDataString(slang));
            Assert.Equal("冬季送温暖", published.GetProperty("hits")[0].GetProperty("heading").GetString());

            // Deleting it in a new draft leaves the published version alone.
            Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/admin/knowledge/synonyms/{rule.GetProperty("id").GetInt64()}")).StatusCode);
            Assert.Empty((await GetJsonAsync(api, "/api/admin/knowledge/synonyms?version=draft")).EnumerateArray());
            Assert.Single((await GetJsonAsync(api, "/api/admin/knowledge/synonyms?version=published")).EnumerateArray());
            Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync("/api/admin/knowledge/synonyms", new { forms = Array.Empty<string>(), terms = new[] { "x" } })).StatusCode);
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task AnUnansweredQuestionBecomesAnAlternateQuestionThatFindsThePassage()
    {
        using var app = NewApp();
        try
        {
            using var api = ApiClient(app);
            using var bot = app.CreateHttpClient();
            await JsonAsync(await UploadAsync(api, "qinghe-handbook.md", Utf8(HandbookMarkdown)), HttpStatusCode.Created);
            await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish", null), HttpStatusCode.Created);

            // Workers ask in a way nothing matches; their phone number must not be kept.
            const string asked = "扫盲班在哪儿";
            await AskAsync(app, bot, asked + ",我电话13812345678", "c-1");
            await AskAsync(app, bot, asked + "?", "c-2");
            System.Text.Json.JsonElement groups = default;
            for (var i = 0; i < 50; i++)
            {
                groups = await GetJsonAsync(api, "/api/admin/knowledge/unanswered");
                if (groups.GetArrayLength() > 0 && groups[0].GetProperty("count").GetInt32() >= 2)
                {
                    break;
                }

                await Task.Delay(100);
            }

            var group = groups[0];
            Assert.True(group.GetProperty("count").GetInt32() == 2, groups.GetRawText());
            Assert.Equal(2, group.GetProperty("count").GetInt32());
            Assert.DoesNotContain("13812345678", groups.GetRawText());
            var ids = group.GetProperty("ids").EnumerateArray().Select(e => e.GetInt64()).ToArray();

            var nightSchool = (await GetJsonAsync(api, "/api/admin/documents/qinghe-handbook")).GetProperty("passages").EnumerateArray()
                .First(p => p.GetProperty("heading").GetString() == "夜校报名").GetProperty("id").GetString();
            var alternate = await JsonAsync(await api.PostAsJsonAsync("/api/admin/knowledge/alternate-questions", new { passageId = nightSchool, question = asked, unansweredIds = ids }), HttpStatusCode.Created);
            Assert.Empty((await GetJsonAsync(api, "/api/admin/knowledge/unanswered")).EnumerateArray());
            Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync("/api/admin/knowledge/alternate-questions", new { passageId = "no-such-p01", question = asked })).StatusCode);

            var draft = await GetJsonAsync(api, "/api/admin/knowledge/search?version=draft&q=" + Uri.EscapeDataString(asked));
            Assert.Equal(nightSchool, draft.GetProperty("hits")[0].GetProperty("passageId").GetString());
            await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish", null), HttpStatusCode.Created);
            Assert.Contains($"/kb/{nightSchool}", await AskAsync(app, bot, asked, "c-3"));

            // Deleting it by its published id takes the new draft's copy and leaves the published version alone.
            Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/admin/knowledge/alternate-questions/{alternate.GetProperty("id").GetInt64()}")).StatusCode);
            Assert.Empty((await GetJsonAsync(api, "/api/admin/knowledge/alternate-questions?version=draft")).EnumerateArray());
            Assert.Single((await GetJsonAsync(api, "/api/admin/knowledge/alternate-questions?version=published")).EnumerateArray());
            Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/admin/knowledge/alternate-questions/{alternate.GetProperty("id").GetInt64()}")).StatusCode);
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task TheBulkImportStagesAFolderAndPublishesIt()
    {
        using var app = NewApp();
        var folder = Path.Combine(app.DataPath, "import");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "qinghe-handbook.md"), HandbookMarkdown);
        await File.WriteAllTextAsync(Path.Combine(folder, "qinghe-handbook.md.meta.json"), "{\"id\":\"qinghe-handbook\",\"title\":\"青禾市农民工服务手册\",\"issuer\":\"青禾市人社局\",\"documentNumber\":\"青人社发〔2025〕3号\"}");
        await File.WriteAllTextAsync(Path.Combine(folder, "Coats 2025.txt"), "一、棉衣\n十二月在火车站广场发放棉衣。");
        try
        {
            using var api = ApiClient(app);
            _ = await GetJsonAsync(api, "/api/admin/knowledge/versions");   // the running app seeded version 1
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await Bot.KnowledgeBase.KnowledgeImportCommand.RunAsync(["kb-import", folder, "--publish", .. app.StorageArguments], output, error);
            Assert.True(code == 0, error.ToString());
            Assert.Contains("Published version 2", output.ToString());

            // The running bot notices the new version without a restart.
            await app.Services.GetRequiredService<Bot.KnowledgeBase.KnowledgePublishing>().RefreshAsync(CancellationToken.None);
            var docs = await GetJsonAsync(api, "/api/admin/documents");
            var published = docs.GetProperty("published").EnumerateArray().ToList();
            Assert.Contains(published, d => d.GetProperty("id").GetString() == "qinghe-handbook" && d.GetProperty("documentNumber").GetString() == "青人社发〔2025〕3号");
            Assert.Contains(published, d => d.GetProperty("id").GetString() == "coats-2025" && d.GetProperty("title").GetString() == "Coats 2025");
            using var bot = app.CreateHttpClient();
            Assert.Contains("/kb/qinghe-handbook-p", await AskAsync(app, bot, HandbookQuestion, "c-import"));
        }
        finally
        {
            app.DeleteData();
        }
    }
}
