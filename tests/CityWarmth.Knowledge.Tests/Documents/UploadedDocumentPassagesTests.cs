using System.Text;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Readers;
using CityWarmth.Knowledge.Versions;

namespace CityWarmth.Knowledge.Tests.Documents;

/// <summary>How uploaded documents become passages: titles, list items, tables under their captions.</summary>
public sealed class UploadedDocumentPassagesTests
{
    [Fact]
    public void AnUploadWithoutATitleIsCitedByTheTitleInTheDocumentNotByItsFileName()
    {
        // An upload without a title gets its file name as the title; the document's own heading is better.
        var document = Parse("handbook3-hidden.md", "# 青禾市夜校报名手册\n\n## 报名\n\n每周三晚上报名。\n", title: "handbook3-hidden");
        Assert.Equal("青禾市夜校报名手册", document.Title);
        Assert.All(document.Passages, p => Assert.Equal("青禾市夜校报名手册", p.Title));

        var given = Parse("handbook3-hidden.md", "# 青禾市夜校报名手册\n\n## 报名\n\n每周三晚上报名。\n", title: "夜校手册(2025版)");
        Assert.Equal("夜校手册(2025版)", given.Title);

        var bare = Parse("notes.txt", "一、报名\n每周三晚上报名。\n", title: "notes");
        Assert.Equal("notes", bare.Title);
    }

    [Fact]
    public void NumberedListItemsStayInTheirSectionInsteadOfOpeningEmptySections()
    {
        var document = Parse("guide.txt", "四、申请材料\n1.本人居民身份证；\n2.劳动合同；\n3.本人名下的银行卡。\n五、受理窗口\n鼓楼区政务服务中心。\n");

        var materials = Assert.Single(document.Passages, p => p.SectionKey == "四");
        Assert.Equal("四、申请材料\n1.本人居民身份证；\n2.劳动合同；\n3.本人名下的银行卡。", materials.Text);
        Assert.Contains(document.Passages, p => p.SectionKey == "五");
    }

    [Fact]
    public void NumberedSectionsWithTextAfterTheirHeadingAreStillSections()
    {
        // The notice's shape: "(一)heading。body" lines one after another.
        var document = Parse("notice.txt", "二、活动内容\n(一)做好就业服务。举办专场招聘会。\n(二)提升技能。开展技能培训。\n");
        Assert.Equal(["二(一)", "二(二)"], document.Passages.Select(p => p.SectionKey));
    }

    [Fact]
    public void ACaptionedTableIsASectionOfItsOwnAndTheTextAfterItReturnsToTheParentSection()
    {
        SourceBlock[] blocks =
        [
            new(2, "二、补贴标准"),
            new(0, "补贴按类别确定。"),
            SourceBlock.TableRow("普通务工人员 · 中心城区：300元/月", "表1 租房补贴标准"),
            SourceBlock.TableRow("中级工 · 中心城区：500元/月", "表1 租房补贴标准"),
            new(0, "累计享受不超过36个月。"),
        ];

        var document = PassageSplitter.Build(new DocumentMetadata { Id = "rent", Title = "租房补贴指南" }, blocks, "rent.docx");

        Assert.Equal(
            [("二、补贴标准", "二、补贴标准\n补贴按类别确定。"), ("表1 租房补贴标准", "表1 租房补贴标准\n普通务工人员 · 中心城区：300元/月\n中级工 · 中心城区：500元/月"),
             ("二、补贴标准", "累计享受不超过36个月。")],
            document.Passages.Select(p => (p.Heading, p.Text)));
        Assert.Equal(["二、补贴标准", "表1 租房补贴标准"], document.Passages[1].SectionPath);
    }

    [Fact]
    public void ALongTableIsSplitBetweenRowsNeverInsideOne()
    {
        var rows = Enumerable.Range(1, 40).Select(i => SourceBlock.TableRow($"第{i}服务点 · 地址：幸福路{i}号 · 电话：0000-55{i:00}000", null));
        var document = PassageSplitter.Build(new DocumentMetadata { Id = "points", Title = "服务点" }, [new SourceBlock(1, "服务点"), new SourceBlock(2, "一览"), .. rows], "p.md");

        Assert.True(document.Passages.Count > 1);
        var lines = document.Passages.SelectMany(p => p.Text.Split('\n')).Where(TableText.IsRow).ToList();
        Assert.Equal(40, lines.Count);
        Assert.All(lines, l => Assert.Matches(@"^第\d+服务点 · 地址：幸福路\d+号 · 电话：0000-\d{7}$", l));
    }

    [Fact]
    public void EachQuestionOfAQAndAIsASectionWithItsAnswer()
    {
        var document = Parse("faq.md", "# 入会问答\n\n**问：入会要交会费吗？**\n\n答：按工资的千分之五交纳。\n\n**问：有法律问题找谁？**\n\n答：拨打12351。\n");

        Assert.Equal(
            [("入会要交会费吗？", "入会要交会费吗？\n答：按工资的千分之五交纳。"), ("有法律问题找谁？", "有法律问题找谁？\n答：拨打12351。")],
            document.Passages.Select(p => (p.Heading, p.Text)));
    }

    private static PolicyDocument Parse(string fileName, string text, string? title = null) =>
        KnowledgeSet.Parse(new DocumentMetadata { Id = "doc", Title = title ?? Path.GetFileNameWithoutExtension(fileName) }, fileName, Encoding.UTF8.GetBytes(text));
}
