using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CityWarmth.BotFramework.Authentication;
using CityWarmth.BotFramework.Tests.Fakes;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;

namespace CityWarmth.Bot.Tests.Messaging;

/// <summary>Channel authentication as a channel meets it: through /api/messages of the running bot.</summary>
public sealed class MessagesEndpointAuthTests : IAsyncLifetime
{
    private readonly TestSigningKey _channelKey = TestSigningKey.Create("channel-key", Channels.DirectLine);
    private FakeBotFrameworkServer _botFramework = null!;
    private FakeConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _botFramework = await FakeBotFrameworkServer.StartAsync();
        _botFramework.AddChannelKey(_channelKey);
        _connector = await FakeConnector.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _botFramework.DisposeAsync();
    }

    private BotApp StartBot(string? appId) => new(
        settings: AuthTestServices.Settings(_botFramework, appId),
        services: services => services.AddHttpClient(BotAuthenticationServiceCollectionExtensions.MsalHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new LoopbackRedirectHandler(_botFramework.BaseUri)));

    private Activity DirectLineMessage()
    {
        var activity = TestActivities.Message("你好", channelId: Channels.DirectLine);
        activity.ServiceUrl = _connector.ServiceUrl;
        return activity;
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, Activity activity, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity, options: ProtocolJson.Options) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task AValidChannelTokenIsAcceptedAndRepliesCarryAConnectorToken()
    {
        using var app = StartBot(TestTokens.BotAppId);
        using var client = app.CreateHttpClient();
        var activity = DirectLineMessage();

        var status = await PostAsync(client, activity, TestTokens.Channel(_channelKey, serviceUrl: activity.ServiceUrl!));

        Assert.Equal(HttpStatusCode.OK, status);
        var received = await _connector.WaitForAsync(2);
        Assert.All(received, r => Assert.StartsWith("Bearer access-token-", r.Authorization));
        var tokenRequest = Assert.Single(_botFramework.TokenRequests);
        Assert.Equal(TestTokens.BotAppId, tokenRequest.Form["client_id"]);
        app.DeleteData();
    }

    [Fact]
    public async Task WithAnAppIdARequestWithoutTokenIsRefused()
    {
        using var app = StartBot(TestTokens.BotAppId);
        using var client = app.CreateHttpClient();

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(client, DirectLineMessage(), token: null));
        Assert.Empty(_connector.Received);
        app.DeleteData();
    }

    [Fact]
    public async Task ATokenForAnotherBotIsRefused()
    {
        using var app = StartBot(TestTokens.BotAppId);
        using var client = app.CreateHttpClient();
        var activity = DirectLineMessage();

        var status = await PostAsync(client, activity, TestTokens.Channel(_channelKey, serviceUrl: activity.ServiceUrl!, audience: TestTokens.OtherAppId));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        app.DeleteData();
    }

    [Fact]
    public async Task WithoutAnAppIdATokenIsStillValidatedAndRefused()
    {
        using var app = StartBot(appId: null);
        using var client = app.CreateHttpClient();
        var activity = DirectLineMessage();

        var status = await PostAsync(client, activity, TestTokens.Channel(_channelKey, serviceUrl: activity.ServiceUrl!));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        // Local mode hears the Emulator on this machine, never an activity claiming a channel the bot hosts itself.
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(client, activity, token: null));
        activity.ChannelId = Channels.Emulator;
        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, activity, token: null));
        app.DeleteData();
    }
}
