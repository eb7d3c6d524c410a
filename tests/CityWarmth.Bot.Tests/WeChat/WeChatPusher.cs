using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CityWarmth.WeChat;

namespace CityWarmth.Bot.Tests.WeChat;

public enum WeChatMode { Plain, Compatible, Safe }

/// <summary>What the bot answered a push: the HTTP status, the body, and the reply message (decrypted when sealed).</summary>
public sealed partial record PushReply(HttpStatusCode Status, string Body, WeChatInboundMessage? Reply)
{
    /// <summary>WeChat's "nothing to show": the body <c>success</c> (or empty).</summary>
    public bool IsNothing => Status == HttpStatusCode.OK && (Body == "success" || Body.Length == 0);

    public string Content => Reply?.Content ?? throw new InvalidOperationException($"No text reply ({Status}): {Body}");

    /// <summary>The numbered choices shown ("回复 2：还在干" → ("2", "还在干")).</summary>
    public IReadOnlyList<(string Number, string Title)> Choices =>
        [.. ChoiceLine().Matches(Content).Select(m => (m.Groups[1].Value, m.Groups[2].Value.Trim()))];

    /// <summary>The number a choice is offered under.</summary>
    public string NumberOf(string title) => NumberWhere(t => t == title);

    public string NumberWhere(Func<string, bool> title) =>
        Choices.FirstOrDefault(c => title(c.Title)).Number ?? throw new InvalidOperationException($"No such choice in: {Content}");

    [GeneratedRegex(@"^回[复覆] (\d+)：(.+)$", RegexOptions.Multiline)]
    private static partial Regex ChoiceLine();
}

/// <summary>
/// Plays WeChat's side of the server URL: signs each push with the token, timestamp and nonce, encrypts it in
/// compatible and safe mode (WXBizMsgCrypt), posts it to /api/wechat, and checks and decrypts what comes back.
/// </summary>
public sealed class WeChatPusher(HttpClient client, string token, string appId, string? encodingAesKey = null)
{
    public const string Account = "gh_citywarmth01";
    private long _nextMsgId = 24000000000000000;

    public WeChatMode Mode { get; set; } = encodingAesKey is null ? WeChatMode.Plain : WeChatMode.Safe;

    public string NewMsgId() => Interlocked.Increment(ref _nextMsgId).ToString(CultureInfo.InvariantCulture);

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public string SignedQuery(long? timestamp = null, string? nonce = null, bool wrongSignature = false)
    {
        var at = (timestamp ?? Now).ToString(CultureInfo.InvariantCulture);
        nonce ??= Random.Shared.Next(100000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var signature = wrongSignature ? WeChatSignature.Compute("not-the-token", at, nonce) : WeChatSignature.Compute(token, at, nonce);
        return $"signature={signature}&timestamp={at}&nonce={nonce}";
    }

    public Task<HttpResponseMessage> VerifyUrlAsync(string echo, bool wrongSignature = false, long? timestamp = null) =>
        client.GetAsync($"/api/wechat?{SignedQuery(timestamp, wrongSignature: wrongSignature)}&echostr={Uri.EscapeDataString(echo)}");

    public Task<PushReply> TextAsync(string openId, string content, string? msgId = null) =>
        PushAsync(openId, "text", $"<Content><![CDATA[{content}]]></Content><MsgId>{msgId ?? NewMsgId()}</MsgId>");

    public Task<PushReply> VoiceAsync(string openId, string? recognition) =>
        PushAsync(openId, "voice", $"<MediaId><![CDATA[media-{NewMsgId()}]]></MediaId><Format><![CDATA[amr]]></Format>"
            + (recognition is null ? "" : $"<Recognition><![CDATA[{recognition}]]></Recognition>") + $"<MsgId>{NewMsgId()}</MsgId>");

    public Task<PushReply> ImageAsync(string openId) =>
        PushAsync(openId, "image", $"<PicUrl><![CDATA[http://mmbiz.example/pic.jpg]]></PicUrl><MediaId><![CDATA[m1]]></MediaId><MsgId>{NewMsgId()}</MsgId>");

    public Task<PushReply> LocationAsync(string openId, string label) =>
        PushAsync(openId, "location", "<Location_X>30.5</Location_X><Location_Y>114.4</Location_Y><Scale>15</Scale>"
            + $"<Label><![CDATA[{label}]]></Label><MsgId>{NewMsgId()}</MsgId>");

    public Task<PushReply> EventAsync(string openId, string name, string? key = null, long? createTime = null) =>
        PushAsync(openId, "event", $"<Event><![CDATA[{name}]]></Event>" + (key is null ? "" : $"<EventKey><![CDATA[{key}]]></EventKey>"), createTime);

    /// <summary>Pushes one message (the fields after MsgType) as WeChat does in the current mode.</summary>
    public async Task<PushReply> PushAsync(string openId, string msgType, string fields, long? createTime = null)
    {
        var message = $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>"
            + $"<CreateTime>{(createTime ?? Now).ToString(CultureInfo.InvariantCulture)}</CreateTime><MsgType><![CDATA[{msgType}]]></MsgType>{fields}</xml>";
        return await PostAsync(openId, message);
    }

    /// <summary>Posts a whole message XML, signed and (in compatible and safe mode) encrypted.</summary>
    public async Task<PushReply> PostAsync(string openId, string message)
    {
        var query = SignedQuery() + "&openid=" + Uri.EscapeDataString(openId);
        var body = message;
        if (Mode != WeChatMode.Plain)
        {
            var encrypt = new WeChatMessageCrypt(encodingAesKey!, appId).Encrypt(message);
            var parts = query.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            query += "&encrypt_type=aes&msg_signature=" + WeChatSignature.Compute(token, parts["timestamp"], parts["nonce"], encrypt);
            body = Mode == WeChatMode.Safe
                ? WeChatXml.EncryptedMessage(Account, encrypt)
                : message.Replace("</xml>", $"<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>", StringComparison.Ordinal);
        }
        using var response = await client.PostAsync("/api/wechat?" + query, new StringContent(body, Encoding.UTF8, "text/xml"));
        return await ReadReplyAsync(response);
    }

    public async Task<PushReply> ReadReplyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || text is "success" or "")
        {
            return new PushReply(response.StatusCode, text, null);
        }
        var reply = WeChatXml.Parse(text);
        if (reply["Encrypt"] is { } encrypt)
        {
            // WeChat checks the reply's own signature before it decrypts.
            Assert.True(WeChatSignature.Verify(reply["MsgSignature"], token, reply["TimeStamp"]!, reply["Nonce"]!, encrypt), "The reply's MsgSignature is wrong.");
            reply = WeChatXml.Parse(new WeChatMessageCrypt(encodingAesKey!, appId).Decrypt(encrypt));
        }
        else
        {
            Assert.True(Mode != WeChatMode.Safe, "A safe-mode message was answered in plain text.");
        }
        return new PushReply(response.StatusCode, text, reply);
    }
}
