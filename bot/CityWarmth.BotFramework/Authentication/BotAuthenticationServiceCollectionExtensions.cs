using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace CityWarmth.BotFramework.Authentication;

public static class BotAuthenticationServiceCollectionExtensions
{
    internal const string MetadataHttpClientName = "CityWarmth.Auth.Metadata";
    internal const string MsalHttpClientName = "CityWarmth.Auth.Msal";

    /// <summary>
    /// Registers Bot Framework authentication: <see cref="BotAuthenticationOptions"/> bound from the top-level keys
    /// of <paramref name="configuration"/> (validated at startup), <see cref="IChannelAuthenticator"/> and
    /// <see cref="IConnectorTokenProvider"/>.
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotAuthenticationOptions>()
            .Bind(configuration)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(MetadataHttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(MsalHttpClientName);

        services.TryAddSingleton<IChannelAuthenticator, ChannelAuthenticator>();
        services.TryAddSingleton<IMsalHttpClientFactory, MsalHttpClientFactory>();
        services.TryAddSingleton<IConnectorTokenProvider, MsalConnectorTokenProvider>();
        return services;
    }
}
