using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Xunit;

namespace CityWarmth.WeChat.Tests;

/// <summary>
/// Signatures and WXBizMsgCrypt against vectors worked out apart from this code (Vectors/make_vectors.py: Python's
/// hashlib and the openssl command line), and against the sample message of WeChat's own examples.
/// </summary>
public sealed class CryptoVectorTests
{
    private static readonly JsonObject Vectors =
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "vectors.json")))!.AsObject();

    private static string Text(JsonNode? node) => (string?)node ?? throw new InvalidOperationException("Missing vector field.");

    public static TheoryData<int> EncryptionCases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Vectors["encryptions"]!.AsArray().Count; i++)
        {
            data.Add(i);
        }
        return data;
    }

    [Fact]
    public void UrlSignaturesMatchTheVectors()
    {
        var token = Text(Vectors["token"]);
        foreach (var vector in Vectors["urlSignatures"]!.AsArray())
        {
            var timestamp = Text(vector!["timestamp"]);
            var nonce = Text(vector["nonce"]);
            Assert.Equal(Text(vector["signature"]), WeChatSignature.Compute(token, timestamp, nonce));
            Assert.True(WeChatSignature.Verify(Text(vector["signature"]).ToUpperInvariant(), token, timestamp, nonce));
            Assert.False(WeChatSignature.Verify(Text(vector["signature"]), token, timestamp, nonce + "0"));
        }
    }

    [Theory]
    [MemberData(nameof(EncryptionCases))]
    public void EncryptionMatchesTheVector(int index)
    {
        var vector = Vectors["encryptions"]![index]!;
        var crypt = new WeChatMessageCrypt(Text(Vectors["encodingAesKey"]), Text(Vectors["appId"]));

        var encrypted = crypt.Encrypt(Text(vector["message"]), Convert.FromHexString(Text(vector["randomHex"])));

        Assert.Equal(Text(vector["encrypt"]), encrypted);
        Assert.Equal(Text(vector["message"]), crypt.Decrypt(encrypted));
        Assert.Equal(Text(vector["msgSignature"]),
            WeChatSignature.Compute(Text(Vectors["token"]), Text(vector["timestamp"]), Text(vector["nonce"]), encrypted));
    }

    [Fact]
    public void TheVectorsCoverAWholePaddingBlockAndASingleByte()
    {
        var paddings = Vectors["encryptions"]!.AsArray().Select(v => (int)v!["padding"]!).ToList();
        Assert.Contains(32, paddings);
        Assert.Contains(1, paddings);
    }

    [Fact]
    public void WeChatsPublishedSampleDecryptsAndItsSignatureHolds()
    {
        var sample = Vectors["publishedSample"]!;
        var crypt = new WeChatMessageCrypt(Text(sample["encodingAesKey"]), Text(sample["appId"]));

        var message = crypt.Decrypt(Text(sample["encrypt"]));

        Assert.Equal(Text(sample["message"]), message);
        Assert.Equal("abcdteT", WeChatXml.Parse(message).Content);
        Assert.True(WeChatSignature.Verify(Text(sample["msgSignature"]),
            Text(sample["token"]), Text(sample["timestamp"]), Text(sample["nonce"]), Text(sample["encrypt"])));
    }

    [Fact]
    public void AMessageForAnotherAppIdIsRefused()
    {
        var sample = Vectors["publishedSample"]!;
        var crypt = new WeChatMessageCrypt(Text(sample["encodingAesKey"]), "wx0000000000000000");

        Assert.Throws<WeChatCryptoException>(() => crypt.Decrypt(Text(sample["encrypt"])));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("")]
    public void GarbageIsRefusedWithACryptoError(string encrypted)
    {
        var crypt = new WeChatMessageCrypt(Text(Vectors["encodingAesKey"]), Text(Vectors["appId"]));

        Assert.Throws<WeChatCryptoException>(() => crypt.Decrypt(encrypted));
    }

    [Fact]
    public void AnotherKeyCannotReadTheMessage()
    {
        var vector = Vectors["encryptions"]![0]!;
        var other = new WeChatMessageCrypt("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg", Text(Vectors["appId"]));

        Assert.Throws<WeChatCryptoException>(() => other.Decrypt(Text(vector["encrypt"])));
    }

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF", false)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH", false)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDE=G", false)]
    [InlineData("", false)]
    public void KeysMustBe43Base64Characters(string key, bool valid) => Assert.Equal(valid, WeChatMessageCrypt.IsValidKey(key));

    [Property(MaxTest = 200)]
    public bool AnyMessageRoundTrips(NonNull<string> text)
    {
        var crypt = new WeChatMessageCrypt(Text(Vectors["encodingAesKey"]), Text(Vectors["appId"]));
        // Lone surrogates do not survive UTF-8 in any implementation; WeChat's messages are valid text.
        var message = WeChatXml.XmlSafe(text.Get);
        return crypt.Decrypt(crypt.Encrypt(message)) == message;
    }
}
