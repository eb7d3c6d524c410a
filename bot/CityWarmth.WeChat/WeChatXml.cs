using System.Globalization;
using System.Text;
using System.Xml;

namespace CityWarmth.WeChat;

/// <summary>
/// The XML WeChat speaks: reading what it pushes (plain or the encrypted envelope) and writing passive replies and
/// the encrypted reply envelope. Reading refuses DTDs and external entities; text goes into CDATA sections.
/// </summary>
public static class WeChatXml
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        MaxCharactersInDocument = 1 << 20,
    };

    /// <summary>Reads the top-level fields of a pushed message; nested elements (some events carry them) are skipped.</summary>
    /// <exception cref="XmlException">The text is not well-formed XML or its root is not <c>xml</c>.</exception>
    public static WeChatInboundMessage Parse(string xml)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings);
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "xml")
        {
            throw new XmlException("The root element is not <xml>.");
        }
        if (reader.IsEmptyElement)
        {
            return new WeChatInboundMessage(fields);
        }
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }
            var name = reader.LocalName;
            var value = ReadSimpleContent(reader);
            if (value is not null)
            {
                fields[name] = value;
            }
        }
        // Anything after the root (a second root, junk) is an error too.
        while (reader.Read())
        {
        }
        return new WeChatInboundMessage(fields);
    }

    /// <summary>The element's text when it has no child elements; null (and the element skipped) otherwise.</summary>
    private static string? ReadSimpleContent(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return "";
        }
        var depth = reader.Depth;
        var text = new StringBuilder();
        var nested = false;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.EOF)
            {
                throw new XmlException("Unexpected end of the document.");
            }
            if (reader.Depth == depth + 1 && reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                text.Append(reader.Value);
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                nested = true;
            }
            reader.Read();
        }
        reader.Read();
        return nested ? null : text.ToString();
    }

    /// <summary>A passive text reply.</summary>
    public static string TextReply(string toUser, string fromUser, long createTime, string content)
    {
        var xml = Start(toUser, fromUser, createTime, "text");
        Element(xml, "Content", content);
        return xml.Append("</xml>").ToString();
    }

    /// <summary>A passive news (图文) reply with one article: WeChat shows one when answering a user's message.</summary>
    public static string NewsReply(string toUser, string fromUser, long createTime, WeChatArticle article)
    {
        var xml = Start(toUser, fromUser, createTime, "news");
        xml.Append("<ArticleCount>1</ArticleCount><Articles><item>");
        Element(xml, "Title", article.Title);
        Element(xml, "Description", article.Description ?? "");
        Element(xml, "PicUrl", article.PicUrl ?? "");
        Element(xml, "Url", article.Url);
        return xml.Append("</item></Articles></xml>").ToString();
    }

    /// <summary>The passive reply for one outbound message.</summary>
    public static string Reply(string toUser, string fromUser, long createTime, WeChatOutbound message) => message switch
    {
        WeChatText text => TextReply(toUser, fromUser, createTime, text.Content),
        WeChatNews news => NewsReply(toUser, fromUser, createTime, news.Article),
        _ => throw new ArgumentException("Unknown outbound message type.", nameof(message)),
    };

    /// <summary>The envelope of an encrypted passive reply.</summary>
    public static string EncryptedReply(string encrypt, string msgSignature, string timestamp, string nonce)
    {
        var xml = new StringBuilder("<xml>");
        Element(xml, "Encrypt", encrypt);
        Element(xml, "MsgSignature", msgSignature);
        xml.Append("<TimeStamp>").Append(Escape(timestamp)).Append("</TimeStamp>");
        Element(xml, "Nonce", nonce);
        return xml.Append("</xml>").ToString();
    }

    /// <summary>The envelope WeChat posts in safe mode (tests and simulators play the platform with it).</summary>
    public static string EncryptedMessage(string toUser, string encrypt)
    {
        var xml = new StringBuilder("<xml>");
        Element(xml, "ToUserName", toUser);
        Element(xml, "Encrypt", encrypt);
        return xml.Append("</xml>").ToString();
    }

    private static StringBuilder Start(string toUser, string fromUser, long createTime, string msgType)
    {
        var xml = new StringBuilder("<xml>");
        Element(xml, "ToUserName", toUser);
        Element(xml, "FromUserName", fromUser);
        xml.Append("<CreateTime>").Append(createTime.ToString(CultureInfo.InvariantCulture)).Append("</CreateTime>");
        Element(xml, "MsgType", msgType);
        return xml;
    }

    /// <summary>Writes an element with its text in CDATA, split where the text itself holds "]]>".</summary>
    public static void Element(StringBuilder xml, string name, string value)
    {
        xml.Append('<').Append(name).Append("><![CDATA[")
            .Append(XmlSafe(value).Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal))
            .Append("]]></").Append(name).Append('>');
    }

    private static string Escape(string value) => System.Security.SecurityElement.Escape(XmlSafe(value));

    /// <summary>Drops characters XML 1.0 cannot carry (control characters, lone surrogates).</summary>
    public static string XmlSafe(string value)
    {
        var firstBad = -1;
        for (var i = 0; i < value.Length; i++)
        {
            if (!IsXmlChar(value, i, out var width))
            {
                firstBad = i;
                break;
            }
            i += width - 1;
        }
        if (firstBad < 0)
        {
            return value;
        }
        var clean = new StringBuilder(value.Length);
        clean.Append(value, 0, firstBad);
        for (var i = firstBad; i < value.Length; i++)
        {
            if (IsXmlChar(value, i, out var width))
            {
                clean.Append(value, i, width);
            }
            i += width - 1;
        }
        return clean.ToString();
    }

    private static bool IsXmlChar(string value, int index, out int width)
    {
        var c = value[index];
        width = 1;
        if (char.IsHighSurrogate(c))
        {
            if (index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
            {
                width = 2;
                return true;
            }
            return false;
        }
        return c is '\t' or '\n' or '\r' || (c >= 0x20 && !char.IsLowSurrogate(c) && c != '\uFFFE' && c != '\uFFFF');
    }
}
