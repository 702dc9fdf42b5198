"""Web pages (.html, .htm): the forms in a page's `<table>`s, for the shared form reader.

The bytes are decoded as a browser decodes a page saved without its HTTP headers: a byte order
mark first, then the `<meta charset>` or `<meta http-equiv="Content-Type">` in the page's first
1024 bytes (GB2312 and GBK read as GB18030, the superset browsers use), then the default of every
text input (`decode.decode`: UTF-8, else GB18030).

Each table row becomes a row of the grid with one cell per `<td>`/`<th>`, as the Word reader
gives a Word table (docs/templates.md, *Inputs*): a cell spanning columns appears once; a cell
spanning rows appears in its first row and as an empty cell in the rows below. `<br>` and the
blocks inside a cell (`<p>`, `<div>`, `<li>`) are line breaks; other white space is folded as a
browser shows it (a line break of the source between Chinese characters as nothing), or kept where the page's style keeps it (`white-space: pre-wrap`, as jixiao's
own HTML export has it). A table holding tables lays the page out: its cells are read as blocks
of the page, and the tables inside them in their places.

Text outside the tables that belongs to a form (its title, its year, a `单位：万元` line) becomes
a one-cell row where it stands; the rest of the page (menus, footers, the text of a table that
only lays out the page) is not read. A cell's "line" is the line of the page it starts on.

A page without any table gives its lines of text instead (each block and `<br>` a line, a
`<pre>` as written), read as the text reader reads a text (`grid.detect`), and a note says so.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from lxml import etree, html

from jixiao.domain.form import Note, Source
from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.importers import pdf_reader, placed, register
from jixiao.importers.decode import decode, refuse_binary
from jixiao.importers.docx_grid import form_line
from jixiao.importers.formreader import read_forms
from jixiao.importers.grid import Cell, Grid, detect
from jixiao.interchange import Batch

MAX_TABLE_DEPTH = 16  # tables inside tables: pages laid out with tables go four or five deep
MAX_CELLS = 500_000  # cells of the grid, spans expanded: a 20 MB page of real forms has fewer
MAX_SPAN = 1000  # a browser's own limit on colspan; rowspan is bounded by the table's rows
PLACED = "placed"  # the layout of a page that places its text as a PDF's pages (`placed`)

_META = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|table)\b", re.I | re.S
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACE = re.compile(r"[ \t\r\n\f]+")
# A line break of the page's source between two Chinese characters (Word's "save as web page"
# breaks its lines anywhere) shows as nothing, not as a space (CSS Text 3, segment breaks).
_WIDE = "\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
_WIDE_BREAK = re.compile(f"(?<=[{_WIDE}])[ \t]*[\r\n]+[ \t\r\n]*(?=[{_WIDE}])")


def fold(text: str) -> str:
    """White space as a browser shows it: runs folded to one space, none at a line break
    between Chinese characters."""
    return _SPACE.sub(" ", _WIDE_BREAK.sub("", text))


# Labels browsers give the encodings of Chinese pages, read by the codec that decodes what
# browsers decode under them (the WHATWG Encoding Standard): GBK and GB2312 by GB18030, Latin-1
# and ASCII by windows-1252, a UTF-16 label in a meta element as UTF-8.
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "iso-ir-58": "gb18030",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "ul",
        "caption",
        "tr",
    ]
)
_SKIP = frozenset(
    ["head", "script", "style", "noscript", "template", "title", "select", "option", "textarea"]
)
_CELLS = ("td", "th")


def sniff_html(data: bytes, path: str) -> bool:
    """Called .html/.htm, or a document that opens with an HTML element (after a BOM, blank
    space and comments)."""
    if path.lower().endswith((".html", ".htm", ".xhtml", ".shtml")):
        return True
    head = data[:4096].removeprefix(codecs.BOM_UTF8)
    return bool(_HTML_START.match(head))


def declared_encoding(data: bytes) -> str | None:
    """The encoding a `<meta>` in the first 1024 bytes names, as a Python codec; None when no
    meta names one Python knows."""
    for meta in _META.findall(data[:1024]):
        found = _CHARSET.search(meta)
        if not found:
            continue
        label = found.group(1).decode("ascii").lower()
        label = _ALIASES.get(label, label)
        try:
            return codecs.lookup(label).name
        except LookupError:
            return None
    return None


def decode_page(data: bytes, path: str) -> tuple[str, str, list[Note]]:
    """The text of the page, the encoding it was read in, and notes: when the encoding the page
    declares does not decode it, and when bytes no encoding decodes were replaced (as a browser
    shows them, by U+FFFD), naming the line of the first."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = decode(data, path)
        return text, encoding, []
    declared = declared_encoding(data)
    if declared:
        try:
            return data.decode(declared), declared, []
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
        try:
            text, encoding = decode(data, path)
        except InputError:
            return _replaced(data, declared, line, path)
        said = Text(
            f"网页声明的编码 {declared} 无法解码（第 {line} 行），已按 {encoding} 读取",
            f"the page's declared encoding {declared} does not decode it (line {line}): "
            f"read as {encoding}",
        )
        return text, encoding, [Note.of("encoding", said, line)]
    try:
        text, encoding = decode(data, path)
    except InputError as exc:
        if exc.line is None or not data.strip():
            raise
        # neither UTF-8 nor GB18030 decodes every byte: the one that decodes more
        utf8 = data.decode("utf-8", "replace").count("\ufffd")
        gb = data.decode("gb18030", "replace").count("\ufffd")
        return _replaced(data, "utf-8" if utf8 <= gb else "gb18030", exc.line, path)
    return text, encoding, []


def _replaced(data: bytes, encoding: str, line: int, path: str) -> tuple[str, str, list[Note]]:
    """The page decoded with the bytes `encoding` cannot read replaced, as a browser shows them;
    a page of binary bytes refused."""
    text = data.decode(encoding, "replace")
    refuse_binary(text, path)
    said = Text(
        f"网页中有 {encoding} 无法解码的字节（首处在第 {line} 行），已显示为 �",
        f"the page has bytes {encoding} does not decode (first on line {line}): shown as �",
    )
    return text, encoding, [Note.of("encoding", said, line)]


def parse_page(text: str, path: str) -> etree._Element:
    text = _XML_DECL.sub("", text, count=1)  # lxml refuses a str that declares its encoding
    if not text.strip():
        raise InputError(Text("文件为空", "the file is empty"), path=path, line=1)
    try:
        return html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(
            Text("网页无法解析：{e}", "the page cannot be parsed: {e}").format(e=str(exc)[:80]),
            path=path,
        ) from None


class _Builder:
    """The rows of the grid in page order, and whether any table was seen."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.rows: list[list[Cell]] = []
        self.tables = 0
        self.cells = 0
        self.words: list[str] = []  # text outside tables, of the block being read
        self.words_line = 1
        self.white = "normal"  # how the page shows white space in cells (`white_space`)
        self.lines: list[str] = []  # every line of text outside the tables, as shown

    def add_row(self, row: list[Cell]) -> None:
        if any(cell.text for cell in row):
            self.cells += len(row)
            if self.cells > MAX_CELLS:
                raise InputError(
                    Text(
                        "网页的表格单元格过多（超过 {n} 个）",
                        "the page's tables have too many cells (over {n})",
                    ).format(n=MAX_CELLS),
                    path=self.path,
                    line=row[0].line,
                )
            self.rows.append(row)

    def text(self, text: str | None, line: int) -> None:
        if text:
            if not self.words:
                self.words_line = line
            self.words.append(text)

    def end_line(self) -> None:
        """A block outside the tables ends: its text is a one-cell row if it belongs to a form."""
        if not self.words:
            return
        text = fold("".join(self.words)).strip(" ")
        self.words = []
        if text:
            self.lines.append(text)
        if text and form_line(text):
            self.add_row([Cell(text, self.words_line)])


def _line(element: etree._Element, default: int) -> int:
    return element.sourceline or default


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def walk(element: etree._Element, builder: _Builder, depth: int = 0) -> None:
    """The blocks outside tables and the tables, in page order."""
    for child in element:
        tag = _tag(child)
        line = _line(child, builder.words_line)
        if tag == "table":
            builder.end_line()
            table(child, builder, depth + 1)
        elif tag in _SKIP or not tag:
            pass  # comments, processing instructions, scripts
        elif tag == "pre":  # text as written, its tabs and lines kept (a text flattening)
            builder.end_line()
            builder.lines.extend(cell_text(child, "pre").split("\n"))
        elif tag == "br" or tag in _BLOCKS:
            builder.end_line()
            builder.text(child.text, line)
            walk(child, builder, depth)
            builder.end_line()
        else:
            builder.text(child.text, line)
            walk(child, builder, depth)
        builder.text(child.tail, line)


def _rows(table_element: etree._Element) -> Iterator[etree._Element]:
    """The rows of a table in order: its own `<tr>`s and those of its head, bodies and foot,
    not those of tables inside it."""
    for child in table_element:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if _tag(row) == "tr")


def _span(cell: etree._Element, name: str, zero: int) -> int:
    """A cell's colspan or rowspan: 1 when missing or not a number, `zero` when 0 (a rowspan of
    0 reaches the end of the table)."""
    try:
        value = int(str(cell.get(name, "1")).strip())
    except ValueError:
        return 1
    return zero if value == 0 else max(value, 1)


def table(element: etree._Element, builder: _Builder, depth: int) -> None:
    if depth > MAX_TABLE_DEPTH:
        raise InputError(
            Text(
                "网页的表格嵌套过深（超过 {n} 层）", "the page's tables nest too deep (over {n})"
            ).format(n=MAX_TABLE_DEPTH),
            path=builder.path,
            line=element.sourceline,
        )
    builder.tables += 1
    caption = next((c for c in element if _tag(c) == "caption"), None)
    if caption is not None:
        builder.text(cell_text(caption), _line(caption, builder.words_line))
        builder.end_line()
    if any(True for t in element.iter("table") if t is not element):
        layout(element, builder, depth)
        return
    rows = list(_rows(element))
    below: dict[int, tuple[int, int]] = {}  # column → (rows still spanned, columns spanned)
    for number, tr in enumerate(rows):
        line = _line(tr, builder.words_line)
        row: list[Cell] = []
        column = 0
        for td in tr:
            if _tag(td) not in _CELLS:
                continue
            column = _spanned_from_above(below, column, row, line)
            width = min(_span(td, "colspan", 1), MAX_SPAN)
            height = _span(td, "rowspan", len(rows) - number)  # rowspan="0": to the end
            if height > 1:
                below[column] = (min(height, len(rows) - number) - 1, width)
            row.append(Cell(cell_text(td, builder.white), _line(td, line)))
            column += width
        while below and column <= max(below):
            column = (
                _spanned_from_above(below, column, row, line) if column in below else column + 1
            )
        builder.add_row(row)


def _spanned_from_above(
    below: dict[int, tuple[int, int]], column: int, row: list[Cell], line: int
) -> int:
    """Empty cells where cells of the rows above reach down, from `column` on; the column
    after them."""
    while column in below:
        left, width = below[column]
        row.append(Cell("", line))
        if left > 1:
            below[column] = (left - 1, width)
        else:
            del below[column]
        column += width
    return column


def layout(element: etree._Element, builder: _Builder, depth: int) -> None:
    """A table holding tables lays out a page: each of its cells is read as a block of the page,
    its tables in their places and its other text as text outside the tables."""
    for tr in _rows(element):
        for td in tr:
            if _tag(td) in _CELLS:
                builder.end_line()
                builder.text(td.text, _line(td, builder.words_line))
                walk(td, builder, depth)
                builder.end_line()


def cell_text(element: etree._Element, white: str = "normal") -> str:
    """The text of a cell as a browser shows it: `<br>` and blocks as line breaks; white space
    folded (`white` "normal"), line breaks kept and spaces folded ("pre-line"), or all as
    written ("pre": the page's style sets `white-space: pre` or `pre-wrap` on its cells, as
    jixiao's own HTML export does). `<pre>` as written."""
    parts: list[str] = []
    _cell_parts(element, parts, white)
    text = "".join(parts)
    if white == "pre":
        return text.replace(_BREAK, "\n")
    return _fold_block(text)


_BREAK = "\ue010"  # a line break the markup asks for, kept through the folding of white space


def _cell_parts(element: etree._Element, parts: list[str], white: str) -> None:
    keep = white != "normal"
    text = element.text or ""
    parts.append(text.replace("\n", _BREAK) if keep else text)
    for child in element:
        tag = _tag(child)
        if tag == "br":
            parts.append(_BREAK)
        elif tag in _SKIP or not tag:
            pass
        else:
            block = tag in _BLOCKS
            if block:
                parts.append(_BREAK)
            _cell_parts(child, parts, "pre" if tag == "pre" else white)
            if block:
                parts.append(_BREAK)
        tail = child.tail or ""
        parts.append(tail.replace("\n", _BREAK) if keep else tail)


def _fold_block(text: str) -> str:
    lines = (fold(piece).strip(" ") for piece in text.split(_BREAK))
    return "\n".join(_squeeze(lines)).strip("\n")


_CELL_STYLE = re.compile(
    r"(?:^|[,}\s])(?:td|th)\b[^{}]*\{[^}]*white-space\s*:\s*(pre(?:-wrap|-line)?)\b", re.I
)


def white_space(root: etree._Element) -> str:
    """How the page's stylesheets show white space in table cells: "pre" (`pre`, `pre-wrap`),
    "pre-line", or "normal"."""
    for style in root.iter("style"):
        found = _CELL_STYLE.search(style.text or "")
        if found:
            return "pre-line" if found.group(1).lower() == "pre-line" else "pre"
    return "normal"


def _squeeze(lines: Iterator[str]) -> Iterator[str]:
    """Blank lines the blocks' edges make (a `<p>` after a `<br>`) collapsed to none, as a
    browser shows no empty line between two paragraphs."""
    for line in lines:
        if line:
            yield line


def read_grid(data: bytes, path: str) -> tuple[Grid, int, list[Note]]:
    """The grid of the page, how many tables it has, and notes on its decoding. A page without
    tables gives the lines of its text, read as the text reader reads a text (`grid.detect`):
    a form written as paragraphs or kept in a `<pre>`. A page that places its text page by page
    as a PDF does (`placed`) gives its pages read as a PDF's, and how many there are."""
    text, _encoding, notes = decode_page(data, path)
    root = parse_page(text, path)
    builder = _Builder(path)
    builder.white = white_space(root)
    laid_out = [page for page in placed.pages(root, path) if page.chars]
    if laid_out:  # a PDF shown as a web page: its pages read as a PDF's
        grid, more = pdf_reader.read_pages(laid_out, path, PLACED)
        return grid, len(laid_out), notes + more
    body = root.find("body")
    walk(root if body is None else body, builder)
    builder.end_line()
    if not builder.tables:
        return detect(builder.lines), 0, notes
    return Grid(builder.rows, "html"), builder.tables, notes


@register("html", Text("网页（.html）", "Web page (.html)"), (".html", ".htm"), sniff_html)
def read_html(data: bytes, source: Source) -> Batch:
    grid, tables, notes = read_grid(data, source.path)
    forms, outside = read_forms(grid)
    placed_pages = grid.layout == PLACED
    if not forms:
        where = "逐页排版的文字中" if placed_pages else "表格中" if tables else "网页文字中"
        said = "pages' text" if placed_pages else "tables" if tables else "text"
        raise InputError(
            Text(
                f"网页中未找到绩效目标表（{where}没有“项目名称”“绩效指标”等栏目）",
                "no performance-goal form found in the page's " + said,
            ),
            path=source.path,
        )
    if placed_pages:
        said = Text(
            f"网页逐页排版（PDF 转成的网页）：按 {tables} 页的表格线和文字位置读取",
            f"the page lays a document out page by page (a PDF shown as a web page): its "
            f"{tables} pages read by their rules and the places of their text",
        )
        notes.append(Note.of("layout", said, None))
    elif not tables:
        said = Text(
            f"网页中没有表格：按文字的“{grid.layout}”版式读取",
            f"the page has no table: its text read as the “{grid.layout}” layout",
        )
        notes.append(Note.of("layout", said, None))
    return Batch((source,), tuple(forms), tuple(notes + outside))
