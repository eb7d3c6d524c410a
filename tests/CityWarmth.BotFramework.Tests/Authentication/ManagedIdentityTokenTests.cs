using CityWarmth.BotFramework.Authentication;
using CityWarmth.BotFramework.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.BotFramework.Tests.Authentication;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}

/// <summary>
/// MSAL finds the App Service managed identity endpoint through process environment variables, so this test
/// runs alone and restores them afterwards.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ManagedIdentityTokenTests
{
    [Fact]
    public async Task UserAssignedManagedIdentityTokenIsRequestedForTheConnectorResourceAndCached()
    {
        await using var server = await FakeBotFrameworkServer.StartAsync();
        var saved = (Endpoint: Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT"), Header: Environment.GetEnvironmentVariable("IDENTITY_HEADER"));
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", server.ManagedIdentityEndpoint);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", "identity-header-secret");
        try
        {
            var settings = AuthTestServices.Settings(server);
            settings["MicrosoftAppType"] = "UserAssignedMSI";
            settings["MicrosoftAppPassword"] = null;
            settings["MicrosoftAppTenantId"] = "11111111-2222-3333-4444-555555555555";
            await using var services = AuthTestServices.Build(settings, msalTarget: server);
            var provider = services.GetRequiredService<IConnectorTokenProvider>();

            var first = await provider.GetAuthorizationHeaderAsync("https://directline.botframework.com/", CancellationToken.None);
            var second = await provider.GetAuthorizationHeaderAsync("https://directline.botframework.com/", CancellationToken.None);

            Assert.Equal("Bearer msi-token-1", first);
            Assert.Equal(first, second);
            var request = Assert.Single(server.ManagedIdentityRequests);
            Assert.Equal("https://api.botframework.com", request.Resource);
            Assert.Equal(TestTokens.BotAppId, request.ClientId);
            Assert.Equal("identity-header-secret", request.IdentityHeader);
            Assert.Empty(server.TokenRequests);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", saved.Endpoint);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", saved.Header);
        }
    }
}
