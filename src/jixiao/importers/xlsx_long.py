"""The long Excel table: one row per indicator with the form's fields repeated (the columns of
`jixiao.interchange.long_table`). Consecutive rows with the same 序号 (or, without that column, the
same 项目名称) are one form. A value that cannot be read stops the import with its cell named:
nothing is imported half-way.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import TYPE_CHECKING

from jixiao.domain.bounds import MAX_YEAR, check_amount
from jixiao.domain.form import (
    FUNDS_FIELDS,
    FUNDS_LABELS,
    TEXT_FIELDS,
    Form,
    Funds,
    GoalPeriod,
    Indicator,
    Source,
    TemplateMatch,
)
from jixiao.domain.target import format_decimal
from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.importers import values
from jixiao.importers.grid import Cell
from jixiao.importers.ledger import head_of
from jixiao.interchange import Batch
from jixiao.interchange.long_table import COLUMNS, FORM_COLUMNS, UNKNOWN_UNIT

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FORM_CODES = frozenset(code for code, _ in FORM_COLUMNS)
_LABELS = dict(COLUMNS)
_NAMES = {label: code for code, label in COLUMNS} | {code: code for code, _ in COLUMNS}
PERIODS = {
    "annual": "annual",
    "年度": "annual",
    "midterm": "midterm",
    "长期": "midterm",
    "中期": "midterm",
    "中长期": "midterm",
}
Row = dict[str, tuple[str, str]]  # code -> (text, cell reference)


# Quoted text and escaped characters of a number format are shown as written, not as a scale.
_LITERALS = re.compile(r'"[^"]*"|\\.')


def cell_text(value: object, number_format: str = "General") -> str:
    """A cell value as text: text as is, whole numbers without `.0`, dates as YYYY-MM-DD, a
    number shown as a percentage as one (0.95 → `95%`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float) and "%" in number_format:
        shown = Decimal(repr(value))
        if "%" in _LITERALS.sub("", number_format):  # `0%` shows 0.95 as 95%
            shown *= 100
        return f"{format_decimal(shown.normalize())}%"  # `0.00"%"` shows 86.18 as 86.18%
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def find_header(ws: Worksheet) -> tuple[int, dict[int, str]] | None:
    """The header row among the first five (row number, column -> code), if this is a long table."""
    for r, row in enumerate(ws.iter_rows(max_row=5, values_only=True), 1):
        columns = {
            c: _NAMES[str(v).strip()]
            for c, v in enumerate(row, 1)
            if v is not None and str(v).strip() in _NAMES
        }
        if {"project_name", "name"} <= set(columns.values()):
            return None if _ledger(row, r) else (r, columns)
    return None


def _ledger(row: tuple, number: int) -> bool:
    """Whether a header naming 项目名称 and 三级指标 is a budget system's table of many projects
    (单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 …, `importers/ledger.py`), not the long table:
    a ledger's head with columns the long table does not have."""
    texts = ["" if v is None else str(v).strip() for v in row]
    if all(not text or text in _NAMES for text in texts):
        return False
    return head_of([Cell(text, number) for text in texts]) is not None


def _rows(ws: Worksheet, start: int, columns: dict[int, str]) -> list[Row]:
    from openpyxl.utils import get_column_letter  # openpyxl is loaded: `ws` is its sheet

    out = []
    for r, row in enumerate(ws.iter_rows(min_row=start + 1), start + 1):
        cells = {
            code: (
                cell_text(row[c - 1].value, row[c - 1].number_format).strip(),
                f"{get_column_letter(c)}{r}",
            )
            for c, code in columns.items()
            if c <= len(row)
        }
        if any(text for text, _ in cells.values()):
            out.append(cells)
    return out


def _bad(ws: Worksheet, ref: str, zh: str, en: str, text: str, source: Source) -> InputError:
    return InputError(
        Text(f"{zh}：{{v}}", f"{en}: {{v}}").format(v=text[:40]),
        path=source.path,
        field=f"{ws.title}!{ref}",
    )


class _Reader:
    def __init__(self, ws: Worksheet, source: Source) -> None:
        self.ws, self.source = ws, source

    def text(self, row: Row, code: str) -> str | None:
        return row.get(code, ("", ""))[0] or None

    def number(self, row: Row, code: str) -> Decimal | None:
        text = self.text(row, code)
        if text is None:
            return None
        try:
            value = Decimal(text.replace(",", ""))
        except InvalidOperation:
            raise _bad(
                self.ws, row[code][1], "不是金额", "not an amount", text, self.source
            ) from None
        ref = row[code][1]
        at = Text(f"工作表“{self.ws.title}”{ref}：", f"sheet {self.ws.title} cell {ref}: ")
        return check_amount(
            value, field=FUNDS_LABELS[code], written=text, path=self.source.path, at=at
        )

    def day(self, row: Row, code: str) -> date | None:
        text = self.text(row, code)
        if text is None:
            return None
        parsed = values.day(text)
        if parsed is None:
            raise _bad(self.ws, row[code][1], "不是日期", "not a date", text, self.source)
        return parsed

    def integer(self, row: Row, code: str) -> int | None:
        text = self.text(row, code)
        if text is None:
            return None
        year = values.whole(text, MAX_YEAR)
        if year is None:
            raise _bad(self.ws, row[code][1], "不是年份", "not a year", text, self.source)
        return year

    def same_form(self, rows: list[Row]) -> None:
        """Form fields repeated on later rows must say what the first row says (or be empty)."""
        head = rows[0]
        for row in rows[1:]:
            for code, (text, ref) in row.items():
                if code in FORM_CODES and text and text != head.get(code, ("", ""))[0]:
                    first = head[code][1] if code in head else "为空"
                    raise _bad(
                        self.ws,
                        ref,
                        f"同一表单的各行“{_LABELS[code]}”不一致（首行 {first}）",
                        f"rows of one form disagree on {code}",
                        text,
                        self.source,
                    )

    def form(self, seq: int, rows: list[Row]) -> Form:
        head = rows[0]
        unit = self.text(head, "funds_unit") or "元"
        funds = Funds(
            None if unit == UNKNOWN_UNIT else unit,
            **{name: self.number(head, name) for name in FUNDS_FIELDS},
        )
        period = self.text(head, "goal_period")
        found = values.period(f"（{period}）") if period is not None else None
        template = self.text(head, "template")
        form = Form(
            seq=seq,
            title=self.text(head, "title"),
            budget_year=self.integer(head, "budget_year"),
            **{code: self.text(head, code) for code in _TEXT_FIELDS},
            planned_start=self.day(head, "planned_start"),
            planned_end=self.day(head, "planned_end"),
            funds=funds,
            goal_period=GoalPeriod(*found) if found else None,
            indicators=tuple(i for i in (self.indicator(r) for r in rows) if i is not None),
            # a template named in the table is stated, not detected: its fit is whole
            template=TemplateMatch(template, Decimal(1)) if template else None,
        )
        self.same_form(rows)
        return form

    def indicator(self, row: Row) -> Indicator | None:
        name, target = self.text(row, "name") or "", self.text(row, "target") or ""
        if not name and not target:
            return None
        period = self.text(row, "period")
        if period is not None and period not in PERIODS:
            raise _bad(
                self.ws,
                row["period"][1],
                "指标期间应为“年度”或“长期”",
                "period must be annual or midterm",
                period,
                self.source,
            )
        return Indicator(
            self.text(row, "level1"),
            self.text(row, "level2"),
            name,
            target,
            period=PERIODS.get(period or ""),
            extra=self.extra(row),
        )

    def extra(self, row: Row) -> MappingProxyType[str, str]:
        text = self.text(row, "extra")
        if text is None:
            return MappingProxyType({})
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = None
        if not isinstance(data, dict):
            raise _bad(
                self.ws,
                row["extra"][1],
                "“其他栏目”应为 JSON 对象",
                "extra must be a JSON object",
                text,
                self.source,
            )
        return MappingProxyType({str(k): str(v) for k, v in data.items()})


_TEXT_FIELDS = tuple(code for code, _ in FORM_COLUMNS if code in TEXT_FIELDS)


def _groups(rows: list[Row]) -> list[list[Row]]:
    key = "seq" if any("seq" in r for r in rows) else "project_name"
    groups: list[list[Row]] = []
    for row in rows:
        if groups and row.get(key, ("", ""))[0] == groups[-1][0].get(key, ("", ""))[0]:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def read_long(ws: Worksheet, source: Source) -> Batch:
    found = find_header(ws)
    assert found is not None
    start, columns = found
    reader = _Reader(ws, source)
    groups = _groups(_rows(ws, start, columns))
    if not groups:
        raise InputError(
            Text("Excel 明细表只有表头，没有数据行", "the long table has a header but no rows"),
            path=source.path,
        )
    forms = tuple(reader.form(seq, rows) for seq, rows in enumerate(groups, 1))
    return Batch((source,), forms)
