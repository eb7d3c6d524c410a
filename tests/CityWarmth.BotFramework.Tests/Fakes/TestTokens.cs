using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CityWarmth.BotFramework.Tests.Fakes;

/// <summary>Signs real JWTs for the authentication tests.</summary>
internal static class TestTokens
{
    public const string BotAppId = "6b1c3d0e-2f4a-4c8b-9d7e-1a2b3c4d5e6f";
    public const string OtherAppId = "0f9e8d7c-6b5a-4321-8fed-cba987654321";
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string EmulatorIssuerV1 = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    public const string EmulatorIssuerV2 = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0";
    public const string ServiceUrl = "https://directline.botframework.com/";

    public static string Sign(
        SecurityKey key,
        string issuer,
        string? audience,
        IDictionary<string, object>? claims = null,
        TimeSpan? expiresIn = null,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        var issuedAt = expires < now ? expires - TimeSpan.FromHours(1) : now;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            Claims = claims ?? new Dictionary<string, object>(),
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public static string Channel(TestSigningKey key, string serviceUrl = ServiceUrl, string audience = BotAppId, string issuer = ChannelIssuer, TimeSpan? expiresIn = null) =>
        Sign(key.Key, issuer, audience, new Dictionary<string, object> { ["serviceurl"] = serviceUrl }, expiresIn);

    public static string EmulatorV1(TestSigningKey key, string appId = BotAppId, string issuer = EmulatorIssuerV1, IDictionary<string, object>? extra = null)
    {
        var claims = new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = appId };
        foreach (var (name, value) in extra ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        // v1 emulator tokens are issued for the bot itself, so aud equals appid.
        return Sign(key.Key, issuer, appId, claims);
    }

    public static string EmulatorV2(TestSigningKey key, string azp = BotAppId) =>
        Sign(key.Key, EmulatorIssuerV2, azp, new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = azp });

    public static string Skill(TestSigningKey key, string callerAppId = OtherAppId, string audience = BotAppId) =>
        Sign(key.Key, EmulatorIssuerV1, audience, new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = callerAppId });

    public static string Bearer(string token) => "Bearer " + token;
}
