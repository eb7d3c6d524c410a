using System.Security.Cryptography;
using System.Text;

namespace CityWarmth.WeChat;

/// <summary>
/// WeChat's request signatures: the hex SHA-1 of the strings sorted (ordinal) and joined. The server URL signature
/// signs the token, timestamp and nonce; the message signature of safe mode adds the <c>Encrypt</c> text.
/// </summary>
public static class WeChatSignature
{
    public static string Compute(params ReadOnlySpan<string> parts)
    {
        var sorted = parts.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted))));
    }

    /// <summary>True when <paramref name="presented"/> is the signature of the parts; compared in constant time.</summary>
    public static bool Verify(string? presented, params ReadOnlySpan<string> parts)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length != 40)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Compute(parts));
        var given = Encoding.ASCII.GetBytes(presented.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
