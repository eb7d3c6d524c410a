using Microsoft.Identity.Client;

namespace CityWarmth.BotFramework.Authentication;

/// <summary>Lets MSAL use pooled handlers from <see cref="IHttpClientFactory"/> instead of creating its own.</summary>
internal sealed class MsalHttpClientFactory(IHttpClientFactory httpClientFactory) : IMsalHttpClientFactory
{
    public HttpClient GetHttpClient() =>
        httpClientFactory.CreateClient(BotAuthenticationServiceCollectionExtensions.MsalHttpClientName);
}
