"""The grid of rows and cells of a Word document body, for the shared form reader.

A paragraph outside the tables that belongs to a form (its title, its year) becomes a one-cell
row; other text around the tables becomes a note. Each table row becomes a row with one cell per
`w:tc`: a horizontally merged cell appears once, as Word stores it; a cell continuing a vertical
merge is an empty cell, as a text flattening shows it. A cell's paragraphs are joined with line
breaks; `w:tab` is a tab, `w:br`/`w:cr` a line break; deleted text and field codes are not text.
A cell's "line" is the 1-based number of its block (body paragraph or table row).

The grid comes from the tree lxml parses, the one way jixiao reads Word: libxslt walks it and
writes the text with marker characters from the Private Use Area (`fast_grid`); the rare document
whose text itself holds those characters is walked in Python instead (`walked_grid`), to the same
grid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from jixiao.domain.form import Note
from jixiao.i18n import Text
from jixiao.importers import labels as L
from jixiao.importers import values
from jixiao.importers.formreader import TITLE
from jixiao.importers.grid import Cell, Grid

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, TBL, TR, TC = W + "p", W + "tbl", W + "tr", W + "tc"
T, TAB, BR, CR = W + "t", W + "tab", W + "br", W + "cr"
TCPR, VMERGE, VAL = W + "tcPr", W + "vMerge", W + "val"
CONTAINERS = (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins")
TABLE, PARA, ROW, CELL = "\ue000", "\ue001", "\ue002", "\ue003"
CONTINUED, LINE = "\ue004", "\ue005"  # inside a cell: continues a vertical merge; a paragraph
_MARKERS = re.compile("([\ue000-\ue002])")
_MARKER_BYTES = re.compile(rb"\xee\x80[\x80-\x85]")  # U+E000..U+E005 in UTF-8

# Modes: default for the body (tables, rows, cells, paragraphs), "c" inside a cell, "t" inside a
# paragraph. Every node is visited once; property elements are skipped whole.
_XSLT = etree.XSLT(
    etree.XML(
        f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
 xmlns:w="{W[1:-1]}">
<xsl:output method="text" encoding="utf-8"/>
<xsl:template match="text()"/>
<xsl:template match="text()" mode="c"/>
<xsl:template match="text()" mode="t"/>
<xsl:template match="w:tbl"><xsl:text>{TABLE}</xsl:text><xsl:apply-templates/></xsl:template>
<xsl:template match="w:tr"><xsl:text>{ROW}</xsl:text><xsl:apply-templates/></xsl:template>
<xsl:template match="w:tc"><xsl:text>{CELL}</xsl:text><xsl:apply-templates mode="c"/>
</xsl:template>
<xsl:template match="w:p"><xsl:text>{PARA}</xsl:text><xsl:apply-templates mode="t"/>
</xsl:template>
<xsl:template match="w:tcPr" mode="c">
 <xsl:if test="w:vMerge[not(@w:val='restart')]"><xsl:text>{CONTINUED}</xsl:text></xsl:if>
</xsl:template>
<xsl:template match="w:tc" mode="c"><xsl:apply-templates select="*[not(self::w:tcPr)]" mode="c"/>
</xsl:template>
<xsl:template match="w:p" mode="c"><xsl:text>{LINE}</xsl:text><xsl:apply-templates mode="t"/>
</xsl:template>
<xsl:template match="w:pPr|w:rPr|w:tcPr|w:trPr|w:tblPr|w:tblGrid|w:sectPr" mode="t"/>
<xsl:template match="w:t" mode="t"><xsl:value-of select="."/></xsl:template>
<xsl:template match="w:r/w:tab" mode="t"><xsl:text>&#9;</xsl:text></xsl:template>
<xsl:template match="w:br[not(@w:type) or @w:type='textWrapping'] | w:cr" mode="t">
 <xsl:text>&#10;</xsl:text>
</xsl:template>
<xsl:template match="w:p" mode="t"><xsl:text>&#10;</xsl:text><xsl:apply-templates mode="t"/>
</xsl:template>
</xsl:stylesheet>""".encode()
    )
)
_INLINE_LABEL = re.compile("(" + "|".join(map(re.escape, L.INLINE_LABELS)) + r")\s*[:：]")


def belongs_to_grid(text: str) -> bool:
    """A paragraph outside the tables that is part of a form: its title, its year, or labelled
    fields written as text. Other text around the tables (notes, signatures, 续表) is not."""
    folded = L.fold(text)
    if TITLE.match(folded) or _INLINE_LABEL.search(text):
        return True
    return values.budget_year(text) is not None and len(folded) < 20


def form_line(text: str) -> bool:
    """Whether a line of text outside the tables belongs to a form: its title, its year, a
    labelled field (`docx_grid.belongs_to_grid`), or the unit of its amounts (`单位：万元`)."""
    return belongs_to_grid(text) or (len(text) < 80 and values.unit_line(text) is not None)


class GridBuilder:
    """Collects rows, line numbers and notes from blocks in document order."""

    def __init__(self) -> None:
        self.rows: list[list[Cell]] = []
        self.notes: list[Note] = []
        self.line = 1
        self.tables = 0
        self.table_line = 1  # line of the first row of the current table
        self.table_rows = 0

    def paragraph(self, text: str) -> None:
        if belongs_to_grid(text):
            self.rows.append([Cell(text, self.line)])
        elif text.strip():
            left = text.strip()[:40]
            note = Text(
                f"表格之外的文字未导入：{left}", f"text outside the table not imported: {left}"
            )
            self.notes.append(Note.of("outside-table", note, self.line))
        self.line += 1

    def table(self) -> None:
        self.tables += 1
        self.table_line, self.table_rows = self.line, 0

    def row(self, texts: list[str]) -> None:
        line = self.table_line + self.table_rows
        self.table_rows += 1
        if texts:
            self.rows.append([Cell(text, line) for text in texts])
            self.line = line + 1

    def result(self) -> tuple[Grid, int, list[Note]]:
        return Grid(self.rows, "docx"), self.tables, self.notes


def body_grid(body: etree._Element, xml: bytes = b"") -> tuple[Grid, int, list[Note]]:
    """The grid of the body, how many tables it has, and notes on text left out. `xml` is the
    part the body was parsed from: when it holds none of the marker characters, the fast path."""
    if xml and not _MARKER_BYTES.search(xml):
        return fast_grid(body)
    return walked_grid(body)


def fast_grid(body: etree._Element) -> tuple[Grid, int, list[Note]]:
    builder = GridBuilder()
    parts = _MARKERS.split(str(_XSLT(body)))
    for marker, content in zip(parts[1::2], parts[2::2], strict=True):
        if marker == PARA:
            builder.paragraph(content)
        elif marker == TABLE:
            builder.table()
        else:
            builder.row([_cell(text) for text in content.split(CELL)[1:]])
    return builder.result()


def _cell(text: str) -> str:
    return "" if CONTINUED in text else "\n".join(text.split(LINE)[1:])


# The general path ----------------------------------------------------------------------------


def paragraph_text(p: etree._Element) -> str:
    """The text of a paragraph: runs, tabs and line breaks; deleted text and field codes skipped;
    a paragraph inside it (a text box) on a line of its own."""
    parts = []
    for node in p.iter(T, TAB, BR, CR, P):
        if node.tag == T:
            parts.append(node.text or "")
        elif node.tag == P:
            if node is not p:
                parts.append("\n")
        elif node.tag == TAB:
            if node.getparent().tag == W + "r":  # a tab stop definition is not text
                parts.append("\t")
        elif node.get(W + "type") in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)


def _outermost(p: etree._Element, tc: etree._Element) -> bool:
    """Whether `p` is a paragraph of the cell itself, not one inside another paragraph."""
    for ancestor in p.iterancestors():
        if ancestor is tc:
            return True
        if ancestor.tag == P:
            return False
    return True


def cell_text(tc: etree._Element) -> str:
    props = tc.find(TCPR)
    merge = props.find(VMERGE) if props is not None else None
    if merge is not None and merge.get(VAL, "continue") != "restart":
        return ""
    return "\n".join(paragraph_text(p) for p in tc.iter(P) if _outermost(p, tc))


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, looking through content controls and other wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in CONTAINERS:
            yield from _children(child, tag)


def _blocks(body: etree._Element) -> Iterator[etree._Element]:
    for child in body:
        if child.tag in (P, TBL):
            yield child
        elif child.tag in CONTAINERS:
            yield from _blocks(child)


def walked_grid(body: etree._Element) -> tuple[Grid, int, list[Note]]:
    builder = GridBuilder()
    for block in _blocks(body):
        if block.tag == P:
            builder.paragraph(paragraph_text(block))
            continue
        builder.table()
        for tr in _children(block, TR):
            builder.row([cell_text(tc) for tc in _children(tr, TC)])
    return builder.result()
