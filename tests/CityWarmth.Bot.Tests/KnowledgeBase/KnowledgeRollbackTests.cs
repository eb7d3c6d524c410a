using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static CityWarmth.Bot.Tests.KnowledgeBase.KnowledgeAdminKit;

namespace CityWarmth.Bot.Tests.KnowledgeBase;

/// <summary>A rollback returns to the version that served before the current one, however the numbers run.</summary>
public sealed class KnowledgeRollbackTests
{
    [Fact]
    public async Task RollingBackWalksBackThroughWhatServedNotThroughVersionNumbers()
    {
        using var app = NewApp();
        try
        {
            using var api = ApiClient(app);
            using var bot = app.CreateHttpClient();

            // Publish, roll back, publish again, roll back again: the shipped version 1 served before version 3, not 2.
            Assert.Equal(2, await PublishDocumentAsync(api, "night-school", "夜校报名", "青禾市总工会每周三晚上在工人文化宫开夜校。"));
            Assert.Equal(1, await RollBackAsync(api));
            Assert.Equal(3, await PublishDocumentAsync(api, "warm-clothes", "冬季送温暖", "每年十二月青禾市在火车站广场发放棉衣。"));
            Assert.Equal(1, await RollBackAsync(api));
            Assert.Equal(1, await ServingAsync(api));
            Assert.DoesNotContain("night-school", await AskAsync(app, bot, "青禾市的夜校在哪里上课", "rb-1"));

            // Two publications in a row, then two rollbacks: each returns to what served before.
            Assert.Equal(4, await PublishDocumentAsync(api, "bath-house", "热水澡", "青禾市工人文化宫一楼有免费热水澡,晚上九点前开放。"));
            Assert.Equal(5, await PublishDocumentAsync(api, "canteen", "爱心食堂", "青禾市爱心食堂在建设路十号,午饭五元。"));
            Assert.Equal(4, await RollBackAsync(api));
            Assert.Contains("/kb/bath-house-p", await AskAsync(app, bot, "青禾市哪里能洗免费热水澡", "rb-2"));
            Assert.Equal(1, await RollBackAsync(api));
            Assert.DoesNotContain("/kb/bath-house-p", await AskAsync(app, bot, "青禾市哪里能洗免费热水澡", "rb-3"));

            // Nothing served before the shipped version.
            var none = await api.PostAsync("/api/admin/knowledge/rollback", null);
            Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);

            // A rollback to a chosen version is like publishing it again: the next rollback returns to the one before it.
            var chosen = await JsonAsync(await api.PostAsJsonAsync("/api/admin/knowledge/rollback", new { version = 5 }), HttpStatusCode.OK);
            Assert.Equal(5, chosen.GetProperty("number").GetInt32());
            Assert.Equal(1, await RollBackAsync(api));
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task AnUpgradedDatabaseKnowsWhatServedBeforeEachEarlierPublication()
    {
        using var app = NewApp();
        try
        {
            // The publications as the release before the history left them: seed 1, publish 2 and 3, roll back (to 2),
            // publish 4.
            await using var db = app.OpenOutsideContext();
            await db.GetService<IMigrator>().MigrateAsync("TranscriptChain");
            var at = DateTimeOffset.UtcNow;
            foreach (var (version, action) in new[] { (1, "seed"), (2, "publish"), (3, "publish"), (2, "rollback"), (4, "publish") })
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO kb_publications ("VersionNumber", "Action", "At", "By") VALUES ({version}, {action}, {at}, 'system')
                    """);
            }

            await db.Database.MigrateAsync();

            var rows = await db.Database.SqlQuery<PublicationRow>($"""
                SELECT "Id", "VersionNumber", "PreviousId" FROM kb_publications ORDER BY "Id"
                """).ToListAsync();
            var ids = rows.Select(r => r.Id).ToList();
            Assert.Null(rows[0].PreviousId);
            Assert.Equal(ids[0], rows[1].PreviousId);
            Assert.Equal(ids[1], rows[2].PreviousId);
            // The rollback restored version 2, which had followed version 1.
            Assert.Equal(ids[0], rows[3].PreviousId);
            Assert.Equal(ids[3], rows[4].PreviousId);
        }
        finally
        {
            app.DeleteData();
        }
    }

    private sealed record PublicationRow(long Id, int VersionNumber, long? PreviousId);

    private static async Task<int> PublishDocumentAsync(HttpClient api, string id, string heading, string text)
    {
        var markdown = $"# 青禾市服务指南\n\n## {heading}\n\n{text}\n";
        await JsonAsync(await UploadAsync(api, id + ".md", Utf8(markdown)), HttpStatusCode.Created);
        var outcome = await JsonAsync(await api.PostAsync("/api/admin/knowledge/publish", null), HttpStatusCode.Created);
        return outcome.GetProperty("version").GetProperty("number").GetInt32();
    }

    private static async Task<int> RollBackAsync(HttpClient api) =>
        (await JsonAsync(await api.PostAsync("/api/admin/knowledge/rollback", null), HttpStatusCode.OK)).GetProperty("number").GetInt32();

    private static async Task<int> ServingAsync(HttpClient api) =>
        (await GetJsonAsync(api, "/api/admin/knowledge/versions")).EnumerateArray()
            .Single(v => v.GetProperty("isCurrent").GetBoolean()).GetProperty("number").GetInt32();
}
