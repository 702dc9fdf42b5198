"""Excel (.xlsx): the template (one sheet per form, laid out like the paper table) and the long
table (one row per indicator). Every value is written as a text cell (number format `@`), so
`278000.00` stays `278000.00`, dates stay `2021-01-01` and `=30亩` is no formula (`no_formulas`).
docs/xlsx-template.md documents both.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain.form import Form
from jixiao.domain.paper import form_table, heading, subheading
from jixiao.exporters import Exporter, Rendered, register
from jixiao.exporters.no_formulas import append_row, set_cell
from jixiao.i18n import Text
from jixiao.interchange import Batch, long_table

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LONG_SHEET = "指标明细"
_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
TITLE_ROWS = 2  # heading and year above the table


def _sheet_title(form: Form, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", f"{form.seq} {form.project_name or ''}".strip())[:28]
    title, n = base, 2
    while title in used:
        title, n = f"{base[:25]}~{n}", n + 1
    used.add(title)
    return title


def _put(ws: Worksheet, row: int, col: int, text: str | None, label: bool = False) -> None:
    cell = ws.cell(row=row, column=col)
    if text:
        set_cell(cell, text)
    cell.number_format = "@"
    cell.alignment = CENTER if label else WRAP
    if label:
        cell.font = Font(bold=True)


def write_form_sheet(ws: Worksheet, form: Form) -> None:
    """The paper layout: heading, year, then the table of `layout.form_table` with its merges."""
    table = form_table(form)
    columns = table.columns
    for col, width in enumerate(table.widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width * 5
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    _put(ws, 1, 1, heading(form), label=True)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=columns)
    _put(ws, 2, 1, subheading(form), label=True)
    for r, row in enumerate(table.rows, TITLE_ROWS + 1):
        for c in range(1, columns + 1):
            ws.cell(row=r, column=c).border = BORDER
        for cell in row.cells:
            _put(ws, r, cell.col + 1, cell.text, cell.kind == "label")
            if cell.span > 1 or cell.rows > 1:
                ws.merge_cells(
                    start_row=r,
                    start_column=cell.col + 1,
                    end_row=r + cell.rows - 1,
                    end_column=cell.col + cell.span,
                )


def render_template(batch: Batch) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for form in batch.forms:
        write_form_sheet(workbook.create_sheet(_sheet_title(form, used)), form)
    if not batch.forms:
        workbook.create_sheet("表单")
    return _save(workbook)


def render_long(batch: Batch) -> bytes:
    workbook = Workbook()
    ws = workbook.active
    ws.title = LONG_SHEET
    append_row(ws, long_table.HEADERS)
    for r, values in enumerate(long_table.rows(batch.forms), 2):
        for c, text in enumerate(values, 1):
            cell = ws.cell(row=r, column=c)
            if text:
                set_cell(cell, text)
    for row in ws.iter_rows():
        for cell in row:
            cell.number_format = "@"
    for n, (code, _) in enumerate(long_table.COLUMNS, 1):
        wide = code in ("overall_goal", "annual_goal", "name", "project_name")
        ws.column_dimensions[get_column_letter(n)].width = 30 if wide else 12
    ws.freeze_panes = "A2"
    return _save(workbook)


def _save(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@register
class XlsxTemplateExporter(Exporter):
    identifier = "xlsx"
    label = Text("Excel 表样（每表一页）", "Excel template (one sheet per form)")
    extension = "xlsx"
    media_type = MEDIA_TYPE

    def render(self, batch: Batch) -> Rendered:
        return self.done(batch, render_template(batch))


@register
class XlsxLongExporter(Exporter):
    identifier = "xlsx-long"
    label = Text("Excel 明细（每指标一行）", "Excel long table (one row per indicator)")
    extension = "xlsx"
    media_type = MEDIA_TYPE

    def render(self, batch: Batch) -> Rendered:
        return self.done(batch, render_long(batch))
