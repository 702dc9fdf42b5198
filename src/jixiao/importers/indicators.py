"""The indicator table of a form: header columns, rows, merged headings, repeated rows.

Rows come in three shapes. When a row has as many cells as the header, cells are read by column.
Otherwise the value columns are counted from the right (the name stands just before them) and the
cells left of the name are read by what they say: a level-1 or a level-2 heading, or padding. Without
row structure (one cell per paragraph) cells are read in turn: headings, then a name, then values.
Empty heading cells take the heading above them (merged cells in the original table).

What the table is comes from the form's template (docs/templates.md): its taxonomy (where 成本指标
stands), its side-by-side period blocks (a 中期 and a 年度 value column: each row gives one indicator
per block it fills) and its footnote markers (a row that starts with 注： and every row after it
are the form's notes, never indicators).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache
from types import MappingProxyType
from typing import NamedTuple, Protocol

from jixiao.domain.columns import FLAT_NAME, MIDTERM_KEY
from jixiao.domain.form import Indicator, make_indicator
from jixiao.domain.target import TargetKind, parse_target
from jixiao.domain.taxonomy import (
    CLASSIC,
    EFFECT,
    Scheme,
    canonical_level1,
    canonical_level2,
    is_heading,
    level1_of_level2,
)
from jixiao.i18n import Text
from jixiao.importers import labels as L
from jixiao.importers.decode import TRIM
from jixiao.importers.grid import NO_EMPTY_CELLS, Cell


class CellLike(Protocol):
    text: str
    line: int


NoteSink = Callable[[str, Text, "int | None"], None]


def cut_headings_joined(rows: list[list[Cell]]) -> list[list[Cell]]:
    """The rows of a table whose cell spanning two rows a rule cut in two (西安's PDF: 效益指 over
    标, the text of the merged cell across the rule pdfplumber sees) with the heading whole in
    the upper cell and the lower one empty, as under any cell spanning rows: where a cell and
    the one under it are no heading, the lower a short end (up to 3 characters), and together
    they make one."""
    out = rows
    for r in range(len(rows) - 1):
        above, below = out[r], out[r + 1]
        if len(above) != len(below):
            continue
        for j, cell in enumerate(below):
            end = cell.text.strip()
            if not end or len(end) > 3 or not above[j].text:
                continue
            start = above[j].text.strip()
            whole = start + end
            if is_heading(whole) and not is_heading(start) and not is_heading(end):
                if out is rows:
                    out = list(rows)
                out[r] = [*above[:j], Cell(whole, above[j].line), *above[j + 1 :]]
                out[r + 1] = [*below[:j], Cell("", cell.line), *below[j + 1 :]]
                above, below = out[r], out[r + 1]
    return out


def _names_its_level2(heading: str, text: str) -> bool:
    """Whether a heading word right after a level-2 heading that is no level-1 one names the
    same level 2 again: the name of its first indicator (服务对象满意度指标 | 满意度)."""
    level2 = canonical_level2(heading)
    return (
        level2 is not None
        and canonical_level1(heading) is None
        and canonical_level2(text) == level2
    )


class IndicatorTable:
    """Collects the rows of one form's indicator table(s). `scheme`, `periods` (the
    side-by-side blocks: `templates.PeriodBlock`) and `footnotes` (the markers its notes begin
    with) are the form's template's."""

    def __init__(
        self,
        has_rows: bool,
        layout: str,
        note: NoteSink,
        *,
        other_tables: frozenset[str] = frozenset(),
        scheme: Scheme = CLASSIC,
        periods: Sequence[PeriodHeadings] = (),
        footnotes: Sequence[str] = (),
    ) -> None:
        self.has_rows = has_rows
        self.layout = layout
        self.note = note
        # The folded headings of the form's tables that hold no indicators (the template's
        # `table.other_tables`): such a table's rows are skipped up to the next table head.
        self.other_tables = other_tables
        self.skipping: tuple[str, int, int] | None = None  # (heading, line, rows skipped)
        self.level1_names = frozenset((*scheme.headings, EFFECT))
        self.scheme = scheme
        # folded heading -> period, for the value columns of side-by-side blocks
        self.block_of = {
            L.label_key(heading)[0] or heading: block.period
            for block in periods
            for heading in block.headings
        }
        self.footnotes, self.footnote_starts = _markers(tuple(footnotes))
        self.in_footnotes = False
        # A name read without a value where empty cells leave no trace, held for the row below:
        # the first line of a heading broken in two (服务对象 | 满意度指标), or an indicator.
        self.held: CellLike | None = None
        self.columns: list[str] = []
        self.column_periods: list[str | None] = []  # the period block of each column, if any
        self.value_roles: list[str] = ["target"]
        self.value_periods: list[str | None] = [None]
        self.after_level1 = False  # the last cell read in turn was a level-1 heading
        self.after_level2 = False  # ... a level-2 heading
        # side-by-side blocks with their own 二级/三级/指标值 columns, and their period row above
        self.blocks: tuple[_Block, ...] = ()
        self.block_level2: list[str | None] = []
        self.period_row: dict[int, str] = {}  # column -> period, from a row of block headings
        self.stream_row: list[CellLike] = []  # cells read in turn, a row of blocks as it fills
        self.level1_at: int | None = None  # the level-1 column of a head of blocks
        self.periods_by_layout = False  # periods read from side-by-side blocks: always kept
        self.level1: str | None = None
        self.level2: str | None = None
        self.level1_inferred = False  # the level 1 is the parent of a level 2, not written
        self.period: str | None = None
        self.in_header = False
        self.found: list[Indicator] = []  # one per distinct row, in the order read
        # a row's (level1, level2, name, target, period, extra items) -> its place in `found`
        self.seen: dict[tuple[object, ...], int] = {}
        self.repeated: list[tuple[int, int]] = []  # (place in `found`, line) of each repeat
        self.pending: tuple[CellLike, list[str]] | None = None
        # A row of headings only whose last heading lacks its 指标 (项目完成, 社会效益): the level
        # (1 or 2) and text, for a next row of 指标 alone, that heading's line broken in its cell.
        self.broken: tuple[int, str] | None = None
        self.width = -1  # no header read yet: no row is read by column
        self.at = _NO_LAYOUT

    # Header ----------------------------------------------------------------------------------

    def _role(self, cell: CellLike) -> str | None:
        role = column_role(cell.text)
        if role == "section":
            key, _ = L.label_key(cell.text)
            if "中期" in key or "长期" in key:
                self.period = "midterm"
            elif "年度" in key:
                self.period = "annual"
        return role

    def _header_cells(self, cells: list[CellLike]) -> list[str] | None:
        """The role of each cell of a table head, or None when the row is no head. A head may
        have columns the reader does not know (序号, 测算依据) beside at least two it knows, as
        long as those it knows are the more: their cells are read in their place and dropped
        (`_OTHER`), never read as an indicator or a value."""
        roles = [self._role(c) if c.text else "" for c in cells]
        if "name" not in roles and "level1" not in roles and "level2" not in roles:
            # a flat list (重庆: 指标 | 指标权重 | 计量单位 | 指标性质 | 指标值): 指标 heads the names
            roles = [
                "name" if r is None and c.text.strip() == FLAT_NAME else r
                for c, r in zip(cells, roles, strict=True)
            ]
        # a label of what no field holds (湖北's 保障绩效目标实现措施 beside 绩效指标) is a column
        # of the form all the same: known, its cells not imported
        unread = sum(1 for c, r in zip(cells, roles, strict=True) if r is None and _unread(c.text))
        named = [r for r in roles if r] + [_OTHER] * unread
        unknown = roles.count(None) - unread
        if not named or (unknown and (len(named) < 2 or unknown >= len(named))):
            return None
        if len(named) == 1 and named[0] == "section" and len([c for c in cells if c.text]) > 1:
            return None
        for cell, role in zip(cells, roles, strict=True):
            if role is None:
                said = Text(
                    f"指标表的“{cell.text[:20]}”栏不是绩效指标的栏目，该栏内容未导入",
                    f"the column “{cell.text[:20]}” of the indicator table is not one of "
                    "its indicator columns: its cells are not imported",
                )
                self.note("unplaced-column", said, cell.line)
        return [_OTHER if r is None else r for r in roles]

    def _set_header(self, roles: list[str], cells: list[CellLike]) -> None:
        self._flush()
        periods = [self._period_of(c.text) if c.text else None for c in cells]
        if self.has_rows:
            self.columns, self.column_periods = list(roles), periods
        else:
            self.columns = [*self.columns, *roles]
            self.column_periods = [*self.column_periods, *periods]
        cols = self.columns
        if self.has_rows or not self.in_header:  # a head read cell by cell is whole at its end
            _name_the_last_level(cols)
        start = cols.index("name") + 1 if "name" in cols else len(cols)
        after = [
            (r, p)
            for r, p in zip(cols[start:], self.column_periods[start:], strict=True)
            if r and r not in ("section", "level1", "level2")
        ]
        values = [r for r, _ in after]
        blocks = [p for _, p in after]
        if len(set(blocks) - {None}) < 2:
            blocks = [None] * len(values)  # one block or none: no side-by-side periods
        if "target" not in values and "midterm" in values and not any(blocks):
            values[values.index("midterm")] = "target"
            self.period = "midterm"
        self.value_roles = values or ["target"]
        self.value_periods = blocks or [None]
        by_column = self.has_rows and "name" in cols and self.layout not in NO_EMPTY_CELLS
        self.width = len(cols) if by_column else -1  # rows of this width are read by column
        single = self.value_roles == ["target"] and not any(self.value_periods)
        self.at = _ColumnLayout.of(cols, single) if by_column else _NO_LAYOUT
        self.level1 = self.level2 = None
        self.level1_inferred = False
        self.blocks = _Block.split(cols, self.column_periods, self.period_row, self.block_of)
        self.block_level2 = [None] * len(self.blocks)
        if self.blocks and not by_column and (self.has_rows or "" in cols):
            self.blocks = ()  # rows without their columns: blocks cannot be told apart
        if self.blocks:
            self.width = len(cols)  # cells read in turn are taken a row of this width at a time
        self.level1_at = cols.index("level1") if "level1" in cols else None
        self.stream_row = []
        self.period_row = {}

    def _period_of(self, text: str) -> str | None:
        """The period block a head cell names: by its heading (中期指标值) or by what it says in
        brackets (二级指标（长期）)."""
        key, suffix = L.label_key(text)
        return self.block_of.get(key) or (self.block_of.get(suffix) if suffix else None)

    # Rows ------------------------------------------------------------------------------------

    def add_rows(
        self,
        rows: Iterable[list[CellLike]],
        clean: Callable[[list[CellLike]], list[CellLike]],
    ) -> None:
        """Reads rows in turn. A row with a cell that needs cleaning (surrounding white space,
        markup) is passed through `clean` first."""
        footnotes = self.footnotes
        for row in rows:
            if self.in_footnotes:
                self._footnote(row)
                continue
            first = None
            for cell in row:
                text = cell.text
                if text:
                    if text[0] in TRIM or text[-1] in TRIM or "[" in text:
                        row = clean(row)
                        first = next((c.text for c in row if c.text), None)
                        break
                    if first is None:
                        first = text
            if first is None:
                if self.blocks and not self.has_rows and not self.in_header:
                    self._stream_blocks(row[0] if row else None)
                elif self.pending is not None and row:
                    self._stream(row[0])  # an empty cell of the row read in turn
                continue
            if first[0] in "附表" and L.TABLE_NUMBER.fullmatch(first) and _alone(row):
                said = Text(
                    f"表外文字未导入：{first}", f"text outside the form not imported: {first}"
                )
                self.note("outside-form", said, next(c.line for c in row if c.text))
                continue  # the number of the next form's table, over its title
            if L.PAGE_FOOTER.search(first) or (not self.has_rows and L.LINK_LINE in first):
                self._flush()  # the page's footer under the form
                self.in_footnotes = True
                self._footnote(row)
                continue
            if footnotes:
                if first[0] in self.footnote_starts and _fold_marker(first).startswith(footnotes):
                    self._flush()
                    self.in_footnotes = True
                    self._footnote(row)
                    continue
                row, rest = self._split_footnote(row)
                if rest:
                    self._add_row(row, first)
                    self._flush()
                    self.in_footnotes = True
                    self._footnote(rest)
                    continue
            self._add_row(row, first)

    def _split_footnote(self, row: list[CellLike]) -> tuple[list[CellLike], list[CellLike]]:
        """A row whose cell runs on into a footnote (a line of it starting with a marker, as a
        text flattening joins the lines under a table to its last cell): the row up to the
        footnote, and the footnote."""
        for k, cell in enumerate(row):
            if "\n" not in cell.text:
                continue
            lines = cell.text.split("\n")
            for j, line in enumerate(lines[1:], 1):
                if _fold_marker(line).startswith(self.footnotes):
                    kept = Cell("\n".join(lines[:j]).rstrip(), cell.line)
                    note = Cell("\n".join(lines[j:]), cell.line + j)
                    return [*row[:k], kept], [note, *row[k + 1 :]]
        return row, []

    def _footnote(self, row: list[CellLike]) -> None:
        """The form's printed notes (注：1.……): said in a note, never read as indicators."""
        texts = [c.text.strip() for c in row if c.text.strip()]
        if texts:
            text = " ".join(texts)
            said = Text(
                f"表注未作为指标导入：{text[:40]}",
                f"the form's footnote, not an indicator: {text[:40]}",
            )
            self.note("footnote", said, next(c.line for c in row if c.text.strip()))

    def _add_row(self, cells: list[CellLike], first: str) -> None:
        held, self.held = self.held, None
        if held is not None:
            joined = held.text + first
            if sum(1 for c in cells if c.text) == 1 and is_heading(joined):
                self._headings([Cell(joined, held.line)])  # 服务对象 | 满意度指标
                return
            self._emit(held, [])
        broken, self.broken = self.broken, None
        if broken is not None and first == "指标" and sum(1 for c in cells if c.text) == 1:
            # the rest of the heading above, its cell's line broken (项目完成 / 指标)
            level, text = broken
            if level == 1:
                self.level1, self.level1_inferred = text + "指标", False
            else:
                self.level2 = text + "指标"
            return
        if self.block_of and self.has_rows and self._period_row(cells):
            return
        # A header row has column names in its cells that are not empty: its first or, after a
        # column such as 序号, its second (every column name of the table has 标).
        if (
            column_role(first) is not None
            or (self.in_header and (_unread(first) or first.strip() == FLAT_NAME))
            or (len(cells) > 1 and "标" in cells[1].text and column_role(cells[1].text) is not None)
        ):
            roles = self._header_cells(cells)
            if roles is not None:
                self._end_skip()
                if not self.has_rows and not self.in_header:
                    self.columns, self.column_periods = [], []
                self.in_header = True
                self._set_header(roles, cells)
                return
        if self.other_tables and self._skips(cells, first):
            return
        if self.in_header and not self.has_rows and _two_levels(self.columns):
            self.in_header = False
            self._set_header([], [])  # the head read cell by cell is whole: its names found
        self.in_header = False
        if self.blocks and not self.has_rows:
            for cell in cells:
                self._stream_blocks(cell)
        elif len(cells) == self.width:
            if self.blocks:
                self._by_blocks(cells)
            else:
                self._by_column(self._anchored(cells))
        elif not self.has_rows:
            for cell in cells:
                self._stream(cell)
        elif self.width > len(cells) and not self.blocks and not cells[-1].text:
            # a short row padded at its end (its border cell dropped): as one of the full width
            padded = [*cells, *[Cell("", cells[0].line)] * (self.width - len(cells))]
            moved = self._anchored(padded)
            if moved is padded:
                self._by_shape(cells)
            else:
                self._by_column(moved)
        elif self.width > len(cells) and not self.blocks and (whole := self._short(cells)):
            self._by_place(whole)  # its empty end (备注) or start taken for the table's border
        else:
            self._by_shape(cells)

    def _short(self, cells: list[CellLike]) -> list[CellLike] | None:
        """A row short of the head's cells whose missing cells are its empty last ones (a 备注
        or 分值 left empty, its cell dropped as a border) or, its headings merged into the rows
        above, its first ones: the row at full width, when it then reads whole in its columns;
        else None, and its shape tells (`_by_shape`)."""
        if self.layout in NO_EMPTY_CELLS or "target" not in self.columns:
            return None
        empty = Cell("", cells[0].line)
        padded = [*cells, *[empty] * (self.width - len(cells))]
        last = max(k for k, c in enumerate(cells) if c.text)
        shift = self.columns.index("target") - last  # its last text the target
        aligned = [*[empty] * shift, *padded[: self.width - shift]] if shift > 0 else padded
        for row in (padded, self._anchored(padded), aligned):
            if self._reads_whole(row):
                return row
        return None

    def _by_place(self, row: list[CellLike]) -> None:
        """A short row put at full width (`_short`): its name and values by their columns, its
        headings by what they say, since where its missing cells were is a guess."""
        at = self.at
        heads = [c for c in row[: at.name] if c.text]
        if heads:
            self._headings(heads)
        if at.target is not None:
            self._add(row[at.name], row[at.target].text, ())
        else:
            self._emit(row[at.name], [row[i].text for i in at.values])

    def _reads_whole(self, row: list[CellLike]) -> bool:
        """Whether a row of the head's width has a target in the target's column, a name that is
        no heading, and before the name only headings or empty cells."""
        at = self.at
        target = row[self.columns.index("target")].text
        if not target or parse_target(target).kind is TargetKind.FREE_TEXT:
            return False
        name = row[at.name].text
        if not name or is_heading(name):
            return False
        return all(not c.text or is_heading(c.text) for c in row[: at.name])

    def _period_row(self, cells: list[CellLike]) -> bool:
        """A row naming the side-by-side blocks (中期指标 | 年度指标) above the table's head: the
        column each block's heading stands in is kept for the head to come."""
        found: dict[int, str] = {}
        for k, cell in enumerate(cells):
            if not cell.text:
                continue
            key = L.label_key(cell.text)[0]
            period = self.block_of.get(key)
            if period is not None:
                found[k] = period
            elif key not in L.INDICATOR_SECTION:
                return False
        if len(set(found.values())) < 2:
            return False
        self.period_row = found
        return True

    def _stream_blocks(self, cell: CellLike | None) -> None:
        """A cell read in turn under a head of side-by-side blocks: the cells, empty ones
        included, are taken a row of the head's width at a time."""
        if cell is None:
            return
        self.stream_row.append(cell)
        if len(self.stream_row) == self.width:
            row, self.stream_row = self.stream_row, []
            self._by_blocks(row)

    def _by_blocks(self, cells: list[CellLike]) -> None:
        """A row of side-by-side blocks, each with its own level-2, name and value columns: one
        indicator per block whose name is filled, under the row's level-1 heading and the
        block's own level-2 heading (filled down block by block)."""
        level1 = self.level1_at
        if level1 is not None and cells[level1].text:
            if cells[level1].text != self.level1:
                self.block_level2 = [None] * len(self.blocks)
            self._set_level1(cells[level1].text)
        heads = [cells[i] for i in self.at.others if cells[i].text]
        if heads:
            self._headings(heads)
        for k, block in enumerate(self.blocks):
            if block.level2 is not None and cells[block.level2].text:
                cell = cells[block.level2]
                self.level2 = self.block_level2[k]
                self._set_level2(cell.text, cell.line)
                self.block_level2[k] = self.level2
            name = cells[block.name]
            values = [cells[i].text for i in block.values]
            if not name.text and not any(values):
                continue
            self.level2 = self.block_level2[k]
            self.periods_by_layout = self.periods_by_layout or block.period is not None
            target = values[0] if values else ""
            extra = tuple(
                (_role_label(role), value)
                for role, value in zip(block.roles[1:], values[1:], strict=True)
                if value and role != _OTHER
            )
            self._add(name, target, extra, block.period)

    def _anchored(self, cells: list[CellLike]) -> list[CellLike]:
        """A row whose leading cells were merged into the rows above and left out, its end padded
        with empty cells instead (a table copied from a web page: a cell spanning rows is given
        in its first row only): its cells moved right into the padding, to where its first
        belongs: a level-1 heading to its column, a level-2 heading to its, anything else to the
        name's. Rows whose merged cells are kept empty (a Word table) stay as they are."""
        first = cells[0].text
        if not first or cells[-1].text or L.label_key(first)[0] in L.INDICATOR_SECTION:
            return cells  # no padding (the common row: its value last), or its table's label
        at = self.at
        level2 = canonical_level2(first)
        parent = level1_of_level2(first, self.scheme)
        under = self.level1 is not None and parent == canonical_level1(self.level1)
        if canonical_level1(first) is not None and not (level2 is not None and under):
            column = at.level1  # 成本指标 under 产出指标 is a level 2 in the classic scheme only
        elif level2 is not None:
            column = at.level2
        else:
            column = at.name
        if not column:
            return cells
        padding = next((k for k, c in enumerate(reversed(cells)) if c.text), len(cells))
        if padding < column:
            return cells
        empty = [Cell("", cells[0].line)] * column
        return [*empty, *cells[: len(cells) - column]]

    def _by_column(self, cells: list[CellLike]) -> None:
        at = self.at
        if at.level1 is not None and cells[at.level1].text:
            if at.level2 is None:
                self._only_heading(cells[at.level1])
            else:
                self._set_level1(cells[at.level1].text)
        if at.level2 is not None and cells[at.level2].text:
            cell = cells[at.level2]
            self._set_level2(cell.text, cell.line)
        heads = [cells[i] for i in at.others if cells[i].text]
        if heads:
            self._headings(heads)
        if at.target is not None:  # the common shape: one value, the target
            self._add(cells[at.name], cells[at.target].text, ())
        else:
            self._emit(cells[at.name], [cells[i].text for i in at.values])

    def _by_shape(self, cells: list[CellLike]) -> None:
        k = len(self.value_roles)
        while len(cells) > 1 and L.label_key(cells[0].text)[0] in L.INDICATOR_SECTION:
            cells = cells[1:]  # the table's label (绩效指标) left of a row of it: no cell of it
        if k > 1 and self.layout in NO_EMPTY_CELLS:
            # Empty cells leave no trace in these layouts, and the columns after the target
            # (备注, 分值) are the ones most often left empty: the headings the row starts with
            # are read first, then its name and values from the left.
            lead = 0
            while (
                lead < min(2, len(cells) - 1)
                and is_heading(cells[lead].text)
                and not (lead and _names_its_level2(cells[lead - 1].text, cells[lead].text))
            ):
                lead += 1
            if len(cells) - lead <= k:
                self._headings(cells[:lead])
                cells = cells[lead:]
        if (
            len(cells) > k
            and self.layout in NO_EMPTY_CELLS
            and all(is_heading(c.text) for c in cells)
        ):
            self._headings(cells)  # headings alone (`效益指标 经济效益指标`): no name, no value
            self._heading_broken(cells[-1].text)  # `效益指标 经济效益` | `指标`
            return
        if len(cells) <= k:
            named = [c for c in cells if c.text]
            if all(is_heading(c.text) for c in named):
                self._headings(named)
                self._heading_broken(named[-1].text if named else "")
                return
            self._emit_or_hold(named[0], [c.text for c in named[1:]])
            return
        values = [c.text for c in cells[-k:]]
        name = cells[-k - 1]
        heads = cells[: -k - 1]
        if k == 1 and is_heading(name.text) and self._cut_short(cells[-1].text):
            # A row cut off after its name (a truncated document): the last cell is the name.
            heads, name, values = cells[:-1], cells[-1], []
        rest = self._headings(heads)
        if rest and self.layout == "spaced":
            # Cells split at white space inside the name: rejoin them as written.
            joined = " ".join([*(c.text for c in rest), name.text])
            name = Cell(joined, rest[0].line)
        elif rest:
            for cell in rest:
                said = Text(
                    f"指标行中未能归类的内容：{cell.text[:40]}",
                    f"text of an indicator row in no column: {cell.text[:40]}",
                )
                self.note("unplaced-text", said, cell.line)
        if not name.text and not any(values):
            return
        if is_heading(name.text) and not any(values):
            self._headings([name])
            self._heading_broken(name.text)
            return
        self._emit_or_hold(name, values)

    def _emit_or_hold(self, name: CellLike, values: list[str]) -> None:
        """A row; one without a value where empty cells leave no trace is held for the row
        below, which may complete it into a heading (服务对象 | 满意度指标: `_add_row`)."""
        if not any(values) and self.layout in NO_EMPTY_CELLS:
            self.held = name
            return
        self._emit(name, values)

    def _stream(self, cell: CellLike) -> None:
        if not cell.text:
            if self.pending is not None:  # an empty value of the row being read (绩效标准)
                self._value(cell)
            return
        if self.pending is None:
            after_level2, self.after_level2 = self.after_level2, False
            if is_heading(cell.text) and not (after_level2 and self._names_level2(cell.text)):
                if self.after_level1 and canonical_level2(cell.text) is not None:
                    # 满意度指标 | 满意度指标: a level-1 heading, then its level-2 heading
                    self._set_level2(cell.text, cell.line)
                else:
                    self._headings([cell])
                # 经济效益 | 指标: a heading's cell broken in two paragraphs, completed by the next
                self._heading_broken(cell.text)
                self.after_level1 = self.level1 == cell.text and self.level2 is None
                self.after_level2 = self.level2 == cell.text
            else:
                self.after_level1 = False
                self.pending = (cell, [])
            return
        self._value(cell)

    def _value(self, cell: CellLike) -> None:
        """A value of the row read in turn (`pending`); the row is given once it has them all."""
        name, values = self.pending  # type: ignore[misc]
        values.append(cell.text)
        if len(values) == len(self.value_roles):
            self.pending = None
            self._emit(name, values)

    def _names_level2(self, text: str) -> bool:
        """Whether a heading word right after a level-2 heading is no heading but the name of
        its first indicator: the same heading again (服务对象满意度指标 | 满意度), or a level-1
        heading, which never stands under a level-2 one."""
        level2 = canonical_level2(text)
        return level2 is None or level2 == canonical_level2(self.level2)

    def _flush(self) -> None:
        if self.held is not None:
            held, self.held = self.held, None
            self._emit(held, [])
        if self.stream_row:
            row, self.stream_row = self.stream_row, []
            for cell in row:
                if cell.text:
                    said = Text(
                        f"指标行中未能归类的内容：{cell.text[:40]}",
                        f"text of an indicator row in no column: {cell.text[:40]}",
                    )
                    self.note("unplaced-text", said, cell.line)
        if self.pending is not None:
            name, values = self.pending
            self.pending = None
            self._emit(name, values)

    # Other tables ----------------------------------------------------------------------------

    def _skips(self, cells: list[CellLike], first: str) -> bool:
        """Whether the row belongs to a table that holds no indicators: one opened by a heading
        of the template's `other_tables`, up to the next head of an indicator table."""
        if len(first) <= L.LONGEST_LABEL and L.bare_label(first)[0] in self.other_tables:
            if self.in_header and not self.has_rows:
                # One cell a line: in the head of an indicator table it is one of its columns.
                self._set_header([_OTHER], cells[:1])
                return True
            self._end_skip()
            self._flush()
            line = next(c.line for c in cells if c.text)
            self.skipping = (first, line, 1)
            return True
        if self.skipping is None:
            return False
        heading, line, count = self.skipping
        self.skipping = (heading, line, count + 1)
        return True

    def _end_skip(self) -> None:
        if self.skipping is None:
            return
        heading, line, count = self.skipping
        self.skipping = None
        said = Text(
            f"“{heading[:20]}”不是绩效指标表：其 {count} 行未作为指标导入",
            f"“{heading[:20]}” is not a table of indicators: its {count} rows were not "
            "read as indicators",
        )
        self.note("other-table-skipped", said, line)

    # Headings --------------------------------------------------------------------------------

    @classmethod
    def _cut_short(cls, text: str) -> bool:
        return not is_heading(text) and parse_target(text).kind is TargetKind.FREE_TEXT

    def _headings(self, cells: list[CellLike]) -> list[CellLike]:
        """Reads heading cells left of a name; returns the cells that are not headings."""
        rest: list[CellLike] = []
        seen_level1 = seen_level2 = False
        for cell in cells:
            if not cell.text or L.label_key(cell.text)[0] in L.INDICATOR_SECTION:
                continue
            is_l1, is_l2 = self._levels(cell.text)
            if is_l1 and not seen_level1 and not seen_level2:
                self._set_level1(cell.text)
                seen_level1 = True
            elif is_l2:
                self._set_level2(cell.text, cell.line)
                seen_level2 = True
            else:
                rest.append(cell)
        return rest

    def _levels(self, text: str) -> tuple[bool, bool]:
        """Whether a heading is a level-1 one and whether a level-2 one in the table's scheme: a
        level-1 heading of another scheme (成本指标 in the classic one) is a level-2 one."""
        level1 = canonical_level1(text)
        is_l2 = canonical_level2(text) is not None
        return level1 is not None and (level1 in self.level1_names or not is_l2), is_l2

    def _only_heading(self, cell: CellLike) -> None:
        """The cell of a table's only heading column (一级指标 | 二级指标 | 绩效标准 | 指标值, whose
        二级指标 holds the names: `_set_header`): its level is told by what it says. A level-2
        heading (数量指标) files the rows under the level 1 it belongs to, noted where the table
        does not write it; any other text is the level-1 heading, as in a column of its own."""
        text = cell.text
        is_l1, is_l2 = self._levels(text)
        if is_l1 or not is_l2:
            self.level1, self.level2 = text, None  # a group of its own, with no level 2
            self.level1_inferred = False
            return
        parent = level1_of_level2(text, self.scheme)
        if self.level1 is not None and parent != canonical_level1(self.level1):
            self.level1_inferred = True  # a level 2 of another level 1: its parent inferred
        self._set_level2(text, cell.line)

    def _heading_broken(self, text: str) -> None:
        """Notes the last heading of a row of headings only when it lacks its 指标, which a next
        row of 指标 alone then completes."""
        if text and not text.endswith("指标"):
            if text == self.level2:
                self.broken = (2, text)
            elif text == self.level1:
                self.broken = (1, text)

    def _set_level1(self, text: str) -> None:
        self.level1_inferred = False
        if text != self.level1:
            self.level1 = text
            self.level2 = None

    def _set_level2(self, text: str, line: int) -> None:
        """A level-2 heading; where the table writes no level 1 (or the one before was inferred
        from another level 2 of another level 1), the level 1 it belongs to, noted."""
        self.level2 = text
        if self.level1 is None or self.level1_inferred:
            parent = level1_of_level2(text)
            if parent and parent != self.level1:
                self.level1 = parent
                self.level1_inferred = True
                said = Text(
                    f"表中未写一级指标，按“{text}”归入“{parent}”",
                    f"no level-1 heading written: filed under “{parent}” by “{text}”",
                )
                self.note("level1-inferred", said, line)

    # Output ----------------------------------------------------------------------------------

    def _emit(self, name: CellLike, values: list[str]) -> None:
        roles = self.value_roles
        if len(values) == 1 and len(roles) == 1:  # the common shape: one value, the target
            self._add(name, values[0], ())
            return
        if any(self.value_periods):
            self._emit_periods(name, values)
            return
        if len(values) < len(roles) and self.layout in NO_EMPTY_CELLS:
            roles = self._target_last(roles, values)
        if len(values) < len(roles):
            lacking = [r for r in roles[len(values) :] if r != _OTHER]
            if self.layout in NO_EMPTY_CELLS:
                lacking = [r for r in lacking if r == "target"]  # an empty 备注 left no cell
            if lacking:
                missing = "、".join(_role_label(r) for r in lacking)
                missing_en = ", ".join(_role_label(r, "en") for r in lacking)
                said = Text(
                    f"指标“{name.text[:30]}”缺少{missing}",
                    f"the indicator “{name.text[:30]}” has no {missing_en}",
                )
                self.note("missing-cell", said, name.line)
        elif len(values) > len(roles):
            said = Text(
                f"指标“{name.text[:30]}”的多余内容未导入",
                f"more cells than columns in the indicator “{name.text[:30]}”: not imported",
            )
            self.note("extra-cells", said, name.line)
        by_role = dict(zip(roles, values, strict=False))
        extra = tuple(
            (_role_label(role), value)
            for role, value in by_role.items()
            if role != "target" and role != _OTHER and value
        )
        self._add(name, by_role.get("target", ""), extra)

    @staticmethod
    def _target_last(roles: list[str], values: list[str]) -> list[str]:
        """The roles of a row short of cells where empty cells leave no trace, when the target
        stands after another value column (湖北: 绩效标准 | 当年预期实现值): a last value that
        reads as a target is the target, the ones before it fill the columns from the left."""
        at = roles.index("target") if "target" in roles else 0
        if not values or at < len(values) or parse_target(values[-1]).kind is TargetKind.FREE_TEXT:
            return roles
        return [*roles[: len(values) - 1], "target", *roles[len(values) - 1 : at]]

    def _emit_periods(self, name: CellLike, values: list[str]) -> None:
        """A row of side-by-side period blocks: one indicator per block the row fills, each
        with the columns outside the blocks as its extra columns."""
        if len(values) < len(self.value_roles):
            said = Text(
                f"指标“{name.text[:30]}”的单元格少于表头栏目",
                f"the indicator “{name.text[:30]}” has fewer cells than the header",
            )
            self.note("missing-cell", said, name.line)
        cells = list(zip(self.value_roles, self.value_periods, values, strict=False))
        extra = tuple((_role_label(r), v) for r, p, v in cells if p is None and v and r != _OTHER)
        filled = [(p, v) for _, p, v in cells if p is not None and v]
        self.periods_by_layout = True
        for period, value in filled:
            self._add(name, value, extra, period)
        if not filled:
            said = Text(
                f"指标“{name.text[:30]}”各期均无指标值",
                f"the indicator “{name.text[:30]}” has no target in any period",
            )
            self.note("missing-cell", said, name.line)
            self._add(name, "", extra, self.value_periods[-1] or self.period)

    def _add(
        self,
        name: CellLike,
        target: str,
        extra: tuple[tuple[str, str], ...],
        period: str | None = None,
    ) -> None:
        """One indicator row; a row repeated word for word is merged into the first, which
        keeps the lines of both."""
        period = period or self.period
        key = (self.level1, self.level2, name.text, target, period, extra)
        at = self.seen.get(key)
        if at is None:
            self.seen[key] = len(self.found)
            self.found.append(
                make_indicator(
                    self.level1,
                    self.level2,
                    name.text,
                    target,
                    (name.line,),
                    period,
                    MappingProxyType(dict(extra)) if extra else _NO_EXTRA,
                )
            )
            return
        self.repeated.append((at, name.line))

    def indicators(self) -> tuple[Indicator, ...]:
        """The indicators read. The period (年度, 中期) is kept only where a form has both, or
        where side-by-side blocks gave it."""
        self._flush()
        self._end_skip()
        found = self.found
        repeats: dict[int, list[int]] = {}  # place in `found` -> lines of its repeats
        for at, line in self.repeated:  # noted after what was noted while reading the rows
            first = found[at]
            row = f"{first.name} {first.target}"
            said = Text(
                f"与第 {first.line} 行完全相同的指标行（{row}）已合并为一行",
                f"the same indicator row as line {first.line} ({row}) merged into one",
            )
            self.note("duplicate-row-merged", said, line)
            repeats.setdefault(at, []).append(line)
        self.repeated.clear()
        for at, lines in repeats.items():
            row = found[at]
            found[at] = make_indicator(
                row.level1,
                row.level2,
                row.name,
                row.target,
                (*row.source_lines, *lines),
                row.period,
                row.extra,
            )
        periods = {indicator.period for indicator in found}
        if len(periods) == 1 and None not in periods and not self.periods_by_layout:
            return tuple(replace(indicator, period=None) for indicator in found)
        return tuple(found)


_NO_EXTRA: MappingProxyType[str, str] = MappingProxyType({})


_OTHER = "other"  # a column of the table head that names no part of an indicator


class _ColumnLayout(NamedTuple):
    """Where each part of a row stands, worked out once per table header."""

    level1: int | None
    level2: int | None
    name: int
    values: tuple[int, ...]
    others: tuple[int, ...]  # cells that may hold headings: the 绩效指标 column, unnamed ones
    target: int | None  # the value's column when the target is the only value

    @classmethod
    def of(cls, columns: list[str], single: bool) -> _ColumnLayout:
        def first(role: str) -> int | None:
            return columns.index(role) if role in columns else None

        name = columns.index("name")
        values = tuple(
            i
            for i, r in enumerate(columns)
            if r not in ("", "section", "level1", "level2", "name") and (r != _OTHER or i > name)
        )  # an unknown column left of the name (序号) is no value: `value_roles` start after it
        others = tuple(i for i, r in enumerate(columns) if r in ("", "section"))
        target = values[0] if len(values) == 1 and single else None
        return cls(first("level1"), first("level2"), name, values, others, target)


_NO_LAYOUT = _ColumnLayout(None, None, 0, (), (), None)


class _Block(NamedTuple):
    """One of the side-by-side blocks of a table head that repeats its name column (中期 |
    年度, each with 二级指标, 三级指标 and 指标值): its columns and its period."""

    level2: int | None
    name: int
    values: tuple[int, ...]
    roles: tuple[str, ...]  # the value columns' roles, the first one the block's target
    period: str | None

    @classmethod
    def split(
        cls,
        columns: list[str],
        periods: list[str | None],
        period_row: dict[int, str],
        block_of: dict[str, str],
    ) -> tuple[_Block, ...]:
        """The blocks of a head whose name column repeats; () for any other head. A block's
        period is the one its columns name (a heading of the template's blocks, in the head or
        in a row above it), else the template's blocks in order."""
        names = [k for k, role in enumerate(columns) if role == "name"]
        if len(names) < 2:
            return ()
        order = list(dict.fromkeys(block_of.values()))
        blocks = []
        for n, name in enumerate(names):
            end = names[n + 1] if n + 1 < len(names) else len(columns)
            level2 = name - 1 if name > 0 and columns[name - 1] == "level2" else None
            if n + 1 < len(names) and columns[end - 1] == "level2":
                end -= 1  # the next block's level-2 column
            start = level2 if level2 is not None else name
            values = tuple(
                k for k in range(name + 1, end) if columns[k] not in ("", "section", "level1")
            )
            named = [periods[k] for k in range(start, end) if periods[k]]
            named += [p for k, p in sorted(period_row.items()) if start <= k < end]
            period = named[0] if named else (order[n] if n < len(order) else None)
            roles = tuple(columns[k] for k in values)
            blocks.append(cls(level2, name, values, roles, period))
        return tuple(blocks)


def _alone(row: list[CellLike]) -> bool:
    """Whether the row has one cell with text."""
    return sum(1 for c in row if c.text) == 1


def _two_levels(columns: list[str]) -> bool:
    return "name" not in columns and "level1" in columns and "level2" in columns


def _name_the_last_level(columns: list[str]) -> None:
    """A head of two levels and no name column (湖北: 一级指标 | 二级指标 | 绩效标准 | 当年预期
    实现值, rows 数量指标 | 维修维护次数 | …): its last level column holds the names, its first
    the headings, read by what they say (`IndicatorTable._only_heading`)."""
    if _two_levels(columns):
        columns[len(columns) - 1 - columns[::-1].index("level2")] = "name"


def _unread(text: str) -> bool:
    return len(text) <= L.LONGEST_LABEL and L.label_key(text)[0] in L.UNREAD


@L.memo
def column_role(text: str) -> str | None:
    """The part of the indicator table a header cell names: "section" (绩效指标), "level1",
    "level2", "name", a value column, or None for a cell that names none."""
    key, _ = L.label_key(text)
    if key in L.INDICATOR_SECTION:
        return "section"
    return L.LEVEL_COLUMNS.get(key) or L.VALUE_COLUMNS.get(key)


class PeriodHeadings(Protocol):
    """A side-by-side block of the table (`templates.PeriodBlock`)."""

    period: str
    headings: tuple[str, ...]


@cache
def _markers(footnotes: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str]]:
    """The footnote markers folded (`_fold_marker`), once per list, and the characters a cell
    that starts with one starts with: the first of each, in its full-width form too (what NFKC
    folds), so that most rows are told apart without folding them."""
    folded = tuple(m for m in (_fold_marker(m) for m in footnotes) if m)
    starts = {m[0] for m in folded}
    starts |= {chr(ord(c) + 0xFEE0) for c in starts if "!" <= c <= "~"}
    return folded, frozenset(starts)


def _fold_marker(text: str) -> str:
    """A footnote marker or the start of a cell, compared: NFKC, no white space (the colon
    kept: 注： is a marker, 注册 is not)."""
    return "".join(unicodedata.normalize("NFKC", text[:12]).split())


def _role_label(role: str, language: str = "zh") -> str:
    if language == "en":
        return {"target": "target", "midterm": "mid-term target"}.get(role, role)
    return {"target": "指标值", "midterm": MIDTERM_KEY}.get(role, role)
