"""Word documents (.docx): the forms in their tables, read straight from the document XML.

The body is walked once with lxml: a paragraph outside the tables that belongs to a form (its
title, its year) becomes a one-cell row, other text around the tables a note; each table row
becomes a row with one cell per `w:tc` (horizontally merged cells appear once, as Word stores
them; a cell continuing a vertical merge is an empty cell, as a text flattening shows it). That
grid goes to the shared form reader (`formreader.read_forms`), the same one that reads the seed's
text, so a Word table and its text extraction read alike. A cell's paragraphs are joined with
line breaks. The "line" of a cell is the 1-based number of its block (paragraph or table row)
in the document body.

python-docx's `Document()` is not used for reading: it parses every part of the package and
builds a proxy per cell, several times slower than this single pass (see bench/docx_bench.py).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from lxml import etree

from jixiao.domain.form import Note, Source
from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.importers import labels as L
from jixiao.importers import register, values
from jixiao.importers.formreader import TITLE, read_forms
from jixiao.importers.grid import Cell, Grid
from jixiao.importers.zipsafe import open_zip, read_member
from jixiao.interchange import Batch

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, TBL, TR, TC, SDT = W + "p", W + "tbl", W + "tr", W + "tc", W + "sdt"
T, TAB, BR, CR = W + "t", W + "tab", W + "br", W + "cr"
CONTAINERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_OFFICE_DOC = re.compile(
    rb'Type="[^"]*/officeDocument"[^>]*Target="([^"]+)"|'
    rb'Target="([^"]+)"[^>]*Type="[^"]*/officeDocument"'
)


def sniff_docx(data: bytes, path: str) -> bool:
    if path.lower().endswith((".docx", ".docm", ".dotx")):
        return True
    return data.startswith(b"PK\x03\x04") and b"word/document" in data[-262144:]


def paragraph_text(p: etree._Element) -> str:
    """The text of a paragraph: runs, tabs and line breaks; deleted text and field codes skipped."""
    parts = []
    for node in p.iter(T, TAB, BR, CR):
        if node.tag == T:
            parts.append(node.text or "")
        elif node.tag == TAB:
            if node.getparent().tag == W + "r":  # a tab stop definition is not text
                parts.append("\t")
        elif node.get(W + "type") in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)


def cell_text(tc: etree._Element) -> str:
    return "\n".join(paragraph_text(p) for p in tc.iter(P))


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, looking through content controls and other wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in CONTAINERS:
            yield from _children(child, tag)


def _is_continued(tc: etree._Element) -> bool:
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and merge.get(W + "val", "continue") == "continue"


def table_rows(tbl: etree._Element, line: int) -> Iterator[list[Cell]]:
    for n, tr in enumerate(_children(tbl, TR)):
        row = [
            Cell("" if _is_continued(tc) else cell_text(tc), line + n) for tc in _children(tr, TC)
        ]
        if row:
            yield row


def blocks(body: etree._Element) -> Iterator[etree._Element]:
    for child in body:
        if child.tag in (P, TBL):
            yield child
        elif child.tag in CONTAINERS or child.tag == W + "sdtContent":
            yield from blocks(child)


_INLINE_LABEL = re.compile("(" + "|".join(map(re.escape, L.INLINE_LABELS)) + r")\s*[:：]")


def belongs_to_grid(text: str) -> bool:
    """A paragraph outside the tables that is part of a form: its title, its year, or labelled
    fields written as text. Other text around the tables (notes, signatures, 续表) is not."""
    folded = L.fold(text)
    if TITLE.match(folded) or _INLINE_LABEL.search(text):
        return True
    return values.budget_year(text) is not None and len(folded) < 20


def body_grid(body: etree._Element) -> tuple[Grid, int, list[Note]]:
    """The grid of the document body, how many tables it has, and notes on text left out."""
    rows: list[list[Cell]] = []
    notes: list[Note] = []
    line, tables = 1, 0
    for block in blocks(body):
        if block.tag == P:
            text = paragraph_text(block)
            if belongs_to_grid(text):
                rows.append([Cell(text, line)])
            elif text.strip():
                notes.append(
                    Note("outside-table", f"表格之外的文字未导入：{text.strip()[:40]}", line)
                )
            line += 1
            continue
        tables += 1
        for row in table_rows(block, line):
            rows.append(row)
            line = row[0].line + 1
    return Grid(rows, "docx"), tables, notes


def _main_part(package: object, path: str) -> str:
    rels = read_member(package, "_rels/.rels", path, "docx")  # type: ignore[arg-type]
    match = _OFFICE_DOC.search(rels)
    if not match:
        return "word/document.xml"
    target = (match.group(1) or match.group(2)).decode()
    return posixpath.normpath(target.lstrip("/"))


def document_body(data: bytes, path: str) -> etree._Element:
    package = open_zip(data, path, "docx")
    xml = read_member(package, _main_part(package, path), path, "docx")
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(
            Text(
                "Word 文档内容已损坏（XML 第 {line} 行）", "corrupt Word document (XML line {line})"
            ).format(line=exc.lineno),
            path=path,
        ) from None
    body = root.find(W + "body")
    if body is None:
        raise InputError(
            Text("不是 Word 文档：没有正文", "not a Word document: no body"), path=path
        )
    return body


@register("docx", "Word 文档（.docx）", (".docx",), sniff_docx)
def read_docx(data: bytes, source: Source) -> Batch:
    grid, tables, left_out = body_grid(document_body(data, source.path))
    if not tables:
        raise InputError(
            Text("Word 文档中没有表格：绩效目标表应为表格", "the Word document has no table"),
            path=source.path,
        )
    forms, outside = read_forms(grid)
    if not forms:
        raise InputError(
            Text(
                "Word 文档中未找到绩效目标表（表格中没有“项目名称”“绩效指标”等栏目）",
                "no performance-goal form found in the Word document's tables",
            ),
            path=source.path,
        )
    return Batch((source,), tuple(forms), tuple(left_out + outside))
