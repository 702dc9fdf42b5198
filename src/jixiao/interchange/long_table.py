"""The long table, an interchange format like canonical JSON: one row per indicator, the form's
fields repeated on each row. A form without indicators still has one row. The xlsx long exporter,
the CSV exporter and the xlsx long reader all take their columns from here, so they are defined
once and the readers never import the writers; every value is text exactly as in canonical JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from jixiao.domain.form import FUNDS_FIELDS, FUNDS_LABELS, Form, Indicator
from jixiao.domain.target import format_decimal

FORM_COLUMNS: tuple[tuple[str, str], ...] = (
    ("seq", "序号"),
    ("title", "表名"),
    ("budget_year", "预算年度"),
    ("project_name", "项目名称"),
    ("project_category", "项目类别"),
    ("supervising_department", "主管部门"),
    ("implementing_unit", "实施单位"),
    ("planned_start", "计划开始日期"),
    ("planned_end", "计划完成日期"),
    ("funds_unit", "资金单位"),
    *((name, FUNDS_LABELS[name]) for name in FUNDS_FIELDS),
    ("goal_period", "项目总目标期间"),
    ("overall_goal", "项目总目标"),
    ("annual_goal", "年度总目标"),
    ("template", "表样模板"),  # the region's form it was read from (docs/templates.md)
)
INDICATOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("indicator_no", "指标序号"),
    ("period", "指标期间"),
    ("level1", "一级指标"),
    ("level2", "二级指标"),
    ("name", "三级指标"),
    ("target", "指标值"),
    ("extra", "其他栏目（JSON）"),
)
COLUMNS = FORM_COLUMNS + INDICATOR_COLUMNS
CODES = tuple(code for code, _ in COLUMNS)
HEADERS = tuple(label for _, label in COLUMNS)
# The 资金单位 of a form whose unit nobody could tell (docs/templates.md, *Money*): read back as
# unknown, never as 元.
UNKNOWN_UNIT = "单位不明"


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def form_values(form: Form) -> list[str | None]:
    values: dict[str, object] = {
        "seq": form.seq,
        "title": form.title,
        "template": form.template.id if form.template else None,
        "budget_year": form.budget_year,
        "project_name": form.project_name,
        "project_category": form.project_category,
        "supervising_department": form.supervising_department,
        "implementing_unit": form.implementing_unit,
        "planned_start": form.planned_start,
        "planned_end": form.planned_end,
        "funds_unit": form.funds.unit or UNKNOWN_UNIT,
        **dict(form.funds.items()),
        "goal_period": form.goal_period.text if form.goal_period else None,
        "overall_goal": form.overall_goal,
        "annual_goal": form.annual_goal,
    }
    return [_text(values[code]) for code, _ in FORM_COLUMNS]


def indicator_values(number: int, indicator: Indicator) -> list[str | None]:
    extra = json.dumps(dict(indicator.extra), ensure_ascii=False) if indicator.extra else None
    return [
        str(number),
        indicator.period,
        indicator.level1,
        indicator.level2,
        indicator.name,
        indicator.target,
        extra,
    ]


def rows(forms: tuple[Form, ...]) -> Iterator[list[str | None]]:
    """The data rows (without the header), in form order then indicator order."""
    for form in forms:
        head = form_values(form)
        if not form.indicators:
            yield head + [None] * len(INDICATOR_COLUMNS)
        for number, indicator in enumerate(form.indicators, 1):
            yield head + indicator_values(number, indicator)
