#!/usr/bin/env python3
"""Build docs/table.docx (fictional 临湾市 flexible-worker medical insurance guide) as raw OOXML."""
import zipfile
from xml.sax.saxutils import escape

import os
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "table.docx")
TITLE = "临湾市灵活就业人员基本医疗保险参保缴费与待遇享受指南"

# ("T", text) title, ("H1", text), ("H2", text), ("P", text), ("TBL", [rows])
BODY = [
    ("T", TITLE),
    ("P", "临湾市医疗保障局　2026年1月"),
    ("P", "在临湾市打零工、跑外卖、做家政、开网约车的朋友，没有单位帮您交医保，可以自己以灵活就业人员身份参加基本医疗保险。本指南用问答的口吻，把怎么参保、交多少钱、多久能报销、住院能报多少讲清楚。"),
    ("H1", "一、哪些人可以参保"),
    ("P", "年满十六周岁、在临湾市从事灵活就业、未参加职工基本医疗保险的人员，可以按灵活就业人员身份参加职工基本医疗保险。外地户籍人员凭居民身份证即可办理，不要求本市户籍或居住证。"),
    ("P", "已经在户籍地参加城乡居民医保的，可以在临湾市改为参加职工医保，但同一时期只能参加一种基本医疗保险，不能重复享受待遇。"),
    ("P", "通过外卖、快递、网约车等平台接单的新就业形态劳动者，平台企业未为其缴纳职工医保的，也按本指南办理。已达到法定退休年龄但医保缴费年限不足的，可以按规定继续缴费至满足年限要求。"),
    ("H1", "二、每月交多少钱"),
    ("H2", "（一）缴费档次"),
    ("P", "灵活就业人员可以在下列三个档次中自选一档，按月缴费。缴费基数以上年度全市城镇单位就业人员月平均工资7200元为基础确定，每年7月1日调整一次。"),
    ("TBL", [
        ["缴费档次", "缴费基数（元/月）", "费率", "每月应缴（元）"],
        ["一档", "4320", "8%", "345.60"],
        ["二档", "7200", "8%", "576.00"],
        ["三档", "10800", "8%", "864.00"],
    ]),
    ("P", "以上费用全部由个人承担，其中含大病保险费。选择一档的，个人账户不划入资金；选择二档、三档的，每月按缴费基数的2%划入个人账户。"),
    ("H2", "（二）缴费方式"),
    ("P", "可以通过“临湾医保”微信小程序、各商业银行网点或税务大厅缴费，也可以签订银行代扣协议按月自动扣款。每月应当在当月25日前缴纳当月费用；当月未缴的，次月可以补缴，超过3个月未缴的视为中断缴费。"),
    ("H1", "三、怎么办理参保"),
    ("H2", "（一）办理渠道"),
    ("P", "线上：登录“临湾医保”微信小程序，选择“灵活就业人员参保登记”，按提示填写即可，一般1个工作日内审核完成。线下：到居住地街道（乡镇）便民服务中心医保窗口或临湾市医疗保障服务中心办理。"),
    ("P", "临湾市医疗保障服务中心地址：临湾市港北区通海路128号，工作日上午8:30—12:00，下午14:00—17:30；每周六上午9:00—12:00提供参保登记延时服务，其他业务周六不办理。"),
    ("H2", "（二）需要准备的材料"),
    ("P", "居民身份证原件；本人名下的银行借记卡（用于签订代扣协议）；从外地转入的，另需提供原参保地出具的参保凭证或医保关系转移接续联系函。"),
    ("H1", "四、交了钱多久能报销"),
    ("P", "首次参保的，自缴费到账的次月起连续缴费满90日后，才能享受住院和门诊统筹待遇，这段时间叫“等待期”。等待期内发生的医疗费用，医保基金不予支付。"),
    ("P", "中断缴费的，在中断之日起3个月内补缴中断期间费用的，不设等待期，待遇连续享受；中断超过3个月后再续保的，需要重新经过30日的等待期，其间费用不予报销。从外地职工医保转入且转移接续手续齐全的，不设等待期。"),
    ("H1", "五、住院能报多少"),
    ("H2", "（一）起付线和报销比例"),
    ("P", "在本市定点医疗机构住院，政策范围内费用扣除起付线后，按下表比例报销。一个自然年度内第二次及以后住院，起付线减半。"),
    ("TBL", [
        ["医院级别", "起付线（元）", "报销比例（在职）", "报销比例（退休）"],
        ["一级及社区卫生服务中心", "300", "90%", "92%"],
        ["二级医院", "600", "85%", "88%"],
        ["三级医院", "1000", "80%", "84%"],
    ]),
    ("P", "一个自然年度内，住院统筹基金最高支付限额为20万元；超过部分由大病保险按规定继续报销。"),
    ("P", "大病保险对一个自然年度内个人负担的政策范围内费用超过1.5万元的部分，分段给予60%至80%的报销，不设封顶线。被认定为低收入人口的，起付标准降低一半、报销比例提高5个百分点。"),
    ("H2", "（二）结算方式"),
    ("P", "入院时出示医保电子凭证或社会保障卡即可直接结算，个人只需支付自付部分。因急诊未能直接结算的，可以在出院之日起6个月内，携带身份证、发票、费用明细清单和出院小结到医保服务中心申请手工报销。"),
    ("H1", "六、看门诊能报吗"),
    ("P", "能报。在本市定点基层医疗机构普通门诊就医，政策范围内费用起付线为每年200元，报销比例为60%，一个自然年度最高支付2000元。个人账户里的钱可以用于支付本人在定点医院、定点药店发生的自付费用，也可以为配偶、父母、子女共济使用。确诊高血压、糖尿病等门诊慢特病的，经认定后按慢特病待遇执行，认定申请可通过定点医院医保办提交，医保部门在15个工作日内出具认定结果。"),
    ("H1", "七、回老家看病怎么办"),
    ("P", "回户籍地或到外地就医前，要先办理异地就医备案。临时外出就医的备案有效期为6个月，有效期内可以多次就医；长期在外地居住的，办理异地长期居住备案，备案后原则上6个月内不能变更。"),
    ("P", "备案可以通过国家医保服务平台App、“临湾医保”微信小程序办理，一般即时生效。未备案直接在外地住院的，回临湾后手工报销，报销比例在上表基础上降低10个百分点。"),
    ("H1", "八、咨询电话"),
    ("P", "医保政策咨询：临湾市医疗保障服务中心0965-3316688（工作日8:30—17:30）。医保基金违法违规使用举报：0965-3316699。缴费到账查询可拨打税务服务热线0965-3310366。"),
    ("P", "本指南由临湾市医疗保障局负责解释，如发现文字错误请致电办公室0965-3310001。"),
]


def run(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(text, style=None, bold=False):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{run(text, bold)}</w:p>"


def table(rows):
    ncol = len(rows[0])
    grid = "".join('<w:gridCol w:w="2200"/>' for _ in range(ncol))
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
           '<w:tblBorders>' + "".join(
               f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
               for b in ("top", "left", "bottom", "right", "insideH", "insideV")) +
           '</w:tblBorders></w:tblPr>', f"<w:tblGrid>{grid}</w:tblGrid>"]
    for i, r in enumerate(rows):
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if i == 0 else ""
        cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="2200" w:type="dxa"/></w:tcPr>{para(c, bold=(i == 0))}</w:tc>' for c in r)
        out.append(f"<w:tr>{trpr}{cells}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

parts = []
for kind, val in BODY:
    if kind == "T":
        parts.append(para(val, "Title"))
    elif kind == "H1":
        parts.append(para(val, "Heading1"))
    elif kind == "H2":
        parts.append(para(val, "Heading2"))
    elif kind == "P":
        parts.append(para(val))
    elif kind == "TBL":
        parts.append(table(val))
        parts.append("<w:p/>")

document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W_NS}><w:body>'
            + "".join(parts) +
            '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>'
            '</w:body></w:document>')

styles = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W_NS}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="SimSun"/><w:sz w:val="22"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="160" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style>
</w:styles>'''

content_types = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>'''

rels = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>'''

doc_rels = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>'''

core = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{escape(TITLE)}</dc:title>
<dc:creator>临湾市医疗保障局</dc:creator>
<dc:language>zh-CN</dc:language>
<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-10T08:00:00Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-10T08:00:00Z</dcterms:modified>
</cp:coreProperties>'''

app = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>CityWarmth test generator</Application></Properties>'''

with zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", content_types)
    z.writestr("_rels/.rels", rels)
    z.writestr("word/document.xml", document)
    z.writestr("word/_rels/document.xml.rels", doc_rels)
    z.writestr("word/styles.xml", styles)
    z.writestr("docProps/core.xml", core)
    z.writestr("docProps/app.xml", app)
print("wrote", OUT)
