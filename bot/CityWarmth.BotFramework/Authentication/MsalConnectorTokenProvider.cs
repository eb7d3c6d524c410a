using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace CityWarmth.BotFramework.Authentication;

/// <summary>
/// Gets Entra ID tokens for outbound connector calls with MSAL: client credentials for MultiTenant and
/// SingleTenant apps, a user-assigned managed identity for UserAssignedMSI. One MSAL application is kept for the
/// lifetime of the process, so MSAL's in-memory token cache serves repeated calls until the token nears expiry.
/// </summary>
internal sealed class MsalConnectorTokenProvider : IConnectorTokenProvider
{
    private const string DefaultScopeSuffix = "/.default";

    private readonly BotAuthenticationOptions _options;
    private readonly BotFrameworkEndpoints _endpoints;
    private readonly Lazy<IConfidentialClientApplication>? _confidentialClient;
    private readonly Lazy<IManagedIdentityApplication>? _managedIdentity;
    private readonly ILogger<MsalConnectorTokenProvider> _logger;

    public MsalConnectorTokenProvider(
        IOptions<BotAuthenticationOptions> options,
        IMsalHttpClientFactory msalHttpClientFactory,
        ILogger<MsalConnectorTokenProvider> logger)
    {
        _options = options.Value;
        _endpoints = BotFrameworkEndpoints.Resolve(_options);
        _logger = logger;
        if (_options.IsAuthenticationDisabled)
        {
            return;
        }

        var appId = _options.MicrosoftAppId!.Trim();
        if (_options.ParseAppType() == MicrosoftAppType.UserAssignedMsi)
        {
            _managedIdentity = new(() => ManagedIdentityApplicationBuilder
                .Create(ManagedIdentityId.WithUserAssignedClientId(appId))
                .WithHttpClientFactory(msalHttpClientFactory)
                .Build());
        }
        else
        {
            _confidentialClient = new(() => ConfidentialClientApplicationBuilder
                .Create(appId)
                .WithClientSecret(_options.MicrosoftAppPassword)
                .WithAuthority(_endpoints.LoginAuthority, _options.ValidateAuthority)
                .WithHttpClientFactory(msalHttpClientFactory)
                .Build());
        }
    }

    public Task<string?> GetAuthorizationHeaderAsync(string serviceUrl, CancellationToken cancellationToken) =>
        GetAuthorizationHeaderAsync(serviceUrl, audience: null, cancellationToken);

    public async Task<string?> GetAuthorizationHeaderAsync(string serviceUrl, string? audience, CancellationToken cancellationToken)
    {
        if (_options.IsAuthenticationDisabled)
        {
            return null;
        }

        EnsureSafeDestination(serviceUrl);
        var resource = string.IsNullOrWhiteSpace(audience) ? _endpoints.OAuthScope : audience.Trim();
        if (resource.EndsWith(DefaultScopeSuffix, StringComparison.Ordinal))
        {
            resource = resource[..^DefaultScopeSuffix.Length];
        }

        AuthenticationResult result;
        try
        {
            result = _managedIdentity is not null
                ? await _managedIdentity.Value.AcquireTokenForManagedIdentity(resource).ExecuteAsync(cancellationToken).ConfigureAwait(false)
                : await _confidentialClient!.Value.AcquireTokenForClient([resource.TrimEnd('/') + DefaultScopeSuffix]).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MsalException ex)
        {
            Log.ConnectorTokenFailed(_logger, ex.ErrorCode);
            throw;
        }

        // Cache hits happen on every reply; only a token fresh from the identity provider is worth a log line.
        if (result.AuthenticationResultMetadata.TokenSource != TokenSource.Cache)
        {
            Log.ConnectorTokenAcquired(_logger, result.ExpiresOn);
        }

        return "Bearer " + result.AccessToken;
    }

    // A bearer token must not travel in clear text to another machine.
    private static void EnsureSafeDestination(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            throw new ArgumentException("serviceUrl must be an absolute https URL (or http on loopback).", nameof(serviceUrl));
        }
    }
}
