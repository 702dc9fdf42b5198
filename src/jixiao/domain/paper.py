"""The standard layout of 《项目支出绩效目标表》 as a grid of cells: the one description of the
paper table, drawn by every writer (docx, xlsx, html and PDF, `jixiao show`, the review report
and the web app's form page), so that every rendering of a form is the same table.

The grid has six columns, and one more per further indicator column (指标性质, 备注 ...). Every
text a form carries is placed in a cell exactly as written, so that a reader of the rendered
table gets the form back. Indicator headings repeated down the rows are merged vertically (as on
paper); an empty heading stays an empty, unmerged cell (docs/exports.md, “One layout”).

A cell that shows a value of the form names its place (`place`): the field it shows, or the
indicator row; findings are shown at these places (`jixiao.review.places`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.domain.columns import VALUE_COLUMNS
from jixiao.domain.form import Form, Indicator
from jixiao.domain.target import format_decimal

COLUMNS = 6
# Relative widths of the six grid columns (docx in cm, xlsx in characters, html in %).
WIDTHS = (2.6, 2.7, 2.6, 3.3, 1.8, 3.0)
EXTRA_WIDTH = 1.4


@dataclass(frozen=True)
class Cell:
    """A cell of the grid: its text, first column, columns spanned, rows spanned downwards."""

    text: str
    col: int
    span: int = 1
    rows: int = 1
    kind: str = "value"  # "label" (printed on the paper form) or "value" (filled in)
    place: str | None = None  # the field or indicator row the cell shows (`place_of`)
    # A figure the text shows (an amount, a rate, a score): a spreadsheet keeps it as a number
    # with this number format, the other writers show `text`. None: the cell is text only.
    number: Decimal | None = None
    number_format: str = ""


@dataclass(frozen=True)
class Row:
    """A row of the grid: the cells that start in it, left to right; `place` is the indicator
    row it shows, if any."""

    cells: tuple[Cell, ...]
    place: str | None = None


FORM_PLACE = "form"  # the place of what concerns the whole form and no one cell


def indicator_place(index: int) -> str:
    """The place of the indicator row `index` (0-based in `form.indicators`)."""
    return f"indicator-{index}"


def place_of(field: str | None, indicator: int | None) -> str:
    """The place a location (a field, an indicator row, or neither) is shown at."""
    if indicator is not None:
        return indicator_place(indicator)
    return field or FORM_PLACE


PERIOD_LABELS = {None: ("绩效指标", "年度指标值"), "annual": ("年度绩效指标", "年度指标值")}
MIDTERM_LABELS = ("长期绩效指标", "长期指标值")


def text_width(text: str) -> int:
    """How many columns a text takes where a Chinese (wide) character takes two: what a terminal
    shows and what a spreadsheet's column width counts."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def heading(form: Form, numbered: bool = True) -> str:
    """The title line above the table: `1、财政项目支出绩效目标填报表` (none without a title)."""
    if form.title is None:
        return ""
    return f"{form.seq}、{form.title}" if numbered else form.title


def year_line(form: Form) -> str:
    return f"（{form.budget_year}年度）" if form.budget_year else ""


def subheading(form: Form) -> str:
    """The year line under the title. A form without a title has it inside its table instead:
    above the table it would be read as the end of the form before."""
    return year_line(form) if form.title is not None else ""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_decimal(value)
    return value if isinstance(value, str) else str(value)


def _pair(form: Form, label: str, field: str, label2: str, field2: str) -> Row:
    return Row(
        (
            Cell(label, 0, kind="label"),
            Cell(_text(getattr(form, field)), 1, 2, place=field),
            Cell(label2, 3, kind="label"),
            Cell(_text(getattr(form, field2)), 4, 2, place=field2),
        )
    )


def header_rows(form: Form) -> list[Row]:
    return [
        _pair(form, "项目名称", "project_name", "项目类别", "project_category"),
        _pair(form, "主管部门", "supervising_department", "实施单位", "implementing_unit"),
        _pair(form, "计划开始日期", "planned_start", "计划完成日期", "planned_end"),
    ]


# The funds block: (project-side label, field, annual-side label, field) per row.
FUNDS_ROWS: tuple[tuple[str, str | None, str, str], ...] = (
    ("项目资金总额", "project_total", "年度资金申请总额", "annual_request"),
    ("其中：财政资金", "project_fiscal", "其中：当年财政拨款", "annual_appropriation"),
    ("", None, "上年结转资金", "annual_carryover"),
    ("其他资金", "project_other", "其他资金", "annual_other"),
)


def _funds_row(form: Form, left: str, field: str | None, right: str, field2: str) -> Row:
    f = form.funds
    return Row(
        (
            Cell(left, 1, kind="label" if left else "value"),
            Cell(_text(getattr(f, field)), 2, place=field) if field else Cell("", 2),
            Cell(right, 3, kind="label"),
            Cell(_text(getattr(f, field2)), 4, 2, place=field2),
        )
    )


def funds_rows(form: Form) -> list[Row]:
    rows = [_funds_row(form, *names) for names in FUNDS_ROWS]
    label = Cell(f"项目资金\n（{form.funds.unit or '元'}）", 0, rows=4, kind="label", place="funds")
    rows[0] = Row((label, *rows[0].cells))
    return rows


def goal_rows(form: Form) -> list[Row]:
    overall = "项目总目标"
    if form.goal_period is not None:
        overall += f"\n（{form.goal_period.text}）"
    return [
        Row(
            (
                Cell("项目绩效目标", 0, rows=2, kind="label"),
                Cell(overall, 1, 2, kind="label"),
                Cell("年度总目标", 3, 3, kind="label"),
            )
        ),
        Row(
            (
                Cell(_text(form.overall_goal), 1, 2, place="overall_goal"),
                Cell(_text(form.annual_goal), 3, 3, place="annual_goal"),
            )
        ),
    ]


def _runs(indicators: list[Indicator]) -> Iterator[tuple[str | None, list[Indicator]]]:
    """Consecutive indicators of the same period, in order."""
    run: list[Indicator] = []
    for indicator in indicators:
        if run and indicator.period != run[0].period:
            yield run[0].period, run
            run = []
        run.append(indicator)
    yield (run[0].period if run else None), run


def _spans(keys: list[object]) -> list[int]:
    """For each row, how many rows its heading cell spans (0: merged into the one above).
    Equal neighbouring keys merge; a None key (an empty heading) never does."""
    spans = [0] * len(keys)
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start] or keys[i] is None:
            spans[start] = i - start
            start = i
    return spans


def extra_columns(form: Form) -> list[str]:
    """The further indicator columns of a form (指标性质, 度量单位, 备注 ...), in order of first
    use. Only names a reader takes for such a column are written: any other name would make the
    header row unreadable, so its values stay out of the paper layouts (JSON and the long table
    keep them)."""
    names: dict[str, None] = {}
    for indicator in form.indicators:
        names.update((k, None) for k in indicator.extra if _is_column(k))
    return list(names)


def _is_column(name: str) -> bool:
    role = VALUE_COLUMNS.get(name)
    return role == name or (role == "midterm" and name == "中期指标值")


def indicator_rows(form: Form) -> list[Row]:
    rows: list[Row] = []
    extras = extra_columns(form)
    start = 0
    for period, run in _runs(list(form.indicators)):
        section, value_label = PERIOD_LABELS.get(period, MIDTERM_LABELS)
        # findings on the indicators as a whole are shown at the first section heading
        place = "indicators" if not rows else None
        head = (
            Cell(section, 0, rows=len(run) + 1, kind="label", place=place),
            Cell("一级指标", 1, kind="label"),
            Cell("二级指标", 2, kind="label"),
            Cell("三级指标", 3, 2, kind="label"),
            Cell(value_label, 5, kind="label"),
            *(Cell(name, COLUMNS + j, kind="label") for j, name in enumerate(extras)),
        )
        rows.append(Row(head))
        rows.extend(_indicator_cells(run, extras, start))
        start += len(run)
    return rows


def heading_spans(
    level1: list[str | None], level2: list[str | None]
) -> tuple[list[int], list[int]]:
    """How many rows each 一级指标 and 二级指标 cell spans down a run of indicator rows (0: merged
    into the cell above). A 二级指标 merges only within its 一级指标; empty headings never merge.
    The one rule of merged headings for every table of indicators (goal form, self-evaluation,
    monitoring)."""
    spans1 = _spans(list(level1))
    groups, group = [], -1
    for n, span in enumerate(spans1):
        group = n if span else group
        groups.append(group)
    keys2 = [None if v is None else (groups[n], v) for n, v in enumerate(level2)]
    return spans1, _spans(list(keys2))


def _indicator_cells(run: list[Indicator], extras: list[str], start: int) -> list[Row]:
    """The rows of a run of indicators whose first is `form.indicators[start]`."""
    spans1, spans2 = heading_spans([i.level1 for i in run], [i.level2 for i in run])
    rows: list[Row] = []
    for n, indicator in enumerate(run):
        place = indicator_place(start + n)
        cells = []
        if spans1[n]:
            cells.append(Cell(_text(indicator.level1), 1, rows=spans1[n]))
        if spans2[n]:
            cells.append(Cell(_text(indicator.level2), 2, rows=spans2[n]))
        # the name's cell stands for the row: findings on the row are shown there
        cells += [Cell(indicator.name, 3, 2, place=place), Cell(indicator.target, 5)]
        cells += [Cell(indicator.extra.get(k, ""), COLUMNS + j) for j, k in enumerate(extras)]
        rows.append(Row(tuple(cells), place))
    return rows


@dataclass(frozen=True)
class Table:
    """The table of one form: its rows top to bottom and the relative widths of its columns."""

    rows: list[Row]
    widths: tuple[float, ...]

    @property
    def columns(self) -> int:
        return len(self.widths)

    @property
    def wide(self) -> bool:
        """Wider than the six columns of the goal form: printed across the page (landscape)."""
        return sum(self.widths) > sum(WIDTHS)

    def places(self) -> frozenset[str]:
        """Every place a cell of the table shows."""
        return frozenset(c.place for row in self.rows for c in row.cells if c.place is not None)


def _widen(row: Row, extra: int) -> Row:
    """The row with its last cell spanning the extra indicator columns as well."""
    last = row.cells[-1]
    if not extra or last.col + last.span != COLUMNS:
        return row
    return replace(row, cells=(*row.cells[:-1], replace(last, span=last.span + extra)))


def form_table(form: Form) -> Table:
    """The table of one form: six columns, and one more per extra indicator column."""
    extra = len(extra_columns(form))
    upper = header_rows(form) + funds_rows(form) + goal_rows(form)
    if form.title is None and form.budget_year:
        upper.insert(1, Row((Cell(year_line(form), 0, COLUMNS, kind="label"),)))
    rows = [_widen(row, extra) for row in upper] + indicator_rows(form)
    return Table(rows, WIDTHS + (EXTRA_WIDTH,) * extra)


@dataclass(frozen=True)
class Page:
    """A table as printed: the title and the line under it, the table, and what the page header
    of a PDF shows (the unit and the year). Every writer draws a sequence of pages."""

    title: str
    subtitle: str
    table: Table
    unit: str = ""
    year: str = ""
    header_rows: int = 0  # the table's first rows that head its columns: repeated on each page
    name: str = ""  # what the page is called among others (a workbook's sheet name)


def form_page(form: Form, numbered: bool = True) -> Page:
    """The page of one goal form."""
    unit = form.implementing_unit or form.supervising_department or ""
    year = f"{form.budget_year}年度" if form.budget_year else ""
    return Page(heading(form, numbered), subheading(form), form_table(form), unit, year)


@dataclass(frozen=True)
class Slot:
    """A grid position a cell covers: the cell, and whether this row only continues it from above."""

    cell: Cell
    continued: bool = False


def slots(rows: list[Row]) -> list[list[Slot]]:
    """Each row as the cells that start in it and the vertically merged cells that pass through,
    left to right (what a Word table needs: one cell element per row for every merged cell)."""
    active: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows still to cover)
    out: list[list[Slot]] = []
    for row in rows:
        line = [Slot(cell) for cell in row.cells]
        line += [Slot(cell, True) for cell, _ in active.values()]
        line.sort(key=lambda s: s.cell.col)
        active = {c: (cell, left - 1) for c, (cell, left) in active.items() if left > 1}
        active.update({c.col: (c, c.rows - 1) for c in row.cells if c.rows > 1})
        out.append(line)
    return out
