using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using Microsoft.Extensions.Options;

namespace CityWarmth.WeChat;

/// <summary>The query WeChat puts on every request to the server URL.</summary>
public sealed record WeChatQuery(string? Signature, string? Timestamp, string? Nonce, string? EncryptType = null, string? MsgSignature = null, string? OpenId = null)
{
    public bool IsEncrypted => string.Equals(EncryptType, "aes", StringComparison.OrdinalIgnoreCase);
}

public enum WeChatRefusal
{
    /// <summary>The signature (or message signature) is wrong or missing, or the request claims another sender.</summary>
    BadSignature,

    /// <summary>The timestamp is missing or too far from now: a replay, or a clock to fix.</summary>
    StaleTimestamp,

    /// <summary>The body cannot be read: not XML, not decryptable, or missing fields.</summary>
    BadMessage,
}

/// <summary>What opening a pushed request gave: the message, or why it was refused.</summary>
public sealed record WeChatOpened(WeChatInboundMessage? Message, bool Encrypted, WeChatRefusal? Refusal = null, string? Detail = null)
{
    public static WeChatOpened Refused(WeChatRefusal refusal, string detail) => new(null, false, refusal, detail);
}

/// <summary>
/// The server side of WeChat's push protocol: checks the URL verification, opens pushed messages (signature,
/// freshness, then the message signature and decryption in compatible and safe mode) and seals replies (encrypted
/// and signed the same way when the message came encrypted). Plain messages are refused only when
/// <see cref="WeChatOptions.RequireEncryption"/> is set: their body is not signed, so only encryption proves it came from WeChat.
/// </summary>
public sealed class WeChatServer(IOptions<WeChatOptions> options, TimeProvider clock)
{
    private readonly Lazy<WeChatMessageCrypt?> _crypt = new(() =>
        options.Value.Encrypted ? new WeChatMessageCrypt(options.Value.EncodingAESKey, options.Value.AppId) : null);

    /// <summary>The GET that WeChat sends when the server URL is saved: null when it may be answered with echostr.</summary>
    public WeChatOpened? VerifyUrl(WeChatQuery query) => CheckRequest(query);

    public WeChatOpened Open(WeChatQuery query, string body)
    {
        if (CheckRequest(query) is { } refused)
        {
            return refused;
        }
        WeChatInboundMessage message;
        var encrypted = query.IsEncrypted;
        try
        {
            if (encrypted && _crypt.Value is null)
            {
                // Compatible mode while the key is not set here yet (the way from plain to safe mode): the plain copy is
                // read, trusted as much as plain mode, and answered in plain, which compatible mode accepts.
                message = WeChatXml.Parse(body);
                if (message.MsgType.Length == 0)
                {
                    return WeChatOpened.Refused(WeChatRefusal.BadMessage, "An encrypted message came, but WeChat:EncodingAESKey is not set.");
                }
                encrypted = false;
            }
            else if (encrypted)
            {
                var crypt = _crypt.Value!;
                var encrypt = WeChatXml.Parse(body)["Encrypt"];
                if (string.IsNullOrEmpty(encrypt))
                {
                    return WeChatOpened.Refused(WeChatRefusal.BadMessage, "The encrypted message has no Encrypt element.");
                }
                if (!WeChatSignature.Verify(query.MsgSignature, options.Value.Token, query.Timestamp!, query.Nonce!, encrypt))
                {
                    return WeChatOpened.Refused(WeChatRefusal.BadSignature, "The msg_signature does not match the message.");
                }
                // Compatible mode also sends the fields in plain; only the encrypted copy is signed, so only it is read.
                message = WeChatXml.Parse(crypt.Decrypt(encrypt));
            }
            else
            {
                if (options.Value.RequireEncryption)
                {
                    return WeChatOpened.Refused(WeChatRefusal.BadSignature, "Only encrypted messages are taken while WeChat:RequireEncryption is set (safe mode).");
                }
                message = WeChatXml.Parse(body);
            }
        }
        catch (XmlException ex)
        {
            return WeChatOpened.Refused(WeChatRefusal.BadMessage, "The message is not readable XML: " + ex.Message);
        }
        catch (WeChatCryptoException ex)
        {
            return WeChatOpened.Refused(WeChatRefusal.BadMessage, ex.Message);
        }

        if (!message.IsComplete)
        {
            return WeChatOpened.Refused(WeChatRefusal.BadMessage, "The message lacks ToUserName, FromUserName, MsgType, or MsgId (Event for events).");
        }
        if (!string.IsNullOrEmpty(query.OpenId) && query.OpenId != message.FromUserName)
        {
            return WeChatOpened.Refused(WeChatRefusal.BadSignature, "The openid on the URL is not the message's sender.");
        }
        return new WeChatOpened(message, encrypted);
    }

    /// <summary>The body of a passive reply: the reply XML itself, or encrypted into the signed envelope.</summary>
    public string Seal(string replyXml, bool encrypted)
    {
        if (!encrypted || _crypt.Value is not { } crypt)
        {
            return replyXml;
        }
        var encrypt = crypt.Encrypt(replyXml);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        return WeChatXml.EncryptedReply(encrypt, WeChatSignature.Compute(options.Value.Token, timestamp, nonce, encrypt), timestamp, nonce);
    }

    private WeChatOpened? CheckRequest(WeChatQuery query)
    {
        if (string.IsNullOrEmpty(query.Timestamp) || string.IsNullOrEmpty(query.Nonce)
            || !WeChatSignature.Verify(query.Signature, options.Value.Token, query.Timestamp, query.Nonce))
        {
            return WeChatOpened.Refused(WeChatRefusal.BadSignature, "The signature does not match the token, timestamp and nonce.");
        }
        if (!long.TryParse(query.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - seconds) > options.Value.MaxTimestampSkewSeconds)
        {
            return WeChatOpened.Refused(WeChatRefusal.StaleTimestamp, "The timestamp is too far from now.");
        }
        return null;
    }
}
