"""Excel (.xlsx): the template (one sheet per form, laid out like the paper table) and the long
table (one row per indicator). Every value is written as a text cell (number format `@`), so
`278000.00` stays `278000.00`, dates stay `2021-01-01` and `=30亩` is no formula (`no_formulas`).
docs/xlsx-template.md documents both.
"""

from __future__ import annotations

import io
import math
import re

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain.paper import (
    STANDARD,
    Cell,
    Page,
    Table,
    pages,
    text_width,
)
from jixiao.errors import JixiaoError
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
WIDTH_SCALE = 5  # column width in characters per unit of the grid's relative widths
# Row heights: a line of 11-pt text in a CJK font (Noto Sans CJK is about 1.45 em high), and the
# cell's margins; a cell's text has about one character less than the column's width.
LINE_HEIGHT = 16.0
ROW_PADDING = 4.0
TITLE_HEIGHT = 26.0
CELL_PADDING = 1.0
# What a worksheet (XML 1.0) cannot hold: openpyxl refuses these control characters when a cell is
# set, and U+FFFE and U+FFFF fail only when the workbook is saved.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def sheet_title(name: str, used: set[str]) -> str:
    """`name` as a sheet name Excel accepts (no `[]:*?/\\`, at most 31 characters), told apart
    from the names already `used`; added to them."""
    base = re.sub(r"[\[\]:*?/\\]", "_", name.strip())[:28] or "表"
    title, n = base, 2
    while title in used:
        title, n = f"{base[:25]}~{n}", n + 1
    used.add(title)
    return title


def _put(ws: Worksheet, row: int, col: int, cell: Cell) -> None:
    """A cell of the grid: its figure as a number with its format, any other text as text."""
    target = ws.cell(row=row, column=col)
    if cell.number is not None:
        set_cell(target, cell.number)
        target.number_format = cell.number_format or "General"
    else:
        if cell.text:
            _put_text(target, cell.text)
        target.number_format = "@"
    label = cell.kind == "label"
    target.alignment = CENTER if label else WRAP
    if label:
        target.font = Font(bold=True)


def _put_text(target: XlCell, text: str) -> None:
    """A text as a text cell; one a worksheet cannot hold is refused with where it was to go,
    not cut or changed (text is kept exactly as written)."""
    if UNWRITABLE.search(text):
        where = f"{target.parent.title}!{target.coordinate}"
        raise JixiaoError(
            Text(
                "无法写入 Excel：文字“{t}”含有工作表不能保存的控制字符",
                "cannot write the workbook: the text “{t}” has a control character a worksheet "
                "cannot hold",
            ).format(t=UNWRITABLE.sub(_shown, text)),
            field=where,
        )
    set_cell(target, text)


def _shown(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def write_page_sheet(ws: Worksheet, page: Page) -> None:
    """A page on a sheet: title, the line under it, then its table with the merges, rows as
    high as their text and set up to print one page wide; the drawer of every table jixiao
    writes to Excel (goal forms, self-evaluation, monitoring)."""
    table = page.table
    columns = table.columns
    for col, width in enumerate(table.widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width * WIDTH_SCALE
    for r, text in enumerate((page.title, page.subtitle), 1):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=columns)
        _put(ws, r, 1, Cell(text, 0, kind="label"))
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    ws.row_dimensions[1].height = TITLE_HEIGHT
    for r, row in enumerate(table.rows, TITLE_ROWS + 1):
        for c in range(1, columns + 1):
            ws.cell(row=r, column=c).border = BORDER
        for cell in row.cells:
            _put(ws, r, cell.col + 1, cell)
            if cell.span > 1 or cell.rows > 1:
                ws.merge_cells(
                    start_row=r,
                    start_column=cell.col + 1,
                    end_row=r + cell.rows - 1,
                    end_column=cell.col + cell.span,
                )
    for r, height in enumerate(row_heights(table), TITLE_ROWS + 1):
        ws.row_dimensions[r].height = height
    _print_setup(ws, page)


def _print_setup(ws: Worksheet, page: Page) -> None:
    """Printed on A4, scaled to one page wide (the 年度指标值 column is not cut off), as many
    pages down as it takes, the heading (and the page's column headers) repeated on each;
    landscape when further columns make the table wide."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if page.table.wide else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"1:{TITLE_ROWS + page.header_rows}"


def text_lines(text: str, width: float) -> int:
    """How many lines a wrapped text takes in a cell `width` characters wide (a Chinese
    character counts two, as in a column's width)."""
    room = max(1.0, width - CELL_PADDING)
    return sum(max(1, math.ceil(text_width(line) / room)) for line in text.split("\n"))


def row_heights(table: Table) -> list[float]:
    """The height in points of each row of the table, so that no wrapped text is cut or runs
    over the row below: merged cells do not grow by themselves. A cell spanning rows gets the
    height it lacks added to its last row."""
    widths = [w * WIDTH_SCALE for w in table.widths]
    heights = [LINE_HEIGHT + ROW_PADDING] * len(table.rows)
    tall: list[tuple[int, Cell, float]] = []
    for r, row in enumerate(table.rows):
        for cell in row.cells:
            need = text_lines(cell.text, sum(widths[cell.col : cell.col + cell.span]))
            points = need * LINE_HEIGHT + ROW_PADDING
            if cell.rows == 1:
                heights[r] = max(heights[r], points)
            else:
                tall.append((r, cell, points))
    for r, cell, points in tall:
        last = r + cell.rows - 1
        heights[last] += max(0.0, points - sum(heights[r : last + 1]))
    return heights


def render_template(batch: Batch, template: str = STANDARD) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for page in pages(batch.forms, template):  # a form's, or a ledger's: its forms in one table
        write_page_sheet(workbook.create_sheet(sheet_title(page.name, used)), page)
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
    name_suffix = "-绩效目标表"
    media_type = MEDIA_TYPE
    paper = True

    def render(self, batch: Batch) -> Rendered:
        return self.done(batch, render_template(batch, self.template))


@register
class XlsxLongExporter(Exporter):
    identifier = "xlsx-long"
    label = Text("Excel 明细（每指标一行）", "Excel long table (one row per indicator)")
    extension = "xlsx"
    name_suffix = "-指标明细"
    media_type = MEDIA_TYPE

    def render(self, batch: Batch) -> Rendered:
        return self.done(batch, render_long(batch))
