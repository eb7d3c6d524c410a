using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace CityWarmth.BotFramework.Tests.Fakes;

/// <summary>An RSA key generated for a test, published in the fake JWKS with optional endorsements.</summary>
internal sealed class TestSigningKey
{
    private TestSigningKey(string keyId, RsaSecurityKey key, IReadOnlyList<string>? endorsements)
    {
        KeyId = keyId;
        Key = key;
        Endorsements = endorsements;
    }

    public string KeyId { get; }

    public RsaSecurityKey Key { get; }

    /// <summary>Null publishes the key without an <c>endorsements</c> member, as Entra ID does.</summary>
    public IReadOnlyList<string>? Endorsements { get; }

    public static TestSigningKey Create(string keyId, params string[]? endorsements) =>
        new(keyId, new RsaSecurityKey(RSA.Create(2048)) { KeyId = keyId }, endorsements);

    public Dictionary<string, object> ToJwk()
    {
        var parameters = Key.Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements is not null)
        {
            jwk["endorsements"] = Endorsements;
        }

        return jwk;
    }
}
