using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CityWarmth.WeChat;

/// <summary>
/// WeChat's message encryption (WXBizMsgCrypt) for compatible and safe mode. The key is the EncodingAESKey read as
/// Base64 (with the missing "="), 32 bytes; the IV is its first 16 bytes. A message is encrypted with AES-256-CBC as
/// random(16) + length(4, big-endian) + message (UTF-8) + AppId, padded PKCS#7-style to a multiple of 32 bytes.
/// </summary>
public sealed class WeChatMessageCrypt
{
    private const int RandomLength = 16;
    private const int PadBlock = 32;

    private readonly byte[] _key;
    private readonly byte[] _iv;
    private readonly byte[] _appId;

    public WeChatMessageCrypt(string encodingAesKey, string appId)
    {
        _key = DecodeKey(encodingAesKey) ?? throw new ArgumentException("The EncodingAESKey must be 43 characters of Base64 giving 32 bytes.", nameof(encodingAesKey));
        _iv = _key[..16];
        _appId = Encoding.UTF8.GetBytes(appId);
    }

    public static bool IsValidKey(string? encodingAesKey) => DecodeKey(encodingAesKey) is not null;

    private static byte[]? DecodeKey(string? encodingAesKey)
    {
        if (encodingAesKey is not { Length: 43 } || encodingAesKey.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '+' && c != '/'))
        {
            return null;
        }
        var key = new byte[33];
        return Convert.TryFromBase64String(encodingAesKey + "=", key, out var written) && written == 32 ? key[..32] : null;
    }

    /// <summary>Encrypts a message (the reply XML) with fresh random bytes; returns the Base64 <c>Encrypt</c> text.</summary>
    public string Encrypt(string message) => Encrypt(message, RandomNumberGenerator.GetBytes(RandomLength));

    /// <summary>Encrypts with the given 16 random bytes (fixed in tests, so the result can be checked).</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> random)
    {
        if (random.Length != RandomLength)
        {
            throw new ArgumentException("WeChat's plaintext starts with 16 random bytes.", nameof(random));
        }
        var body = Encoding.UTF8.GetBytes(message);
        var length = RandomLength + 4 + body.Length + _appId.Length;
        var pad = PadBlock - (length % PadBlock);
        var plain = new byte[length + pad];
        random.CopyTo(plain);
        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(RandomLength), (uint)body.Length);
        body.CopyTo(plain, RandomLength + 4);
        _appId.CopyTo(plain, RandomLength + 4 + body.Length);
        plain.AsSpan(length).Fill((byte)pad);

        using var aes = Aes.Create();
        aes.Key = _key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, _iv, PaddingMode.None));
    }

    /// <summary>Decrypts an <c>Encrypt</c> text and checks that it was made for this AppId.</summary>
    /// <exception cref="WeChatCryptoException">The text is not Base64, not a whole message, or for another account.</exception>
    public string Decrypt(string encrypted)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypted);
        }
        catch (FormatException)
        {
            throw new WeChatCryptoException("The Encrypt text is not Base64.");
        }
        if (cipher.Length < PadBlock || cipher.Length % 16 != 0)
        {
            throw new WeChatCryptoException("The Encrypt text is not a whole number of AES blocks.");
        }

        byte[] plain;
        using (var aes = Aes.Create())
        {
            aes.Key = _key;
            plain = aes.DecryptCbc(cipher, _iv, PaddingMode.None);
        }
        int pad = plain[^1];
        if (pad is < 1 or > PadBlock || plain.Length - pad < RandomLength + 4)
        {
            throw new WeChatCryptoException("The decrypted message has no valid padding (wrong EncodingAESKey?).");
        }
        var content = plain.AsSpan(RandomLength, plain.Length - pad - RandomLength);
        var length = BinaryPrimitives.ReadUInt32BigEndian(content);
        if (length > content.Length - 4)
        {
            throw new WeChatCryptoException("The decrypted message is shorter than its length says (wrong EncodingAESKey?).");
        }
        var body = content.Slice(4, (int)length);
        var appId = content[(4 + (int)length)..];
        if (!CryptographicOperations.FixedTimeEquals(appId, _appId))
        {
            throw new WeChatCryptoException("The message was encrypted for another AppId.");
        }
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw new WeChatCryptoException("The decrypted message is not UTF-8.");
        }
    }
}

/// <summary>An encrypted message that cannot be read with this account's key and AppId.</summary>
public sealed class WeChatCryptoException(string message) : Exception(message);
