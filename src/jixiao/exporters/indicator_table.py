"""The indicator table of the open data (docs/api.md, "Open data"): one row per indicator, with
the project it belongs to and its target as written and as the core parses it.

Its columns are defined once, here, each with the Table Schema type that every value written in
it satisfies: the CSV's header and the data package's schema (`table_schema`) both come from
`COLUMNS`, so they cannot drift apart. The values are those of the long table
(`interchange.long_table`) and of the CSV export's parsed target (`csv_export.parsed_values`);
the file is written by the CSV export's writer, with its BOM and its formula guard
(docs/exports.md, "No formulas"). A form without indicators has no row here (the forms file
holds it whole).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from jixiao.domain.form import Form, Source
from jixiao.exporters.csv_export import PARSED_COLUMNS, csv_bytes, csv_start, parsed_values
from jixiao.interchange import Batch, long_table
from jixiao.pieces import Pieces


@dataclass(frozen=True)
class Column:
    code: str  # the value's name in the long table or the parsed target
    type: str  # Table Schema type: every value of the column is one (or empty, i.e. missing)
    title: str  # for people reading the schema in English
    description: str

    @property
    def header(self) -> str:
        """The column's name in the CSV's header and in the schema."""
        return _LABELS[self.code]


_LABELS = {**dict(long_table.COLUMNS), **dict(PARSED_COLUMNS)}

# Integers are whole numbers the core writes as digits (a budget year, a 1-based number); the
# parsed value is a decimal in plain digits (`target.format_decimal`), which the formula guard
# leaves as it is. Everything else is text as written.
FORM_COLUMNS: tuple[Column, ...] = (
    Column("budget_year", "integer", "Budget year", "预算年度"),
    Column("supervising_department", "string", "Supervising department", "主管部门"),
    Column("implementing_unit", "string", "Implementing unit", "实施单位"),
    Column("project_name", "string", "Project name", "项目名称"),
    Column("project_category", "string", "Project category", "项目类别"),
)
INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("indicator_no", "integer", "Indicator number", "该指标在表中的序号（从 1 起）"),
    Column(
        "period",
        "string",
        "Indicator period",
        "annual（年度）或 midterm（中期），表中只有一种时为空",
    ),
    Column("level1", "string", "Level 1 indicator", "一级指标"),
    Column("level2", "string", "Level 2 indicator", "二级指标"),
    Column("name", "string", "Level 3 indicator", "三级指标（指标名称）"),
    Column("target", "string", "Target as written", "指标值，照原文"),
)
PARSED: tuple[Column, ...] = (
    Column("op", "string", "Comparison", "指标值中的比较符（如 ≥），未解析出则空"),
    Column("value", "number", "Value", "指标值中的数值，未解析出则空"),
    Column("unit", "string", "Unit", "指标值中的计量单位，未解析出则空"),
    Column("kind", "string", "Kind of target", "指标值的类型（数量、定性、时限等）"),
)
COLUMNS = FORM_COLUMNS + INDICATOR_COLUMNS + PARSED
HEADER = tuple(c.header for c in COLUMNS)

_FORM_CODES = tuple(code for code, _ in long_table.FORM_COLUMNS)
_INDICATOR_CODES = tuple(code for code, _ in long_table.INDICATOR_COLUMNS)
_PARSED_CODES = tuple(code for code, _ in PARSED_COLUMNS)


def form_rows(form: Form) -> Iterator[list[str]]:
    """The rows of one form: one per indicator, the values of `COLUMNS` in order."""
    head = dict(zip(_FORM_CODES, long_table.form_values(form), strict=True))
    for number, indicator in enumerate(form.indicators, 1):
        values = dict(head)
        values.update(
            zip(_INDICATOR_CODES, long_table.indicator_values(number, indicator), strict=True)
        )
        values.update(zip(_PARSED_CODES, parsed_values(indicator), strict=True))
        yield [values[c.code] or "" for c in COLUMNS]


class IndicatorLayout:
    """The table as a `FormLayout` (`jixiao.pieces`), so that it is written a form at a time."""

    def piece(self, form: Form, sources: Sequence[Source]) -> bytes:
        return csv_bytes(form_rows(form))

    def document(self, frame: Batch, pieces: Pieces) -> Iterator[bytes]:
        yield csv_start(HEADER)
        yield from pieces()


INDICATOR_TABLE = IndicatorLayout()


def table_schema() -> dict[str, Any]:
    """The Table Schema (Frictionless Data, v1) of the file `INDICATOR_TABLE` writes."""
    fields = [
        {"name": c.header, "type": c.type, "title": c.title, "description": c.description}
        for c in COLUMNS
    ]
    return {"fields": fields, "missingValues": [""]}
