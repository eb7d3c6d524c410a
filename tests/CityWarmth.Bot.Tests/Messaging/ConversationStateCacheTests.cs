using System.Text.Json;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Skills.Conversation;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Tests.Messaging;

/// <summary>
/// States stay in memory between turns. With SQLite (one bot process per file) a kept state is used without asking the
/// database until something else writes to the conversations table through the bot's EF Core contexts; with PostgreSQL
/// (several instances may share it) only while the database still holds the same version. Either way a change made
/// elsewhere bumps the version, and the next turn must see it.
/// </summary>
public sealed class ConversationStateCacheTests
{
    [Fact]
    public async Task AChangeMadeElsewhereIsSeenByTheNextTurn()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        await app.AskAsync(client, TestActivities.Message("你好", "conv-kept"));

        await RewriteStoredStateAsync(app, "conv-kept", s => s.CitedSections.Add("别处写的"), bumpVersion: true);
        await app.AskAsync(client, TestActivities.Message("谢谢", "conv-kept"));

        var loaded = await app.Services.GetRequiredService<IConversationStore>().LoadAsync("conv-kept", default);
        Assert.Contains("别处写的", loaded.State.CitedSections);
        Assert.Equal(3, loaded.Version);
        app.DeleteData();
    }

    [Fact]
    public async Task WhileTheVersionIsUnchangedTheStateInMemoryIsUsed()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        await app.AskAsync(client, TestActivities.Message("你好", "conv-same"));

        // Not something the bot's writers do (they all bump the version): it shows which copy a load uses.
        await RewriteStoredStateAsync(app, "conv-same", s => s.CitedSections.Add("只在数据库里"), bumpVersion: false);

        var loaded = await app.Services.GetRequiredService<IConversationStore>().LoadAsync("conv-same", default);
        Assert.DoesNotContain("只在数据库里", loaded.State.CitedSections);
        Assert.Equal("help", loaded.State.LastSkill);
        app.DeleteData();
    }

    [Fact]
    public void ATakenStateIsGoneUntilKeptAgainAndTheEntryIsRefilledInPlace()
    {
        using var cache = new ConversationStateCache(Microsoft.Extensions.Options.Options.Create(new StorageOptions { StateCacheSize = 10 }));
        var state = new ConversationState { LastSkill = "policy" };
        cache.Keep("conv-a", 1, ConversationOwners.Bot, state, cache.Epoch);

        var taken = cache.Take("conv-a");
        Assert.NotNull(taken);
        Assert.Same(state, taken.Value.State);
        Assert.Equal(1, taken.Value.Version);
        // A turn has it out (or failed with it half changed): nobody else gets it from memory.
        Assert.Null(cache.Take("conv-a"));

        cache.Keep("conv-a", 2, "agent:console", state, cache.Epoch);
        var again = cache.Take("conv-a");
        Assert.Equal(2, again!.Value.Version);
        Assert.Equal("agent:console", again.Value.Owner);
        Assert.True(cache.IsCurrent(again.Value));

        cache.Keep("conv-a", 3, ConversationOwners.Bot, state, cache.Epoch);
        cache.ChangedElsewhere();
        Assert.False(cache.IsCurrent(cache.Take("conv-a")!.Value));
        Assert.Null(cache.Take("conv-b"));
    }

    [Fact]
    public void WithPostgresAKeptStateIsTrustedOnlyUnderTheLeaseItWasSavedUnder()
    {
        using var cache = new ConversationStateCache(Microsoft.Extensions.Options.Options.Create(new StorageOptions { Provider = "Postgres", StateCacheSize = 10 }));
        var state = new ConversationState();
        cache.Keep("conv-a", 4, ConversationOwners.Bot, state, cache.Epoch, lease: 17, channelId: "emulator");
        var kept = cache.Take("conv-a")!.Value;

        Assert.True(cache.IsCurrent(kept, heldLease: 17));
        // Let go and taken again (another instance may have written in between), or not held at all.
        Assert.False(cache.IsCurrent(kept, heldLease: 18));
        Assert.False(cache.IsCurrent(kept, heldLease: 0));
        cache.ChangedElsewhere();
        Assert.False(cache.IsCurrent(kept, heldLease: 17));

        // A caseworker holds the conversation: their messages are added without its lock.
        cache.Keep("conv-p", 3, "agent:console", state, cache.Epoch, lease: 19);
        Assert.False(cache.IsCurrent(cache.Take("conv-p")!.Value, heldLease: 19));

        // Saved without a lease: never trusted.
        cache.Keep("conv-b", 1, ConversationOwners.Bot, state, cache.Epoch);
        Assert.False(cache.IsCurrent(cache.Take("conv-b")!.Value, heldLease: 0));

        // The channel stays on the entry while a turn has the state out.
        Assert.Equal("emulator", cache.ChannelOf("conv-a"));
        cache.RememberChannel("conv-c", "msteams");
        Assert.Equal("msteams", cache.ChannelOf("conv-c"));
        Assert.Null(cache.Take("conv-c"));
    }

    [Fact]
    public async Task WithTheCacheOffEveryLoadReadsTheDatabase()
    {
        using var app = new BotApp(settings: new Dictionary<string, string?> { ["Storage:StateCacheSize"] = "0" });
        using var client = app.CreateHttpClient();
        await app.AskAsync(client, TestActivities.Message("你好", "conv-off"));

        await RewriteStoredStateAsync(app, "conv-off", s => s.CitedSections.Add("只在数据库里"), bumpVersion: false);

        var loaded = await app.Services.GetRequiredService<IConversationStore>().LoadAsync("conv-off", default);
        Assert.Contains("只在数据库里", loaded.State.CitedSections);
        app.DeleteData();
    }

    [Fact]
    public async Task AStateChangedByATurnThatWasNeverSavedIsNotKept()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        await app.AskAsync(client, TestActivities.Message("你好", "conv-failed"));
        var store = app.Services.GetRequiredService<IConversationStore>();

        // A turn loads the state, changes it in place, then fails before saving.
        var failed = await store.LoadAsync("conv-failed", default);
        failed.State.CitedSections.Add("半途而废");

        var next = await store.LoadAsync("conv-failed", default);
        Assert.DoesNotContain("半途而废", next.State.CitedSections);
        Assert.Equal(failed.Version, next.Version);
        app.DeleteData();
    }

    [SqliteFact]
    public async Task WithSqliteAKeptStateIsUsedWithoutAskingTheDatabaseUntilTheBotWritesTheTableElsewhere()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        foreach (var id in new[] { "conv-a", "conv-b", "conv-c" })
        {
            await app.AskAsync(client, TestActivities.Message("你好", id));
        }
        var store = app.Services.GetRequiredService<IConversationStore>();

        // Written behind the bot's back: the kept state is trusted, so the load does not even see the new version.
        await RewriteFromOutsideAsync(app, "conv-a", s => s.CitedSections.Add("只在数据库里"));
        var trusted = await store.LoadAsync("conv-a", default);
        Assert.Equal(1, trusted.Version);
        Assert.DoesNotContain("只在数据库里", trusted.State.CitedSections);

        // The console, the eraser and retention write through the bot's EF Core contexts, which the cache watches: after
        // such a write to any conversation, every kept state is checked against its stored version again.
        await RewriteFromOutsideAsync(app, "conv-b", s => s.CitedSections.Add("只在数据库里"));
        await RewriteStoredStateAsync(app, "conv-c", s => s.CitedSections.Add("控制台写的"), bumpVersion: true);
        var checkedAgain = await store.LoadAsync("conv-b", default);
        Assert.Equal(2, checkedAgain.Version);
        Assert.Contains("只在数据库里", checkedAgain.State.CitedSections);
        app.DeleteData();
    }

    [Fact]
    public async Task AWriteNobodyToldTheBotAboutStillWinsOverTheKeptState()
    {
        using var app = new BotApp();
        using var client = app.CreateHttpClient();
        await app.AskAsync(client, TestActivities.Message("你好", "conv-missed"));

        await RewriteFromOutsideAsync(app, "conv-missed", s => s.CitedSections.Add("别处写的"));
        var replies = await app.AskAsync(client, TestActivities.Message("谢谢", "conv-missed"));

        // The turn may start from the kept state, but its save then finds a newer version and the turn runs again on the
        // stored one: the outside change is kept, and the worker still gets one answer.
        Assert.Single(replies);
        var loaded = await app.Services.GetRequiredService<IConversationStore>().LoadAsync("conv-missed", default);
        Assert.Contains("别处写的", loaded.State.CitedSections);
        Assert.Equal(3, loaded.Version);
        app.DeleteData();
    }

    [Theory]
    [InlineData("UPDATE \"conversations\" SET \"Owner\" = @p0, \"Version\" = @p1 WHERE \"Id\" = @p2 AND \"Version\" = @p3 RETURNING 1;", true)]
    [InlineData("UPDATE \"conversations\" AS \"c\"\nSET \"StateJson\" = @p", true)]
    [InlineData("update conversations set StateJson = '{}'", true)]
    [InlineData("DELETE FROM \"conversations\" WHERE \"Id\" = @p0", true)]
    [InlineData("SELECT \"c\".\"ReferenceJson\" FROM \"conversations\" AS \"c\" WHERE \"c\".\"Id\" = @id LIMIT 2", false)]
    [InlineData("UPDATE \"directline_conversations\" SET \"Watermark\" = @p0", false)]
    [InlineData("INSERT INTO \"handoffs\" (\"Id\") VALUES (@p0)", false)]
    public void TheWatcherTellsWritesToTheConversationsTableFromEverythingElse(string sql, bool writes) =>
        Assert.Equal(writes, ConversationWriteWatcher.WritesConversations(sql));

    /// <summary>Changes a stored state and bumps its version on a connection of its own, as another process would.</summary>
    private static async Task RewriteFromOutsideAsync(BotApp app, string conversationId, Action<ConversationState> change)
    {
        await using var connection = await app.OpenOutsideConnectionAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT \"StateJson\" FROM conversations WHERE \"Id\" = @id";
        AddParameter(read, "id", conversationId);
        var state = JsonSerializer.Deserialize<ConversationState>((string)(await read.ExecuteScalarAsync())!, EfConversationStore.StateJson)!;
        change(state);
        await using var write = connection.CreateCommand();
        write.CommandText = "UPDATE conversations SET \"StateJson\" = @state, \"Version\" = \"Version\" + 1 WHERE \"Id\" = @id";
        AddParameter(write, "state", JsonSerializer.Serialize(state, EfConversationStore.StateJson));
        AddParameter(write, "id", conversationId);
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task RewriteStoredStateAsync(BotApp app, string conversationId, Action<ConversationState> change, bool bumpVersion)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync();
        var row = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        var state = JsonSerializer.Deserialize<ConversationState>(row.StateJson, EfConversationStore.StateJson)!;
        change(state);
        row.StateJson = JsonSerializer.Serialize(state, EfConversationStore.StateJson);
        if (bumpVersion)
        {
            row.Version++;
        }
        await db.SaveChangesAsync();
    }
}
