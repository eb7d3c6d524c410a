using System.Xml;

namespace CityWarmth.WeChat.Tests;

public sealed class WeChatXmlTests
{
    [Fact]
    public void ReadsATextMessage()
    {
        var message = WeChatXml.Parse("""
            <xml>
              <ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>
              <FromUserName><![CDATA[oWorker0001]]></FromUserName>
              <CreateTime>1796688000</CreateTime>
              <MsgType><![CDATA[text]]></MsgType>
              <Content><![CDATA[工资 <不给> & 怎么办]]></Content>
              <MsgId>18446744073709551615</MsgId>
            </xml>
            """);

        Assert.Equal("gh_0123456789ab", message.ToUserName);
        Assert.Equal("oWorker0001", message.FromUserName);
        Assert.Equal(1796688000, message.CreateTime);
        Assert.Equal(WeChatMessageTypes.Text, message.MsgType);
        Assert.Equal("工资 <不给> & 怎么办", message.Content);
        Assert.Equal("18446744073709551615", message.MsgId);
        Assert.Equal("msg:18446744073709551615", message.DeduplicationKey);
        Assert.True(message.IsComplete);
    }

    [Fact]
    public void EventsAreKeyedBySenderAndTime()
    {
        var message = WeChatXml.Parse("<xml><ToUserName>gh_1</ToUserName><FromUserName>oA</FromUserName><CreateTime>123</CreateTime>"
            + "<MsgType>event</MsgType><Event>CLICK</Event><EventKey>CW_POLICY</EventKey></xml>");

        Assert.Null(message.MsgId);
        Assert.Equal("evt:oA:123:CLICK:CW_POLICY", message.DeduplicationKey);
        Assert.Equal("CW_POLICY", message.EventKey);
        Assert.True(message.IsComplete);
    }

    [Fact]
    public void NestedElementsAreSkippedAndTheRestRead()
    {
        var message = WeChatXml.Parse("<xml><FromUserName>oA</FromUserName><ScanCodeInfo><ScanType>qrcode</ScanType></ScanCodeInfo>"
            + "<Event>scancode_push</Event></xml>");

        Assert.Equal("oA", message.FromUserName);
        Assert.Equal("scancode_push", message.Event);
        Assert.Null(message["ScanCodeInfo"]);
        Assert.Null(message["ScanType"]);
        Assert.False(message.IsComplete);
    }

    [Theory]
    [InlineData("<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Content>&e;</Content></xml>")]
    [InlineData("<xml><Content>unclosed</xml>")]
    [InlineData("<notxml><Content>a</Content></notxml>")]
    [InlineData("<xml></xml><xml></xml>")]
    [InlineData("")]
    public void MalformedOrDangerousXmlIsRefused(string xml) => Assert.ThrowsAny<XmlException>(() => WeChatXml.Parse(xml));

    [Fact]
    public void ATextReplyReadsBackWithItsContent()
    {
        var content = "第一行\n含有 ]]> 的文字和 <a href=\"https://example.org/kb/1\">来源</a>\u0001";

        var xml = WeChatXml.TextReply("oWorker0001", "gh_0123456789ab", 1796688001, content);
        var read = WeChatXml.Parse(xml);

        Assert.Equal("oWorker0001", read.ToUserName);
        Assert.Equal("gh_0123456789ab", read.FromUserName);
        Assert.Equal(1796688001, read.CreateTime);
        Assert.Equal("text", read.MsgType);
        // The control character cannot travel in XML; everything else arrives as written.
        Assert.Equal(content[..^1], read.Content);
    }

    [Fact]
    public void ANewsReplyHasOneArticle()
    {
        var xml = WeChatXml.NewsReply("oA", "gh_1", 1, new WeChatArticle("招聘会", "周六 9:00", "https://example.org/fair"));
        var document = new XmlDocument();
        document.LoadXml(xml);

        Assert.Equal("news", document.SelectSingleNode("/xml/MsgType")!.InnerText);
        Assert.Equal("1", document.SelectSingleNode("/xml/ArticleCount")!.InnerText);
        Assert.Equal("招聘会", document.SelectSingleNode("/xml/Articles/item/Title")!.InnerText);
        Assert.Equal("https://example.org/fair", document.SelectSingleNode("/xml/Articles/item/Url")!.InnerText);
    }

    [Fact]
    public void TheEncryptedEnvelopeCarriesItsFourFields()
    {
        var read = WeChatXml.Parse(WeChatXml.EncryptedReply("ENC+/=", "sig", "1796688001", "n1"));

        Assert.Equal("ENC+/=", read["Encrypt"]);
        Assert.Equal("sig", read["MsgSignature"]);
        Assert.Equal("1796688001", read["TimeStamp"]);
        Assert.Equal("n1", read["Nonce"]);
    }
}
