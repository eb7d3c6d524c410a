using System.Text;
using CityWarmth.Knowledge.Readers;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace CityWarmth.Knowledge.Tests.Readers;

public sealed class DocumentReadersTests
{
    [Fact]
    public void PlainTextKeepsLineNumbersAndSkipsBlankLines()
    {
        var blocks = Read(".txt", "一、活动目标\n\n  让农民工就业更稳定  \n"u8.ToArray());
        Assert.Equal([new SourceBlock(0, "一、活动目标", 1), new SourceBlock(0, "让农民工就业更稳定", 3)], blocks);
    }

    [Fact]
    public void MarkdownHeadingsKeepTheirLevels()
    {
        var blocks = Read(".md", Encoding.UTF8.GetBytes("# 手册\n\n## 一、找工作\n\n每周三有**免费**招聘会。\n\n- 带上身份证\n"));
        Assert.Equal([new SourceBlock(1, "手册"), new SourceBlock(2, "一、找工作"), new SourceBlock(0, "每周三有免费招聘会。"), ListItems.Item("带上身份证", null)], blocks);
    }

    [Fact]
    public void HtmlReadsHeadingsAndLeafBlocksOnly()
    {
        const string html = "<html><head><title>t</title><script>var x='不要';</script></head><body>" +
            "<h2>住房</h2><div><p>保障性租赁住房</p><ul><li>宿舍</li></ul></div></body></html>";
        var blocks = Read(".html", Encoding.UTF8.GetBytes(html));
        Assert.Equal([SourceBlock.DocumentTitle("t"), new SourceBlock(2, "住房"), new SourceBlock(0, "保障性租赁住房"), ListItems.Item("宿舍", null)], blocks);
    }

    [Fact]
    public void DocxHeadingStylesBecomeHeadings()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body(
                new W.Paragraph(new W.ParagraphProperties(new W.ParagraphStyleId { Val = "Heading1" }), new W.Run(new W.Text("工资"))),
                new W.Paragraph(new W.Run(new W.Text("按月足额支付工资。")))));
        }

        var blocks = Read(".docx", stream.ToArray());
        Assert.Equal([new SourceBlock(1, "工资"), new SourceBlock(0, "按月足额支付工资。")], blocks);
    }

    // PdfPig writes text only with fonts it can embed; the standard 14 fonts have no CJK glyphs,
    // so the PDF test uses ASCII and digits (the extraction path is the same for any script).
    [Fact]
    public void PdfTextIsReadLineByLine()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText("Section 1 Wages", 12, new PdfPoint(50, 700), font);
        page.AddText("Pay 12333 hotline", 12, new PdfPoint(50, 680), font);
        var blocks = Read(".pdf", builder.Build());
        Assert.Equal(["Section 1 Wages", "Pay 12333 hotline"], blocks.Select(b => b.Text));
    }

    [Fact]
    public void APdfWithoutTextIsAClearError()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        page.DrawRectangle(new PdfPoint(10, 10), 100, 100);
        Assert.Throws<PdfHasNoTextException>(() => Read(".pdf", builder.Build()));
    }

    [Fact]
    public void ReadersAreChosenByExtensionOrContentType()
    {
        Assert.IsType<MarkdownReader>(DocumentReaders.ForExtension(".MD"));
        Assert.IsType<DocxReader>(DocumentReaders.ForContentType("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        Assert.IsType<HtmlReader>(DocumentReaders.ForContentType("text/html; charset=utf-8"));
        Assert.Throws<DocumentReadException>(() => DocumentReaders.ForExtension(".xls"));
    }

    [Fact]
    public void GarbageIsNotAPdf() =>
        Assert.Throws<DocumentReadException>(() => Read(".pdf", "not a pdf"u8.ToArray()));

    private static IReadOnlyList<SourceBlock> Read(string extension, byte[] content)
    {
        using var stream = new MemoryStream(content);
        return DocumentReaders.ForExtension(extension).Read(stream);
    }
}
