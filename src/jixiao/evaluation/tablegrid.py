"""One self-evaluation table out of its rows of cells (docs/evaluation.md, *Reading
self-evaluation tables*): the header, the funds block, the annual goal, the indicator rows and
the total, placed by the labels of `jixiao.importers.selfeval_labels`.

Rows are those every importer makes of a document (`jixiao.importers.grid`, a Word table, an Excel
sheet). A value is taken as written; a figure that is no number is left empty and noted; an
amount is checked against the funds bounds (`jixiao.domain.bounds`), which raise `InputError`
with its line. Nothing is invented: what cannot be placed is a `Note` with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain.bounds import check_amount
from jixiao.domain.form import Note
from jixiao.evaluation.model import FUNDS_LINES, EvalRow, FundsLine, SelfEvaluation
from jixiao.i18n import Text
from jixiao.importers import selfeval_labels as S
from jixiao.importers import values
from jixiao.importers.grid import Cell

Row = list[Cell]
_TEN_THOUSAND = Decimal(10000)
_EMPTY = frozenset({"", "—", "-", "--", "/", "——", "－", "无"})
_PERCENT = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*[%％]?$")


@dataclass
class TableBuilder:
    """What has been read of one table so far."""

    fields: dict[str, str] = field(default_factory=dict)
    year: int | None = None
    unit: str = "元"
    funds_columns: tuple[str, ...] = S.FUNDS_ORDER
    funds: dict[str, FundsLine] = field(default_factory=dict)
    goals: dict[str, str] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)  # of the indicator rows; [] before the head
    rows: list[EvalRow] = field(default_factory=list)
    level1: str = ""
    level2: str = ""
    total: Decimal | None = None
    notes: list[Note] = field(default_factory=list)

    def note(self, code: str, said: Text, line: int | None) -> None:
        self.notes.append(Note.of(code, said, line))


def read_table(rows: list[Row], source: str) -> SelfEvaluation:
    """The table whose rows are `rows` (its title first, if any)."""
    b = TableBuilder()
    goal_row: list[str] | None = None
    for row in rows:
        cells = [Cell(c.text.strip(), c.line) for c in row]
        if not any(c.text for c in cells):
            continue
        if b.columns:
            _indicator_row(cells, b)
        elif goal_row is not None and not _is_head(cells):
            goal_row = _goal_values(cells, goal_row, b)
        else:
            goal_row = _header_row(cells, b, source)
    return _build(b, source)


def _header_row(cells: Row, b: TableBuilder, source: str) -> list[str] | None:
    """A row above the indicator table; the goals' labels when it is the goals' head row."""
    keys = [S.label(c.text) for c in cells]
    if _is_head(cells):
        b.columns = [S.ROW_COLUMNS.get(k, "") for k in keys]
        return None
    if any(k in S.GOALS for k in keys):
        labels = [S.GOALS[k] for k in keys if k in S.GOALS]
        after = [c for c, k in zip(cells, keys, strict=True) if not k]
        return _goal_values(after, labels, b) if after else labels
    if any(k in S.FUNDS_COLUMNS for k in keys) and S.FUNDS_LINES.keys().isdisjoint(keys):
        _funds_head(cells, keys, b)
        return None
    _labelled_cells(cells, keys, b, source)
    return None


def _is_head(cells: Row) -> bool:
    keys = {S.label(c.text) for c in cells}
    return "三级指标" in keys or ("一级指标" in keys and "二级指标" in keys)


def _funds_head(cells: Row, keys: list[str], b: TableBuilder) -> None:
    b.funds_columns = tuple(S.FUNDS_COLUMNS[k] for k in keys if k in S.FUNDS_COLUMNS)
    for c, k in zip(cells, keys, strict=True):
        if k == S.FUNDS_SECTION:
            b.unit = _unit(S.unit_of(c.text), b.unit)


def _unit(said: str | None, current: str) -> str:
    return "万元" if said and "万" in said else ("元" if said and "元" in said else current)


def _labelled_cells(cells: Row, keys: list[str], b: TableBuilder, source: str) -> None:
    """Header fields (label, value), the year, a funds line (label, its figures)."""
    k = 0
    while k < len(cells):
        cell, label = cells[k], keys[k]
        if label in S.FUNDS_LINES:
            _funds_line(S.FUNDS_LINES[label], cells[k + 1 :], b, source)
            return
        if label in S.HEADER and k + 1 < len(cells) and not keys[k + 1]:
            b.fields.setdefault(S.HEADER[label], cells[k + 1].text)
            k += 2
            continue
        if label == S.FUNDS_SECTION:
            b.unit = _unit(S.unit_of(cell.text), b.unit)
        elif b.year is None and values.budget_year(cell.text):
            b.year = values.budget_year(cell.text)
        elif cell.text and not label and not S.is_title(cell.text):
            _unplaced(cell, b)
        k += 1


def _unplaced(cell: Cell, b: TableBuilder) -> None:
    shown = cell.text[:40]
    b.note(
        "selfeval-unplaced", Text(f"未能归入表中栏目：{shown}", f"not placed: {shown}"), cell.line
    )


# Funds -----------------------------------------------------------------------------------------


def _funds_line(label: str, cells: Row, b: TableBuilder, source: str) -> None:
    figures: dict[str, Decimal | None] = {}
    for name, cell in zip(b.funds_columns, cells, strict=False):
        figures[name] = _figure(name, label, cell, b, source)
    for cell in cells[len(b.funds_columns) :]:
        if cell.text:
            _unplaced(cell, b)
    if label in b.funds:
        said = Text(f"资金行重复，只取第一行：{label}", f"funds line repeated, first kept: {label}")
        b.note("selfeval-repeated", said, cells[0].line if cells else None)
        return
    b.funds[label] = FundsLine(label, **figures)


def _figure(name: str, label: str, cell: Cell, b: TableBuilder, source: str) -> Decimal | None:
    text = cell.text
    if text in _EMPTY:
        return None
    if name in ("initial", "budget", "spent"):
        return _amount(name, label, cell, b, source)
    number = _number(text)
    if number is None:
        said = Text(f"{label}的数字无法识别：{text[:30]}", f"{label}: not a number: {text[:30]}")
        b.note("selfeval-not-number", said, cell.line)
    return number


def _amount(name: str, label: str, cell: Cell, b: TableBuilder, source: str) -> Decimal | None:
    value, unit = values.money(cell.text)
    if value is None:
        said = Text(f"{label}金额无法识别：{cell.text[:30]}", f"{label}: not an amount")
        b.note("selfeval-not-number", said, cell.line)
        return None
    field_name = f"{label}.{name}"
    check_amount(value, field=field_name, written=cell.text, path=source, line=cell.line)
    in_wan = (unit or b.unit) == "万元"
    return value * _TEN_THOUSAND if in_wan else value


def _number(text: str) -> Decimal | None:
    """A weight, score or rate as written: `86.19%` → 86.19, `10` → 10."""
    match = _PERCENT.match(text.replace(",", ""))
    return Decimal(match.group(1)) if match else None  # the pattern admits only decimals


# Goals -----------------------------------------------------------------------------------------


def _goal_values(cells: Row, labels: list[str], b: TableBuilder) -> None:
    """The goals' texts under their labels; the merged 年度总体目标 cell on their left is empty."""
    while len(cells) > len(labels) and not cells[0].text:
        cells = cells[1:]
    for name, cell in zip(labels, cells, strict=False):
        b.goals.setdefault(name, cell.text)
    for cell in cells[len(labels) :]:
        if cell.text:
            _unplaced(cell, b)


# Indicator rows --------------------------------------------------------------------------------


def _indicator_row(cells: Row, b: TableBuilder) -> None:
    first = next(c for c in cells if c.text)
    if S.label(first.text) in S.TOTAL:
        b.total = _stated_total(cells)
        return
    if _is_head(cells):  # a second head (a table continued on a new page)
        return
    by_role: dict[str, Cell] = {}
    for role, cell in zip(b.columns, cells, strict=False):
        if role and role != "section":
            by_role[role] = cell
    for cell in cells[len(b.columns) :]:
        if cell.text:
            _unplaced(cell, b)
    _add_row(by_role, first.line, b)


def _add_row(by_role: dict[str, Cell], line: int, b: TableBuilder) -> None:
    text = {role: cell.text for role, cell in by_role.items()}
    b.level1 = text.get("level1") or b.level1  # a merged heading is empty below its first row
    b.level2 = text.get("level2") or b.level2
    if not any(text.get(r) for r in ("target", "actual", "weight", "stated_score")):
        name = text.get("name", "")
        said = Text(
            f"指标行没有指标值和分值，未计：{name[:30]}", f"row without values: {name[:30]}"
        )
        b.note("selfeval-empty-row", said, line)
        return
    row = EvalRow(
        level1=b.level1,
        level2=b.level2,
        name=text.get("name", ""),
        target=text.get("target", ""),
        actual=text.get("actual", ""),
        weight=_row_figure(by_role.get("weight"), "分值", b),
        stated_score=_row_figure(by_role.get("stated_score"), "得分", b),
        reason=text.get("reason", ""),
        line=line,
    )
    b.rows.append(row)


def _row_figure(cell: Cell | None, label: str, b: TableBuilder) -> Decimal | None:
    if cell is None or cell.text in _EMPTY:
        return None
    number = _number(cell.text)
    if number is None:
        said = Text(
            f"{label}无法识别：{cell.text[:30]}", f"{label}: not a number: {cell.text[:30]}"
        )
        b.note("selfeval-not-number", said, cell.line)
    return number


def _stated_total(cells: Row) -> Decimal | None:
    """总分 and its figures: the last is the score (a 100 before it is the weights' sum)."""
    figures = [_number(c.text) for c in cells[1:] if c.text]
    found = [f for f in figures if f is not None]
    return found[-1] if found else None


# The table -------------------------------------------------------------------------------------


def _build(b: TableBuilder, source: str) -> SelfEvaluation:
    funds = tuple(b.funds[label] for label in FUNDS_LINES if label in b.funds)
    if not b.columns:
        b.note("selfeval-no-rows", Text("未找到绩效指标表", "no table of indicators found"), None)
    return SelfEvaluation(
        project_name=b.fields.get("project_name", ""),
        supervising_department=b.fields.get("supervising_department", ""),
        implementing_unit=b.fields.get("implementing_unit", ""),
        budget_year=b.year,
        funds=funds,
        expected_goal=b.goals.get("expected", ""),
        actual_goal=b.goals.get("actual", ""),
        rows=tuple(b.rows),
        stated_total=b.total,
        source=source,
        notes=tuple(b.notes),
    )
