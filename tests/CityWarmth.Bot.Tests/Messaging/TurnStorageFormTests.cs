using System.Text.Json;
using CityWarmth.Bot.Data;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Skills.Conversation;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Tests.Messaging;

/// <summary>
/// The write loop stores a turn with statements of its own (on SQLite, natively bound UTF-8), while everything else
/// reads and writes the same rows through EF Core: the console, retention, erasure. The rows must be exactly what EF
/// Core itself would have written, or its queries would silently miss them.
/// </summary>
public sealed class TurnStorageFormTests
{
    [Fact]
    public async Task ASavedTurnReadsBackThroughEfCore()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await app.AskAsync(client, TestActivities.Message("外地来打工的能申请保障性租赁住房吗?", "conv-form"));
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == "conv-form");
        var transcript = await db.Transcript.Where(t => t.ConversationId == "conv-form").OrderBy(t => t.Id).ToListAsync();

        // Instants come back as the instants they were, which retention and the console compare.
        Assert.All(new[] { conversation.CreatedAt, conversation.UpdatedAt, transcript[0].Timestamp, transcript[1].Timestamp }, at => Assert.InRange(at, before, after));
        Assert.Equal("emulator", conversation.ChannelId);
        Assert.Equal(1, conversation.Version);
        Assert.Equal(ConversationOwners.Bot, conversation.Owner);
        Assert.Equal("policy", JsonSerializer.Deserialize<ConversationState>(conversation.StateJson, EfConversationStore.StateJson)!.LastSkill);
        Assert.Equal("conv-form", JsonSerializer.Deserialize<ConversationReference>(conversation.ReferenceJson, ProtocolJson.Options)!.Conversation?.Id);

        Assert.Equal(["in", "out"], transcript.Select(t => t.Direction));
        Assert.Equal("外地来打工的能申请保障性租赁住房吗?", JsonSerializer.Deserialize<Activity>(transcript[0].ActivityJson, ProtocolJson.Options)!.Text);
        // Both rows of the turn name the skill that answered it (the statistics count turns by skill from the worker's row).
        Assert.Equal("policy", transcript[0].Skill);
        Assert.Equal("policy", transcript[1].Skill);
        Assert.Contains("来源", JsonSerializer.Deserialize<Activity>(transcript[1].ActivityJson, ProtocolJson.Options)!.Text);
        app.DeleteData();
    }

    [SqliteFact]
    public async Task OnSqliteJsonIsStoredAsTextAndInstantsInEfCoresForm()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        await app.AskAsync(client, TestActivities.Message("你好", "conv-text"));

        await using var connection = await app.OpenOutsideConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT typeof(c."StateJson"), typeof(c."ReferenceJson"), typeof(t."ActivityJson"), c."UpdatedAt", t."Timestamp"
            FROM conversations c JOIN transcript t ON t."ConversationId" = c."Id" WHERE c."Id" = 'conv-text'
            """;
        await using var row = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await row.ReadAsync())
        {
            rows++;
            // TEXT, never BLOB: SQLite's text functions, LIKE and = would treat a blob differently.
            Assert.Equal(["text", "text", "text"], new[] { row.GetString(0), row.GetString(1), row.GetString(2) });
            // Microsoft.Data.Sqlite's form of a UTC DateTimeOffset, which EF Core compares as text.
            Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,7})?\+00:00$", row.GetString(3));
            Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,7})?\+00:00$", row.GetString(4));
        }
        Assert.Equal(2, rows);
        app.DeleteData();
    }
}
