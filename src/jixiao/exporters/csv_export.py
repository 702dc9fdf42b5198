"""CSV with one row per indicator, the form's fields repeated on each row.

Written as UTF-8 with a BOM so that Excel, which most finance offices open CSV files with, reads
the Chinese text correctly. A form without indicators still gets one row, so no form is lost.
"""

from __future__ import annotations

import csv
import io

from jixiao.domain.form import FUNDS_FIELDS, Form, Indicator
from jixiao.domain.target import format_decimal
from jixiao.interchange import Batch

FORM_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source", "来源文件"),
    ("seq", "序号"),
    ("budget_year", "预算年度"),
    ("project_name", "项目名称"),
    ("project_category", "项目类别"),
    ("supervising_department", "主管部门"),
    ("implementing_unit", "实施单位"),
    ("planned_start", "计划开始日期"),
    ("planned_end", "计划完成日期"),
    ("funds_unit", "金额单位"),
    *((name, name) for name in FUNDS_FIELDS),
)
INDICATOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("level1", "一级指标"),
    ("level2", "二级指标"),
    ("name", "三级指标"),
    ("target", "指标值"),
    ("op", "运算符"),
    ("value", "数值"),
    ("unit", "单位"),
    ("kind", "类型"),
    ("source_lines", "来源行"),
)
HEADER = [label for _, label in FORM_COLUMNS + INDICATOR_COLUMNS]


def _form_cells(form: Form, batch: Batch) -> list[str]:
    source = batch.sources[form.source].path if form.source < len(batch.sources) else ""
    cells = [
        source,
        str(form.seq),
        str(form.budget_year or ""),
        form.project_name or "",
        form.project_category or "",
        form.supervising_department or "",
        form.implementing_unit or "",
        form.planned_start.isoformat() if form.planned_start else "",
        form.planned_end.isoformat() if form.planned_end else "",
        form.funds.unit,
    ]
    cells += [format_decimal(v) if v is not None else "" for _, v in form.funds.items()]
    return cells


def _indicator_cells(indicator: Indicator | None) -> list[str]:
    if indicator is None:
        return [""] * len(INDICATOR_COLUMNS)
    parsed = indicator.parsed_target.to_json()
    return [
        indicator.level1 or "",
        indicator.level2 or "",
        indicator.name,
        indicator.target,
        parsed["op"] or "",
        parsed["value"] or "",
        parsed["unit"] or "",
        parsed["kind"] or "",
        " ".join(str(n) for n in indicator.source_lines),
    ]


def rows(batch: Batch) -> list[list[str]]:
    """The table as rows of text, header first."""
    out = [HEADER]
    for form in batch.forms:
        head = _form_cells(form, batch)
        for indicator in form.indicators or (None,):
            out.append(head + _indicator_cells(indicator))
    return out


def render_csv(batch: Batch) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows(batch))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
