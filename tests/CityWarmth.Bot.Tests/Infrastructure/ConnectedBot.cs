using CityWarmth.Bot.Data;
using CityWarmth.BotFramework.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.Bot.Tests.Infrastructure;

/// <summary>
/// The bot on Kestrel with a fake Bot Connector for its replies and a client to post with: the setting of the tests in
/// which a worker talks on a connector channel while caseworkers act in the console. Disposing it stops both and
/// deletes the bot's data.
/// </summary>
public sealed class ConnectedBot : IAsyncDisposable
{
    private ConnectedBot(BotApp app, FakeConnector connector)
    {
        App = app;
        Connector = connector;
        Client = app.CreateHttpClient();
    }

    public BotApp App { get; }

    public FakeConnector Connector { get; }

    /// <summary>A client with no credentials, as a channel in local mode posts.</summary>
    public HttpClient Client { get; }

    public static async Task<ConnectedBot> StartAsync(IDictionary<string, string?>? settings = null) =>
        new(new BotApp(settings: settings), await FakeConnector.StartAsync());

    /// <summary>A worker's message whose replies go to the fake connector.</summary>
    public Activity Message(string text, string conversationId, string userId)
    {
        var activity = TestActivities.Message(text, conversationId, userId);
        activity.ServiceUrl = Connector.ServiceUrl;
        return activity;
    }

    /// <summary>Who holds the conversation now: the bot or a caseworker's handoff.</summary>
    public async Task<string> OwnerAsync(string conversationId)
    {
        var factory = App.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.Owner).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Connector.DisposeAsync();
        await App.DisposeAsync();
        App.DeleteData();
    }
}
