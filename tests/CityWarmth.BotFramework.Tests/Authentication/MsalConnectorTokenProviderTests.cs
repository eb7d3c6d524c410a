using CityWarmth.BotFramework.Authentication;
using CityWarmth.BotFramework.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.BotFramework.Tests.Authentication;

public sealed class MsalConnectorTokenProviderTests : IAsyncLifetime
{
    private const string ServiceUrl = "https://directline.botframework.com/";
    private FakeBotFrameworkServer _server = null!;
    private readonly List<ServiceProvider> _providers = [];

    public async Task InitializeAsync() => _server = await FakeBotFrameworkServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    private IConnectorTokenProvider CreateProvider(string? appId = TestTokens.BotAppId, Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = AuthTestServices.Settings(_server, appId);
        configure?.Invoke(settings);
        var provider = AuthTestServices.Build(settings, msalTarget: _server);
        _providers.Add(provider);
        return provider.GetRequiredService<IConnectorTokenProvider>();
    }

    [Fact]
    public async Task NoHeaderIsProducedWhenAuthenticationIsDisabled()
    {
        var provider = CreateProvider(appId: null);

        Assert.Null(await provider.GetAuthorizationHeaderAsync(ServiceUrl, CancellationToken.None));
        Assert.Empty(_server.TokenRequests);
    }

    [Fact]
    public async Task MultiTenantTokenIsRequestedFromBotFrameworkTenantOnceAndCached()
    {
        var provider = CreateProvider();

        var first = await provider.GetAuthorizationHeaderAsync(ServiceUrl, CancellationToken.None);
        var second = await provider.GetAuthorizationHeaderAsync(ServiceUrl, CancellationToken.None);
        var third = await provider.GetAuthorizationHeaderAsync("https://webchat.botframework.com/", CancellationToken.None);

        Assert.Equal("Bearer access-token-1", first);
        Assert.Equal(first, second);
        Assert.Equal(first, third);
        var request = Assert.Single(_server.TokenRequests);
        Assert.Equal("login.microsoftonline.com", request.OriginalHost);
        Assert.Equal("botframework.com", request.Tenant);
        Assert.Equal("client_credentials", request.Form["grant_type"]);
        Assert.Equal(TestTokens.BotAppId, request.Form["client_id"]);
        Assert.Equal("test-secret", request.Form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", request.Form["scope"]);
    }

    [Fact]
    public async Task SingleTenantTokenIsRequestedFromTheBotsTenant()
    {
        const string tenant = "11111111-2222-3333-4444-555555555555";
        var provider = CreateProvider(configure: s =>
        {
            s["MicrosoftAppType"] = "singletenant";
            s["MicrosoftAppTenantId"] = tenant;
        });

        Assert.Equal("Bearer access-token-1", await provider.GetAuthorizationHeaderAsync(ServiceUrl, CancellationToken.None));
        Assert.Equal(tenant, Assert.Single(_server.TokenRequests).Tenant);
    }

    [Fact]
    public async Task ConfiguredLoginUrlAndScopeAreUsed()
    {
        var provider = CreateProvider(configure: s =>
        {
            s["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/contoso.onmicrosoft.com";
            s["ToChannelFromBotOAuthScope"] = "https://api.example.com";
        });

        await provider.GetAuthorizationHeaderAsync(ServiceUrl, CancellationToken.None);

        var request = Assert.Single(_server.TokenRequests);
        Assert.Equal("contoso.onmicrosoft.com", request.Tenant);
        Assert.Equal("https://api.example.com/.default", request.Form["scope"]);
    }

    [Fact]
    public async Task SkillCallerAudienceGetsItsOwnToken()
    {
        var provider = CreateProvider();

        var connector = await provider.GetAuthorizationHeaderAsync(ServiceUrl, CancellationToken.None);
        var skill = await provider.GetAuthorizationHeaderAsync("https://caller.example.com/api/skills/", TestTokens.OtherAppId, CancellationToken.None);
        var skillAgain = await provider.GetAuthorizationHeaderAsync("https://caller.example.com/api/skills/", TestTokens.OtherAppId, CancellationToken.None);

        Assert.NotEqual(connector, skill);
        Assert.Equal(skill, skillAgain);
        Assert.Equal(
            ["https://api.botframework.com/.default", $"{TestTokens.OtherAppId}/.default"],
            _server.TokenRequests.Select(r => r.Form["scope"]).ToArray());
    }

    [Fact]
    public async Task TokenIsNotSentInClearTextToAnotherMachine()
    {
        var provider = CreateProvider();

        await Assert.ThrowsAsync<ArgumentException>(() => provider.GetAuthorizationHeaderAsync("http://channel.example.com/", CancellationToken.None));
        Assert.Empty(_server.TokenRequests);
    }

    [Fact]
    public async Task LoopbackServiceUrlOverHttpIsAllowed()
    {
        var provider = CreateProvider();

        Assert.Equal("Bearer access-token-1", await provider.GetAuthorizationHeaderAsync("http://localhost:5000/", CancellationToken.None));
    }
}
