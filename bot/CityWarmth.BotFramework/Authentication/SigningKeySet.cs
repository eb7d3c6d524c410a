using Microsoft.IdentityModel.Tokens;

namespace CityWarmth.BotFramework.Authentication;

/// <summary>One snapshot of a JWKS document: the keys and, per key id, the channels that endorse it.</summary>
internal sealed record SigningKeySet(
    IReadOnlyList<SecurityKey> Keys,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Endorsements,
    DateTimeOffset FetchedAt)
{
    public bool ContainsKeyId(string keyId) =>
        Keys.Any(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal));
}
