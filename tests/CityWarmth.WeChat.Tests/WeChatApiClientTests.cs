using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityWarmth.WeChat.Tests;

/// <summary>The API client and the token cache against the fake platform over HTTP.</summary>
public sealed class WeChatApiClientTests : IAsyncLifetime
{
    private FakeWeChatPlatform _platform = null!;

    public async Task InitializeAsync() => _platform = await FakeWeChatPlatform.StartAsync();

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    private ServiceProvider Services(IWeChatTokenStore? sharedStore = null, string? secret = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChat:Token"] = "citywarmth2026",
            ["WeChat:AppId"] = _platform.AppId,
            ["WeChat:AppSecret"] = secret ?? _platform.AppSecret,
            ["WeChat:ApiBaseUrl"] = _platform.ApiBaseUrl,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddWeChatProtocol();
        if (sharedStore is not null)
        {
            services.AddSingleton(sharedStore);
        }
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task MessagesGoOutWithOneCachedToken()
    {
        await using var services = Services();
        var client = services.GetRequiredService<WeChatApiClient>();

        for (var i = 0; i < 3; i++)
        {
            var result = await client.SendCustomMessageAsync("oWorker0001", new WeChatText($"第{i}条：您好"), default);
            Assert.True(result.Succeeded, result.ErrMsg);
        }

        Assert.Equal(1, _platform.TokenRequests);
        Assert.Equal(3, _platform.CustomMessages.Count);
        Assert.Single(_platform.CustomMessages.Select(m => m.AccessToken).Distinct());
        Assert.Equal("第2条：您好", _platform.CustomMessages[^1].Content);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ARejectedTokenIsRenewedOnceAndTheMessageStillGoesOut(bool expired)
    {
        await using var services = Services();
        var client = services.GetRequiredService<WeChatApiClient>();
        Assert.True((await client.SendCustomMessageAsync("oWorker0001", new WeChatText("一"), default)).Succeeded);
        var first = _platform.CurrentToken;

        if (expired)
        {
            _platform.ExpireCurrentToken();
        }
        else
        {
            _platform.InvalidateCurrentToken();
        }
        var result = await client.SendCustomMessageAsync("oWorker0001", new WeChatText("二"), default);

        Assert.True(result.Succeeded, result.ErrMsg);
        Assert.Equal(2, _platform.TokenRequests);
        Assert.NotEqual(first, _platform.CustomMessages[^1].AccessToken);
        Assert.Equal(["一", "二"], _platform.CustomMessages.Select(m => m.Content));
    }

    [Fact]
    public async Task InstancesSharingAStoreFetchOneToken()
    {
        var shared = new InMemoryWeChatTokenStore();
        await using var one = Services(shared);
        await using var two = Services(shared);

        await Task.WhenAll(
            one.GetRequiredService<WeChatApiClient>().SendCustomMessageAsync("oA", new WeChatText("a"), default),
            two.GetRequiredService<WeChatApiClient>().SendCustomMessageAsync("oB", new WeChatText("b"), default));

        Assert.Equal(1, _platform.TokenRequests);
        Assert.Equal(2, _platform.CustomMessages.Count);
    }

    [Fact]
    public async Task AnInstanceFindsTheTokenAnotherRenewedInsteadOfFetchingAgain()
    {
        var shared = new InMemoryWeChatTokenStore();
        await using var one = Services(shared);
        await using var two = Services(shared);
        await one.GetRequiredService<WeChatApiClient>().SendCustomMessageAsync("oA", new WeChatText("a"), default);
        await two.GetRequiredService<WeChatApiClient>().SendCustomMessageAsync("oB", new WeChatText("b"), default);

        _platform.InvalidateCurrentToken();
        await one.GetRequiredService<WeChatApiClient>().SendCustomMessageAsync("oA", new WeChatText("c"), default);
        var result = await two.GetRequiredService<WeChatApiClient>().SendCustomMessageAsync("oB", new WeChatText("d"), default);

        Assert.True(result.Succeeded, result.ErrMsg);
        Assert.Equal(2, _platform.TokenRequests);
        Assert.Equal(4, _platform.CustomMessages.Count);
    }

    [Fact]
    public async Task AWrongSecretIsAnErrorResultNotAnException()
    {
        await using var services = Services(secret: "wrong-secret");

        var result = await services.GetRequiredService<WeChatApiClient>().SendCustomMessageAsync("oA", new WeChatText("a"), default);

        Assert.False(result.Succeeded);
        Assert.Equal(40125, result.ErrCode);
        Assert.Empty(_platform.CustomMessages);
    }

    [Fact]
    public async Task AUserOutsideTheWindowGetsTheErrorCode()
    {
        await using var services = Services();
        _platform.MakeUnreachable("oGone", WeChatErrorCodes.OutsideReplyWindow);

        var result = await services.GetRequiredService<WeChatApiClient>().SendCustomMessageAsync("oGone", new WeChatText("a"), default);

        Assert.Equal(WeChatErrorCodes.OutsideReplyWindow, result.ErrCode);
    }

    [Fact]
    public async Task NewsGoesOutAsOneArticle()
    {
        await using var services = Services();

        var result = await services.GetRequiredService<WeChatApiClient>().SendCustomMessageAsync("oA",
            new WeChatNews(new WeChatArticle("东湖区招聘会", "周六上午", "https://example.org/fair")), default);

        Assert.True(result.Succeeded, result.ErrMsg);
        var sent = Assert.Single(_platform.CustomMessages);
        Assert.Equal("news", sent.MsgType);
        Assert.Equal("东湖区招聘会", (string?)sent.Article!["title"]);
    }

    [Fact]
    public async Task TheMenuIsCreatedAsWeChatDescribesIt()
    {
        await using var services = Services();

        var result = await services.GetRequiredService<WeChatApiClient>().CreateMenuAsync(
            [new("问政策", "K1"), new("更多", SubButtons: [new("找工作", "K2"), new("转人工", "K3")])], default);

        Assert.True(result.Succeeded, result.ErrMsg);
        var menu = Assert.Single(_platform.Menus);
        Assert.Equal("click", (string?)menu["button"]![0]!["type"]);
        Assert.Equal("K3", (string?)menu["button"]![1]!["sub_button"]![1]!["key"]);
    }

    [Fact]
    public async Task AMenuWeChatCannotShowIsRefusedBeforeSending()
    {
        await using var services = Services();
        var client = services.GetRequiredService<WeChatApiClient>();

        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateMenuAsync([new("1", "a"), new("2", "b"), new("3", "c"), new("4", "d")], default));
        Assert.Equal(0, _platform.TokenRequests);
    }

    [Fact]
    public async Task AnUnreachablePlatformIsANoAnswerResult()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChat:Token"] = "citywarmth2026",
            ["WeChat:AppId"] = "wx1",
            ["WeChat:AppSecret"] = "s",
            // Port 9 (discard) on loopback: nothing listens there.
            ["WeChat:ApiBaseUrl"] = "http://127.0.0.1:9",
        }).Build();
        var collection = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        collection.AddWeChatProtocol();
        await using var services = collection.BuildServiceProvider();

        var result = await services.GetRequiredService<WeChatApiClient>().SendCustomMessageAsync("oA", new WeChatText("a"), default);

        Assert.Equal(WeChatErrorCodes.NoAnswer, result.ErrCode);
    }

    [Theory]
    [InlineData("ab", "wx1", "s", "", "https://api.weixin.qq.com", "Token")]
    [InlineData("citywarmth", "", "s", "", "https://api.weixin.qq.com", "AppId")]
    [InlineData("citywarmth", "wx1", "", "", "https://api.weixin.qq.com", "AppSecret")]
    [InlineData("citywarmth", "wx1", "s", "tooshort", "https://api.weixin.qq.com", "EncodingAESKey")]
    [InlineData("citywarmth", "wx1", "s", "", "api.weixin.qq.com", "ApiBaseUrl")]
    public void BadSettingsAreNamed(string token, string appId, string secret, string key, string api, string named)
    {
        var result = new WeChatOptionsValidator().Validate(null, new WeChatOptions
        {
            Token = token, AppId = appId, AppSecret = secret, EncodingAESKey = key, ApiBaseUrl = api,
        });

        Assert.True(result.Failed);
        Assert.Contains("WeChat:" + named, result.FailureMessage);
    }

    [Fact]
    public void AnEmptyTokenTurnsTheChannelOffWithoutFurtherChecks()
    {
        var options = new WeChatOptions { Token = "", AppId = "", EncodingAESKey = "bad" };

        Assert.False(options.Enabled);
        Assert.True(new WeChatOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(ValidateOptionsResult.Success, new WeChatOptionsValidator().Validate(null, options));
    }
}
