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
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from types import MappingProxyType

from jixiao import templates
from jixiao.domain.columns import (
    FLAT_NAME,
    LEVEL_COLUMNS,
    MIDTERM_KEY,
    VALUE_COLUMNS,
    holds,
    system_code,
)
from jixiao.domain.form import FUNDS_FIELDS, HEADER_FIELDS, Form, Indicator
from jixiao.domain.target import format_decimal
from jixiao.templates import PERIOD_FIELD, Template

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


def text_width(text: str) -> int:
    """How many columns a text takes where a Chinese (wide) character takes two: what a terminal
    shows and what a spreadsheet's column width counts."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def title_of(form: Form, template: Template | None = None) -> str | None:
    """The form's title as written; written in another template than its own, that template's
    printed title (`titles[0]`)."""
    if template is None or not template.titles:
        return form.title
    if form.template is not None and form.template.id == template.id and form.title:
        return form.title
    return template.titles[0]


def heading(form: Form, numbered: bool = True, template: Template | None = None) -> str:
    """The title line above the table: `1、财政项目支出绩效目标填报表` (none without a title)."""
    title = title_of(form, template)
    if title is None:
        return ""
    return f"{form.seq}、{title}" if numbered else title


def year_line(form: Form) -> str:
    return f"（{form.budget_year}年度）" if form.budget_year else ""


def subheading(form: Form, template: Template | None = None) -> str:
    """The year line under the title. A form without a title has it inside its table instead:
    above the table it would be read as the end of the form before."""
    return year_line(form) if title_of(form, template) is not None else ""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_decimal(value)
    return value if isinstance(value, str) else str(value)


# The layout of a template ---------------------------------------------------------------------

# Relative widths of the indicator columns by what they hold; the name takes two grid columns
# (the standard's 三级指标 spans the grid's fourth and fifth columns).
SECTION_WIDTH = WIDTHS[0]
ROLE_WIDTHS: dict[str, tuple[float, ...]] = {
    "heading": (WIDTHS[2],),
    "level1": (WIDTHS[1],),
    "level2": (WIDTHS[2],),
    "name": (WIDTHS[3], WIDTHS[4]),
    "target": (WIDTHS[5],),
    "midterm": (WIDTHS[5],),
}
# Extra columns of prose (湖南's 评（扣）分标准 and 指标值内容, the 绩效标准 of its forms, 吉林's 指标解释) are as
# wide as a goal: at an extra column's width they would stand a character a line.
ROLE_WIDTHS |= {
    name: (WIDTHS[3],) for name in ("绩效标准", "评分标准", "指标值内容", "指标值说明", "指标解释")
}
_LEVELS = ("level1", "level2", "name", "target", "midterm")
# The funds of each side of the block, in order (the total first); `other` is the last row.
_PROJECT_SIDE = ("project_total", "project_fiscal")
_ANNUAL_SIDE = ("annual_request", "annual_appropriation", "annual_carryover")
_AMONG = "其中："


@dataclass(frozen=True)
class Column:
    """A printed column of the indicator table: what it holds (`level1`, `level2`, `name`,
    `target`, `midterm`, `period:<period>` for a period block's value, or the name of an extra
    column such as 绩效标准) and its heading."""

    role: str
    heading: str

    @property
    def widths(self) -> tuple[float, ...]:
        if self.role.startswith(PERIOD_ROLE):
            return ROLE_WIDTHS["target"]
        return ROLE_WIDTHS.get(self.role, (EXTRA_WIDTH,))


PERIOD_ROLE = "period:"
HEADING_ROLE = "heading"  # a two-level table's heading column: the level 2, else the level 1


@dataclass(frozen=True)
class Layout:
    """What a template (`jixiao.templates`) prints, as the grid draws it: the labels of its
    header fields, funds and goals (the first of each list: what the blank form prints), the
    unit of its amounts, and its indicator table's columns, with a value column per period
    block when its periods stand side by side (中期指标值 | 年度指标值). Made once per template
    (`layout_of`); the standard layout is the default template's."""

    template_id: str
    titles: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]  # (field, label) in the header's order
    funds_label: str | None  # None: the template has no funds block
    funds_unit: str | None
    funds: tuple[tuple[tuple[str, str] | None, tuple[str, str] | None], ...]  # rows: left, right
    goals: tuple[str | None, str | None, str | None]  # section, overall, annual labels
    sections: Mapping[str | None, str]  # the indicator table's heading by period
    targets: Mapping[str | None, str]  # the target column's heading by period
    columns: tuple[Column, ...]  # the indicator table's columns, left to right
    periods: tuple[str, ...] = ()  # the periods side by side, in the order of their columns
    # Blocks side by side with columns of their own (一级指标 | 二级 三级 指标值 | 二级 三级 指标值):
    # the first `shared` columns are the rows' common headings, each group the rest of a block.
    shared: int = 0
    groups: tuple[Group, ...] = ()
    # A cost breakdown whose 合计 is an amount (湖北: `Template.funds_table_total`): its heading
    # and the amount, written as its head and its total row.
    funds_total: tuple[str, str] | None = None

    @property
    def side_by_side(self) -> bool:
        return len(self.periods) > 1 or bool(self.groups)

    @property
    def period_choices(self) -> tuple[str, ...]:
        return self.periods or tuple(g.period for g in self.groups)


@dataclass(frozen=True)
class Group:
    """One period's block of columns, headed by the block's heading (中期指标) above them."""

    period: str
    heading: str
    columns: tuple[Column, ...]


def _first(labels: tuple[str, ...] | None) -> str | None:
    return labels[0] if labels else None


def _column_role(template: Template, heading: str) -> str:
    from jixiao.importers.labels import fold_label

    key = fold_label(heading)
    for block in template.periods:
        if any(fold_label(x) == key for x in block.headings):
            return PERIOD_ROLE + block.period
    for role in _LEVELS:
        if any(fold_label(x) == key for x in template.table.get(role, ())):
            return role
    for name, labels in template.extra_columns.items():
        if any(fold_label(x) == key for x in (name, *labels)):
            return name
    return LEVEL_COLUMNS.get(heading) or VALUE_COLUMNS.get(heading) or heading


def _columns(template: Template) -> tuple[Column, ...]:
    """The template's printed columns; with period blocks, a value column per block (where the
    columns print none, the blocks' headings take the value column's place)."""
    columns = [Column(_column_role(template, h), h) for h in template.columns]
    roles = [c.role for c in columns]
    if not {"name", "level1", "level2"} & set(roles):  # a flat list (重庆): 指标 heads the names
        columns = [Column("name", c.heading) if c.heading == FLAT_NAME else c for c in columns]
    if "name" not in roles and "level1" in roles and "level2" in roles:
        # a table of two levels (湖北): the first level column holds each row's heading, its
        # level 2 or else its level 1 (`HEADING_ROLE`), the second the names, as it is read
        columns = [
            Column(
                HEADING_ROLE if c.role == "level1" else "name" if c.role == "level2" else c.role,
                c.heading,
            )
            for c in columns
        ]
    if not columns:
        columns = [Column(r, h) for h, r in LEVEL_COLUMNS.items() if h != "指标名称"]
        columns.append(Column("target", "指标值"))
    if (
        len(template.periods) < 2
        or any(c.role.startswith(PERIOD_ROLE) for c in columns)
        or len(_segments(columns)) > 1
    ):
        return tuple(columns)
    at = next((n for n, c in enumerate(columns) if c.role in ("target", "midterm")), len(columns))
    blocks = [Column(PERIOD_ROLE + b.period, b.headings[0]) for b in template.periods]
    return tuple(columns[:at] + blocks + columns[at + 1 :])


def _segments(columns: list[Column]) -> list[list[Column]]:
    """The columns cut where a role comes again: the blocks a table prints side by side."""
    out: list[list[Column]] = [[]]
    for column in columns:
        if any(c.role == column.role for c in out[-1]):
            out.append([])
        out[-1].append(column)
    return out


def _groups(template: Template, columns: tuple[Column, ...]) -> tuple[int, tuple[Group, ...]]:
    """Blocks of columns of their own, one per period block of the template, in its order: the
    columns opening the first block and no other are the rows' common headings."""
    segments = _segments(list(columns))
    if len(template.periods) < 2 or len(segments) != len(template.periods):
        return 0, ()
    later = {c.role for segment in segments[1:] for c in segment}
    shared = 0
    while shared < len(segments[0]) and segments[0][shared].role not in later:
        shared += 1
    blocks = [segments[0][shared:], *segments[1:]]
    return shared, tuple(
        Group(b.period, b.headings[0], tuple(cols))
        for b, cols in zip(template.periods, blocks, strict=True)
    )


def _section_of(sections: tuple[str, ...], words: tuple[str, ...]) -> str | None:
    return next((s for s in sections if any(w in s for w in words)), None)


def _funds_rows(template: Template) -> tuple[tuple[tuple[str, str] | None, ...], ...]:
    funds = template.funds

    def side(names: tuple[str, ...]) -> list[tuple[str, str]]:
        out = [(n, funds[n][0]) for n in names if funds.get(n)]
        # the parts of a total are written under it: 其中：财政资金
        if len(out) > 1 and not out[1][1].startswith("其中"):
            out[1] = (out[1][0], _AMONG + out[1][1])
        return out

    left, right = side(_PROJECT_SIDE), side(_ANNUAL_SIDE)
    other = funds.get("other") or funds.get("project_other") or funds.get("annual_other")
    rows = max(len(left), len(right))
    pairs: list[tuple[tuple[str, str] | None, ...]] = [
        (left[n] if n < len(left) else None, right[n] if n < len(right) else None)
        for n in range(rows)
    ]
    if other:
        has_left = bool(left) or "project_other" in funds
        has_right = bool(right) or "annual_other" in funds or not has_left
        pairs.append(
            (
                ("project_other", other[0]) if has_left else None,
                ("annual_other", other[0]) if has_right else None,
            )
        )
    return tuple(pairs)


def _header_fields(template: Template) -> tuple[tuple[str, str], ...]:
    """The fields of the form's head in order with the label the template prints for each; a
    template that gives the start and the end in one cell (项目起止时间) prints it where the
    start would be (`PERIOD_FIELD`)."""
    fields = []
    for name in HEADER_FIELDS:
        if template.fields.get(name):
            fields.append((name, template.fields[name][0]))
        elif name == "planned_start" and template.fields.get(PERIOD_FIELD):
            fields.append((PERIOD_FIELD, template.fields[PERIOD_FIELD][0]))
    return tuple(fields)


def _layout(template: Template) -> Layout:
    table = template.table
    sections = table.get("section") or ("绩效指标",)
    columns = _columns(template)
    shared, groups = _groups(template, columns)
    printed_target = next(
        (c.heading for c in columns if c.role == "target"),
        _first(table.get("target")) or "指标值",
    )
    midterm_target = _first(table.get("midterm")) or printed_target
    section_of = {
        None: sections[0],
        "annual": _section_of(sections, ("年度",)) or sections[0],
        "midterm": _section_of(sections, ("中期", "长期")) or sections[0],
    }
    goals = template.goals
    return Layout(
        template_id=template.id,
        titles=template.titles,
        fields=_header_fields(template),
        funds_label=_first(template.funds_section) if template.funds else None,
        funds_unit=template.funds_unit,
        funds=_funds_rows(template),  # type: ignore[arg-type]
        funds_total=(
            (template.table["other_tables"][0], template.funds_table_total)
            if template.funds_table_total and template.table.get("other_tables")
            else None
        ),
        goals=(
            _first(goals.get("section")),
            _first(goals.get("overall_goal")),
            _first(goals.get("annual_goal")),
        ),
        sections=MappingProxyType(section_of),
        targets=MappingProxyType(
            {None: printed_target, "annual": printed_target, "midterm": midterm_target}
        ),
        columns=columns,
        shared=shared,
        groups=groups,
        periods=tuple(
            c.role.removeprefix(PERIOD_ROLE) for c in columns if c.role.startswith(PERIOD_ROLE)
        ),
    )


_LAYOUTS: dict[int, tuple[Template, Layout]] = {}  # by the template object: made once each


def layout_of(template: Template | None = None) -> Layout:
    """The layout of `template` (None: the standard layout, the default template's), made
    once per template."""
    if template is None:
        template = templates.get(None)
    made = _LAYOUTS.get(id(template))
    if made is None or made[0] is not template:
        if len(_LAYOUTS) > 64:  # templates made on the fly (tests): keep the cache small
            _LAYOUTS.clear()
        made = _LAYOUTS[id(template)] = (template, _layout(template))
    return made[1]


def resolve_template(form: Form, choice: str | None) -> Template | None:
    """The template a form is written in: None for the standard layout (`standard`), the form's
    own detected template for `source`, else the template of that id."""
    if choice in (None, STANDARD):
        return None
    if choice == SOURCE:
        return templates.get(form.template.id) if form.template is not None else None
    return templates.templates()[choice]


def editable_columns(form: Form) -> tuple[tuple[str, ...], list[str]]:
    """What an editor of `form`'s indicators shows besides headings, name and target: the
    periods a row may be of (those of its template's side-by-side blocks, or both where the
    form has rows of a period), and the further columns (its template's printed ones, then
    those its rows have), in order."""
    template = resolve_template(form, SOURCE)
    layout = layout_of(template) if template is not None else None
    periods: tuple[str, ...] = ()
    if layout is not None and layout.side_by_side:
        periods = layout.period_choices
    elif any(i.period for i in form.indicators):
        periods = ("midterm", "annual")
    names: dict[str, None] = {}
    if layout is not None:
        names.update(
            (c.role, None)
            for c in layout.columns
            if c.role not in _LEVELS and not c.role.startswith(PERIOD_ROLE)
        )
    for indicator in form.indicators:
        names.update((k, None) for k in indicator.extra)
    return periods, list(names)


STANDARD = "standard"  # the standard layout: the default template's, amounts as written
SOURCE = "source"  # each form in the template it was read through


# The grid -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Written:
    """How one form is written: the layout, and whether its amounts are converted to the
    template's unit (a template asked for) or kept as written (the standard layout)."""

    layout: Layout
    convert: bool


def _field_text(form: Form, field: str) -> str:
    """A field of the head as printed; the period cell is `start至end`, which the reader takes
    back as the same two dates (`importers.values.period_dates`)."""
    if field != PERIOD_FIELD:
        return _text(getattr(form, field))
    start, end = _text(form.planned_start), _text(form.planned_end)
    return f"{start}至{end}" if start or end else ""


def _pair(form: Form, fields: tuple[tuple[str, str], ...]) -> Row:
    (field, label), *rest = fields
    if not rest:
        return Row(
            (
                Cell(label, 0, kind="label"),
                Cell(_field_text(form, field), 1, COLUMNS - 1, place=field),
            )
        )
    field2, label2 = rest[0]
    return Row(
        (
            Cell(label, 0, kind="label"),
            Cell(_field_text(form, field), 1, 2, place=field),
            Cell(label2, 3, kind="label"),
            Cell(_field_text(form, field2), 4, 2, place=field2),
        )
    )


def header_rows(form: Form, layout: Layout | None = None) -> list[Row]:
    fields = (layout or layout_of()).fields
    return [_pair(form, fields[n : n + 2]) for n in range(0, len(fields), 2)]


def _unit_and_amount(form: Form, written: _Written) -> tuple[str, Callable[[str], str]]:
    """The unit the block states and each amount's text: as written, or in the template's
    unit (万元 = 元 / 10000, exactly) when the form's unit is known."""
    funds = form.funds
    unit = written.layout.funds_unit
    if not written.convert or unit is None or funds.unit is None or unit == funds.unit:
        # never 元 for a unit nobody could tell (docs/templates.md, *Money*)
        return funds.unit or "单位不明", lambda name: _text(getattr(funds, name))

    def amount(name: str) -> str:
        value = funds.in_yuan(name)
        return "" if value is None else _text(value / YUAN_PER[unit])

    return unit, amount


YUAN_PER = {"元": Decimal(1), "万元": Decimal(10000)}


def funds_rows(form: Form, written: _Written | None = None) -> list[Row]:
    written = written or _Written(layout_of(), False)
    layout = written.layout
    if layout.funds_label is None:
        return _cost_total_rows(form, written)
    unit, amount = _unit_and_amount(form, written)

    def side(item: tuple[str, str] | None, col: int, span: int, wide: int = 1) -> list[Cell]:
        if item is None:
            return [Cell("", col, wide), Cell("", col + wide, span)]
        field, label = item
        value = Cell(amount(field), col + wide, span, place=field)
        return [Cell(label, col, wide, kind="label"), value]

    if any(left for left, _ in layout.funds):
        rows = [Row((*side(left, 1, 1), *side(right, 3, 2))) for left, right in layout.funds]
    else:  # the year's side only: its labels and amounts take the whole width
        rows = [Row(tuple(side(right, 1, 3, 2))) for _, right in layout.funds]
    if not rows:
        return []
    label = f"{layout.funds_label}\n（{unit}）"
    head = Cell(label, 0, rows=len(rows), kind="label", place="funds")
    rows[0] = Row((head, *rows[0].cells))
    return rows


def _cost_total_rows(form: Form, written: _Written) -> list[Row]:
    """A template whose budget is the 合计 of its cost breakdown (湖北): the breakdown's head
    and its total row, the amount under 金额 in the block's unit, read back as it is read."""
    if written.layout.funds_total is None:
        return []
    heading, field = written.layout.funds_total
    unit, amount = _unit_and_amount(form, written)
    rest = COLUMNS - 2
    return [
        Row(
            (
                Cell(heading, 0, kind="label", place="funds"),
                Cell(f"金额（{unit}）", 1, kind="label"),
                Cell("测算（公式）依据", 2, rest, kind="label"),
            )
        ),
        Row(
            (
                Cell("合计", 0, kind="label"),
                Cell(amount(field), 1, place=field),
                Cell("", 2, rest),
            )
        ),
    ]


def goal_rows(form: Form, layout: Layout | None = None) -> list[Row]:
    section, overall, annual = (layout or layout_of()).goals
    labels, values = [], []
    if overall is not None:
        if form.goal_period is not None:
            overall += f"\n（{form.goal_period.text}）"
        span = 2 if annual is not None else COLUMNS - 1
        labels.append(Cell(overall, 1, span, kind="label"))
        values.append(Cell(_text(form.overall_goal), 1, span, place="overall_goal"))
    if annual is not None:
        col = 3 if overall is not None else 1
        labels.append(Cell(annual, col, COLUMNS - col, kind="label"))
        values.append(Cell(_text(form.annual_goal), col, COLUMNS - col, place="annual_goal"))
    if not labels:
        return []
    if section is None:  # no heading over the goals: each goal is a row of label and text
        return [
            Row((replace(label, col=0, span=1), replace(value, col=1, span=COLUMNS - 1)))
            for label, value in zip(labels, values, strict=True)
        ]
    head = Cell(section, 0, rows=2, kind="label")
    return [Row((head, *labels)), Row(tuple(values))]


def _heading(indicator: Indicator) -> str | None:
    """What a two-level table's heading column shows of a row: its level 2, else its level 1."""
    return indicator.level2 or indicator.level1


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


def extra_columns(form: Form, layout: Layout | None = None) -> list[str]:
    """The further indicator columns of a form (指标性质, 度量单位, 备注 ...) its layout does not
    print, in order of first use. Only names a reader takes for such a column are written: any
    other name would make the header row unreadable, so its values stay out of the paper layouts
    (JSON and the long table keep them)."""
    printed = {c.role for c in (layout or layout_of()).columns}
    names: dict[str, None] = {}
    for indicator in form.indicators:
        names.update((k, None) for k in indicator.extra if _is_column(k) and k not in printed)
    return list(names)


def _is_column(name: str) -> bool:
    role = VALUE_COLUMNS.get(name)
    return role == name or (role == "midterm" and name == MIDTERM_KEY)


def _columns_of(form: Form, layout: Layout) -> tuple[Column, ...]:
    """The columns a form's indicators are written in: its layout's, and further columns its
    rows have (after each group's own, where blocks have columns of their own)."""
    extras = tuple(Column(name, name) for name in extra_columns(form, layout))
    if not layout.groups:
        return layout.columns + extras
    return layout.columns[: layout.shared] + tuple(
        column for group in layout.groups for column in (*group.columns, *extras)
    )


# A row of the indicator table: its indicators (with their places in the form) by period; one
# period, None, where the table has no period blocks.
_Line = dict[str | None, tuple[int, Indicator]]


def _cells(columns: tuple[Column, ...], target: str, lines: list[_Line]) -> list[Row]:
    """The column headings (the target's as `target`), then a row per line: headings merged
    down (`heading_spans`), the name's cell at the row's first indicator's place and each
    further indicator's place at its value."""
    heads = []
    col = 1
    for column in columns:
        span = len(column.widths)
        text = target if column.role in ("target", "midterm") else column.heading
        heads.append(Cell(text, col, span, kind="label"))
        col += span
    firsts = [next(iter(line.values())) for line in lines]
    spans = dict(
        zip(
            ("level1", "level2"),
            heading_spans([i.level1 for _, i in firsts], [i.level2 for _, i in firsts]),
            strict=True,
        )
    )
    spans[HEADING_ROLE] = _spans([_heading(i) for _, i in firsts])
    rows = [heads]
    for n, (place, first) in enumerate(firsts):
        cells, col = [], 1
        for column in columns:
            role, span = column.role, len(column.widths)
            if role in spans:
                if spans[role][n]:
                    held = _heading(first) if role == HEADING_ROLE else getattr(first, role)
                    cells.append(Cell(_text(held), col, span, rows=spans[role][n]))
            elif role == "name":
                cells.append(Cell(first.name, col, span, place=indicator_place(place)))
            elif role in ("target", "midterm"):
                cells.append(Cell(first.target, col, span))
            elif role.startswith(PERIOD_ROLE):
                item = lines[n].get(role.removeprefix(PERIOD_ROLE))
                at = None if item is None or item[0] == place else indicator_place(item[0])
                cells.append(Cell(item[1].target if item else "", col, span, place=at))
            else:
                cells.append(Cell(first.extra.get(role, ""), col, span))
            col += span
        rows.append(cells)
    return [Row(tuple(c)) for c in rows]


def _runs(
    indicators: list[tuple[int, Indicator]],
) -> Iterator[tuple[str | None, list[tuple[int, Indicator]]]]:
    """Consecutive indicators of the same period, in order, with their places in the form."""
    run: list[tuple[int, Indicator]] = []
    for item in indicators:
        if run and item[1].period != run[0][1].period:
            yield run[0][1].period, run
            run = []
        run.append(item)
    yield (run[0][1].period if run else None), run


def _paired(layout: Layout, items: list[tuple[int, Indicator]]) -> list[_Line]:
    """Indicators of the periods side by side, one line per indicator row: an indicator joins
    the first line of the same headings, name and further columns whose period is still empty
    (中期 | 年度 of one indicator), else opens a line. An indicator of no period is the year's
    (`domain.form.ANNUAL_PERIODS`)."""
    fallback = "annual" if "annual" in layout.periods else layout.periods[-1]
    lines: list[_Line] = []
    keys: list[tuple[object, ...]] = []
    for index, indicator in items:
        period = indicator.period if indicator.period in layout.periods else fallback
        key = (indicator.level1, indicator.level2, indicator.name, tuple(indicator.extra.items()))
        at = next(
            (n for n, k in enumerate(keys) if k == key and period not in lines[n]),
            None,
        )
        if at is None:
            lines.append({})
            keys.append(key)
            at = len(lines) - 1
        lines[at][period] = (index, indicator)
    return lines


def indicator_rows(form: Form, layout: Layout | None = None) -> list[Row]:
    layout = layout or layout_of()
    columns = _columns_of(form, layout)
    items = list(enumerate(form.indicators))
    if layout.groups:
        return _grouped(layout, columns, items)
    if layout.side_by_side:
        runs: list[tuple[str | None, list[_Line]]] = [(None, _paired(layout, items))]
    else:
        runs = [(period, [{period: item} for item in run]) for period, run in _runs(items)]
    rows: list[Row] = []
    sections = _sections_telling(layout, {period for period, _ in runs})
    for period, lines in runs:
        # findings on the indicators as a whole are shown at the first section heading
        place = "indicators" if not rows else None
        section = sections.get(period, sections[None])
        target = layout.targets.get(period, layout.targets[None])
        head, *body = _cells(columns, target, lines)
        label = Cell(section, 0, rows=len(lines) + 1, kind="label", place=place)
        rows.append(Row((label, *head.cells)))
        for line, row in zip(lines, body, strict=True):
            rows.append(replace(row, place=indicator_place(next(iter(line.values()))[0])))
    return rows


def _sections_telling(layout: Layout, periods: set[str | None]) -> Mapping[str | None, str]:
    """The headings of the form's tables of indicators, one a period. Where the template heads
    them alike (安徽 prints 绩效指标 alone, 湖南 本年度绩效指标), the standard layout's headings
    name each period (长期绩效指标, 年度绩效指标), so that the form's 中期 rows are never read back
    as the year's, nor a row of one period merged with its twin of the other."""
    sections = layout.sections
    if len({sections.get(p, sections[None]) for p in periods}) == len(periods):
        return sections
    return layout_of().sections


def _grouped(
    layout: Layout, columns: tuple[Column, ...], items: list[tuple[int, Indicator]]
) -> list[Row]:
    """Blocks side by side with columns of their own: a row of the blocks' headings over a row
    of their columns, then under each 一级指标 (the rows' common heading) the k-th indicator of
    each period on the k-th row. An indicator of no period is the year's."""
    shared = columns[: layout.shared]
    width = (len(columns) - layout.shared) // len(layout.groups)
    groups = [
        (g, columns[layout.shared + n * width : layout.shared + (n + 1) * width])
        for n, g in enumerate(layout.groups)
    ]
    periods = [g.period for g in layout.groups]
    fallback = "annual" if "annual" in periods else periods[-1]
    by_level1 = any(c.role == "level1" for c in shared)
    found: dict[object, dict[str, list[tuple[int, Indicator]]]] = {}
    for index, indicator in items:
        period = indicator.period if indicator.period in periods else fallback
        key = indicator.level1 if by_level1 else None
        found.setdefault(key, {p: [] for p in periods})[period].append((index, indicator))
    lines: list[tuple[str | None, list[tuple[int, Indicator] | None]]] = []
    for key, lists in found.items():
        for k in range(max(len(v) for v in lists.values())):
            lines.append((key, [v[k] if k < len(v) else None for v in lists.values()]))  # type: ignore[arg-type]
    level1 = [key for key, _ in lines]
    top: list[Cell] = [
        Cell(layout.sections[None], 0, rows=len(lines) + 2, kind="label", place="indicators")
    ]
    heads: list[Cell] = []
    col = 1
    for column in shared:
        top.append(Cell("", col, len(column.widths)))
        heads.append(Cell(column.heading, col, len(column.widths), kind="label"))
        col += len(column.widths)
    starts = []
    for group, cols in groups:
        span = sum(len(c.widths) for c in cols)
        top.append(Cell(group.heading, col, span, kind="label"))
        starts.append(col)
        for column in cols:
            heads.append(Cell(column.heading, col, len(column.widths), kind="label"))
            col += len(column.widths)
    spans1 = _spans(list(level1)) if by_level1 else [1] * len(lines)
    level2_spans = [
        heading_spans(level1, [line[g][1].level2 if line[g] else None for _, line in lines])[1]
        for g in range(len(groups))
    ]
    rows = [Row(tuple(top)), Row(tuple(heads))]
    for n, (key, line) in enumerate(lines):
        cells: list[Cell] = []
        col = 1
        for column in shared:
            span = len(column.widths)
            if column.role == "level1":
                if spans1[n]:
                    cells.append(Cell(_text(key), col, span, rows=spans1[n]))
            else:
                first = next(i for i in line if i)
                cells.append(Cell(_text(getattr(first[1], column.role, "")), col, span))
            col += span
        for g, (_, cols) in enumerate(groups):
            col = starts[g]
            item = line[g]
            for column in cols:
                span = len(column.widths)
                role = column.role
                if item is None:
                    if role != "level2" or level2_spans[g][n]:
                        cells.append(Cell("", col, span))
                elif role == "level2":
                    if level2_spans[g][n]:
                        text = _text(item[1].level2)
                        cells.append(Cell(text, col, span, rows=level2_spans[g][n]))
                elif role == "name":
                    cells.append(Cell(item[1].name, col, span, place=indicator_place(item[0])))
                elif role in ("target", "midterm"):
                    cells.append(Cell(item[1].target, col, span))
                else:
                    cells.append(Cell(item[1].extra.get(role, ""), col, span))
                col += span
        first = next(i for i in line if i)
        rows.append(Row(tuple(cells), indicator_place(first[0])))
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


def form_table(form: Form, template: Template | None = None) -> Table:
    """The table of one form in the layout of `template` (None: the standard layout, amounts as
    written): six columns for the standard's, and one more per extra indicator column."""
    written = _Written(layout_of(template), template is not None)
    layout = written.layout
    widths = (SECTION_WIDTH, *(w for c in _columns_of(form, layout) for w in c.widths))
    upper = header_rows(form, layout) + funds_rows(form, written) + goal_rows(form, layout)
    if title_of(form, template) is None and form.budget_year:
        upper.insert(1, Row((Cell(year_line(form), 0, COLUMNS, kind="label"),)))
    extra = len(widths) - COLUMNS
    rows = [_widen(row, extra) for row in upper] + indicator_rows(form, layout)
    return Table(rows, widths)


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
    across: bool = False  # printed across the sheet (a ledger's many columns)


def form_page(form: Form, numbered: bool = True, template: Template | None = None) -> Page:
    """The page of one goal form, in the layout of `template` (None: the standard layout)."""
    unit = form.implementing_unit or form.supervising_department or ""
    year = f"{form.budget_year}年度" if form.budget_year else ""
    title = heading(form, numbered, template)
    sub = subheading(form, template)
    return Page(title, sub, form_table(form, template), unit, year)


def pages(
    forms: Iterable[Form], choice: str | None = STANDARD, numbered: bool = True
) -> Iterator[Page]:
    """The pages of a batch's forms, each in the layout `choice` says (`resolve_template`): a
    page a form, but the forms of a ledger's template (`Template.ledger_columns`, 四川's one table
    of many projects) that follow one another with one year and one unit are one page again, a
    table with a project's rows under another's (`ledger_page`)."""
    group: list[Form] = []
    ledger: Template | None = None  # the template of the forms in `group`
    for form in forms:
        template = resolve_template(form, choice)
        own = template if template is not None and template.ledger_columns else None
        if own is not None and len({i.period for i in form.indicators} - {None}) > 1:
            own = None  # a ledger prints one period: the form is a page of its own
        if ledger is not None and (own is not ledger or _ledger_key(form) != _ledger_key(group[0])):
            yield ledger_page(group, ledger)
            group, ledger = [], None
        if own is not None:
            group.append(form)
            ledger = own
        else:
            page = form_page(form, numbered, template)
            yield replace(page, name=f"{form.seq} {form.project_name or ''}")
    if ledger is not None:
        yield ledger_page(group, ledger)


def _ledger_key(form: Form) -> tuple[int | None, str | None]:
    return form.budget_year, form.funds.unit


def ledger_page(forms: list[Form], template: Template) -> Page:
    """Forms of one year and unit as the one table their ledger prints (`importers/ledger.py`
    reads it back): its head (the project columns, then the indicator columns), and for each
    project its cells, merged down over its rows, beside its first indicator, its other
    indicators under it, each row with its headings. The 主管部门 of projects whose unit's code
    begins with the department's code (`820-马踏镇部门` over `820001-…`) is a row of its own above
    them, as the system prints a department's row; where no such row is printed and the forms
    have one department, it stands over the table as the template labels it (重庆's 资金主管部门);
    other departments are left out, as the template prints no column for them."""
    first = forms[0]
    projects = template.ledger_columns
    columns = [c for c in _columns(template) if not c.role.startswith(PERIOD_ROLE)]
    at = len(projects)
    widths = (*(_PROJECT_WIDTHS.get(name, EXTRA_WIDTH) for _, name in projects),)
    widths += tuple(sum(c.widths) for c in columns)
    head = [Cell(label, k, kind="label") for k, (label, _) in enumerate(projects)]
    head += [Cell(c.heading, at + k, kind="label") for k, c in enumerate(columns)]
    rows = [Row(tuple(head))]
    department = None
    for form in forms:
        over = _department(form)
        if over is not None and over != department:
            rows.append(Row((Cell(over, 0),)))
        department = over
        indicators = form.indicators or (None,)
        span = len(indicators)
        for n, ind in enumerate(indicators):
            cells = []
            if n == 0:
                cells = [
                    Cell(_text(_value_of(form, name)), k, rows=span)
                    for k, (_, name) in enumerate(projects)
                ]
            if ind is not None:
                cells += [Cell(_indicator_text(ind, c.role), at + k) for k, c in enumerate(columns)]
            rows.append(Row(tuple(cells)))
    title = template.titles[0] if template.titles else (first.title or "")
    if first.budget_year:
        title += f"({first.budget_year}年度)"
    unit = f"金额单位:{first.funds.unit}" if first.funds.unit else ""
    over = _department_over(forms, template) if department is None else ""
    sub = "　".join(x for x in (over, unit) if x)
    return Page(title, sub, Table(rows, widths), header_rows=1, name=title, across=True)


def _department_over(forms: list[Form], template: Template) -> str:
    """The department and the unit of a ledger printed over it as its template labels them (重庆's
    资金主管部门：重庆市水利局, 长沙's 单位名称：长沙市公安局), where no row of the table names the
    department: the forms' one department, their one unit, each left out where they have none or
    several."""
    said = []
    for name in ("supervising_department", "implementing_unit"):
        labels = template.fields.get(name, ())
        found = {getattr(form, name) for form in forms}
        if labels and len(found) == 1 and None not in found:
            said.append(f"{labels[0]}：{found.pop()}")
    return "　".join(said)


_PROJECT_WIDTHS = {"project_name": WIDTHS[1], "implementing_unit": WIDTHS[1]}
_PROJECT_WIDTHS |= {"annual_goal": WIDTHS[3], "overall_goal": WIDTHS[3]}
_PROJECT_WIDTHS |= {name: WIDTHS[2] for name in (*FUNDS_FIELDS, "other")}  # 3309840.00 on one line


def _value_of(form: Form, name: str) -> object:
    if name in FUNDS_FIELDS:
        return getattr(form.funds, name)
    if name == "other":  # 其他资金 of a ledger's row: the year's, else the project's
        funds = form.funds
        return funds.annual_other if funds.annual_other is not None else funds.project_other
    return getattr(form, name)


def _indicator_text(ind: Indicator, role: str) -> str:
    if role in ("level1", "level2", "name", "target"):
        return getattr(ind, role) or ""
    if role == "midterm":  # a row's value over the project's term, beside the year's (广州)
        return ind.target or "" if ind.period == "midterm" else ind.extra.get(MIDTERM_KEY, "")
    return ind.extra.get(role, "")


def _department(form: Form) -> str | None:
    """The form's 主管部门 where a ledger can print it: its code begins its unit's."""
    code, own = system_code(form.supervising_department), system_code(form.implementing_unit)
    return form.supervising_department if code and own and holds(code, own) else None


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
