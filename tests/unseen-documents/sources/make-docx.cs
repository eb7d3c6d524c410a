#:package DocumentFormat.OpenXml@3.3.0
#:property ManagePackageVersionsCentrally=false
#:property PublishAot=false
// Writes the two Word documents of the unseen-documents set (../ningchuan-rent-subsidy.docx and
// ../meiling-women-workers.docx). Run from this folder with `dotnet run make-docx.cs` and commit the output.
// The first has a Title-style paragraph and no title property; the second has only the title property
// (dc:title). Both hold tables, one with a caption paragraph before it. All places and phone numbers are fictional
// (area code 0000).
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

Write("../ningchuan-rent-subsidy.docx", null,
[
    P("宁川市新就业农民工租房补贴申领指南", "Title"),
    P("为帮助新就业农民工在城市安居，宁川市对符合条件的农民工发放租房补贴。申领办法如下。"),
    P("一、补贴对象", "Heading1"),
    P("在宁川市就业、与用人单位签订1年以上劳动合同并在本市连续缴纳社会保险满6个月，本人及配偶在本市无自有住房的农民工，可以申请租房补贴。"),
    P("二、补贴标准", "Heading1"),
    P("租房补贴按人员类别和租房所在区域确定，标准如下。"),
    P("表1 租房补贴标准(单位：元/月)"),
    Table(["人员类别", "中心城区", "其他区县"],
        ["普通务工人员", "300", "200"],
        ["取得中级工(四级)职业资格或技能等级证书", "500", "400"],
        ["取得高级工(三级)及以上职业资格或技能等级证书", "800", "600"]),
    P("补贴按月计算、按季度发放，同一人累计享受租房补贴最长不超过36个月。"),
    P("三、申请时间", "Heading1"),
    P("每年3月1日至3月31日、9月1日至9月30日集中受理申请，其他时间不受理。"),
    P("四、申请材料", "Heading1"),
    P("1.本人居民身份证；"),
    P("2.劳动合同；"),
    P("3.社会保险缴费证明(可在社保窗口打印)；"),
    P("4.房屋租赁合同及租赁备案证明；"),
    P("5.本人名下的银行卡(一类账户)。"),
    P("五、受理窗口", "Heading1"),
    Table(["区", "受理地点", "联系电话", "受理时间"],
        ["鼓楼区", "鼓楼区政务服务中心二楼15号窗口(中山北路66号)", "0000-7731026", "工作日9:00-17:00"],
        ["临江区", "临江区住房保障服务站(滨江东路120号)", "0000-7745518", "工作日8:30-17:30"],
        ["高新区", "高新区党群服务中心一楼(科创大道9号)", "0000-7768803", "周一至周六9:00-17:00"]),
    P("六、补贴发放", "Heading1"),
    P("审核通过后，补贴于每季度首月20日前发放到申请人本人银行卡，不发放现金。"),
    P("七、咨询电话", "Heading1"),
    P("宁川市住房保障中心：0000-8365120。"),
]);

Write("../meiling-women-workers.docx", "梅岭市女职工劳动保护问答",
[
    P("梅岭市总工会根据《女职工劳动保护特别规定》整理了女职工最常问的几个问题，供农民工姐妹参考。"),
    P("产假", "Heading1"),
    P("女职工生育享受98天产假，其中产前可以休假15天。产假期间的待遇由生育保险支付。"),
    P("表 产假天数一览", "Caption"),
    Table(["情形", "假期"],
        ["顺产", "98天"],
        ["难产", "在98天基础上增加15天"],
        ["生育多胞胎", "每多生育1个婴儿增加15天"],
        ["怀孕未满4个月流产", "15天"],
        ["怀孕满4个月流产", "42天"]),
    P("孕期保护", "Heading1"),
    P("用人单位不得因女职工怀孕、生育、哺乳降低其工资、予以辞退、与其解除劳动或者聘用合同。"),
    P("对怀孕7个月以上的女职工，用人单位不得延长劳动时间或者安排夜班劳动，并应当在劳动时间内安排一定的休息时间。"),
    P("怀孕女职工在劳动时间内进行产前检查，所需时间计入劳动时间。"),
    P("哺乳期", "Heading1"),
    P("对哺乳未满1周岁婴儿的女职工，用人单位应当在每天的劳动时间内为哺乳期女职工安排1小时哺乳时间；女职工生育多胞胎的，每多哺乳1个婴儿每天增加1小时哺乳时间。"),
    P("生育津贴", "Heading1"),
    P("女职工产假期间的生育津贴，对已经参加生育保险的，按照用人单位上年度职工月平均工资的标准由生育保险基金支付；对未参加生育保险的，按照女职工产假前工资的标准由用人单位支付。"),
    P("求助电话", "Heading1"),
    P("遇到侵害女职工权益的情况，可以拨打梅岭市总工会女职工维权热线0000-3312351。"),
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
        Style("Title", "Title", 36), Style("Heading1", "heading 1", 28), Style("Caption", "caption", 20));
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
