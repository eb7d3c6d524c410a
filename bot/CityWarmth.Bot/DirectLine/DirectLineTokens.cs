using System.Security.Cryptography;
using System.Text;
using CityWarmth.Bot.Data;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CityWarmth.Bot.DirectLine;

/// <summary>What a bearer credential allows: one conversation (a token) or every conversation (the secret).</summary>
public sealed record DirectLineGrant(string? ConversationId, string? UserId, string? UserName, DateTimeOffset? ExpiresAt)
{
    public static DirectLineGrant Secret { get; } = new(null, null, null, null);

    public bool IsSecret => ConversationId is null;

    public bool Allows(string conversationId) => IsSecret || string.Equals(ConversationId, conversationId, StringComparison.Ordinal);
}

public enum DirectLineCredentialStatus
{
    Valid,
    Missing,
    Invalid,
    Expired,
}

public sealed record DirectLineCredential(DirectLineCredentialStatus Status, DirectLineGrant? Grant);

/// <summary>
/// What a stream URL's <c>t</c> allows: connecting to one conversation's stream. The socket lasts until
/// <paramref name="Until"/>, when the credential the URL was issued under runs out (null: the secret, which does not).
/// </summary>
public sealed record DirectLineStreamGrant(DirectLineCredentialStatus Status, string? ConversationId, DateTimeOffset? Until);

/// <summary>
/// Issues and checks Direct Line tokens: HMAC-signed JWTs whose <c>conv</c> claim names the one conversation
/// they grant and whose <c>user</c> claim is the user id (Web Chat reads it to know which bubbles are the user's).
/// Stream URLs carry a token of their own (another audience, so neither kind passes for the other): it names the
/// conversation, must be used within a minute, and says until when the socket may stay open.
/// </summary>
public sealed class DirectLineTokens
{
    public const string ConversationClaim = "conv";
    public const string UserClaim = "user";
    public const string NameClaim = "name";
    public const string UntilClaim = "until";
    private const string Issuer = "citywarmth-directline";
    private const string StreamAudience = "citywarmth-directline-stream";
    private const string KeyFileName = "directline-token.key";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SymmetricSecurityKey _key;
    private readonly byte[]? _secret;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;

    public DirectLineTokens(IOptions<DirectLineOptions> options, IOptions<StorageOptions> storage, IHostEnvironment environment, TimeProvider clock)
    {
        var o = options.Value;
        _clock = clock;
        _lifetime = o.TokenLifetime;
        _secret = string.IsNullOrEmpty(o.Secret) ? null : Encoding.UTF8.GetBytes(o.Secret);
        var keyBytes = string.IsNullOrEmpty(o.TokenSigningKey)
            ? LoadOrCreateKey(Path.GetFullPath(storage.Value.DataPath, environment.ContentRootPath))
            : Encoding.UTF8.GetBytes(o.TokenSigningKey);
        _key = new SymmetricSecurityKey(keyBytes) { KeyId = "directline" };
    }

    public bool SecretRequired => _secret is not null;

    public TimeSpan Lifetime => _lifetime;

    public string Issue(string conversationId, string userId, string? userName)
    {
        var now = _clock.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            [ConversationClaim] = conversationId,
            [UserClaim] = userId,
        };
        if (!string.IsNullOrEmpty(userName))
        {
            claims[NameClaim] = userName;
        }
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(_lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>
    /// The <c>t</c> of a stream URL for the conversation, valid for connecting during <paramref name="connectWithin"/>.
    /// <paramref name="until"/> is when the credential that asked for it runs out (null for the secret).
    /// </summary>
    public string IssueStreamToken(string conversationId, DateTimeOffset? until, TimeSpan connectWithin)
    {
        var now = _clock.GetUtcNow();
        var claims = new Dictionary<string, object> { [ConversationClaim] = conversationId };
        if (until is { } end)
        {
            claims[UntilClaim] = end.ToUnixTimeSeconds();
        }
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = StreamAudience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(connectWithin).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Checks a stream URL's <c>t</c>: signed here for streams, not expired, naming a conversation.</summary>
    public async Task<DirectLineStreamGrant> CheckStreamTokenAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new(DirectLineCredentialStatus.Missing, null, null);
        }
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = StreamAudience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateLifetime = false,
            RequireExpirationTime = true,
        });
        var conversationId = result.IsValid && result.Claims.TryGetValue(ConversationClaim, out var c) ? c as string : null;
        if (string.IsNullOrEmpty(conversationId))
        {
            return new(DirectLineCredentialStatus.Invalid, null, null);
        }
        DateTimeOffset? until = result.Claims.TryGetValue(UntilClaim, out var u) && u is long or int
            ? DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(u, System.Globalization.CultureInfo.InvariantCulture))
            : null;
        var connectBy = new DateTimeOffset(((JsonWebToken)result.SecurityToken).ValidTo, TimeSpan.Zero);
        var now = _clock.GetUtcNow();
        var status = connectBy <= now || until <= now ? DirectLineCredentialStatus.Expired : DirectLineCredentialStatus.Valid;
        return new(status, conversationId, until);
    }

    /// <summary>Reads <c>Authorization: Bearer ...</c>: the secret, a valid token, or why not.</summary>
    public async Task<DirectLineCredential> CheckAsync(string? authorizationHeader)
    {
        const string prefix = "Bearer ";
        if (string.IsNullOrWhiteSpace(authorizationHeader) || !authorizationHeader.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return new(DirectLineCredentialStatus.Missing, null);
        }
        var value = authorizationHeader[prefix.Length..].Trim();
        if (value.Length == 0 || value == "undefined")
        {
            // DirectLineJS sends "Bearer undefined" when it was given no credential.
            return new(DirectLineCredentialStatus.Missing, null);
        }
        if (_secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), _secret))
        {
            return new(DirectLineCredentialStatus.Valid, DirectLineGrant.Secret);
        }

        // Lifetime is checked below against the injected clock, so an expired token is told apart from a forged one.
        var result = await _handler.ValidateTokenAsync(value, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Issuer,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateLifetime = false,
            RequireExpirationTime = true,
        });
        if (!result.IsValid)
        {
            return new(DirectLineCredentialStatus.Invalid, null);
        }
        var conversationId = result.Claims.TryGetValue(ConversationClaim, out var c) ? c as string : null;
        var userId = result.Claims.TryGetValue(UserClaim, out var u) ? u as string : null;
        var name = result.Claims.TryGetValue(NameClaim, out var n) ? n as string : null;
        if (string.IsNullOrEmpty(conversationId) || string.IsNullOrEmpty(userId))
        {
            return new(DirectLineCredentialStatus.Invalid, null);
        }
        var expires = new DateTimeOffset(((JsonWebToken)result.SecurityToken).ValidTo, TimeSpan.Zero);
        if (expires <= _clock.GetUtcNow())
        {
            return new(DirectLineCredentialStatus.Expired, new DirectLineGrant(conversationId, userId, name, expires));
        }
        return new(DirectLineCredentialStatus.Valid, new DirectLineGrant(conversationId, userId, name, expires));
    }

    /// <summary>Seconds until a grant runs out, as <c>expires_in</c> reports it.</summary>
    public int SecondsLeft(DirectLineGrant grant) =>
        grant.ExpiresAt is { } at ? Math.Max(0, (int)Math.Ceiling((at - _clock.GetUtcNow()).TotalSeconds)) : (int)_lifetime.TotalSeconds;

    /// <summary>Random, URL-safe ids for conversations and users.</summary>
    public static string NewId(int bytes = 16) => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(bytes));

    private static byte[] LoadOrCreateKey(string dataPath)
    {
        // Kept in the data folder so tokens stay valid across restarts; several instances should set TokenSigningKey instead.
        Directory.CreateDirectory(dataPath);
        var path = Path.Combine(dataPath, KeyFileName);
        if (!File.Exists(path))
        {
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temp, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
                File.Delete(temp);
            }
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
