using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Tests.Console;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.BotFramework.Authentication;
using CityWarmth.BotFramework.Schema;
using CityWarmth.BotFramework.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.Bot.Tests.Handoff;

/// <summary>
/// A worker in Azure's Web Chat reaches the bot through the Bot Connector with the channel id "webchat", which is also
/// the embedded Direct Line's. Messages sent outside a turn (a caseworker's reply) must still go to that connector.
/// </summary>
public sealed class AzureWebChatHandoffTests : IAsyncLifetime
{
    private readonly TestSigningKey _channelKey = TestSigningKey.Create("webchat-key", Channels.WebChat);
    private FakeBotFrameworkServer _botFramework = null!;
    private FakeConnector _connector = null!;
    private BotApp _app = null!;

    public async Task InitializeAsync()
    {
        _botFramework = await FakeBotFrameworkServer.StartAsync();
        _botFramework.AddChannelKey(_channelKey);
        _connector = await FakeConnector.StartAsync();
        var settings = HandoffTestKit.AlwaysOpen();
        foreach (var (key, value) in AuthTestServices.Settings(_botFramework))
        {
            settings[key] = value;
        }
        _app = new BotApp(settings: settings, services: services => services
            .AddHttpClient(BotAuthenticationServiceCollectionExtensions.MsalHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new LoopbackRedirectHandler(_botFramework.BaseUri)));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _app.DeleteData();
        await _connector.DisposeAsync();
        await _botFramework.DisposeAsync();
    }

    [Fact]
    public async Task TheCaseworkersReplyGoesThroughTheConnectorTheWorkerCameFrom()
    {
        await ConsoleSession.CreateUserAsync(_app, "li.lan", ConsoleRoles.Caseworker, "李兰");
        using var console = await ConsoleSession.SignInAsync(_app, "li.lan");
        using var channel = _app.CreateHttpClient();
        var asking = TestActivities.Message("转人工", "azure-webchat-1", "worker-w", channelId: Channels.WebChat);
        asking.ServiceUrl = _connector.ServiceUrl;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(asking, options: ProtocolJson.Options) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Channel(_channelKey, serviceUrl: _connector.ServiceUrl));
        using (var response = await channel.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await _connector.WaitForAsync(a => a.Text?.Contains("已为您转人工") == true);

        var factory = _app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var handoffId = await db.Handoffs.Where(h => h.ConversationId == "azure-webchat-1").Select(h => h.Id).SingleAsync();
        Assert.Equal(HttpStatusCode.OK, (await console.PostJsonAsync($"/console/api/cases/{handoffId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await console.PostJsonAsync($"/console/api/cases/{handoffId}/messages", new { text = "您好，请讲。" })).StatusCode);

        var reply = await _connector.WaitForAsync(a => a.Text == "您好，请讲。");
        Assert.Equal("azure-webchat-1", reply.Conversation?.Id);
        Assert.Equal("worker-w", reply.Recipient?.Id);
        var received = Assert.Single(_connector.Received, r => r.Activity.Text == "您好，请讲。");
        Assert.Contains("/v3/conversations/azure-webchat-1/activities", received.Path);
        Assert.StartsWith("Bearer access-token-", received.Authorization);
    }
}
