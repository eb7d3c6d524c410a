using System.Security.Cryptography;
using CityWarmth.BotFramework.Authentication;
using CityWarmth.BotFramework.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace CityWarmth.BotFramework.Tests.Authentication;

public sealed class ChannelAuthenticatorTests : IAsyncLifetime
{
    private const string ChannelId = "directline";

    // RSA key generation is slow; the published keys are read-only, so tests share them.
    private static readonly TestSigningKey SharedChannelKey = TestSigningKey.Create("channel-key-1", "directline", "webchat");
    private static readonly TestSigningKey SharedEntraKey = TestSigningKey.Create("entra-key-1");

    private readonly TestSigningKey _channelKey = SharedChannelKey;
    private readonly TestSigningKey _entraKey = SharedEntraKey;
    private FakeBotFrameworkServer _server = null!;
    private readonly List<ServiceProvider> _providers = [];

    public async Task InitializeAsync()
    {
        _server = await FakeBotFrameworkServer.StartAsync();
        _server.AddChannelKey(_channelKey);
        _server.AddEntraKey(_entraKey);
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    private IChannelAuthenticator CreateAuthenticator(
        string? appId = TestTokens.BotAppId,
        TimeProvider? timeProvider = null,
        Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = AuthTestServices.Settings(_server, appId);
        configure?.Invoke(settings);
        var provider = AuthTestServices.Build(settings, timeProvider);
        _providers.Add(provider);
        return provider.GetRequiredService<IChannelAuthenticator>();
    }

    private static Task<ChannelAuthResult> Authenticate(IChannelAuthenticator authenticator, string? header, string? channelId = ChannelId, string? serviceUrl = TestTokens.ServiceUrl) =>
        authenticator.AuthenticateAsync(header, channelId, serviceUrl, CancellationToken.None);

    private static void AssertRejected(ChannelAuthResult result, int statusCode, string reason)
    {
        Assert.False(result.Succeeded);
        Assert.Null(result.Identity);
        Assert.Equal(statusCode, result.StatusCode);
        Assert.Equal(reason, result.FailureReason);
    }

    [Fact]
    public async Task MissingHeaderIsAnonymousWhenAuthenticationIsDisabled()
    {
        var result = await Authenticate(CreateAuthenticator(appId: null), header: null);

        Assert.True(result.Succeeded);
        Assert.Equal(ChannelTokenKind.Anonymous, result.Kind);
        Assert.True(result.Identity!.IsAuthenticated);
        Assert.Equal("anonymous", result.Identity.AuthenticationType);
        Assert.Null(result.CallerId);
    }

    [Fact]
    public async Task MissingHeaderIsRejectedWhenAuthenticationIsEnabled()
    {
        var result = await Authenticate(CreateAuthenticator(), header: null);

        AssertRejected(result, 401, "missing Authorization header");
        Assert.Equal(0, _server.ChannelMetadataRequests);
    }

    [Fact]
    public async Task BearerTokenIsRejectedWhenAuthenticationIsDisabled()
    {
        var result = await Authenticate(CreateAuthenticator(appId: null), TestTokens.Bearer(TestTokens.Channel(_channelKey)));

        AssertRejected(result, 401, "token sent but authentication is disabled");
    }

    [Fact]
    public async Task ValidChannelTokenIsAcceptedWithAzureCallerId()
    {
        var result = await Authenticate(CreateAuthenticator(), TestTokens.Bearer(TestTokens.Channel(_channelKey)));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(ChannelTokenKind.Channel, result.Kind);
        Assert.Equal("urn:botframework:azure", result.CallerId);
        Assert.Null(result.CallerAppId);
        Assert.Null(result.OutboundAudience);
        Assert.Equal(TestTokens.BotAppId, result.Identity!.FindFirst("aud")!.Value);
        Assert.Equal(TestTokens.ServiceUrl, result.Identity.FindFirst("serviceurl")!.Value);
    }

    [Fact]
    public async Task ChannelKeysAreCachedBetweenRequests()
    {
        var authenticator = CreateAuthenticator();
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Channel(_channelKey)))).Succeeded);
        }

        Assert.Equal(1, _server.ChannelMetadataRequests);
    }

    [Fact]
    public async Task ChannelTokenFromAnotherIssuerIsRejected()
    {
        var token = TestTokens.Channel(_channelKey, issuer: "https://api.example.com");

        AssertRejected(await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token)), 401, "invalid issuer");
    }

    [Fact]
    public async Task ConfiguredChannelIssuerReplacesTheDefault()
    {
        var authenticator = CreateAuthenticator(configure: s => s["ToBotFromChannelTokenIssuer"] = "https://api.example.com");

        Assert.True((await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Channel(_channelKey, issuer: "https://api.example.com")))).Succeeded);
        AssertRejected(await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Channel(_channelKey))), 401, "invalid issuer");
    }

    [Fact]
    public async Task ChannelTokenForAnotherBotIsRejected()
    {
        var token = TestTokens.Channel(_channelKey, audience: TestTokens.OtherAppId);

        AssertRejected(await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token)), 401, "invalid audience");
    }

    [Fact]
    public async Task TokenExpiredBeyondClockSkewIsRejected()
    {
        var token = TestTokens.Channel(_channelKey, expiresIn: TimeSpan.FromMinutes(-6));

        AssertRejected(await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token)), 401, "token expired");
    }

    [Fact]
    public async Task TokenExpiredWithinClockSkewIsAccepted()
    {
        var token = TestTokens.Channel(_channelKey, expiresIn: TimeSpan.FromMinutes(-4));

        var result = await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token));

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task TokenSignedWithUnpublishedKeyIsRejected()
    {
        var rogue = TestSigningKey.Create("channel-key-1", "directline");
        var token = TestTokens.Channel(rogue);

        var result = await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token));

        Assert.False(result.Succeeded);
        Assert.Equal(401, result.StatusCode);
        Assert.Contains(result.FailureReason, new[] { "invalid signature", "signing key not found" });
    }

    [Fact]
    public async Task HmacSignedTokenIsRejected()
    {
        var secret = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = _channelKey.KeyId };
        var token = TestTokens.Sign(secret, TestTokens.ChannelIssuer, TestTokens.BotAppId,
            new Dictionary<string, object> { ["serviceurl"] = TestTokens.ServiceUrl }, algorithm: SecurityAlgorithms.HmacSha256);

        AssertRejected(await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token)), 401, "signing algorithm not allowed");
        Assert.Equal(0, _server.ChannelMetadataRequests);
    }

    [Fact]
    public async Task RsaPssSignatureWithPublishedKeyIsRejected()
    {
        // PS256 would verify with the published RSA key, so only the algorithm allow-list stops it.
        var token = TestTokens.Sign(_channelKey.Key, TestTokens.ChannelIssuer, TestTokens.BotAppId,
            new Dictionary<string, object> { ["serviceurl"] = TestTokens.ServiceUrl }, algorithm: SecurityAlgorithms.RsaSsaPssSha256);

        AssertRejected(await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token)), 401, "signing algorithm not allowed");
    }

    [Fact]
    public async Task ChannelTokenWithoutServiceUrlClaimIsRejected()
    {
        var token = TestTokens.Sign(_channelKey.Key, TestTokens.ChannelIssuer, TestTokens.BotAppId);

        AssertRejected(await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token)), 401, "missing serviceurl claim");
    }

    [Fact]
    public async Task ChannelTokenForAnotherServiceUrlIsRejected()
    {
        var token = TestTokens.Channel(_channelKey, serviceUrl: "https://evil.example.com/");

        AssertRejected(await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token)), 401, "serviceurl claim mismatch");
    }

    [Fact]
    public async Task ActivityWithoutServiceUrlIsRejected()
    {
        var result = await Authenticate(CreateAuthenticator(), TestTokens.Bearer(TestTokens.Channel(_channelKey)), serviceUrl: null);

        AssertRejected(result, 401, "serviceurl claim mismatch");
    }

    [Fact]
    public async Task ServiceUrlIsComparedIgnoringCase()
    {
        var token = TestTokens.Channel(_channelKey, serviceUrl: "HTTPS://DirectLine.BotFramework.com/");

        var result = await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token));

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task ChannelNotEndorsedBySigningKeyIsForbidden()
    {
        var result = await Authenticate(CreateAuthenticator(), TestTokens.Bearer(TestTokens.Channel(_channelKey)), channelId: "msteams");

        AssertRejected(result, 403, "channel not endorsed by signing key");
    }

    [Fact]
    public async Task ChannelTokenSignedByKeyWithoutEndorsementsIsForbidden()
    {
        var bare = TestSigningKey.Create("channel-key-bare", endorsements: null);
        _server.AddChannelKey(bare);

        var result = await Authenticate(CreateAuthenticator(), TestTokens.Bearer(TestTokens.Channel(bare)));

        AssertRejected(result, 403, "signing key has no endorsements");
    }

    [Fact]
    public async Task EmulatorVersionOneTokenWithOwnAppIdIsAccepted()
    {
        var result = await Authenticate(CreateAuthenticator(), TestTokens.Bearer(TestTokens.EmulatorV1(_entraKey)), channelId: "emulator", serviceUrl: "http://localhost:5000");

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(ChannelTokenKind.Emulator, result.Kind);
        Assert.Equal(TestTokens.BotAppId, result.CallerAppId);
        Assert.Equal("urn:botframework:azure", result.CallerId);
        Assert.Equal(0, _server.ChannelMetadataRequests);
        Assert.Equal(1, _server.EntraMetadataRequests);
    }

    [Fact]
    public async Task EmulatorVersionOneTokenWithAnotherAppIdIsRejected()
    {
        var token = TestTokens.EmulatorV1(_entraKey, appId: TestTokens.OtherAppId);

        AssertRejected(await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token), channelId: "emulator"), 401, "app id claim does not match");
    }

    [Fact]
    public async Task EmulatorVersionTwoTokenWithOwnAuthorizedPartyIsAccepted()
    {
        var result = await Authenticate(CreateAuthenticator(), TestTokens.Bearer(TestTokens.EmulatorV2(_entraKey)), channelId: "emulator");

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(ChannelTokenKind.Emulator, result.Kind);
        Assert.Equal(TestTokens.BotAppId, result.CallerAppId);
    }

    [Fact]
    public async Task EmulatorVersionTwoTokenIgnoresAppIdClaim()
    {
        // v2 tokens name the client in azp; an appid claim that matches must not be enough.
        var token = TestTokens.Sign(_entraKey.Key, TestTokens.EmulatorIssuerV2, TestTokens.OtherAppId,
            new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = TestTokens.OtherAppId });

        AssertRejected(await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token), channelId: "emulator"), 401, "app id claim does not match");
    }

    [Fact]
    public async Task EmulatorTokenWithUnknownVersionIsRejected()
    {
        var token = TestTokens.Sign(_entraKey.Key, TestTokens.EmulatorIssuerV1, TestTokens.BotAppId,
            new Dictionary<string, object> { ["ver"] = "3.0", ["appid"] = TestTokens.BotAppId, ["azp"] = TestTokens.BotAppId });

        AssertRejected(await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token), channelId: "emulator"), 401, "unknown emulator token version");
    }

    [Fact]
    public async Task EmulatorTokenFromBotsOwnTenantIsAccepted()
    {
        const string tenant = "11111111-2222-3333-4444-555555555555";
        var token = TestTokens.EmulatorV1(_entraKey, issuer: $"https://sts.windows.net/{tenant}/",
            extra: new Dictionary<string, object> { ["tid"] = tenant });

        var result = await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token), channelId: "emulator");

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(ChannelTokenKind.Emulator, result.Kind);
    }

    [Fact]
    public async Task EmulatorIssuerForAnotherTenantIsNotTrusted()
    {
        // The tenant-specific issuer is only accepted for the tenant the token itself names.
        var token = TestTokens.EmulatorV1(_entraKey, issuer: "https://sts.windows.net/11111111-2222-3333-4444-555555555555/",
            extra: new Dictionary<string, object> { ["tid"] = "99999999-2222-3333-4444-555555555555" });

        var result = await Authenticate(CreateAuthenticator(), TestTokens.Bearer(token), channelId: "emulator");

        AssertRejected(result, 401, "invalid issuer");
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer {token} extra")]
    [InlineData("bearer {token}")]
    [InlineData("Bearer  {token}")]
    public async Task MalformedAuthorizationHeaderIsRejected(string header)
    {
        var value = header.Replace("{token}", TestTokens.Channel(_channelKey), StringComparison.Ordinal);

        AssertRejected(await Authenticate(CreateAuthenticator(), value), 401, "malformed Authorization header");
    }

    [Fact]
    public async Task NonJwtBearerValueIsRejected()
    {
        AssertRejected(await Authenticate(CreateAuthenticator(), "Bearer not-a-jwt"), 401, "malformed token");
    }

    [Fact]
    public async Task RotatedKeyIsFetchedWhenAnUnknownKeyIdAppears()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var authenticator = CreateAuthenticator(timeProvider: clock);
        Assert.True((await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Channel(_channelKey)))).Succeeded);

        var rotated = TestSigningKey.Create("channel-key-2", "directline");
        _server.AddChannelKey(rotated);
        clock.Advance(SigningKeySource.UnknownKeyRefreshInterval);
        var result = await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Channel(rotated)));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, _server.ChannelMetadataRequests);
    }

    [Fact]
    public async Task UnknownKeyIdsDoNotRefetchMoreThanOncePerInterval()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var authenticator = CreateAuthenticator(timeProvider: clock);
        Assert.True((await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Channel(_channelKey)))).Succeeded);

        var rotated = TestSigningKey.Create("channel-key-2", "directline");
        _server.AddChannelKey(rotated);
        clock.Advance(TimeSpan.FromMinutes(1));
        var early = await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Channel(rotated)));

        Assert.False(early.Succeeded);
        Assert.Equal(1, _server.ChannelMetadataRequests);
    }

    [Fact]
    public async Task KeysAreRefetchedAfterTwentyFourHours()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var authenticator = CreateAuthenticator(timeProvider: clock);
        Assert.True((await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Channel(_channelKey)))).Succeeded);

        clock.Advance(TimeSpan.FromHours(23));
        Assert.True((await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Channel(_channelKey)))).Succeeded);
        Assert.Equal(1, _server.ChannelMetadataRequests);

        clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Channel(_channelKey)))).Succeeded);
        Assert.Equal(2, _server.ChannelMetadataRequests);
    }

    [Fact]
    public async Task LastGoodKeysAreKeptWhenRefreshFails()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var authenticator = CreateAuthenticator(timeProvider: clock);
        Assert.True((await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Channel(_channelKey)))).Succeeded);

        _server.MetadataFails = true;
        clock.Advance(TimeSpan.FromHours(25));
        var result = await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Channel(_channelKey)));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, _server.ChannelMetadataRequests);
    }

    [Fact]
    public async Task UnreachableMetadataGivesServiceUnavailable()
    {
        _server.MetadataFails = true;

        var result = await Authenticate(CreateAuthenticator(), TestTokens.Bearer(TestTokens.Channel(_channelKey)));

        AssertRejected(result, 503, "signing keys unavailable");
    }

    [Fact]
    public async Task SkillTokenIsRejectedWithoutAllowedCallers()
    {
        var result = await Authenticate(CreateAuthenticator(), TestTokens.Bearer(TestTokens.Skill(_entraKey)));

        AssertRejected(result, 403, "skill caller not in AllowedCallers");
    }

    [Fact]
    public async Task SkillTokenFromUnlistedCallerIsRejected()
    {
        var authenticator = CreateAuthenticator(configure: s => s["AllowedCallers:0"] = "someone-else");

        AssertRejected(await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Skill(_entraKey))), 403, "skill caller not in AllowedCallers");
    }

    [Fact]
    public async Task SkillTokenFromAllowedCallerIsAccepted()
    {
        var authenticator = CreateAuthenticator(configure: s => s["AllowedCallers:0"] = TestTokens.OtherAppId);

        var result = await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Skill(_entraKey)));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(ChannelTokenKind.Skill, result.Kind);
        Assert.Equal($"urn:botframework:aadappid:{TestTokens.OtherAppId}", result.CallerId);
        Assert.Equal(TestTokens.OtherAppId, result.CallerAppId);
        Assert.Equal(TestTokens.OtherAppId, result.OutboundAudience);
    }

    [Fact]
    public async Task WildcardAllowsAnySkillCaller()
    {
        var authenticator = CreateAuthenticator(configure: s => s["AllowedCallers:0"] = "*");

        Assert.True((await Authenticate(authenticator, TestTokens.Bearer(TestTokens.Skill(_entraKey)))).Succeeded);
    }

    [Fact]
    public async Task SkillTokenForAnotherBotIsRejectedEvenWhenCallerIsAllowed()
    {
        var authenticator = CreateAuthenticator(configure: s => s["AllowedCallers:0"] = "*");
        var token = TestTokens.Skill(_entraKey, audience: "a-third-bot");

        AssertRejected(await Authenticate(authenticator, TestTokens.Bearer(token)), 401, "invalid audience");
    }
}
