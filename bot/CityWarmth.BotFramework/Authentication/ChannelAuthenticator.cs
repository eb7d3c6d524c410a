using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CityWarmth.BotFramework.Authentication;

/// <summary>
/// Validates Bot Framework tokens on inbound activities: channel (Bot Connector), emulator (Entra ID, the bot's
/// own app) and skill (another bot) tokens, following the decision tree of the Bot Framework SDK.
/// </summary>
internal sealed class ChannelAuthenticator : IChannelAuthenticator
{
    internal const string AuthenticationType = "BotFramework";

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    // Entra ID issuers the Bot Framework accepts for emulator and skill tokens (v3.1, v3.2 and US Gov tenants).
    private static readonly string[] EntraIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
        "https://sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/",
        "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0",
        "https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    // A single-tenant bot's tokens come from its own tenant; these templates mirror the SDK's.
    private static readonly string[] TenantIssuerTemplates =
    [
        "https://sts.windows.net/{0}/",
        "https://login.microsoftonline.com/{0}/v2.0",
        "https://login.microsoftonline.us/{0}/",
        "https://login.microsoftonline.us/{0}/v2.0",
    ];

    private readonly BotAuthenticationOptions _options;
    private readonly BotFrameworkEndpoints _endpoints;
    private readonly SigningKeySource _channelKeys;
    private readonly SigningKeySource _entraKeys;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ILogger<ChannelAuthenticator> _logger;

    public ChannelAuthenticator(
        IOptions<BotAuthenticationOptions> options,
        IHttpClientFactory httpClientFactory,
        TimeProvider timeProvider,
        ILogger<ChannelAuthenticator> logger)
    {
        _options = options.Value;
        _endpoints = BotFrameworkEndpoints.Resolve(_options);
        _logger = logger;
        Func<HttpClient> http = () => httpClientFactory.CreateClient(BotAuthenticationServiceCollectionExtensions.MetadataHttpClientName);
        _channelKeys = new SigningKeySource(_endpoints.ChannelOpenIdMetadataUrl, http, timeProvider, logger);
        _entraKeys = new SigningKeySource(_endpoints.EmulatorOpenIdMetadataUrl, http, timeProvider, logger);
    }

    private string AppId => _options.MicrosoftAppId?.Trim() ?? string.Empty;

    public async Task<ChannelAuthResult> AuthenticateAsync(
        string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        var result = await AuthenticateCoreAsync(authorizationHeader, channelId, serviceUrl, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            Log.AuthenticationSucceeded(_logger, result.Kind);
        }
        else
        {
            Log.AuthenticationFailed(_logger, result.StatusCode, result.FailureReason);
        }

        return result;
    }

    private async Task<ChannelAuthResult> AuthenticateCoreAsync(
        string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return _options.IsAuthenticationDisabled
                ? ChannelAuthResult.Anonymous()
                : ChannelAuthResult.Unauthorized("missing Authorization header");
        }

        // Exactly "Bearer <token>": two parts, scheme compared exactly as the SDK's token extractor does.
        var parts = authorizationHeader.Split(' ');
        if (parts.Length != 2 || !string.Equals(parts[0], "Bearer", StringComparison.Ordinal) || parts[1].Length == 0)
        {
            return ChannelAuthResult.Unauthorized("malformed Authorization header");
        }

        var token = parts[1];
        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return ChannelAuthResult.Unauthorized("malformed token");
        }

        // A header is always validated; with no app id configured nothing can match, so reject without fetching keys.
        if (_options.IsAuthenticationDisabled)
        {
            return ChannelAuthResult.Unauthorized("token sent but authentication is disabled");
        }

        if (!AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return ChannelAuthResult.Unauthorized("signing algorithm not allowed");
        }

        if (IsSkillToken(jwt))
        {
            return await AuthenticateSkillAsync(jwt, token, cancellationToken).ConfigureAwait(false);
        }

        var entraIssuers = EntraIssuersFor(jwt);
        if (entraIssuers.Contains(jwt.Issuer, StringComparer.Ordinal))
        {
            return await AuthenticateEmulatorAsync(jwt, token, entraIssuers, cancellationToken).ConfigureAwait(false);
        }

        return await AuthenticateChannelAsync(jwt, token, channelId, serviceUrl, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ChannelAuthResult> AuthenticateChannelAsync(
        JsonWebToken jwt, string token, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        var parameters = CreateParameters([_endpoints.ChannelTokenIssuer], validateAudience: true);
        var (validated, keys, failure) = await ValidateAsync(_channelKeys, jwt, token, parameters, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        // The signing key must be endorsed for the channel the activity claims to come from.
        var keyId = validated!.SecurityToken.SigningKey?.KeyId ?? jwt.Kid;
        if (string.IsNullOrEmpty(keyId) || !keys!.Endorsements.TryGetValue(keyId, out var endorsements))
        {
            return ChannelAuthResult.Forbidden("signing key has no endorsements");
        }

        if (!string.IsNullOrEmpty(channelId) && !endorsements.Contains(channelId))
        {
            return ChannelAuthResult.Forbidden("channel not endorsed by signing key");
        }

        var identity = validated.ClaimsIdentity;
        var serviceUrlClaim = identity.FindFirst("serviceurl")?.Value;
        if (string.IsNullOrWhiteSpace(serviceUrlClaim))
        {
            return ChannelAuthResult.Unauthorized("missing serviceurl claim");
        }

        // Fail closed: a channel must send serviceUrl, and the token is only good for that one.
        if (!string.Equals(serviceUrlClaim, serviceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return ChannelAuthResult.Unauthorized("serviceurl claim mismatch");
        }

        return new ChannelAuthResult
        {
            Succeeded = true,
            Kind = ChannelTokenKind.Channel,
            Identity = identity,
            CallerId = _endpoints.CallerId,
        };
    }

    private async Task<ChannelAuthResult> AuthenticateEmulatorAsync(
        JsonWebToken jwt, string token, IReadOnlyList<string> issuers, CancellationToken cancellationToken)
    {
        // Emulator tokens carry the bot's own app id in appid/azp; aud is not meaningful here.
        var parameters = CreateParameters(issuers, validateAudience: false);
        var (validated, _, failure) = await ValidateAsync(_entraKeys, jwt, token, parameters, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var identity = validated!.ClaimsIdentity;
        var version = identity.FindFirst("ver")?.Value;
        string? appId;
        if (string.IsNullOrWhiteSpace(version) || version == "1.0")
        {
            appId = identity.FindFirst("appid")?.Value;
        }
        else if (version == "2.0")
        {
            appId = identity.FindFirst("azp")?.Value;
        }
        else
        {
            return ChannelAuthResult.Unauthorized("unknown emulator token version");
        }

        if (string.IsNullOrWhiteSpace(appId))
        {
            return ChannelAuthResult.Unauthorized("missing app id claim");
        }

        if (!string.Equals(appId, AppId, StringComparison.Ordinal))
        {
            return ChannelAuthResult.Unauthorized("app id claim does not match");
        }

        return new ChannelAuthResult
        {
            Succeeded = true,
            Kind = ChannelTokenKind.Emulator,
            Identity = identity,
            CallerId = _endpoints.CallerId,
            CallerAppId = appId,
        };
    }

    private async Task<ChannelAuthResult> AuthenticateSkillAsync(JsonWebToken jwt, string token, CancellationToken cancellationToken)
    {
        var parameters = CreateParameters(EntraIssuersFor(jwt), validateAudience: true);
        var (validated, _, failure) = await ValidateAsync(_entraKeys, jwt, token, parameters, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var identity = validated!.ClaimsIdentity;
        var callerAppId = GetCallerAppId(name => identity.FindFirst(name)?.Value);
        if (string.IsNullOrWhiteSpace(identity.FindFirst("ver")?.Value) || string.IsNullOrWhiteSpace(callerAppId))
        {
            return ChannelAuthResult.Unauthorized("skill token lacks version or app id");
        }

        var allowed = _options.AllowedCallers.Any(c => c.Trim() == "*" || string.Equals(c.Trim(), callerAppId, StringComparison.Ordinal));
        if (!allowed)
        {
            return ChannelAuthResult.Forbidden("skill caller not in AllowedCallers");
        }

        return new ChannelAuthResult
        {
            Succeeded = true,
            Kind = ChannelTokenKind.Skill,
            Identity = identity,
            CallerId = "urn:botframework:aadappid:" + callerAppId,
            CallerAppId = callerAppId,
            OutboundAudience = callerAppId,
        };
    }

    private async Task<(TokenValidationResult? Result, SigningKeySet? Keys, ChannelAuthResult? Failure)> ValidateAsync(
        SigningKeySource source, JsonWebToken jwt, string token, TokenValidationParameters parameters, CancellationToken cancellationToken)
    {
        SigningKeySet keys;
        try
        {
            keys = await source.GetKeysAsync(jwt.Kid, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.SigningKeysUnavailable(_logger, source.MetadataUrl, ex);
            return (null, null, ChannelAuthResult.Unavailable("signing keys unavailable"));
        }

        parameters.IssuerSigningKeys = keys.Keys;
        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        return result.IsValid
            ? (result, keys, null)
            : (null, null, ChannelAuthResult.Unauthorized(Describe(result.Exception)));
    }

    private TokenValidationParameters CreateParameters(IEnumerable<string> issuers, bool validateAudience) => new()
    {
        ValidateIssuer = true,
        ValidIssuers = issuers,
        ValidateAudience = validateAudience,
        ValidAudience = AppId,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        ValidAlgorithms = AllowedAlgorithms,
        AuthenticationType = AuthenticationType,
    };

    private static IReadOnlyList<string> EntraIssuersFor(JsonWebToken jwt)
    {
        var tenantId = ReadClaim(jwt, "tid");
        if (string.IsNullOrWhiteSpace(tenantId) || EntraIssuers.Any(i => i.Contains(tenantId, StringComparison.OrdinalIgnoreCase)))
        {
            return EntraIssuers;
        }

        return [.. EntraIssuers, .. TenantIssuerTemplates.Select(t => string.Format(CultureInfo.InvariantCulture, t, tenantId))];
    }

    // A skill token names another bot: it has a version, an audience that is an app id, and a different caller app id.
    private bool IsSkillToken(JsonWebToken jwt)
    {
        if (ReadClaim(jwt, "appid") == "AnonymousSkill")
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(ReadClaim(jwt, "ver")))
        {
            return false;
        }

        var audience = jwt.Audiences.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(audience) || string.Equals(audience, _endpoints.ChannelTokenIssuer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var appId = GetCallerAppId(name => ReadClaim(jwt, name));
        return !string.IsNullOrWhiteSpace(appId) && !string.Equals(appId, audience, StringComparison.Ordinal);
    }

    private static string? GetCallerAppId(Func<string, string?> claim)
    {
        var version = claim("ver");
        if (string.IsNullOrWhiteSpace(version) || version == "1.0")
        {
            return claim("appid");
        }

        return version == "2.0" ? claim("azp") : null;
    }

    private static string? ReadClaim(JsonWebToken jwt, string name) =>
        jwt.TryGetClaim(name, out var claim) ? claim.Value : null;

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenInvalidIssuerException => "invalid issuer",
        SecurityTokenInvalidAudienceException => "invalid audience",
        SecurityTokenExpiredException => "token expired",
        SecurityTokenNotYetValidException => "token not yet valid",
        SecurityTokenNoExpirationException => "token has no expiry",
        SecurityTokenInvalidAlgorithmException => "signing algorithm not allowed",
        SecurityTokenSignatureKeyNotFoundException => "signing key not found",
        SecurityTokenInvalidSignatureException => "invalid signature",
        SecurityTokenMalformedException => "malformed token",
        _ => "token validation failed",
    };
}
