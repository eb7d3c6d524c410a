using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace CityWarmth.WeChat;

public static class WeChatProtocolServiceCollectionExtensions
{
    /// <summary>
    /// The <c>WeChat</c> settings (validated on start), the server side of the push protocol, the access token cache and
    /// the API client with retries and timeouts. The token lives in this process unless another <see cref="IWeChatTokenStore"/> is registered after this.
    /// </summary>
    public static IServiceCollection AddWeChatProtocol(this IServiceCollection services)
    {
        services.AddOptions<WeChatOptions>().BindConfiguration(WeChatOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WeChatOptions>, WeChatOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWeChatTokenStore, InMemoryWeChatTokenStore>();
        services.TryAddSingleton<WeChatServer>();
        services.TryAddSingleton<WeChatAccessTokens>();
        services.AddHttpClient<WeChatApiClient>((provider, http) =>
            {
                var api = provider.GetRequiredService<IOptions<WeChatOptions>>().Value.ApiBaseUrl;
                http.BaseAddress = new Uri(api.TrimEnd('/') + "/");
            })
            .AddStandardResilienceHandler(options =>
            {
                // A late answer or a caseworker's message waits on these calls; give up well within a minute.
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(15);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
                options.Retry.MaxRetryAttempts = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(300);
            });
        return services;
    }
}
