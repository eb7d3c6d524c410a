using System.Text;
using CityWarmth.Knowledge.Readers;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace CityWarmth.Knowledge.Tests.Readers;

/// <summary>Tables as rows with their headers, pages without their chrome, and titles, in every format.</summary>
public sealed class TableAndPageReadingTests
{
    [Fact]
    public void ARowKeepsEachValueWithItsColumnHeader()
    {
        var rows = TableText.Rows(
            [["序号", "工种", "初级(五级)", "中级(四级)"], ["1", "电工", "800", "1500"], ["2", "焊工", "900", "1600"]],
            headerRows: 1, caption: "表2 技能补贴标准(单位：元)").ToList();

        Assert.Equal(["电工 · 初级(五级)：800元 · 中级(四级)：1500元", "焊工 · 初级(五级)：900元 · 中级(四级)：1600元"], rows.Select(r => r.Text));
        Assert.All(rows, r => Assert.Equal(BlockKind.TableRow, r.Kind));
        Assert.All(rows, r => Assert.Equal("表2 技能补贴标准(单位：元)", r.Caption));
    }

    [Fact]
    public void AFirstRowOfFiguresIsDataNotAHeader()
    {
        var rows = TableText.Rows([["办理地点", "滨河大道288号"], ["办公时间", "9:00-17:00"]], headerRows: null, caption: null).ToList();
        Assert.Equal(["办理地点 · 滨河大道288号", "办公时间 · 9:00-17:00"], rows.Select(r => r.Text));
    }

    [Fact]
    public void AHeaderCellSpanningColumnsIsJoinedWithTheHeadersBelowIt()
    {
        var rows = TableText.Rows([["区", "咨询方式", "咨询方式"], ["", "单位", "电话"], ["东湖区", "招生办", "0000-2230101"]], headerRows: null, caption: null);
        Assert.Equal(["东湖区 · 咨询方式 单位：招生办 · 咨询方式 电话：0000-2230101"], rows.Select(r => r.Text));
    }

    [Fact]
    public void AWordFileWithoutStylesHasItsBoldFirstLineAsTitleAndBoldLinesAsHeadings()
    {
        static W.Paragraph Bold(string text) => new(new W.Run(new W.RunProperties(new W.Bold()), new W.Text(text)));
        var docx = Docx(doc => [Bold("清源市入学须知"), Bold("报名时间"), new W.Paragraph(new W.Run(new W.Text("6月10日至6月20日。")))]);

        Assert.Equal([SourceBlock.DocumentTitle("清源市入学须知"), new SourceBlock(2, "报名时间"), new SourceBlock(0, "6月10日至6月20日。")], Read(".docx", docx));
    }

    [Fact]
    public void ADefinitionListIsReadAsTermAndDescription()
    {
        var html = "<html><body><main><h2>办理信息</h2><dl><dt>办理材料</dt><dd>身份证、租赁合同。</dd><dt>办结时限</dt><dd>3个工作日。</dd></dl></main></body></html>";
        Assert.Equal([new SourceBlock(2, "办理信息"), new SourceBlock(0, "办理材料：身份证、租赁合同。"), new SourceBlock(0, "办结时限：3个工作日。")],
            Read(".html", Encoding.UTF8.GetBytes(html)));
    }

    [Theory]
    [InlineData("表1 租房补贴标准(单位：元/月)", true)]
    [InlineData("各区受理窗口一览表", true)]
    [InlineData("租房补贴按人员类别和区域确定，标准如下。", false)]
    [InlineData("请带上以下材料：", false)]
    public void ACaptionIsShortAndNamedLikeATable(string text, bool caption) => Assert.Equal(caption, TableText.LooksLikeCaption(text));

    [Fact]
    public void AWordTableIsReadAsRowsUnderItsCaptionWithMergedCellsSpread()
    {
        var docx = Docx(doc =>
        [
            new W.Paragraph(Style("Title"), new W.Run(new W.Text("青禾市培训补贴目录"))),
            new W.Paragraph(new W.Run(new W.Text("表1 培训补贴(单位：元)"))),
            Table(
                Row(header: true, Cell("工种"), Cell("等级"), Cell("补贴")),
                Row(header: false, Cell("电工", VerticalMerge.Restart), Cell("中级(四级)"), Cell("1500")),
                Row(header: false, Cell("", VerticalMerge.Continue), Cell("高级(三级)"), Cell("2000"))),
            new W.Paragraph(new W.Run(new W.Text("补贴直接发放到本人社保卡。"))),
        ]);

        var blocks = Read(".docx", docx);

        Assert.Equal(SourceBlock.DocumentTitle("青禾市培训补贴目录"), blocks[0]);
        Assert.Equal(
            [SourceBlock.TableRow("电工 · 等级：中级(四级) · 补贴：1500元", "表1 培训补贴(单位：元)"), SourceBlock.TableRow("电工 · 等级：高级(三级) · 补贴：2000元", "表1 培训补贴(单位：元)")],
            blocks.Where(b => b.Kind == BlockKind.TableRow));
        Assert.DoesNotContain(blocks, b => b.Kind == BlockKind.Paragraph && b.Text.StartsWith("表1", StringComparison.Ordinal));
        Assert.Equal("补贴直接发放到本人社保卡。", blocks[^1].Text);
    }

    [Fact]
    public void AWordTitlePropertyIsTheTitleWhenNoParagraphIsStyledAsOne()
    {
        var docx = Docx(doc => [new W.Paragraph(new W.Run(new W.Text("正文。")))], title: "梅岭市女职工劳动保护问答");
        Assert.Equal(SourceBlock.DocumentTitle("梅岭市女职工劳动保护问答"), Read(".docx", docx)[0]);

        var placeholder = Docx(doc => [new W.Paragraph(new W.Run(new W.Text("正文。")))], title: "Microsoft Word - 文档1.docx");
        Assert.DoesNotContain(Read(".docx", placeholder), b => b.Kind == BlockKind.Title);
    }

    [Fact]
    public void AWebPageLosesItsNavigationBreadcrumbSidebarAndFooter()
    {
        const string html = """
            <html><head><title>工伤认定办事指南_澜江市人力资源和社会保障局</title></head><body>
            <header class="site-header"><div class="logo">澜江市人社局</div></header>
            <div id="mainNav" class="main-nav"><ul><li><a>首页</a></li><li><a>办事服务</a></li></ul></div>
            <div class="breadcrumb">当前位置：首页 &gt; 办事服务</div>
            <div class="side-bar"><h3>热点服务</h3><p>服务热线：0000-6612333</p></div>
            <div class="content">
              <h1>工伤认定办事指南</h1>
              <div class="info">发布时间：2024-05-10 浏览次数：2316</div>
              <h2>咨询电话</h2><p>工伤保险科：0000-8812360。</p>
              <ol><li>填申请表；</li><li>交材料。</li></ol>
            </div>
            <footer><p>主办单位：澜江市人社局 电话：0000-8800000</p><p>版权所有 © 2024</p></footer>
            </body></html>
            """;

        var blocks = Read(".html", Encoding.UTF8.GetBytes(html));

        Assert.Equal(
            [SourceBlock.DocumentTitle("工伤认定办事指南"), new SourceBlock(1, "工伤认定办事指南"), new SourceBlock(2, "咨询电话"),
             new SourceBlock(0, "工伤保险科：0000-8812360。"), ListItems.Item("填申请表；", 1), ListItems.Item("交材料。", 2)],
            blocks);
    }

    [Fact]
    public void APageLaidOutInATableIsReadAsContentAndItsDataTableAsRows()
    {
        var filler = new string('长', 210);
        var html = $"""
            <html><head><title>桥州市人社局 - 生活补助申领指南</title></head><body>
            <table><tr><td class="left-menu"><p>栏目导航</p></td><td>
              <p><b>一、在哪里办</b></p>
              <table border="1">
                <tr><td><b>区域</b></td><td><b>地址</b></td><td><b>电话</b></td></tr>
                <tr><td rowspan="2">主城</td><td>东风路45号</td><td>0000-4412601</td></tr>
                <tr><td>西湖大道310号</td><td>0000-4412602</td></tr>
              </table>
              <p>{filler}</p>
            </td></tr></table></body></html>
            """;

        var blocks = Read(".html", Encoding.UTF8.GetBytes(html));

        Assert.Equal(SourceBlock.DocumentTitle("生活补助申领指南"), blocks[0]);
        Assert.Contains(new SourceBlock(0, "一、在哪里办"), blocks);
        Assert.Equal(["主城 · 地址：东风路45号 · 电话：0000-4412601", "主城 · 地址：西湖大道310号 · 电话：0000-4412602"],
            blocks.Where(b => b.Kind == BlockKind.TableRow).Select(b => b.Text));
        Assert.DoesNotContain(blocks, b => b.Text.Contains("栏目导航", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("工伤认定办事指南_澜江市人力资源和社会保障局", "工伤认定办事指南")]
    [InlineData("澜江市人民政府 | 关于发放高温津贴的通知", "关于发放高温津贴的通知")]
    [InlineData("桥州市人社局 - 生活补助申领指南", "生活补助申领指南")]
    [InlineData("社保卡补办指南", "社保卡补办指南")]
    public void APageTitleLosesTheSiteName(string title, string expected) => Assert.Equal(expected, DocumentTitles.FromHtmlTitle(title));

    [Fact]
    public void MarkdownTablesAreRowsAndNumberedListsKeepTheirNumbers()
    {
        var md = "# 手册\n\n## 工作站\n\n| 工作站 | 电话 |\n|---|---|\n| 市中心站 | 0000-5197348 |\n\n## 步骤\n\n1. 打开App；\n2. 提交。\n";
        var blocks = Read(".md", Encoding.UTF8.GetBytes(md));
        Assert.Contains(SourceBlock.TableRow("市中心站 · 电话：0000-5197348", null), blocks);
        Assert.Equal(["1.打开App；", "2.提交。"], blocks.Where(b => b.Kind == BlockKind.ListItem).Select(b => b.Text));
    }

    // PdfPig's builder has no CJK font, so this PDF is in English; the Chinese PDF of the unseen documents set is
    // read below.
    [Fact]
    public void APdfKeepsLargerTypeAsHeadingsJoinsWrappedLinesAndReadsAlignedColumns()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText("Night school", 16, new PdfPoint(50, 780), font);
        page.AddText("Workers can join the night school of the city union every Wednesday evening at", 11, new PdfPoint(50, 750), font);
        page.AddText("seven, free of charge.", 11, new PdfPoint(50, 736), font);
        page.AddText("Place", 11, new PdfPoint(50, 700), font);
        page.AddText("Phone", 11, new PdfPoint(250, 700), font);
        page.AddText("North station", 11, new PdfPoint(50, 680), font);
        page.AddText("0000-5521807", 11, new PdfPoint(250, 680), font);
        page.AddText("South square", 11, new PdfPoint(50, 660), font);
        page.AddText("0000-5860432", 11, new PdfPoint(250, 660), font);
        page.AddText("3", 9, new PdfPoint(300, 40), font);

        var blocks = Read(".pdf", builder.Build());

        Assert.Equal(
            [new SourceBlock(1, "Night school"),
             new SourceBlock(0, "Workers can join the night school of the city union every Wednesday evening at seven, free of charge."),
             SourceBlock.TableRow("North station · Phone：0000-5521807", null), SourceBlock.TableRow("South square · Phone：0000-5860432", null)],
            blocks);
    }

    [Fact]
    public void AChromiumPrintedPdfIsReadWithItsTitleHeadingsParagraphsAndTable()
    {
        var blocks = DocumentReaders.ReadFile(Path.Combine(AppContext.BaseDirectory, "unseen-documents", "tongwan-heat.pdf"));

        Assert.Equal(SourceBlock.DocumentTitle("桐湾市关于做好2025年夏季高温天气劳动保护工作的通知"), blocks[0]);
        Assert.Contains(blocks, b => b.IsHeading && b.Text == "一、高温津贴");
        // A sentence wrapped over two lines is one paragraph again.
        Assert.Contains(blocks, b => b.Kind == BlockKind.Paragraph && b.Text.Contains("用人单位应当为高温作业劳动者免费提供足够的清凉饮料、防暑药品等防暑降温用品，不得以发放防暑降温饮料充抵高温津贴。", StringComparison.Ordinal));
        Assert.Contains(SourceBlock.TableRow("滨江驿站 · 地址：滨江公园南门 · 开放时间：7:00-21:00 · 提供服务：饮水、药箱、微波炉", null), blocks);
    }

    private enum VerticalMerge
    {
        None,
        Restart,
        Continue,
    }

    private static W.ParagraphProperties Style(string id) => new(new W.ParagraphStyleId { Val = id });

    private static W.Table Table(params W.TableRow[] rows) => new([new W.TableProperties(), .. rows]);

    private static W.TableRow Row(bool header, params W.TableCell[] cells)
    {
        var row = new W.TableRow();
        if (header)
        {
            row.Append(new W.TableRowProperties(new W.TableHeader()));
        }

        row.Append(cells);
        return row;
    }

    private static W.TableCell Cell(string text, VerticalMerge merge = VerticalMerge.None)
    {
        var cell = new W.TableCell(new W.Paragraph(new W.Run(new W.Text(text))));
        if (merge != VerticalMerge.None)
        {
            cell.PrependChild(new W.TableCellProperties(new W.VerticalMerge
            {
                Val = merge == VerticalMerge.Restart ? W.MergedCellValues.Restart : W.MergedCellValues.Continue,
            }));
        }

        return cell;
    }

    private static byte[] Docx(Func<WordprocessingDocument, OpenXmlElement[]> body, string? title = null)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body(body(doc)));
            if (title is not null)
            {
                doc.PackageProperties.Title = title;
            }
        }

        return stream.ToArray();
    }

    private static IReadOnlyList<SourceBlock> Read(string extension, byte[] content)
    {
        using var stream = new MemoryStream(content);
        return DocumentReaders.ForExtension(extension).Read(stream);
    }
}
