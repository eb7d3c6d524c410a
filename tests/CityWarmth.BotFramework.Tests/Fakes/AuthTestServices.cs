using CityWarmth.BotFramework.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.BotFramework.Tests.Fakes;

/// <summary>Builds the authentication services exactly as the host does, pointed at the fake server.</summary>
internal static class AuthTestServices
{
    public static Dictionary<string, string?> Settings(FakeBotFrameworkServer server, string? appId = TestTokens.BotAppId) => new()
    {
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppPassword"] = appId is null ? null : "test-secret",
        ["ToBotFromChannelOpenIdMetadataUrl"] = server.ChannelMetadataUrl,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = server.EntraMetadataUrl,
    };

    public static ServiceProvider Build(
        IDictionary<string, string?> settings,
        TimeProvider? timeProvider = null,
        FakeBotFrameworkServer? msalTarget = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddBotAuthentication(configuration);
        if (msalTarget is not null)
        {
            services.AddHttpClient(BotAuthenticationServiceCollectionExtensions.MsalHttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new LoopbackRedirectHandler(msalTarget.BaseUri));
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
