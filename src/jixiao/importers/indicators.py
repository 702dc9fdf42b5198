"""The indicator table of a form: header columns, rows, merged headings, repeated rows.

Rows come in three shapes. When a row has as many cells as the header, cells are read by column.
Otherwise the value columns are counted from the right (the name stands just before them) and the
cells left of the name are read by what they say: a level-1 or a level-2 heading, or padding. Without
row structure (one cell per paragraph) cells are read in turn: headings, then a name, then values.
Empty heading cells take the heading above them (merged cells in the original table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from types import MappingProxyType
from typing import NamedTuple, Protocol

from jixiao.domain.form import Indicator, make_indicator
from jixiao.domain.target import TargetKind, parse_target
from jixiao.domain.taxonomy import (
    canonical_level1,
    canonical_level2,
    is_heading,
    level1_of_level2,
)
from jixiao.i18n import Text
from jixiao.importers import labels as L
from jixiao.importers.decode import TRIM
from jixiao.importers.grid import Cell


class CellLike(Protocol):
    text: str
    line: int


NoteSink = Callable[[str, Text, "int | None"], None]


class IndicatorTable:
    """Collects the rows of one form's indicator table(s)."""

    def __init__(
        self,
        has_rows: bool,
        layout: str,
        note: NoteSink,
        *,
        other_tables: frozenset[str] = frozenset(),
    ) -> None:
        self.has_rows = has_rows
        self.layout = layout
        self.note = note
        # The folded headings of the form's tables that hold no indicators (the template's
        # `table.other_tables`): such a table's rows are skipped up to the next table head.
        self.other_tables = other_tables
        self.skipping: tuple[str, int, int] | None = None  # (heading, line, rows skipped)
        self.columns: list[str] = []
        self.value_roles: list[str] = ["target"]
        self.level1: str | None = None
        self.level2: str | None = None
        self.period: str | None = None
        self.in_header = False
        self.found: list[Indicator] = []  # one per distinct row, in the order read
        # a row's (level1, level2, name, target, period, extra items) -> its place in `found`
        self.seen: dict[tuple[object, ...], int] = {}
        self.repeated: list[tuple[int, int]] = []  # (place in `found`, line) of each repeat
        self.pending: tuple[CellLike, list[str]] | None = None
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
        named = [r for r in roles if r]
        unknown = roles.count(None)
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

    def _set_header(self, roles: list[str]) -> None:
        self._flush()
        self.columns = roles if self.has_rows else [*self.columns, *roles]
        cols = self.columns
        after = cols[cols.index("name") + 1 :] if "name" in cols else []
        values = [r for r in after if r and r not in ("section", "level1", "level2")]
        if "target" not in values and "midterm" in values:
            values[values.index("midterm")] = "target"
            self.period = "midterm"
        self.value_roles = values or ["target"]
        by_column = self.has_rows and "name" in cols and self.layout != "spaced"
        self.width = len(cols) if by_column else -1  # rows of this width are read by column
        self.at = _ColumnLayout.of(cols, self.value_roles) if by_column else _NO_LAYOUT
        self.level1 = self.level2 = None

    # Rows ------------------------------------------------------------------------------------

    def add_rows(
        self,
        rows: Iterable[list[CellLike]],
        clean: Callable[[list[CellLike]], list[CellLike]],
    ) -> None:
        """Reads rows in turn. A row with a cell that needs cleaning (surrounding white space,
        markup) is passed through `clean` first."""
        for row in rows:
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
            if first is not None:
                self._add_row(row, first)

    def _add_row(self, cells: list[CellLike], first: str) -> None:
        # A header row has column names in its cells that are not empty: its first or, after a
        # column such as 序号, its second (every column name of the table has 标).
        if column_role(first) is not None or (
            len(cells) > 1 and "标" in cells[1].text and column_role(cells[1].text) is not None
        ):
            roles = self._header_cells(cells)
            if roles is not None:
                self._end_skip()
                if not self.has_rows and not self.in_header:
                    self.columns = []
                self.in_header = True
                self._set_header(roles)
                return
        if self.other_tables and self._skips(cells, first):
            return
        self.in_header = False
        if len(cells) == self.width:
            self._by_column(cells)
        elif not self.has_rows:
            for cell in cells:
                self._stream(cell)
        else:
            self._by_shape(cells)

    def _by_column(self, cells: list[CellLike]) -> None:
        at = self.at
        if at.level1 is not None and cells[at.level1].text:
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
        if len(cells) <= k:
            named = [c for c in cells if c.text]
            if all(is_heading(c.text) for c in named):
                self._headings(named)
                return
            name, values = named[0], [c.text for c in named[1:]]
            self._emit(name, values)
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
            return
        self._emit(name, values)

    def _stream(self, cell: CellLike) -> None:
        if not cell.text:
            return
        if self.pending is None:
            if is_heading(cell.text):
                self._headings([cell])
            else:
                self.pending = (cell, [])
            return
        name, values = self.pending
        values.append(cell.text)
        if len(values) == len(self.value_roles):
            self.pending = None
            self._emit(name, values)

    def _flush(self) -> None:
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
                self._set_header([_OTHER])
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
            is_l1 = canonical_level1(cell.text) is not None
            is_l2 = canonical_level2(cell.text) is not None
            if is_l1 and not seen_level1 and not seen_level2:
                self._set_level1(cell.text)
                seen_level1 = True
            elif is_l2:
                self._set_level2(cell.text, cell.line)
                seen_level2 = True
            else:
                rest.append(cell)
        return rest

    def _set_level1(self, text: str) -> None:
        if text != self.level1:
            self.level1 = text
            self.level2 = None

    def _set_level2(self, text: str, line: int) -> None:
        self.level2 = text
        if self.level1 is None:
            parent = level1_of_level2(text)
            if parent:
                self.level1 = parent
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
        if len(values) < len(roles):
            lacking = [r for r in roles[len(values) :] if r != _OTHER]
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

    def _add(self, name: CellLike, target: str, extra: tuple[tuple[str, str], ...]) -> None:
        """One indicator row; a row repeated word for word is merged into the first, which
        keeps the lines of both."""
        key = (self.level1, self.level2, name.text, target, self.period, extra)
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
                    self.period,
                    MappingProxyType(dict(extra)) if extra else _NO_EXTRA,
                )
            )
            return
        self.repeated.append((at, name.line))

    def indicators(self) -> tuple[Indicator, ...]:
        """The indicators read. The period (年度, 中期) is kept only where a form has both."""
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
        if len(periods) == 1 and None not in periods:
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
    def of(cls, columns: list[str], value_roles: list[str]) -> _ColumnLayout:
        def first(role: str) -> int | None:
            return columns.index(role) if role in columns else None

        name = columns.index("name")
        values = tuple(
            i
            for i, r in enumerate(columns)
            if r not in ("", "section", "level1", "level2", "name") and (r != _OTHER or i > name)
        )  # an unknown column left of the name (序号) is no value: `value_roles` start after it
        others = tuple(i for i, r in enumerate(columns) if r in ("", "section"))
        target = values[0] if len(values) == 1 and value_roles == ["target"] else None
        return cls(first("level1"), first("level2"), name, values, others, target)


_NO_LAYOUT = _ColumnLayout(None, None, 0, (), (), None)


@L.memo
def column_role(text: str) -> str | None:
    """The part of the indicator table a header cell names: "section" (绩效指标), "level1",
    "level2", "name", a value column, or None for a cell that names none."""
    key, _ = L.label_key(text)
    if key in L.INDICATOR_SECTION:
        return "section"
    return L.LEVEL_COLUMNS.get(key) or L.VALUE_COLUMNS.get(key)


def _role_label(role: str, language: str = "zh") -> str:
    if language == "en":
        return {"target": "target", "midterm": "mid-term target"}.get(role, role)
    return {"target": "指标值", "midterm": "中期指标值"}.get(role, role)
