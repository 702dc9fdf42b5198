"""The grid of rows and cells of a Word document body, for the shared form reader.

A paragraph outside the tables that belongs to a form (its title, its year) becomes a one-cell
row; other text around the tables becomes a note. Each table row becomes a row with one cell per
`w:tc`: a horizontally merged cell appears once, as Word stores it; a cell continuing a vertical
merge is an empty cell, as a text flattening shows it. A cell's paragraphs are joined with line
breaks; `w:tab` is a tab, `w:br`/`w:cr` a line break; deleted text and field codes are not text.
A cell's "line" is the 1-based number of its block (body paragraph or table row).

Three extractions give the same grid. The first (`bytes_grid`) needs no tree: one regular
expression picks the few tags that matter (the start tags of tables, rows, cells and paragraphs,
text, vertical merges, tabs and breaks) out of the XML bytes in C, and Python splits what is left.
It reads only documents that can be read that way exactly (see "The bytes path" below) and says
None to any other; the reader then parses the XML and uses the second, where libxslt walks the
tree and writes the text with marker characters from the Private Use Area, or the third, which
walks it in Python and serves the rare document whose text itself contains those characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from lxml import etree

from jixiao.domain.form import Note
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
            note = f"表格之外的文字未导入：{text.strip()[:40]}"
            self.notes.append(Note("outside-table", note, self.line))
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


# The bytes path ------------------------------------------------------------------------------
#
# Read straight from the XML of a document that is well-formed (the reader checks that with a
# parse that builds no tree) and simple enough for its text to be read without one:
# - UTF-8 XML 1.0, the root element `w:document` binding `w:` to WordprocessingML and no other
#   prefix to it, its `w:body` a child of it, no namespace declaration inside the body;
# - no comment, CDATA section, processing instruction or equation in the body;
# - tables not nested in cells, no text boxes (paragraphs inside paragraphs), no tracked change
#   of cell properties (an old vertical merge), no `w:t` with child elements;
# - as the schema has them: paragraphs in the body or in cells, runs in paragraphs, a cell's
#   properties first in it; tabs, breaks and merges written as Word writes them (a tab stop has
#   attributes, a tab character has none).
# Then, as in the tree paths, the text of a paragraph is its `w:t` elements in order (whatever
# wraps them: runs, hyperlinks, insertions, fields' results, content controls), with `w:tab` a tab
# and `w:br`/`w:cr` a line break; deleted text and field codes are not `w:t` and are not read.
# Anything else is None, and the tree paths read the document.
#
# Tables, rows, cells and paragraphs are known by their start tags, as in the XSLT's output; where
# a table ends, by its end tag, found first (with what sends a document to the tree paths).

_WML = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ATTRS = rb"""\s(?:\s*[^\s=<>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*"""  # after a name
_EMPTY = rb"(?:/|" + _ATTRS + rb"/)>"  # the end of an empty element's tag
_ODD = rb"[\s/>][^<]*<"  # a tag of these names written otherwise: up to the next `<`
_TABLE_END_TAG = re.compile(rb"</w:tbl\s*>")
# Every match is one token: a start tag (up to its name), an empty element, or a `w:t` start tag
# with its text. A tag of these names in a form not handled (`<w:tab>`, a `w:t` with an element
# inside, an empty `w:tbl`, ...) is matched up to and including the next `<`, as are text boxes
# and tracked cell properties: `<<` in the joined tokens, which no other tokens can give (text has
# no `<`), sends the document to the tree paths. The names are tried letter by letter, the most
# frequent first, so that the many other tags fail at once; a merge's first cell is no token.
_TOKENS = re.compile(
    (
        rb"<w:(?:p(?=[\s/>])|t(?:c(?=[\s/>])|r(?=[\s/>])|>TEXT| xml:space=\"preserve\">TEXT"
        rb"|ATTRS(?:>TEXT|/>)|/>|ODD|bl(?=[\s>])|bl/[^<]*<|ab(?:EMPTY|ODD)|xbxContentODD"
        rb"|cPrChangeODD)|vMerge(?! w:val=\"restart\"/>)(?:EMPTY|ODD)|[bc]r(?:EMPTY|ODD))"
    )
    .replace(b"TEXT", rb"[^<]*(?=</w:t\s*>)")
    .replace(b"EMPTY", _EMPTY)
    .replace(b"ODD", _ODD)
    .replace(b"ATTRS", _ATTRS)
)
# After the text's start tags are dropped and empty elements replaced, the start tags of tables,
# rows, cells and paragraphs (`<w:tbl`, `<w:tr`, `<w:tc`, `<w:p`) mark where each starts; two
# marker characters, which cannot be in the text of a well-formed XML 1.0 document (not even as a
# character reference), mark where a table ends and a cell that continues a vertical merge.
_TBL, _TR, _TC, _P = "<w:tbl", "<w:tr", "<w:tc", "<w:p"
_TABLE_END, _CONTINUED = "\x02", "\x06"
# The tokens that are not start tags, as Word and python-docx write them, most frequent first.
_REPLACE = (
    (b'<w:t xml:space="preserve">', b""),
    (b"<w:t>", b""),
    (b'<w:t xml:space="preserve"/>', b""),
    (b"<w:vMerge/>", _CONTINUED.encode()),
    (b'<w:vMerge w:val="continue"/>', _CONTINUED.encode()),
    (b"<w:tab/>", b"\t"),
    (b"<w:br/>", b"\n"),
    (b'<w:br w:type="page"/>', b""),
    (b"<w:cr/>", b"\n"),
)
_OTHER_TOKEN = re.compile(
    rb"""<w:(t|vMerge|tab|br|cr)((?:\s+[^\s=<>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*)/?>"""
)
_ATTR = re.compile(rb"""([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ATTR_SPACE = bytes.maketrans(b"\t\n\r", b"   ")
_PROLOG = re.compile(
    rb"""(?:\xef\xbb\xbf)?(?:<\?xml\s+version\s*=\s*(["'])1\.0\1"""
    rb"""(?:\s+encoding\s*=\s*(["'])(?i:utf-8)\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>)?"""
    rb"""\s*<w:document(\s[^>]*)?>\s*<w:body(?:>|""" + _ATTRS + rb">)"
)
_END = re.compile(rb"</w:body\s*>\s*</w:document\s*>\s*\Z")
_XMLNS = re.compile(rb"xmlns")
_NAMESPACE = re.compile(rb"xmlns(?::w)?\s*=|" + re.escape(_WML))
_PARAGRAPHS = "(?:<w:p[^<\x02\x06]*)*"
_STRUCTURE = re.compile(  # paragraphs, then a table: rows of cells of paragraphs; and so on
    f"(?:{_PARAGRAPHS}<w:tbl(?:<w:tr(?:<w:tc\x06?{_PARAGRAPHS})*)*\x02)*{_PARAGRAPHS}"
)
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_CONTINUED_CELL = re.compile("\x06[^<]*")  # the rest of the cell
_new_cell = partial(tuple.__new__, Cell)


class _NotSimple(Exception):
    pass


def _other_token(match: re.Match[bytes]) -> bytes:
    """A token not in `_REPLACE`: an empty element with other attributes or written otherwise,
    or a `w:t` start tag with other attributes."""
    name, attrs = match.groups()
    values: dict[bytes, bytes] = {}
    for attr in _ATTR.finditer(attrs):
        value = attr.group(2) if attr.group(2) is not None else attr.group(3)
        if b"&" in value:
            raise _NotSimple
        values[attr.group(1)] = value.translate(_ATTR_SPACE)
    if name == b"t":
        return b""
    if name == b"vMerge":
        return b"" if values.get(b"w:val") == b"restart" else _CONTINUED.encode()
    if name == b"tab":  # a tab character has no attributes; a tab stop has w:val and w:pos
        if not values:
            return b"\t"
        if b"w:val" in values and b"w:pos" in values:
            return b""
        raise _NotSimple
    if name == b"br":
        return b"\n" if values.get(b"w:type", b"textWrapping") == b"textWrapping" else b""
    if name == b"cr":
        return b"\n"
    raise _NotSimple


def _entity(match: re.Match[str]) -> str:
    name, decimal, hexadecimal = match.groups()
    if name:
        return _NAMED[name]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if (code < 0x20 and code not in (0x09, 0x0A, 0x0D)) or code > 0x10FFFF:
        raise _NotSimple  # not a character of XML 1.0: would be taken for a marker
    return chr(code)


def bytes_grid(xml: bytes, lazy: bool = False) -> tuple[Grid, int, list[Note]] | None:
    """The grid of a well-formed document read from its XML bytes, as `body_grid` reads it from
    the tree; None when the document is not simple enough for that (see above). With `lazy`,
    the rows are made as the form reader takes them (so that the cells of the forms it has read
    are freed at once), and the notes are complete once it has taken them all."""
    try:
        return _bytes_grid(xml, lazy)
    except (_NotSimple, UnicodeDecodeError, ValueError, OverflowError):
        return None  # also XML that is not well-formed (a bad character reference): the tree
        # paths parse it and say so


def _markup(xml: bytes, markup: bytes, start: int, end: int) -> bool:
    """Whether `markup` (`<` and a rare character) is in xml[start:end]: the rare character is
    looked for, which is much faster than looking for `<`."""
    at = xml.find(markup[1:], start, end)
    while at >= 0:
        if xml[at - 1] == markup[0]:
            return True
        at = xml.find(markup[1:], at + 1, end)
    return False


def _bytes_grid(xml: bytes, lazy: bool) -> tuple[Grid, int, list[Note]] | None:
    head = _PROLOG.match(xml)
    end = xml.rfind(b"</w:body")
    if head is None or end < head.end() or not _END.match(xml, end):
        return None
    root = head.group(4) or b""
    if root.count(_WML) != 1 or b'xmlns:w="' + _WML + b'"' not in root or b"&" in root:
        return None
    start = head.end()
    if _XMLNS.search(xml, start, end) and _NAMESPACE.search(xml, start, end):
        return None
    if _markup(xml, b"<!", start, end) or _markup(xml, b"<?", start, end):
        return None  # a comment, CDATA section or processing instruction
    segments = []
    for table_end in _TABLE_END_TAG.finditer(xml, start, end):
        segments.append(b"".join(_TOKENS.findall(xml, start, table_end.start())))
        start = table_end.end()
    segments.append(b"".join(_TOKENS.findall(xml, start, end)))
    stream = _TABLE_END.encode().join(segments)
    if b"<<" in stream or stream.endswith(b"<"):  # an odd tag (see _TOKENS)
        return None
    # a tab character in an equation's run (`m:r`) is not a run's tab: equations are for the tree
    if b"<w:tab" in stream and xml.find(b"<m:", head.end(), end) >= 0:
        return None
    for token, marker in _REPLACE:
        if token in stream:
            stream = stream.replace(token, marker)
    if b"\r" in stream:  # XML line ends: CR LF and CR alone are read as LF
        stream = stream.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    text = stream.decode()
    if not _STRUCTURE.fullmatch(text):  # an empty element written otherwise, or not simple
        text = _OTHER_TOKEN.sub(_other_token, stream).decode()
        if not _STRUCTURE.fullmatch(text):
            return None
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    builder = GridBuilder()
    rows = _rows(text, builder)
    return Grid(rows if lazy else list(rows), "docx"), text.count(_TBL), builder.notes


def _rows(text: str, builder: GridBuilder) -> Iterator[list[Cell]]:
    """The rows of the marked text, whose structure `_STRUCTURE` has checked; lines and notes
    as `GridBuilder` has them."""
    grid_paragraphs, new_cell = builder.rows, _new_cell
    for segment in text.split(_TABLE_END):
        paragraphs, is_table, table = segment.partition(_TBL)
        for paragraph in paragraphs.split(_P)[1:]:
            builder.paragraph(paragraph)
            if grid_paragraphs:
                yield grid_paragraphs.pop()
        if not is_table:
            continue
        builder.table()
        start = line = builder.line
        # a cell's paragraphs are its lines: the first needs no marker, the others a line break;
        # a cell continuing a vertical merge is empty
        table = table.replace(_TC + _P, _TC).replace(_P, "\n")
        if _CONTINUED in table:
            table = _CONTINUED_CELL.sub("", table)
        table_rows = table.split(_TR)
        del table_rows[0]
        for row in table_rows:
            if row:
                texts = row.split(_TC)
                del texts[0]
                builder.line = line + 1
                yield [new_cell((text, line)) for text in texts]
            line += 1
        builder.table_rows = line - start
