using System.Text.Json;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Handoff;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CityWarmth.Bot.Tests.Data;

/// <summary>
/// A conversation's transcript is found by following each row back to the one before it, from the newest row the
/// conversation points at; no index on the conversation id is kept. Every reader (the handoff packet, the console's
/// chat, erasure) must still find exactly the rows the conversation has, in order, whoever wrote them and whenever.
/// </summary>
public sealed class TranscriptChainTests
{
    [Fact]
    public async Task EachConversationReadsBackExactlyItsOwnRowsInOrder()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        string[] conversations = ["conv-chain-a", "conv-chain-b", "conv-chain-c"];
        // Interleaved, so the conversations' rows alternate in the table.
        await app.AskAsync(client, TestActivities.WorkerJoined("conv-chain-a"));
        foreach (var text in new[] { "你好", "外地来打工的能申请保障性租赁住房吗?", "谢谢" })
        {
            foreach (var conversation in conversations)
            {
                await app.AskAsync(client, TestActivities.Message($"{text}（{conversation}）", conversation));
            }
        }

        var store = app.Services.GetRequiredService<IConversationStore>();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync();
        foreach (var conversation in conversations)
        {
            var stored = await db.Transcript.Where(t => t.ConversationId == conversation).OrderBy(t => t.Id).Select(t => t.ActivityJson).ToListAsync();
            Assert.True(stored.Count >= 6, $"{conversation} has {stored.Count} rows");

            var all = await store.GetTranscriptAsync(conversation, 1000, default);
            Assert.Equal(stored.Select(Text), all.Select(a => a.Text));
            Assert.Equal(stored.Select(Type), all.Select(a => a.Type));

            var latest = await store.GetTranscriptAsync(conversation, 3, default);
            Assert.Equal(stored.Skip(stored.Count - 3).Select(Text), latest.Select(a => a.Text));
        }
        Assert.Empty(await store.GetTranscriptAsync("conv-chain-unknown", 10, default));

        // The console reads messages only: the join event of conversation a is not one, and is not counted either.
        var lines = await app.Services.GetRequiredService<HandoffConversations>().GetLinesAsync("conv-chain-a", 100, default);
        var messages = await db.Transcript.Where(t => t.ConversationId == "conv-chain-a" && t.Type == ActivityTypes.Message).OrderBy(t => t.Id).Select(t => t.ActivityJson).ToListAsync();
        Assert.Equal(messages.Select(Text), lines.Select(l => l.Text));
        var lastTwo = await app.Services.GetRequiredService<HandoffConversations>().GetLinesAsync("conv-chain-a", 2, default);
        Assert.Equal(messages.Skip(messages.Count - 2).Select(Text), lastTwo.Select(l => l.Text));
        app.DeleteData();
    }

    [Fact]
    public async Task RowsAddedBesideTheWorkersTurnsAllJoinTheChain()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        const string conversation = "conv-chain-busy";
        await app.AskAsync(client, TestActivities.Message("你好", conversation));
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();

        // A caseworker's messages land while the worker keeps talking: a turn that loaded the conversation before such
        // a row was added must not point the conversation past it.
        var worker = Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await app.AskAsync(client, TestActivities.Message($"第{i}条", conversation));
            }
        });
        var caseworker = Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await TranscriptChain.AppendAsync(dbFactory, new TranscriptEntry
                {
                    ConversationId = conversation,
                    Direction = "out",
                    Type = ActivityTypes.Message,
                    Skill = "handoff",
                    ActivityJson = JsonSerializer.Serialize(new Activity { Type = ActivityTypes.Message, Text = $"工作人员{i}" }, ProtocolJson.Options),
                    Timestamp = DateTimeOffset.UtcNow,
                }, default);
            }
        });
        await Task.WhenAll(worker, caseworker);

        await using var db = await dbFactory.CreateDbContextAsync();
        var stored = await db.Transcript.Where(t => t.ConversationId == conversation).OrderByDescending(t => t.Id).Select(t => t.Id).ToListAsync();
        Assert.Equal(stored, await TranscriptChain.IdsAsync(db, conversation, default));
        Assert.Equal(15, await db.Transcript.CountAsync(t => t.ConversationId == conversation && t.Skill == "handoff"));
        app.DeleteData();
    }

    [Fact]
    public async Task AddingARowToAConversationThatWasNeverStoredFails()
    {
        using var app = new BotApp();
        _ = app.CreateHttpClient();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        // A row no conversation points at could never be read or erased, so none is written.
        await Assert.ThrowsAsync<InvalidOperationException>(() => TranscriptChain.AppendAsync(dbFactory, new TranscriptEntry
        {
            ConversationId = "conv-never-stored",
            Direction = "out",
            Type = ActivityTypes.Message,
            ActivityJson = "{}",
        }, default));
        await using var db = await dbFactory.CreateDbContextAsync();
        Assert.False(await db.Transcript.AnyAsync(t => t.ConversationId == "conv-never-stored"));
        app.DeleteData();
    }

    [Fact]
    public async Task AnUpgradedDatabaseChainsTheRowsItAlreadyHeld()
    {
        using var app = new BotApp();
        // The database as the release before the chain left it, with two conversations' rows interleaved.
        await using (var old = app.OpenOutsideContext())
        {
            await old.GetService<IMigrator>().MigrateAsync("UnansweredPassagesAndComment");
            var at = DateTimeOffset.UtcNow.AddMinutes(-5);
            const string emptyState = "{}";
            foreach (var conversation in new[] { "conv-old-a", "conv-old-b" })
            {
                var reference = JsonSerializer.Serialize(new ConversationReference { ChannelId = "emulator", Conversation = new ConversationAccount { Id = conversation } }, ProtocolJson.Options);
                await old.Database.ExecuteSqlAsync($"""
                    INSERT INTO conversations ("Id", "ChannelId", "ReferenceJson", "StateJson", "Owner", "Version", "CreatedAt", "UpdatedAt")
                    VALUES ({conversation}, 'emulator', {reference}, {emptyState}, 'bot', 1, {at}, {at})
                    """);
            }
            for (var i = 0; i < 6; i++)
            {
                var conversation = i % 2 == 0 ? "conv-old-a" : "conv-old-b";
                var json = JsonSerializer.Serialize(new Activity { Type = ActivityTypes.Message, Text = $"旧{i}" }, ProtocolJson.Options);
                await old.Database.ExecuteSqlAsync($"""
                    INSERT INTO transcript ("ConversationId", "Direction", "Type", "Skill", "ActivityJson", "Timestamp")
                    VALUES ({conversation}, 'in', 'message', NULL, {json}, {at})
                    """);
            }
        }

        // Starting the bot migrates the rest of the way; the worker then carries on where they were.
        using var client = app.CreateHttpClient();
        await app.AskAsync(client, TestActivities.Message("你好", "conv-old-a"));

        var store = app.Services.GetRequiredService<IConversationStore>();
        var a = await store.GetTranscriptAsync("conv-old-a", 100, default);
        Assert.Equal(["旧0", "旧2", "旧4", "你好"], a.Take(4).Select(x => x.Text));
        Assert.Equal(5, a.Count);
        Assert.Equal(["旧1", "旧3", "旧5"], (await store.GetTranscriptAsync("conv-old-b", 100, default)).Select(x => x.Text));
        app.DeleteData();
    }

    private static string? Text(string json) => JsonSerializer.Deserialize<Activity>(json, ProtocolJson.Options)!.Text;

    private static string? Type(string json) => JsonSerializer.Deserialize<Activity>(json, ProtocolJson.Options)!.Type;
}
