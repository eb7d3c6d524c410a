using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.KnowledgeBase;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CityWarmth.Bot.Tests.KnowledgeBase.KnowledgeAdminKit;

namespace CityWarmth.Bot.Tests.KnowledgeBase;

/// <summary>
/// Questions the bot did not answer well reach the admins from workers' thumbs-down and handoffs, and an admin
/// answers one with a new passage that workers get once it is published.
/// </summary>
public sealed class KnowledgeFeedbackTests
{
    private const string NightSchoolHeading = "夜校报名";

    [Fact]
    public async Task AThumbsDownFromTeamsRecordsTheAnsweredQuestionWithItsPassages()
    {
        using var app = NewApp();
        try
        {
            using var api = ApiClient(app);
            using var bot = app.CreateHttpClient();
            var nightSchool = await PublishHandbookAsync(api);

            // The question and the feedback come from the same channel (a conversation belongs to one).
            var answer = Answer(await app.AskAsync(bot, TestActivities.Message(HandbookQuestion, "fb-teams", channelId: "msteams")));
            Assert.True(answer.ChannelData!["feedbackLoopEnabled"]!.GetValue<bool>());

            // Teams names the rated message by its own id; the bot answers the invoke in the HTTP response.
            var dislike = await bot.PostAsJsonAsync("/api/messages", Feedback("fb-teams", "dislike", "{\"feedbackText\":\"没说在几楼,打我电话13812345678\"}"), ProtocolJson.Options);
            Assert.Equal(HttpStatusCode.OK, dislike.StatusCode);
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(await dislike.Content.ReadAsStringAsync()).RootElement.ValueKind);

            var group = await WaitForGroupAsync(api, g => g.GetProperty("reasons").TryGetProperty("thumbs-down", out _));
            Assert.Equal(Sanitized(HandbookQuestion), group.GetProperty("representative").GetString());
            Assert.Equal(1, group.GetProperty("reasons").GetProperty("thumbs-down").GetInt32());
            Assert.Contains(nightSchool, group.GetProperty("passages").EnumerateArray().Select(p => p.GetString()));
            var comment = Assert.Single(group.GetProperty("comments").EnumerateArray()).GetString()!;
            Assert.Contains("几楼", comment);
            Assert.DoesNotContain("13812345678", comment);

            // A like, or a second thumbs-down on the same answer, adds nothing.
            Assert.Equal(HttpStatusCode.OK, (await bot.PostAsJsonAsync("/api/messages", Feedback("fb-teams", "like", ""), ProtocolJson.Options)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await bot.PostAsJsonAsync("/api/messages", Feedback("fb-teams", "dislike", ""), ProtocolJson.Options)).StatusCode);
            var groups = await GroupsOnceAllIsStoredAsync(app, bot, api);
            Assert.Equal(1, groups.Sum(g => g.GetProperty("count").GetInt32()));

            // Other submit actions are still not handled.
            var other = Feedback("fb-teams", "dislike", "");
            other.Value!["actionName"] = "somethingElse";
            Assert.Equal(HttpStatusCode.NotImplemented, (await bot.PostAsJsonAsync("/api/messages", other, ProtocolJson.Options)).StatusCode);
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task WebChatsFeedbackButtonNamesTheAnswerItRates()
    {
        using var app = NewApp();
        try
        {
            using var api = ApiClient(app);
            using var bot = app.CreateHttpClient();
            var nightSchool = await PublishHandbookAsync(api);

            var first = Answer(await app.AskAsync(bot, TestActivities.Message(HandbookQuestion, "fb-webchat")));
            var entity = Assert.Single(first.Entities!);
            Assert.Equal("", entity["@id"]!.GetValue<string>());
            var actions = entity["potentialAction"]!.AsArray().Select(a => a!.AsObject()).ToList();
            Assert.Equal(["LikeAction", "DislikeAction"], actions.Select(a => a["@type"]!.GetValue<string>()));

            // A later answer in the same conversation: the thumbs-down on the first one must still record the first.
            Answer(await app.AskAsync(bot, TestActivities.Message("农民工子女上学有什么政策", "fb-webchat")));

            // What Web Chat posts when 👎 is clicked: an event whose entity is the action as the bot sent it.
            var click = TestActivities.Message("", "fb-webchat");
            click.Type = ActivityTypes.Event;
            click.Name = "webchat:activity-status/feedback";
            click.Text = null;
            click.Entities = [actions[1].DeepClone().AsObject()];
            var replies = await app.AskAsync(bot, click);
            var thanks = Assert.Single(replies, r => r.Type == ActivityTypes.Message);
            Assert.Contains("记下来", thanks.Text);
            Assert.Contains(thanks.SuggestedActions!.Actions, a => (string?)a.Value == "转人工");

            var group = await WaitForGroupAsync(api, g => g.GetProperty("reasons").TryGetProperty("thumbs-down", out _));
            Assert.Equal(Sanitized(HandbookQuestion), group.GetProperty("representative").GetString());
            Assert.Contains(nightSchool, group.GetProperty("passages").EnumerateArray().Select(p => p.GetString()));
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task AskingForAPersonRightAfterAQuestionRecordsThatQuestionAsHandedOff()
    {
        using var app = NewApp();
        try
        {
            using var api = ApiClient(app);
            using var bot = app.CreateHttpClient();
            var nightSchool = await PublishHandbookAsync(api);

            await app.AskAsync(bot, TestActivities.Message(HandbookQuestion, "ho-1"));
            var queued = await app.AskAsync(bot, TestActivities.Message("转人工", "ho-1"));
            Assert.Contains(queued, r => r.Type == ActivityTypes.Event && r.Name == "handoff.initiate");

            // The question before 转人工 was small talk: nothing about the knowledge base to record.
            await app.AskAsync(bot, TestActivities.Message(HandbookQuestion, "ho-2"));
            await app.AskAsync(bot, TestActivities.Message("谢谢你", "ho-2"));
            await app.AskAsync(bot, TestActivities.Message("转人工", "ho-2"));

            var group = await WaitForGroupAsync(api, g => g.GetProperty("reasons").TryGetProperty("handed-off", out _));
            Assert.Equal(Sanitized(HandbookQuestion), group.GetProperty("representative").GetString());
            Assert.Equal(1, group.GetProperty("reasons").GetProperty("handed-off").GetInt32());
            Assert.Contains(nightSchool, group.GetProperty("passages").EnumerateArray().Select(p => p.GetString()));
            var all = await GroupsOnceAllIsStoredAsync(app, bot, api);
            Assert.DoesNotContain(all, g => g.GetRawText().Contains("转人工", StringComparison.Ordinal));
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task AnUnansweredQuestionBecomesANewPassageThatAnswersWorkersOncePublished()
    {
        using var app = NewApp();
        try
        {
            using var api = ApiClient(app);
            using var bot = app.CreateHttpClient();
            const string asked = "扫盲班在哪儿";
            await AskAsync(app, bot, asked, "np-1");
            var group = await WaitForGroupAsync(api, g => g.GetProperty("representative").GetString() == Sanitized(asked));
            var ids = group.GetProperty("ids").EnumerateArray().Select(e => e.GetInt64()).ToArray();

            Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync("/api/admin/knowledge/answer-passages", new { question = asked, heading = "扫盲班" })).StatusCode);
            var created = await JsonAsync(await api.PostAsJsonAsync("/api/admin/knowledge/answer-passages", new
            {
                question = asked,
                heading = "扫盲班报名",
                answer = "青禾市总工会每周六上午在工人文化宫二楼开扫盲班,学费全免。\n1. 报名请带身份证到文化宫服务台。",
                unansweredIds = ids,
            }), HttpStatusCode.Created);
            var passageId = created.GetProperty("passage").GetProperty("id").GetString()!;
            Assert.Equal("faq-p01", passageId);
            Assert.Equal("扫盲班报名", created.GetProperty("passage").GetProperty("heading").GetString());
            Assert.Contains("1. 报名请带身份证", created.GetProperty("passage").GetProperty("text").GetString());
            Assert.Equal(asked, created.GetProperty("alternateQuestion").GetProperty("question").GetString());

            // Previewable and searchable in the draft, not yet answering workers; the question is resolved.
            var preview = await GetJsonAsync(api, "/api/admin/documents/faq");
            Assert.Equal("常见问题", preview.GetProperty("document").GetProperty("title").GetString());
            Assert.Contains(preview.GetProperty("passages").EnumerateArray(), p => p.GetProperty("id").GetString() == passageId);
            var draft = await GetJsonAsync(api, "/api/admin/knowledge/search?version=draft&q=" + Uri.EscapeDataString(asked));
            Assert.Equal(passageId, draft.GetProperty("hits")[0].GetProperty("passageId").GetString());
            Assert.DoesNotContain($"/kb/{passageId}", await AskAsync(app, bot, asked, "np-2"));
            Assert.DoesNotContain(await GroupsOnceAllIsStoredAsync(app, bot, api),
                g => g.GetProperty("ids").EnumerateArray().Any(id => ids.Contains(id.GetInt64())));

            // A second answer goes into the same document after the first; the first keeps its id.
            var second = await JsonAsync(await api.PostAsJsonAsync("/api/admin/knowledge/answer-passages", new
            {
                question = "夜里下工后哪里能洗热水澡",
                heading = "免费热水澡",
                answer = "工人文化宫一楼浴室每晚九点到十一点对农民工免费开放。",
            }), HttpStatusCode.Created);
            Assert.Equal("faq-p02", second.GetProperty("passage").GetProperty("id").GetString());

            // Only question-and-answer documents (.md) take new passages.
            var shipped = (await GetJsonAsync(api, "/api/admin/documents")).GetProperty("draft").EnumerateArray()
                .First(d => !d.GetProperty("fileName").GetString()!.EndsWith(".md", StringComparison.Ordinal)).GetProperty("id").GetString();
            Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsJsonAsync("/api/admin/knowledge/answer-passages",
                new { question = asked, heading = "x", answer = "y", documentId = shipped })).StatusCode);

            await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish", null), HttpStatusCode.Created);
            var replies = await app.AskAsync(bot, TestActivities.Message(asked, "np-3"));
            var answer = Answer(replies);
            Assert.Contains("工人文化宫二楼", answer.Text);
            Assert.Contains("《常见问题》", answer.Text);
            Assert.Contains(answer.Entities![0]["citation"]!.AsArray(), c => c!["appearance"]!["url"]!.GetValue<string>().EndsWith($"/kb/{passageId}", StringComparison.Ordinal));
            var page = await bot.GetStringAsync($"/kb/{passageId}");
            Assert.Contains("学费全免", page);

            var audit = await app.Services.GetRequiredService<AuditLog>().RecentAsync(100, null, CancellationToken.None);
            Assert.Contains(audit, e => e.Action == KnowledgeAuditActions.PassageAdded && e.Target.EndsWith(":" + passageId, StringComparison.Ordinal));
        }
        finally
        {
            app.DeleteData();
        }
    }

    private static async Task<string> PublishHandbookAsync(HttpClient api)
    {
        await JsonAsync(await UploadAsync(api, "qinghe-handbook.md", Utf8(HandbookMarkdown)), HttpStatusCode.Created);
        await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish", null), HttpStatusCode.Created);
        return (await GetJsonAsync(api, "/api/admin/documents/qinghe-handbook")).GetProperty("passages").EnumerateArray()
            .First(p => p.GetProperty("heading").GetString() == NightSchoolHeading).GetProperty("id").GetString()!;
    }

    /// <summary>The direct answer among the replies: a policy message that can be rated.</summary>
    private static Activity Answer(IReadOnlyList<Activity> replies) =>
        Assert.Single(replies, r => r.Type == ActivityTypes.Message && r.ChannelData?["feedbackLoopEnabled"] is not null);

    private static Activity Feedback(string conversationId, string reaction, string feedback)
    {
        var invoke = TestActivities.Message("", conversationId, channelId: "msteams");
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "message/submitAction";
        invoke.Text = null;
        invoke.ReplyToId = "1700000000000";
        invoke.Value = new JsonObject
        {
            ["actionName"] = "feedback",
            ["actionValue"] = new JsonObject { ["reaction"] = reaction, ["feedback"] = feedback },
        };
        return invoke;
    }

    private static string Sanitized(string question) => Knowledge.Versions.QuestionGroups.Sanitize(question);

    /// <summary>
    /// The unanswered groups once the recorder has stored everything recorded so far (without the marker question this
    /// asks). The recorder stores questions in the order they came, so once a question nothing answers, asked now,
    /// is listed, everything recorded before it is listed too.
    /// </summary>
    private static async Task<List<JsonElement>> GroupsOnceAllIsStoredAsync(BotApp app, HttpClient bot, HttpClient api)
    {
        const string marker = "城里哪有教下象棋的老年班";
        await AskAsync(app, bot, marker, "marker-" + Guid.NewGuid().ToString("N"));
        await WaitForGroupAsync(api, g => g.GetProperty("representative").GetString() == Sanitized(marker));
        var groups = await GetJsonAsync(api, "/api/admin/knowledge/unanswered");
        return [.. groups.EnumerateArray().Where(g => g.GetProperty("representative").GetString() != Sanitized(marker))];
    }

    /// <summary>The recorder stores in the background: polls the grouped list until a group matches.</summary>
    private static async Task<JsonElement> WaitForGroupAsync(HttpClient api, Func<JsonElement, bool> match)
    {
        JsonElement groups = default;
        for (var i = 0; i < 50; i++)
        {
            groups = await GetJsonAsync(api, "/api/admin/knowledge/unanswered");
            if (groups.EnumerateArray().FirstOrDefault(match) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        Assert.Fail("No matching unanswered group: " + groups.GetRawText());
        return default;
    }
}
