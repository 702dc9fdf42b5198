"""Excel workbooks (.xlsx): the template (one sheet per form, laid out like the paper table) and
the long table (one row per indicator, the form's fields repeated). docs/xlsx-template.md.

A workbook whose first sheet has a header row naming both 项目名称 and 三级指标 is a long table;
any other is read as templates: each visible sheet becomes a grid of rows (a merged range once,
its rows below as empty cells, as in a Word table) for the shared form reader.
"""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain.form import Form, Note, Source
from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.importers import register
from jixiao.importers.formreader import read_forms
from jixiao.importers.grid import Cell, Grid
from jixiao.importers.xlsx_long import cell_text, find_header, read_long
from jixiao.importers.zipsafe import Limits, open_zip
from jixiao.interchange import Batch

# Spreadsheet cells become objects of some hundred bytes each: keep inflated XML well below
# what the docx reader accepts.
LIMITS = Limits(total=40 * 1024 * 1024, member=30 * 1024 * 1024)


def sniff_xlsx(data: bytes, path: str) -> bool:
    """A zip package naming xl/workbook, whatever the file is called; anything else called
    .xlsx, so that the reader can say what is wrong with it."""
    if data.startswith(b"PK\x03\x04") and b"word/document" in data[-262144:]:
        return False
    return path.lower().endswith((".xlsx", ".xlsm")) or (
        data.startswith(b"PK\x03\x04") and b"xl/workbook" in data[-262144:]
    )


def _merges(ws: Worksheet) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Positions hidden by a merge: to skip (right of its first column), to show empty (below)."""
    skip: set[tuple[int, int]] = set()
    below: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                if col > rng.min_col:
                    skip.add((row, col))
                elif row > rng.min_row:
                    below.add((row, col))
    return skip, below


def sheet_grid(ws: Worksheet) -> Grid:
    skip, below = _merges(ws)
    hidden = {k for k, d in ws.column_dimensions.items() if d.hidden}
    values = {
        (c.row, c.column): cell_text(c.value, c.number_format)
        for row in ws.iter_rows()
        for c in row
        if c.value is not None and c.column_letter not in hidden
    }
    width = max((col for (_, col), text in values.items() if text.strip()), default=0)
    rows: list[list[Cell]] = []
    for r in range(1, ws.max_row + 1):
        cells = [
            Cell("" if (r, c) in below else values.get((r, c), ""), r)
            for c in range(1, width + 1)
            if (r, c) not in skip
        ]
        if any(cell.text.strip() for cell in cells):
            rows.append(cells)
    return Grid(rows, "xlsx")


INSTRUCTIONS_SHEET = "填写说明"


def _filled(form: Form) -> Form:
    """The form without the template's blank indicator rows (no name, no value)."""
    rows = tuple(i for i in form.indicators if i.name or i.target)
    return form if len(rows) == len(form.indicators) else form.with_changes(indicators=rows)


def read_templates(sheets: list[Worksheet], source: Source) -> Batch:
    forms: list[Form] = []
    notes: list[Note] = []
    # A sheet left blank (the template as downloaded) is no form.
    for ws in sheets:
        if ws.title == INSTRUCTIONS_SHEET:
            continue
        found, outside = read_forms(sheet_grid(ws), len(forms) + 1)
        forms += [f for f in map(_filled, found) if f.project_name or f.indicators]
        notes += [Note(n.code, f"[{ws.title}] {n.message}", n.line) for n in outside]
    if not forms:
        raise InputError(
            Text(
                "Excel 文件中未找到绩效目标表：没有一页写有“项目名称”“三级指标”等栏目"
                "（模板说明见 docs/xlsx-template.md）",
                "no performance-goal form in the workbook: no sheet has 项目名称 or 三级指标 labels",
            ),
            path=source.path,
        )
    return Batch((source,), tuple(forms), tuple(notes))


def _load(data: bytes, path: str) -> Workbook:
    open_zip(data, path, "xlsx", LIMITS)
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    # openpyxl raises whatever its parsers raise on a damaged package (KeyError, ValueError,
    # TypeError, lxml and zip errors ...): all of them mean the same to the user.
    except Exception as exc:
        raise InputError(
            Text(
                "Excel 文件已损坏，无法打开（{kind}）", "corrupt Excel file, cannot open ({kind})"
            ).format(kind=type(exc).__name__),
            path=path,
        ) from None


@register("xlsx", "Excel 工作簿（表样或明细，.xlsx）", (".xlsx",), sniff_xlsx)
def read_xlsx(data: bytes, source: Source) -> Batch:
    workbook = _load(data, source.path)
    sheets = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    if sheets and find_header(sheets[0]) is not None:
        return read_long(sheets[0], source)
    return read_templates(sheets, source)
