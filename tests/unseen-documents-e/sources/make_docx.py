# -*- coding: utf-8 -*-
"""Writes docs/table.docx as raw OOXML with zipfile: fictional flexible-worker social-insurance table."""
import os, zipfile
from xml.sax.saxutils import escape

TITLE = "澜江市2026年灵活就业人员社会保险缴费标准及办理指南"

# blocks: ("title"|"h1"|"p", text) or ("table", [rows])
BLOCKS = [
    ("title", TITLE),
    ("p", "澜江市医疗保障局　澜江市社会保险事业管理中心　2026年1月（虚构示例，仅供测试使用）"),
    ("p", "外卖骑手、网约车司机、家政服务员等没有用人单位的灵活就业人员，可以按下表自选档次缴纳基本养老保险和基本医疗保险。"),
    ("h1", "一、缴费档次与每月缴费额"),
    ("table", [
        ["档次", "月缴费基数", "养老保险（每月）", "医疗保险（每月）", "合计（每月）"],
        ["第一档", "4200元", "840元", "315元", "1155元"],
        ["第二档", "6000元", "1200元", "450元", "1650元"],
        ["第三档", "8400元", "1680元", "630元", "2310元"],
    ]),
    ("p", "养老保险按缴费基数的20%缴纳，医疗保险按7.5%缴纳，全部由个人承担。每年1月可以调整一次档次。"),
    ("h1", "二、缴费方式和缴费时间"),
    ("table", [
        ["缴费方式", "缴费时间", "说明"],
        ["按月缴费", "每月1日至25日", "银行从社保卡账户自动扣款，余额不足视为当月未缴"],
        ["按年缴费", "每年12月20日前", "一次缴清次年全年费用"],
        ["补缴", "中断后3个月以内", "超过3个月的中断期不能补缴"],
    ]),
    ("h1", "三、各区参保登记窗口"),
    ("table", [
        ["区", "窗口名称", "地址", "电话", "办公时间"],
        ["澜东区", "澜东区社保经办大厅", "澜东区兴业街19号", "0000-5518801", "周一至周五 9:00-17:00"],
        ["江北区", "江北区社保服务站", "江北区港前路305号", "0000-5518802", "周一至周五 8:30-17:30"],
        ["西湾新区", "西湾新区便民服务中心", "西湾新区湾畔路7号", "0000-5518803", "周一至周六 9:00-16:30"],
    ]),
    ("h1", "四、社会保险补贴"),
    ("table", [
        ["补贴对象", "补贴标准", "补贴期限", "申请时限"],
        ["登记失业的就业困难人员", "按实际缴费额的三分之二给予补贴", "最长3年", "灵活就业登记之日起6个月内申请"],
        ["距法定退休年龄不足5年的就业困难人员", "按实际缴费额的三分之二给予补贴", "可延长至退休", "灵活就业登记之日起6个月内申请"],
        ["离校2年内未就业高校毕业生", "按实际缴费额的三分之一给予补贴", "最长2年", "灵活就业登记之日起6个月内申请"],
    ]),
    ("h1", "五、其他说明"),
    ("p", "非本市户籍人员可在本市以灵活就业人员身份参保，不需要提供居住证。"),
    ("p", "已在老家参加城乡居民养老保险的，在本市参加职工养老保险前应先办理停保，不能同时参加两种养老保险。"),
]

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def run(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(text, style=None, bold=False):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{run(text, bold)}</w:p>"


def table(rows):
    ncol = len(rows[0])
    border = ('<w:tblBorders>' + ''.join(
        f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for b in ("top", "left", "bottom", "right", "insideH", "insideV")) + '</w:tblBorders>')
    x = f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>{border}</w:tblPr><w:tblGrid>'
    x += ''.join('<w:gridCol w:w="1800"/>' for _ in range(ncol)) + '</w:tblGrid>'
    for i, r in enumerate(rows):
        x += '<w:tr>' + ''.join(
            f'<w:tc><w:tcPr><w:tcW w:w="1800" w:type="dxa"/></w:tcPr>{para(c, bold=(i == 0))}</w:tc>' for c in r) + '</w:tr>'
    return x + '</w:tbl>'


def document():
    body = []
    for kind, v in BLOCKS:
        if kind == "title":
            body.append(para(v, "Title"))
        elif kind == "h1":
            body.append(para(v, "Heading1"))
        elif kind == "p":
            body.append(para(v))
        else:
            body.append(table(v))
            body.append("<w:p/>")
    sect = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1200" w:bottom="1440" w:left="1200" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}><w:body>'
            + "".join(body) + sect + '</w:body></w:document>')


STYLES = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NS}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="SimSun" w:eastAsia="SimSun" w:hAnsi="SimSun"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
</w:styles>'''

CONTENT_TYPES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>'''

RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>'''

DOC_RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>'''

CORE = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{escape(TITLE)}</dc:title><dc:creator>CityWarmth evaluation</dc:creator>
</cp:coreProperties>'''

if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "table.docx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document())
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/styles.xml", STYLES)
        z.writestr("docProps/core.xml", CORE)
    print("wrote", out)
