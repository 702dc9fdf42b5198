"""The form list as an xlsx workbook (openpyxl, write-only so large lists stay small in memory).
Text is written as text cells, never as formulas (the core's `no_formulas`, docs/exports.md)."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from openpyxl import Workbook

from jixiao.exporters.no_formulas import Value, append_row
from jixiao_web.forms.models import Form

HEADER = (
    "预算年度",
    "项目名称",
    "主管部门",
    "实施单位",
    "项目类别",
    "年度资金申请总额（元）",
    "状态",
    "得分",
    "等级",
    "问题数",
)


def form_row(form: Form) -> tuple[Value, ...]:
    return (
        form.budget_year_id,
        form.project_name,
        form.unit.parent.name if form.unit.parent else form.supervising_department,
        form.unit.name,
        form.project_category,
        form.request_yuan,
        str(form.get_status_display()),
        form.score,
        form.grade,
        form.finding_count,
    )


def workbook_bytes(forms: Iterable[Form]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("绩效目标")
    append_row(sheet, HEADER)
    for form in forms:
        append_row(sheet, form_row(form))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
