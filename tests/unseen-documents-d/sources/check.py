#!/usr/bin/env python3
"""Consistency check for unseen-documents set D.

For each document: extract plain text plus heading positions
  - guide.md    raw Markdown; headings are lines starting with '#'
  - page.html   html.parser text (script/style dropped); headings are h1-h6
  - table.docx  word/document.xml paragraphs; headings are Title/Heading1/Heading2 paragraphs
  - notice.pdf  pdftotext output, whitespace removed; headings are the h1-h3 of
                build/notice_src.html located in order in that text
Then for every line of docs/facts.jsonl verify:
  1. the section string is exactly one of the document's headings (and appears in the text);
  2. every fact appears verbatim in the text (whitespace-insensitive for PDF);
  3. every fact has an occurrence inside its section (between the section heading and the next heading);
  4. the question shares no run of more than 6 consecutive characters with the document
     (whitespace removed; traditional characters folded to simplified via a small table).
Also checks counts: 32 lines, 8 per doc, 8 questions containing traditional-only characters.
Exit code 0 on pass.
"""
import json
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import os
HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.dirname(HERE)
MAXRUN = 6

# traditional -> simplified for characters that may appear in questions
T2S = dict(zip(
    "灣區個驛站幾點關門會勞動監察訴曉縣裡辦證幾這補張錢頭醫報銷滿來電話問車點申請貼帶務時間後還麼樣說們沒開為個給錢買過題寫應該對裡體與這邊嗎",
    "湾区个驿站几点关门会劳动监察诉晓县里办证几这补张钱头医报销满来电话问车点申请贴带务时间后还么样说们没开为个给钱买过题写应该对里体与这边吗"))
TRAD_ONLY = set(T2S) - set(T2S.values())


def squash(s):
    return re.sub(r"\s+", "", s)


def md_doc(path):
    text = open(path, encoding="utf-8").read()
    heads = []
    pos = 0
    for line in text.splitlines(keepends=True):
        m = re.match(r"^(#{1,6})\s+(.*?)\s*$", line)
        if m:
            heads.append((pos + line.index(m.group(2)), m.group(2)))
        pos += len(line)
    return text, heads


class _HP(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.heads, self.skip, self.inhead, self.cur = [], [], 0, None, []

    def pos(self):
        return sum(len(p) for p in self.parts)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if re.fullmatch(r"h[1-6]", tag):
            self.inhead = self.pos()
            self.cur = []
        if tag in ("p", "div", "li", "tr", "td", "th", "br", "h1", "h2", "h3", "h4", "h5", "h6", "title"):
            self.parts.append("\n")
            if self.inhead is not None and re.fullmatch(r"h[1-6]", tag):
                self.inhead = self.pos()

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if re.fullmatch(r"h[1-6]", tag) and self.inhead is not None:
            self.heads.append((self.inhead, "".join(self.cur).strip()))
            self.inhead = None
        if tag in ("p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"):
            self.parts.append("\n")

    def handle_data(self, data):
        if self.skip:
            return
        self.parts.append(data)
        if self.inhead is not None:
            self.cur.append(data)


def html_doc(path):
    p = _HP()
    p.feed(open(path, encoding="utf-8").read())
    return "".join(p.parts), p.heads


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_doc(path):
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    text, heads = "", []
    for p in root.iter(W + "p"):
        st = p.find(f"{W}pPr/{W}pStyle")
        style = st.get(W + "val") if st is not None else ""
        t = "".join(x.text or "" for x in p.iter(W + "t"))
        if style in ("Title", "Heading1", "Heading2", "Heading3"):
            heads.append((len(text), t))
        text += t + "\n"
    return text, heads


def pdf_doc(path):
    raw = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
    text = squash(raw)
    src = html_doc(HERE + "/notice_src.html")[1]
    heads, start = [], 0
    for _, h in src:
        hs = squash(h)
        i = text.find(hs, start)
        if i < 0:
            raise SystemExit(f"PDF heading not found in extracted text: {h}")
        heads.append((i, hs))
        start = i + len(hs)
    return text, heads


LOADERS = {"guide.md": md_doc, "page.html": html_doc, "table.docx": docx_doc, "notice.pdf": pdf_doc}


def longest_common_run(a, b):
    best = 0
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def main():
    docs = {name: LOADERS[name](f"{DOCS}/{name}") for name in LOADERS}
    errors = []
    rows = [json.loads(l) for l in open(f"{DOCS}/facts.jsonl", encoding="utf-8") if l.strip()]
    per = {}
    trad = 0
    for n, r in enumerate(rows, 1):
        tag = f"line {n} ({r['doc']})"
        if set(r) != {"doc", "q", "facts", "any", "section"}:
            errors.append(f"{tag}: bad keys {sorted(r)}")
        per[r["doc"]] = per.get(r["doc"], 0) + 1
        text, heads = docs[r["doc"]]
        is_pdf = r["doc"].endswith(".pdf")
        norm = squash if is_pdf else (lambda s: s)
        sec = norm(r["section"])
        sec_idx = [k for k, (_, h) in enumerate(heads) if norm(h) == sec]
        if not sec_idx:
            errors.append(f"{tag}: section not a heading: {r['section']}")
            continue
        if sec not in text:
            errors.append(f"{tag}: section text not in document: {r['section']}")
        spans = []
        for k in sec_idx:
            s0 = heads[k][0]
            s1 = heads[k + 1][0] if k + 1 < len(heads) else len(text)
            spans.append((s0, s1))
        if not r["facts"]:
            errors.append(f"{tag}: no facts")
        for fact in r["facts"]:
            f = norm(fact)
            if f not in text:
                errors.append(f"{tag}: fact not in document: {fact}")
                continue
            occ = [m.start() for m in re.finditer(re.escape(f), text)]
            if not any(s0 <= o and o + len(f) <= s1 for o in occ for s0, s1 in spans):
                errors.append(f"{tag}: fact outside section '{r['section']}': {fact}")
        q = r["q"]
        if any(c in TRAD_ONLY for c in q):
            trad += 1
        qs = squash("".join(T2S.get(c, c) for c in q))
        run = longest_common_run(qs, squash(text))
        if run > MAXRUN:
            errors.append(f"{tag}: question shares {run} consecutive chars with document: {q}")
    if len(rows) != 32:
        errors.append(f"expected 32 lines, got {len(rows)}")
    for name in LOADERS:
        if per.get(name) != 8:
            errors.append(f"{name}: expected 8 questions, got {per.get(name)}")
    if trad != 8:
        errors.append(f"expected 8 traditional-character questions, got {trad}")
    for e in errors:
        print("FAIL", e)
    print(f"{len(rows)} questions, {sum(len(r['facts']) for r in rows)} facts, "
          f"{trad} traditional, per doc {per}")
    print("PASS" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
