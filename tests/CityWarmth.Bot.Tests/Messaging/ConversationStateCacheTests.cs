using System.Text.Json;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Skills.Conversation;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Tests.Messaging;

/// <summary>
/// States stay in memory between turns, but only as long as the database still holds the same version: anything that
/// changes a conversation elsewhere bumps its version, and the next turn must see that change.
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
