using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CityWarmth.BotFramework.Authentication;

/// <summary>
/// Fetches and caches the signing keys behind an OpenID metadata document.
/// </summary>
/// <remarks>
/// Written instead of <c>ConfigurationManager&lt;OpenIdConnectConfiguration&gt;</c> for two reasons: the Bot Connector
/// JWKS carries an <c>endorsements</c> array per key that must come from the same document as the keys, and
/// ConfigurationManager refreshes in the background after <c>RequestRefresh</c>, so the first token signed with a
/// newly rotated key would be rejected. Parsing and crypto stay with Microsoft.IdentityModel.
/// </remarks>
internal sealed class SigningKeySource(
    string metadataUrl,
    Func<HttpClient> createHttpClient,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>Keys are refetched at least this often, as the Bot Framework docs require.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);

    /// <summary>Limits refetches caused by unknown key ids, so forged tokens cannot hammer the metadata endpoint.</summary>
    public static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SigningKeySet? _current;
    private long _retryNotBeforeUtcTicks;

    public string MetadataUrl => metadataUrl;

    /// <summary>
    /// Returns keys that contain <paramref name="keyId"/> when possible, refetching when the cache is stale or the
    /// key id is unknown. Throws when no keys were ever fetched and the fetch fails.
    /// </summary>
    public async Task<SigningKeySet> GetKeysAsync(string? keyId, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && !NeedsRefresh(current, keyId))
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            if (current is not null && !NeedsRefresh(current, keyId))
            {
                return current;
            }

            try
            {
                var fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _current, fetched);
                Log.SigningKeysFetched(logger, metadataUrl, fetched.Keys.Count);
                return fetched;
            }
            catch (Exception ex) when (current is not null && ex is not OperationCanceledException)
            {
                // Keep serving the last good keys and back off before trying again.
                Log.SigningKeysRefreshFailed(logger, metadataUrl, ex);
                Interlocked.Exchange(ref _retryNotBeforeUtcTicks, (timeProvider.GetUtcNow() + UnknownKeyRefreshInterval).UtcTicks);
                return current;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool NeedsRefresh(SigningKeySet keys, string? keyId)
    {
        var now = timeProvider.GetUtcNow();
        if (now.UtcTicks < Interlocked.Read(ref _retryNotBeforeUtcTicks))
        {
            return false;
        }

        var age = now - keys.FetchedAt;
        if (age >= RefreshInterval)
        {
            return true;
        }

        return !string.IsNullOrEmpty(keyId) && !keys.ContainsKeyId(keyId) && age >= UnknownKeyRefreshInterval;
    }

    private async Task<SigningKeySet> FetchAsync(CancellationToken cancellationToken)
    {
        using var httpClient = createHttpClient();
        var metadataJson = await httpClient.GetStringAsync(metadataUrl, cancellationToken).ConfigureAwait(false);
        var metadata = OpenIdConnectConfiguration.Create(metadataJson);
        if (!Uri.TryCreate(metadata.JwksUri, UriKind.Absolute, out var jwksUri))
        {
            throw new InvalidOperationException("OpenID metadata has no absolute jwks_uri.");
        }

        var jwksJson = await httpClient.GetStringAsync(jwksUri, cancellationToken).ConfigureAwait(false);
        var keys = new JsonWebKeySet(jwksJson).GetSigningKeys();
        return new SigningKeySet([.. keys], ReadEndorsements(jwksJson), timeProvider.GetUtcNow());
    }

    // JsonWebKey does not surface "endorsements", so read them from the same document.
    private static Dictionary<string, IReadOnlySet<string>> ReadEndorsements(string jwksJson)
    {
        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(jwksJson);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object
                || !key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String
                || !key.TryGetProperty("endorsements", out var endorsements) || endorsements.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var set = endorsements.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!)
                .ToHashSet(StringComparer.Ordinal);
            result.TryAdd(kid.GetString()!, set);
        }

        return result;
    }
}
