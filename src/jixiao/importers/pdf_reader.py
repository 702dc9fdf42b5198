"""PDF files (.pdf): the forms in the tables of the text layer, read with pdfplumber.

Each page's ruled tables (`find_tables`) become rows of the grid with one cell per table cell, as
the Word reader gives a Word table (docs/templates.md, *Inputs*): a cell spanning columns appears
once; a cell spanning rows appears in its first row and as an empty cell in the rows below. The
text lines outside the tables become rows too, in reading order (top to bottom), cut into cells
where the gap between two characters is wider than a character: on a page with tables, only the
lines that belong to a form (its title, year, a labelled field, `单位：万元`: `docx_grid.form_line`),
the others said in a note (a signature, a footnote; past the first few of a page, how many); on a
page without, every line (a form printed without rules), unless an earlier page had tables: a
budget document's pages of prose after its ruled forms (名词解释) are no rows of the last form's
table. The page's running header and footer (the top and bottom margins) are not
read. A table that goes on at the top of the next page continues the same rows; its head row,
when printed again, is read once; a row the page's end cut (no rule under its cells) takes the
rest of its text from the first row of the next page.

A line in a cell ends where the PDF breaks it. A break the cell's width forced (the next word
would not have fitted) is no line break of the author's: the two lines are joined (with a space
between two Latin letters or digits, without between Chinese characters), and a break before a
word that would have fitted is kept, as is a break between the end of a sentence and an item of
a list (`。` then `2、`): a column as wide as its longest line ends every line at its edge.

A PDF without a text layer (a scan) is refused: jixiao does not guess text from images. A page
without text among pages with text is said in a note. A cell's "line" is the number of its row
in reading order, as Word's blocks are numbered.
"""

from __future__ import annotations

import bisect
import io
import itertools
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from jixiao.domain.form import Note, Source
from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.importers import register, values
from jixiao.importers.docx_grid import form_line
from jixiao.importers.formreader import read_forms
from jixiao.importers.grid import Cell, Grid
from jixiao.importers.labels import KIND_NAME, KIND_TABLE, KIND_TITLE, cell_kind
from jixiao.interchange import Batch

if TYPE_CHECKING:  # pdfplumber is imported when a PDF is read: other imports do without it
    from pdfplumber.table import Table

MAX_PAGES = 2000
MAX_CELLS = 500_000  # cells of the grid: a 20 MB PDF of real forms has far fewer
MARGIN = 0.06  # of the page's height: the running header above, the footer below
SAID_PER_PAGE = 3  # lines left out of a page that are each said in a note; the rest counted
_TOLERANCE = 1.5  # points: a word that would have come this close to the edge did not fit
_LATIN = re.compile(r"[0-9A-Za-z]")
_SENTENCE_END = re.compile(r"[。；;！!？?]\s*$")
_SENTENCE_MARK = re.compile(r"[。；;！!？?]")
_ITEM = re.compile(
    r"\s*(?:\d{1,3}\s*[、.．)）]|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[)）]|"
    r"[一二三四五六七八九十]{1,3}、|第[\d一二三四五六七八九十]{1,3}[条项点个]|"
    r"[①-⑳]|(?:目标|指标)\s*\d{1,3})"
)
_OPENING = frozenset("(（[［【《〈「『“‘")  # never at the end of a line
_CLOSING = frozenset(")）]］】》〉」』”’")
MAX_QUALIFIER = 4  # characters inside the brackets of a qualifier kept with its word: 县（市）
_NO_START = frozenset("）)」』】〕》〉”’。，、；：！？.,;:!?%％")  # never at the start of a line

Chars = list[dict[str, Any]]
BBox = tuple[float, float, float, float]


class LaidOutPage(Protocol):
    """A page as the reader takes it: pdfplumber's, or a web page's placed page (`placed`)."""

    page_number: int
    height: float
    chars: Chars
    edges: list[dict[str, Any]]

    def find_tables(self, table_settings: dict[str, Any] | None = None) -> list[Table]: ...

    def close(self) -> None: ...


def sniff_pdf(data: bytes, path: str) -> bool:
    """A file whose first kilobyte has the PDF header, or one called .pdf (so that the reader
    can say what is wrong with it)."""
    return b"%PDF-" in data[:1024] or path.lower().endswith(".pdf")


def _refused(said: Text, path: str) -> InputError:
    return InputError(said, path=path)


_NO_TEXT = Text(
    "PDF 没有文字层（可能是扫描件）：请提供原始文档或可复制文字的 PDF",
    "the PDF has no text layer (a scan?): give the original document or a PDF whose text can "
    "be copied",
)


@dataclass
class _Block:
    """A table or a line of text on a page, and where it starts (points from the top)."""

    top: float
    rows: list[list[str]]
    table: bool


@dataclass
class _Builder:
    path: str
    rows: list[list[Cell]] = field(default_factory=list)
    cells: int = 0
    heads: set[tuple[str, ...]] = field(default_factory=set)  # of the table the page ended in
    # the last row of the table the page ended in: for each cell, its left and right edge and
    # whether the page cut it (no rule under it): the next page may hold the rest of its text
    open_row: list[tuple[float, float, bool]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # text left out
    # the lines above the first table of each page read: one that comes again above the first
    # table of a later page is the running header (the unit and the year), not a row of it
    tops: set[str] = field(default_factory=set)
    ruled: bool = False  # a page had a ruled table: the document's forms are ruled
    # the last form title read: printed again over a table going on, it is a running title
    title: str | None = None
    left: list[str] = field(default_factory=list)  # the lines of this page left out

    def go_on(self, texts: list[str], boxes: list[BBox]) -> bool:
        """The first row of a table going on from the page before, put into the last row when
        it is the rest of that row's cells (each cell with text below a cut cell); whether it
        was."""
        if not self.rows or len(texts) != len(self.open_row) or not any(texts):
            return False
        last = self.rows[-1]
        if len(last) != len(texts):
            return False
        for text, box, (x0, x1, cut) in zip(texts, boxes, self.open_row, strict=True):
            if text and not (cut and abs(box[0] - x0) <= 2 and abs(box[2] - x1) <= 2):
                return False
        self.rows[-1] = [
            Cell(_joined(cell.text, text) if cell.text and text else cell.text + text, cell.line)
            for cell, text in zip(last, texts, strict=True)
        ]
        return True

    def left_out(self, text: str) -> None:
        self.left.append(text)

    def page_done(self, page: int) -> None:
        """The notes of the lines the page left out: each of the first few (a signature, a
        footnote), then how many more (a budget document's pages of prose between its forms)."""
        for text in self.left[:SAID_PER_PAGE]:
            said = Text(
                f"第 {page} 页表格之外的文字未导入：{text[:40]}",
                f"text outside the tables of page {page} not imported: {text[:40]}",
            )
            self.notes.append(Note.of("outside-table", said, None))
        more = len(self.left) - SAID_PER_PAGE
        if more > 0:
            said = Text(
                f"第 {page} 页表格之外另有 {more} 行文字未导入",
                f"{more} more lines outside the tables of page {page} not imported",
            )
            self.notes.append(Note.of("outside-table", said, None))
        self.left = []

    def add(self, texts: list[str]) -> None:
        if not any(texts):
            return
        self.cells += len(texts)
        if self.cells > MAX_CELLS:
            raise InputError(
                Text(
                    "PDF 的表格单元格过多（超过 {n} 个）", "the PDF has too many cells (over {n})"
                ).format(n=MAX_CELLS),
                path=self.path,
            )
        line = len(self.rows) + 1
        self.rows.append([Cell(text, line) for text in texts])
        for text in texts[:3]:
            if text and cell_kind(text) == KIND_TITLE:
                self.title = _unspaced(text)


def read_grid(data: bytes, path: str) -> tuple[Grid, list[Note]]:
    """The grid of the PDF's pages and notes on pages without text; InputError when the file is
    no readable PDF or has no text at all."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with _quiet(), pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise _too_many(len(pdf.pages), path)
            return read_pages(pdf.pages, path, "pdf")
    except InputError:
        raise
    except PdfminerException as exc:
        raise _broken(exc.args[0] if exc.args else exc, path) from None
    except Exception as exc:
        raise _broken(exc, path) from None


def read_pages(pages: Sequence[LaidOutPage], path: str, layout: str) -> tuple[Grid, list[Note]]:
    """The grid of pages laid out as a PDF's (pdfplumber's pages, or a web page's placed pages:
    `placed.PlacedPage`), with notes on the pages without text; InputError when no page has
    text."""
    builder = _Builder(path)
    blank: list[int] = []
    for page in pages:
        if not page.chars:
            blank.append(page.page_number)
            builder.heads, builder.open_row = set(), []  # no table goes on over it
            continue
        _read_page(page, builder)
        builder.page_done(page.page_number)
        page.close()
    if len(blank) == len(pages):
        raise _refused(_NO_TEXT, path)
    notes: list[Note] = []
    for number in blank:
        said = Text(
            f"第 {number} 页没有文字层（可能是扫描页），未读取",
            f"page {number} has no text layer (a scanned page?): not read",
        )
        notes.append(Note.of("pdf-page-without-text", said, None))
    return Grid(builder.rows, layout), notes + builder.notes


def _too_many(pages: int, path: str) -> InputError:
    return _refused(
        Text(
            "PDF 页数过多（{n} 页，上限 {limit} 页）",
            "the PDF has too many pages ({n}, limit {limit})",
        ).format(n=pages, limit=MAX_PAGES),
        path,
    )


@contextmanager
def _quiet() -> Iterator[None]:
    """pdfminer's warnings on a damaged file (a font without its box, a bad stream) kept off
    standard error: what matters reaches the user as the reader's own message."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _broken(exc: BaseException, path: str) -> InputError:
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name:
        return _refused(
            Text(
                "PDF 已加密，需要密码才能打开：请提供未加密的文件",
                "the PDF is encrypted and needs a password: give an unencrypted file",
            ),
            path,
        )
    return _refused(
        Text(
            "PDF 文件已损坏或无法读取（{e}）", "the PDF is damaged or cannot be read ({e})"
        ).format(e=name),
        path,
    )


def _read_page(page: LaidOutPage, builder: _Builder) -> None:
    chars = _on_their_baselines(page.chars)
    index = _Chars(chars)
    found = [(t, _table_cells(t, index)) for t in page.find_tables(_settings(page))]
    # a "table" of one column is a frame around text (a page of prose boxed line by line), no
    # form's table: every form's table has a label beside its value
    found = [(t, c) for t, c in found if any(len(row) > 1 for row in c)]
    tables = [t for t, _ in found]
    cells = [c for _, c in found]
    boxes = [t.bbox for t in tables]
    blocks = [
        _Block(t.bbox[1], [[x for x, _ in r] for r in c], True)
        for t, c in zip(tables, cells, strict=True)
    ]
    geometry = {id(block): c for block, c in zip(blocks, cells, strict=True)}
    top_margin, bottom_margin = page.height * MARGIN, page.height * (1 - MARGIN)
    outside = [c for c in chars if not any(_inside(c, box) for box in boxes)]
    first_table = min((box[1] for box in boxes), default=page.height)
    tops: set[str] = set()
    titled = False  # a form's title or name read on the page: what follows is the form's
    for line, texts in _titles_joined(_lines(outside), chars):
        if line[0]["bottom"] < top_margin or line[0]["top"] > bottom_margin:
            continue  # the running header or footer
        titled = titled or any(map(_opens_form, texts))
        if not titled and line[0]["bottom"] <= first_table:
            said = " ".join(texts)
            if said in builder.tops:
                continue  # the running header again, lower than the page's margin
            tops.add(said)
        said = " ".join(texts)
        if (tables and not form_line(said)) or (
            not tables and builder.ruled and not _over_a_form(said, texts)
        ):
            builder.left_out(said)
            continue
        blocks.append(_Block(line[0]["top"], [texts], False))
    builder.tops |= tops
    builder.ruled = builder.ruled or bool(tables)
    blocks.sort(key=lambda b: b.top)
    blocks = _without_running_title(blocks, builder)
    going_on = bool(blocks) and blocks[0].table and bool(builder.heads or builder.open_row)
    for k, block in enumerate(blocks):
        rows = block.rows
        if k == 0 and going_on and rows and tuple(rows[0]) in builder.heads:
            rows = rows[1:]  # the head of a table going on from the page before, printed again
        elif k == 0 and going_on and rows:
            first = geometry[id(block)][0]
            if builder.go_on(rows[0], [box for _, box in first]):
                rows = rows[1:]  # the rest of a row the page's end cut
        for row in rows:
            builder.add(row)
    last = blocks[-1] if blocks else None
    if last is None or not last.table:
        builder.heads, builder.open_row = set(), []
        return
    heads = {tuple(row) for row in last.rows if _is_head(row)}
    builder.heads = (builder.heads | heads) if going_on and len(blocks) == 1 else heads
    rules = [e for e in page.edges if e["orientation"] == "h"]
    last_row = geometry[id(last)][-1] if geometry[id(last)] else []
    builder.open_row = [(box[0], box[2], not _ruled_under(box, rules)) for _, box in last_row]


def _titles_joined(lines: Iterable[Chars], page: Chars) -> Iterator[tuple[Chars, list[str]]]:
    """Each line with its pieces' texts; a form's title set over two lines (泉州's
    `301007_泉州市公安局晋江国际机场分局_机场公安综` / `合修缮改造项目绩效目标表`) as one line: the
    second line ends a title that the two together make, the first is no form line of its own,
    and both are set in the same type, larger than most of the page's characters, with no more
    than a line's gap between them. The page's usual size is counted only for such a pair."""
    before: tuple[Chars, list[str]] | None = None
    body: list[float] = []  # the page's usual size, once a pair asks for it
    for line in lines:
        texts = [_text(piece) for piece in _pieces(line)]
        if before is not None and _title_goes_on(
            before, line, texts, lambda: _body_size(page, body)
        ):
            yield before[0], ["".join(before[1]) + "".join(texts)]
            before = None
            continue
        if before is not None:
            yield before
        before = (line, texts)
    if before is not None:
        yield before


def _title_goes_on(
    before: tuple[Chars, list[str]], line: Chars, texts: list[str], body: Callable[[], float]
) -> bool:
    above, said = before
    if len(said) != 1 or len(texts) != 1 or not texts[0].endswith("表"):
        return False
    first, last = above[0], line[0]
    size = first.get("size", 0)
    if not size or abs(last.get("size", 0) - size) > 0.5:
        return False
    if last["top"] - above[-1]["bottom"] > size or said[0][-1] in _SENTENCE_ENDS:
        return False
    if form_line(said[0]) or cell_kind(said[0] + texts[0]) != KIND_TITLE:
        return False  # the first a title or a field of its own, or the two no title
    return size > body()


_SENTENCE_ENDS = frozenset("。；;：:，,")


def _body_size(chars: Chars, known: list[float]) -> float:
    """The size most of a page's characters are set in (泉州: 12 pt, its titles 18), counted
    once: `known` keeps it."""
    if not known:
        sizes = Counter(round(c.get("size", 0), 1) for c in chars)
        known.append(sizes.most_common(1)[0][0] if sizes else 0.0)
    return known[0]


def _without_running_title(blocks: list[_Block], builder: _Builder) -> list[_Block]:
    """The page's blocks without the form's title printed again at the top of a page where
    its table goes on (烟台 2026 prints 政策和项目预算绩效目标表 / (2026年度) over every page):
    when the page before ended in a table, and the first table here opens no form (its first
    row names no project and no title), the title lines over it are a running title, left
    out with a note, not the opening of a form without a name. The title must be the one read
    last: 泉州 titles each project's form by its name alone (`X项目绩效目标表`) and starts its
    table with the funds, so a new title there opens the next form."""
    first = next((k for k, block in enumerate(blocks) if block.table), None)
    if not first or not builder.open_row or not blocks[first].rows:
        return blocks
    over = [text for block in blocks[:first] for row in block.rows for text in row if text]
    if not all(_title_or_year(text) for text in over):
        return blocks
    if any(_unspaced(text) != builder.title for text in over if cell_kind(text) == KIND_TITLE):
        return blocks  # another form's title
    if any(_opens_form(text) for text in blocks[first].rows[0] if text):
        return blocks
    for text in over:
        builder.left_out(text)
    return blocks[first:]


def _unspaced(text: str) -> str:
    return "".join(text.split())


def _title_or_year(text: str) -> bool:
    return cell_kind(text) == KIND_TITLE or (
        len(text) < 20 and values.budget_year(text) is not None
    )


def _over_a_form(said: str, texts: list[str]) -> bool:
    """Whether a line of a page without tables, in a document whose forms are ruled, may stand
    over a form whose table begins on the next page: its title, its year, the unit of its
    amounts. A labelled line there is prose (名词解释's `三、上年结转：指……`): a ruled form's
    fields are in its table."""
    return (
        any(map(_opens_form, texts))
        or (len(said) < 20 and values.budget_year(said) is not None)
        or (len(said) < 80 and values.unit_line(said) is not None)
    )


def _opens_form(text: str) -> bool:
    """A form's title or the label of its project's name: never a running header, however
    often a page starts with it."""
    return cell_kind(text) in (KIND_TITLE, KIND_NAME)


def _ruled_under(box: BBox, rules: list[dict[str, Any]]) -> bool:
    """Whether a rule of the page runs under the cell (the page did not cut it)."""
    middle = (box[0] + box[2]) / 2
    return any(abs(e["top"] - box[3]) <= 1.5 and e["x0"] <= middle <= e["x1"] for e in rules)


def _is_head(row: list[str]) -> bool:
    """Whether a row names the columns of an indicator table (一级指标, 三级指标 ...)."""
    return any(text and cell_kind(text) == KIND_TABLE for text in row)


def _settings(page: LaidOutPage) -> dict[str, Any]:
    """Table settings that close the tables cut by the page's edge: a table going on to the
    next page has no rule under its last row where a cell goes on (nor above the first row of
    the rest), and a cell without its four sides is no cell to pdfplumber. A rule is added
    where the lowest vertical rule ends and where the highest begins (where a table is closed
    already, it adds nothing)."""
    vertical = [e for e in page.edges if e["orientation"] == "v"]
    if not vertical:
        return {}
    top = min(e["top"] for e in vertical)
    bottom = max(e["bottom"] for e in vertical)
    return {"explicit_horizontal_lines": [top, bottom]}


def _inside(char: dict[str, Any], box: BBox) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


# Tables --------------------------------------------------------------------------------------


class _Chars:
    """A page's characters by the height of their middles, to find a cell's at once (a page of
    some hundred cells and thousands of characters)."""

    def __init__(self, chars: Chars) -> None:
        self.chars = sorted(chars, key=_middle_y)
        self.ys = [_middle_y(c) for c in self.chars]

    def within(self, box: BBox) -> Chars:
        """The characters whose middle is inside `box`."""
        start = bisect.bisect_left(self.ys, box[1])
        end = bisect.bisect_right(self.ys, box[3])
        return [c for c in self.chars[start:end] if _inside(c, box)]


def _on_their_baselines(chars: Chars) -> Chars:
    """The characters, each whose box a font's metrics put beside its line (方正's typeset
    budgets: the digits and signs of a font whose box starts at the baseline, a line lower
    than the text they stand in) boxed where its baseline says, so that it reads in its line
    and in its cell. A character's baseline lies inside its box, below its middle (`BASELINE`
    of its height from the top, in the fonts at hand); pdfplumber's character carries it in its
    text matrix, in the coordinates of its box (`y1`, up from the page's foot). A placed page's
    characters (`placed`) have no matrix: they are where they are."""
    out = chars
    for k, char in enumerate(chars):
        matrix = char.get("matrix")
        if matrix is None or not char.get("upright", True):
            continue
        top, size = char["top"], char["bottom"] - char["top"]
        below_top = char["y1"] - matrix[5]  # from the box's top down to the baseline
        if size * BASELINE_FROM <= below_top <= size:
            continue
        if out is chars:
            out = list(chars)
        shift = below_top - size * BASELINE
        out[k] = {**char, "top": top + shift, "bottom": char["bottom"] + shift}
        out[k] |= {"y0": char["y0"] - shift, "y1": char["y1"] - shift}
    return out


BASELINE = 0.75  # of a character's height, from its top: where its baseline lies
BASELINE_FROM = 0.5  # a box whose baseline lies higher than its middle is a font's misplaced box


def _middle_y(char: dict[str, Any]) -> float:
    return (char["top"] + char["bottom"]) / 2


def _table_cells(table: Table, chars: _Chars) -> list[list[tuple[str, BBox]]]:
    """The rows of a table, each cell's text with its box: a cell spanning columns once, a cell
    spanning rows as an empty cell below its first row, with its own slot's box (as the Word
    reader has them)."""
    grid = [list(row.cells) for row in table.rows]
    # Each slot's left and right: a column's box is the union of its cells, which a cell
    # spanning columns widens to its own right edge, so the right is the next column's left.
    lefts = [col.bbox[0] for col in table.columns]
    columns = [
        (left, lefts[c + 1] if c + 1 < len(lefts) else table.bbox[2])
        for c, left in enumerate(lefts)
    ]
    out: list[list[tuple[str, BBox]]] = []
    for r, row in enumerate(grid):
        cells: list[tuple[str, BBox]] = []
        top, bottom = table.rows[r].bbox[1], table.rows[r].bbox[3]
        for c, box in enumerate(row):
            if box is not None:
                cells.append((cell_text(chars.within(box), box), box))
                continue
            if c >= len(columns):
                continue
            x = (columns[c][0] + columns[c][1]) / 2
            slot = (columns[c][0], top, columns[c][1], bottom)
            owner = _covering(grid, r, c, x, (top + bottom) / 2)
            if owner is not None and owner[1] == c and owner[0] < r:
                # below the first row of a cell spanning rows
                cells.append(("", slot))
            elif owner is None and (inside := _in_no_cell(chars.within(slot), grid)):
                # a cell whose rules pdfplumber missed (the label of a row the page's top cut:
                # 西南大学 2023's 年度总体目标): its text, in no other cell, is not lost
                cells.append((cell_text(inside, slot), slot))
        out.append(cells)
    return out


def _in_no_cell(found: Chars, grid: list[list[BBox | None]]) -> Chars:
    """The characters of `found` that no cell of the table holds."""
    if not found:
        return found
    boxes = [box for row in grid for box in row if box is not None]
    return [c for c in found if not any(_inside(c, box) for box in boxes)]


def _covering(
    grid: list[list[BBox | None]], r: int, c: int, x: float, y: float
) -> tuple[int, int] | None:
    """The (row, column) of the cell whose box covers the point of an empty slot."""
    for rr in range(r, -1, -1):
        for cc in range(c, -1, -1):
            box = grid[rr][cc] if cc < len(grid[rr]) else None
            if box is not None and box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                return rr, cc
    return None


def cell_text(chars: Chars, box: BBox) -> str:
    """The text of a cell: its lines, joined where the cell's width broke them."""
    lines = list(_lines(chars))
    if not lines:
        return ""
    left = min(line[0]["x0"] for line in lines)
    right = box[2] - (left - box[0])  # as much room on the right as the text has on the left
    out = _text(lines[0])
    for before, line in itertools.pairwise(lines):
        nxt = _text(line)
        wrapped = _wrapped(before, line, right) and not _stretched(before)
        out = _joined(out, nxt) if wrapped else out + "\n" + nxt
    return out


def _joined(before: str, after: str) -> str:
    """Two pieces of a cell's text the layout broke apart (the cell's width, a page's end), put
    back together: a space between Latin words, none inside a number or between Chinese
    characters, and a line break before an item of a list after the end of a sentence (`。` then `2、`):
    a column as wide as its longest line breaks every line at its edge."""
    if _SENTENCE_END.search(before) and _ITEM.match(after) and not _inline_items(before):
        return before + "\n" + after
    latin = _LATIN.match(before[-1:]) and _LATIN.match(after[:1])
    # a number the width broke (偏离目标29%-2 | 0%) is one number
    figures = before[-1:].isdigit() and after[:1].isdigit()
    return before + (" " if latin and not figures else "") + after


STRETCHED = 0.3  # ems between a line's characters, on average, where Word spread a line out


def _stretched(line: Chars) -> bool:
    """Whether the line was spread across the width (Word justifies a line that ends in a line
    break of its own: `培 训 、 2023 年 新 教 师 …`): it ended there, the width did not break it."""
    if len(line) < 3:
        return False
    gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(line)]
    return sum(gaps) / len(gaps) > STRETCHED * line[0].get("size", 10)


def _inline_items(text: str) -> bool:
    """Whether the last paragraph of `text` runs its items on within lines (`。2.优化…`): then
    the next item at the start of a line is where the width broke, not a new line."""
    paragraph = text.rsplit("\n", 1)[-1]
    return any(_ITEM.match(paragraph, m.end()) for m in _SENTENCE_MARK.finditer(paragraph[:-1]))


def _wrapped(before: Chars, line: Chars, right: float) -> bool:
    """Whether the first word of `line` would not have fitted at the end of `before`: a run of
    letters, figures and signs whole (`≥95%`, `(≥**%)`), a Chinese character with the
    punctuation that may not start a line after it (`）`, `。`), an opening bracket with what
    follows it (it never ends a line). Where the characters' places are estimated (a web page's
    placed text), the word may have fitted by as much as the estimate may be off."""
    first = line[0]
    k = 1
    while k < len(line) and line[k - 1]["text"] in _OPENING:
        k += 1
    end = line[k - 1]["x1"]
    word = not cjk(line[k - 1]["text"])
    for j, char in enumerate(line[k:], k):
        text = char["text"]
        if not (text in _NO_START or (word and not cjk(text) and not text.isspace())):
            if j == 1 and not word and text in _OPENING:
                end = _qualifier_end(line, end)
            break
        end = char["x1"]
    latin = _LATIN.match(first["text"]) and _LATIN.match(before[-1]["text"])
    space = first.get("size", 10) * 0.25 if latin else 0
    # characters placed by estimate (`placed`) say how far their widths may be off
    slack = sum(char.get("slack", 0.0) for char in before)
    return before[-1]["x1"] + space + (end - first["x0"]) > right - _TOLERANCE - slack


def _qualifier_end(line: Chars, end: float) -> float:
    """Where a short bracketed qualifier after the line's first character ends (县（市）,
    whole with the punctuation after it): report writers keep it with the word it qualifies,
    so the line before broke ahead of the word rather than at the bracket. `end` when the
    bracket does not close within MAX_QUALIFIER characters."""
    closing = next(
        (j for j in range(2, min(len(line), 2 + MAX_QUALIFIER)) if line[j]["text"] in _CLOSING),
        None,
    )
    if closing is None:
        return end
    j = closing
    while j + 1 < len(line) and line[j + 1]["text"] in _NO_START:
        j += 1
    return float(line[j]["x1"])


def cjk(text: str) -> bool:
    """A Chinese character or full-width form: a line may break before and after each."""
    return (
        "\u2e80" <= text <= "\u9fff" or "\uf900" <= text <= "\ufaff" or "\uff00" <= text <= "\uffef"
    )


# Lines of text -------------------------------------------------------------------------------


def _lines(chars: Iterable[dict[str, Any]]) -> Iterator[Chars]:
    """Characters in lines, top to bottom, each line left to right, with no space at either
    end. A line holds the spaces the PDF has between its characters."""
    ordered = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    line: Chars = []
    for char in ordered:
        if line and char["top"] > _line_middle(line):
            yield from _trimmed(line)
            line = []
        line.append(char)
    yield from _trimmed(line)


def _trimmed(line: Chars) -> Iterator[Chars]:
    line = sorted(line, key=lambda c: c["x0"])
    shown = [k for k, c in enumerate(line) if c["text"].strip()]
    if shown:
        yield line[shown[0] : shown[-1] + 1]


def _line_middle(line: Chars) -> float:
    first = line[0]
    return (first["top"] + first["bottom"]) / 2


def _text(line: Chars) -> str:
    """A line's characters with the spaces the PDF has; a space also where two Latin letters
    or digits stand a space apart with none between them (a PDF that draws no spaces). Chinese
    and Latin set apart by the layout (LibreOffice's spacing of Asian and Western text) have no
    space between them."""
    out = [line[0]["text"]]
    for before, char in itertools.pairwise(line):
        text = char["text"]
        if (
            text.strip()
            and before["text"].strip()
            and char["x0"] - before["x1"] > char.get("size", 10) * 0.2
            and _LATIN.match(before["text"])
            and _LATIN.match(text)
        ):
            out.append(" ")
        out.append(text)
    return "".join(out)


def _pieces(line: Chars) -> Iterator[Chars]:
    """A line outside the tables cut into cells where a gap between two characters is wider
    than a character (its spaces included)."""
    piece: Chars = []
    last: dict[str, Any] | None = None
    for char in line:
        if not char["text"].strip():
            piece.append(char)
            continue
        if last is not None and char["x0"] - last["x1"] > max(
            last.get("size", 10), char.get("size", 10)
        ):
            yield from _trimmed(piece)
            piece = []
        piece.append(char)
        last = char
    yield from _trimmed(piece)


@register("pdf", Text("PDF（有文字层）", "PDF (with a text layer)"), (".pdf",), sniff_pdf)
def read_pdf(data: bytes, source: Source) -> Batch:
    grid, notes = read_grid(data, source.path)
    forms, outside = read_forms(grid)
    if not forms:
        raise InputError(
            Text(
                "PDF 中未找到绩效目标表（没有“项目名称”“绩效指标”等栏目）",
                "no performance-goal form found in the PDF",
            ),
            path=source.path,
        )
    return Batch((source,), tuple(forms), tuple(notes + outside))
