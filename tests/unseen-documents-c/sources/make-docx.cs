#:package DocumentFormat.OpenXml@3.3.0
#:property ManagePackageVersionsCentrally=false
#:property PublishAot=false
// Writes ../qingyuan-school-enrollment.docx for the third unseen-documents set: no heading styles at all (sections are
// bold numbered paragraphs), no title property, the title as a plain first paragraph, and a table whose header spans
// two columns. Run from this folder with `dotnet run make-docx.cs` and commit the output. Fictional places and
// numbers (area code 0000).
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

using (var doc = WordprocessingDocument.Create("../qingyuan-school-enrollment.docx", WordprocessingDocumentType.Document))
{
    var main = doc.AddMainDocumentPart();
    main.Document = new Document(new Body(
        P("清源市2025年随迁子女义务教育入学须知", bold: true),
        P("一、报名条件", bold: true),
        P("父母一方在清源市务工并持有本市居住证，随迁子女年满6周岁(2019年8月31日前出生)的，可以申请就读小学一年级。"),
        P("二、报名时间", bold: true),
        P("网上报名时间为2025年6月10日至6月20日，逾期可以到区教育局补报。"),
        P("三、需要的材料", bold: true),
        P("(1)父母的居住证；"),
        P("(2)户口簿；"),
        P("(3)务工证明(劳动合同或者营业执照)；"),
        P("(4)儿童预防接种证。"),
        P("四、费用", bold: true),
        P("义务教育阶段免收学费和杂费，不得收取择校费。"),
        P("五、咨询电话", bold: true),
        Table(
            Row(Cell("区", 1), Cell("咨询方式", 2)),
            Row(Cell(""), Cell("单位"), Cell("电话")),
            Row(Cell("东湖区"), Cell("东湖区教育局招生办"), Cell("0000-2230101")),
            Row(Cell("西岭区"), Cell("西岭区教育局招生办"), Cell("0000-2230202")))));
}

static Paragraph P(string text, bool bold = false)
{
    var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    if (bold)
    {
        run.PrependChild(new RunProperties(new Bold()));
    }

    return new Paragraph(run);
}

static Table Table(params TableRow[] rows)
{
    var border = new TableBorders(
        new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
        new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
    return new Table([new TableProperties(border), .. rows]);
}

static TableRow Row(params TableCell[] cells) => new(cells);

static TableCell Cell(string text, int span = 1)
{
    var cell = new TableCell(new Paragraph(new Run(new Text(text))));
    if (span > 1)
    {
        cell.PrependChild(new TableCellProperties(new GridSpan { Val = span }));
    }

    return cell;
}
