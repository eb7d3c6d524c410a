#:package DocumentFormat.OpenXml@3.3.0
#:property ManagePackageVersionsCentrally=false
#:property PublishAot=false
// Writes ../songxi-skill-subsidy.docx for the second unseen-documents set: the title is the only Heading 1, sections
// are Heading 2, one table is a grid of trades by level, another lists service points by district. Run from this
// folder with `dotnet run make-docx.cs` and commit the output. Places and phone numbers are fictional (area code 0000).
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

Write("../songxi-skill-subsidy.docx", null,
[
    P("松溪市职业技能等级认定补贴办事指南", "Heading1"),
    P("一、补贴标准", "Heading2"),
    P("农民工取得职业技能等级证书后，按工种和等级给予一次性补贴，标准如下(单位：元)。"),
    Table(["工种", "初级(五级)", "中级(四级)", "高级(三级)"],
        ["保育师", "600", "1000", "1500"],
        ["养老护理员", "800", "1300", "2000"],
        ["中式烹调师", "500", "900", "1400"],
        ["叉车司机", "700", "1100", "不设"]),
    P("同一职业同一等级只能享受一次补贴；取得高一等级证书的，补差额部分。"),
    P("二、申领期限", "Heading2"),
    P("自证书核发之日起12个月内提出申领，超过期限的不予受理。"),
    P("三、申领材料", "Heading2"),
    P("申领时需提供本人身份证、职业技能等级证书和本人社会保障卡(金融账户已激活)。"),
    P("四、服务网点", "Heading2"),
    Table(["区县", "网点", "电话"],
        ["松城区", "区人力资源市场一楼职业能力建设窗口", "0000-3386201"],
        ["溪口区", "溪口区公共就业服务中心3号窗口", "0000-3386202"],
        ["松溪县", "县人社局二楼职业技能鉴定股", "0000-3386203"]),
    P("五、资金发放", "Heading2"),
    P("审核通过后30个工作日内将补贴资金发放到本人社会保障卡金融账户。"),
]);

static Paragraph P(string text, string? style = null)
{
    var paragraph = new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    if (style is not null)
    {
        paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
    }

    return paragraph;
}

static Table Table(string[] header, params string[][] rows)
{
    var border = new TableBorders(
        new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
        new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
    var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
    table.Append(Row(header, isHeader: true));
    foreach (var row in rows)
    {
        table.Append(Row(row, isHeader: false));
    }

    return table;
}

static TableRow Row(string[] cells, bool isHeader)
{
    var row = new TableRow();
    if (isHeader)
    {
        row.Append(new TableRowProperties(new TableHeader()));
    }

    foreach (var cell in cells)
    {
        var run = new Run(new Text(cell));
        if (isHeader)
        {
            run.PrependChild(new RunProperties(new Bold()));
        }

        row.Append(new TableCell(new Paragraph(run)));
    }

    return row;
}

static void Write(string path, string? title, OpenXmlElement[] body)
{
    using var doc = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
    var main = doc.AddMainDocumentPart();
    var styles = main.AddNewPart<StyleDefinitionsPart>();
    styles.Styles = new Styles(
        Style("Heading1", "heading 1", 32), Style("Heading2", "heading 2", 28));
    main.Document = new Document(new Body(body));
    if (title is not null)
    {
        doc.PackageProperties.Title = title;
    }

    doc.PackageProperties.Creator = "unseen-documents generator";
}

static Style Style(string id, string name, int halfPoints) => new(
    new StyleName { Val = name },
    new BasedOn { Val = "Normal" },
    new StyleRunProperties(new Bold(), new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
{
    Type = StyleValues.Paragraph,
    StyleId = id,
};
