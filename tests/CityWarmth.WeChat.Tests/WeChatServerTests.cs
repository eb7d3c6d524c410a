using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CityWarmth.WeChat.Tests;

/// <summary>Opening pushed requests in plain, compatible and safe mode, and sealing replies.</summary>
public sealed class WeChatServerTests
{
    private const string Token = "citywarmth2026";
    private const string Key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const string AppId = "wx5823bf96d3bd56c7";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1796688000));

    private WeChatServer Server(bool encrypted, bool requireEncryption = false) => new(Options.Create(new WeChatOptions
    {
        Token = Token,
        AppId = AppId,
        AppSecret = "s",
        EncodingAESKey = encrypted ? Key : "",
        RequireEncryption = requireEncryption,
    }), _clock);

    private static string PlainText(string content, string from = "oWorker0001") =>
        $"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>1796688000</CreateTime>"
        + $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>1001</MsgId></xml>";

    private WeChatQuery Signed(string nonce = "42", long? at = null)
    {
        var timestamp = (at ?? _clock.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        return new WeChatQuery(WeChatSignature.Compute(Token, timestamp, nonce), timestamp, nonce, OpenId: "oWorker0001");
    }

    private (WeChatQuery Query, string Body) Encrypted(string inner, string? plainCopy = null)
    {
        var query = Signed();
        var encrypt = new WeChatMessageCrypt(Key, AppId).Encrypt(inner);
        var body = plainCopy is null
            ? WeChatXml.EncryptedMessage("gh_1", encrypt)
            : plainCopy.Replace("</xml>", $"<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>", StringComparison.Ordinal);
        return (query with { EncryptType = "aes", MsgSignature = WeChatSignature.Compute(Token, query.Timestamp!, query.Nonce!, encrypt) }, body);
    }

    [Fact]
    public void APlainMessageOpens()
    {
        var opened = Server(encrypted: false).Open(Signed(), PlainText("你好"));

        Assert.Null(opened.Refusal);
        Assert.False(opened.Encrypted);
        Assert.Equal("你好", opened.Message!.Content);
    }

    [Fact]
    public void AWrongSignatureIsRefused()
    {
        var query = Signed() with { Signature = new string('0', 40) };

        Assert.Equal(WeChatRefusal.BadSignature, Server(false).Open(query, PlainText("你好")).Refusal);
        Assert.Equal(WeChatRefusal.BadSignature, Server(false).VerifyUrl(query)!.Refusal);
    }

    [Fact]
    public void AStaleTimestampIsRefusedEvenWhenSigned()
    {
        var query = Signed(at: _clock.GetUtcNow().ToUnixTimeSeconds() - 3600);

        Assert.Equal(WeChatRefusal.StaleTimestamp, Server(false).Open(query, PlainText("你好")).Refusal);
        Assert.Equal(WeChatRefusal.StaleTimestamp, Server(false).VerifyUrl(query)!.Refusal);
        Assert.Null(Server(false).VerifyUrl(Signed()));
    }

    [Fact]
    public void ASafeModeMessageOpensAndItsReplyIsSealed()
    {
        var server = Server(encrypted: true);
        var (query, body) = Encrypted(PlainText("安全模式"));

        var opened = server.Open(query, body);

        Assert.True(opened.Encrypted);
        Assert.Equal("安全模式", opened.Message!.Content);

        var sealedReply = WeChatXml.Parse(server.Seal(WeChatXml.TextReply("oWorker0001", "gh_1", 1, "回复"), opened.Encrypted));
        Assert.True(WeChatSignature.Verify(sealedReply["MsgSignature"], Token, sealedReply["TimeStamp"]!, sealedReply["Nonce"]!, sealedReply["Encrypt"]!));
        Assert.Equal("回复", WeChatXml.Parse(new WeChatMessageCrypt(Key, AppId).Decrypt(sealedReply["Encrypt"]!)).Content);
    }

    [Fact]
    public void CompatibleModeReadsOnlyTheSignedEncryptedCopy()
    {
        // The plain copy says something else; only the encrypted one is signed, so it is the one read.
        var (query, body) = Encrypted(PlainText("真的内容"), plainCopy: PlainText("被改过的内容"));

        var opened = Server(encrypted: true).Open(query, body);

        Assert.Equal("真的内容", opened.Message!.Content);
    }

    [Fact]
    public void AWrongMessageSignatureIsRefused()
    {
        var (query, body) = Encrypted(PlainText("a"));

        var opened = Server(true).Open(query with { MsgSignature = WeChatSignature.Compute("x") }, body);

        Assert.Equal(WeChatRefusal.BadSignature, opened.Refusal);
    }

    [Fact]
    public void PlainMessagesAreRefusedWhenEncryptionIsRequired()
    {
        Assert.Equal(WeChatRefusal.BadSignature, Server(encrypted: true, requireEncryption: true).Open(Signed(), PlainText("a")).Refusal);
    }

    [Fact]
    public void PlainMessagesAreReadWhileAKeyIsSetButNotRequired()
    {
        var opened = Server(encrypted: true).Open(Signed(), PlainText("a"));

        Assert.Null(opened.Refusal);
        Assert.False(opened.Encrypted);
        Assert.Equal("a", opened.Message!.Content);
    }

    [Fact]
    public void AnOpenIdThatIsNotTheSenderIsRefused()
    {
        var opened = Server(false).Open(Signed() with { OpenId = "oSomeoneElse" }, PlainText("a"));

        Assert.Equal(WeChatRefusal.BadSignature, opened.Refusal);
    }

    [Theory]
    [InlineData("not xml")]
    [InlineData("<xml><FromUserName>oWorker0001</FromUserName></xml>")]
    public void UnreadableOrIncompleteMessagesAreBadMessages(string body) =>
        Assert.Equal(WeChatRefusal.BadMessage, Server(false).Open(Signed(), body).Refusal);

    [Fact]
    public void ASafeModeMessageWithoutAKeyIsABadMessage()
    {
        var (query, body) = Encrypted(PlainText("a"));

        Assert.Equal(WeChatRefusal.BadMessage, Server(encrypted: false).Open(query, body).Refusal);
    }

    [Fact]
    public void CompatibleModeBeforeTheKeyIsSetReadsThePlainCopyAndAnswersInPlain()
    {
        var (query, body) = Encrypted(PlainText("先切兼容模式"), plainCopy: PlainText("先切兼容模式"));

        var opened = Server(encrypted: false).Open(query, body);

        Assert.Equal("先切兼容模式", opened.Message!.Content);
        Assert.False(opened.Encrypted);
    }
}
