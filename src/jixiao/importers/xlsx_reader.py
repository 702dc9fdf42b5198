"""Excel workbooks (.xlsx): the template (one sheet per form, laid out like the paper table) and
the long table (one row per indicator, the form's fields repeated). docs/xlsx-template.md.

A workbook whose first sheet has a header row naming both 项目名称 and 三级指标 is a long table;
any other is read as templates: each visible sheet becomes a grid of rows (a merged range once,
its rows below as empty cells, as in a Word table) for the shared form reader.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING

from jixiao.domain.form import Form, Note, Source
from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.importers import register
from jixiao.importers.formreader import read_forms
from jixiao.importers.grid import Cell, Grid
from jixiao.importers.xlsx_long import cell_text, find_header, read_long
from jixiao.importers.zipsafe import Limits, open_zip, read_member
from jixiao.interchange import Batch

if TYPE_CHECKING:  # openpyxl is imported when a workbook is read: a text import does without
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# Spreadsheet cells become objects of some hundred bytes each: keep inflated XML well below
# what the docx reader accepts.
LIMITS = Limits(total=40 * 1024 * 1024, member=30 * 1024 * 1024)
MAX_MERGED_CELLS = 100_000
MAX_AREA = 2_000_000  # rows × columns of a sheet
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([^"]*)"')


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
    filled = {key for key, text in values.items() if text.strip()}
    width = max((col for _, col in filled), default=0)
    rows: list[list[Cell]] = []
    for r in sorted({row for row, _ in filled}):  # rows with content only: max_row may be huge
        rows.append(
            [
                Cell("" if (r, c) in below else values.get((r, c), ""), r)
                for c in range(1, width + 1)
                if (r, c) not in skip
            ]
        )
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
        try:
            found, outside = read_forms(sheet_grid(ws), len(forms) + 1)
        except InputError as exc:  # a cell's value: its line is the row of this sheet
            at = Text(f"工作表“{ws.title}”：", f"sheet {ws.title}: ")
            raise exc.within(source.path, at) from None
        forms += [f for f in map(_filled, found) if f.project_name or f.indicators]
        notes += [
            Note(n.code, f"[{ws.title}] {n.message}", n.line, f"[{ws.title}] {n.en}")
            for n in outside
        ]
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


def check_merges(package: zipfile.ZipFile, path: str) -> None:
    """openpyxl makes an object for every cell a merged range covers: a range over a whole sheet
    would take hours and gigabytes. Count the covered cells from the sheet XML first."""
    from openpyxl.utils.cell import range_boundaries

    covered = 0
    for name in package.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            xml = read_member(package, name, path, "xlsx")
            for ref in _MERGE.findall(xml):
                try:
                    min_col, min_row, max_col, max_row = range_boundaries(ref.decode())
                except (ValueError, TypeError):
                    raise _broken(path, "mergeCell") from None
                covered += (max_col - min_col + 1) * (max_row - min_row + 1)
    if covered > MAX_MERGED_CELLS:
        raise InputError(
            Text(
                "Excel 文件的合并单元格覆盖 {n} 个单元格，超过上限 {limit}：疑似恶意文件",
                "merged ranges cover {n} cells, over the limit of {limit}: looks malicious",
            ).format(n=covered, limit=MAX_MERGED_CELLS),
            path=path,
        )


def check_area(ws: Worksheet, path: str) -> None:
    """Rows are read as rectangles: a stray cell at XFD1048576 would make billions of them."""
    if ws.max_row * ws.max_column > MAX_AREA:
        raise InputError(
            Text(
                "工作表“{sheet}”的范围过大（{rows} 行 × {cols} 列）：请删除表格之外的内容",
                "sheet {sheet} spans too much ({rows} rows × {cols} columns): delete what lies "
                "outside the table",
            ).format(sheet=ws.title, rows=ws.max_row, cols=ws.max_column),
            path=path,
        )


def _broken(path: str, kind: str) -> InputError:
    return InputError(
        Text(
            "Excel 文件已损坏，无法打开（{kind}）", "corrupt Excel file, cannot open ({kind})"
        ).format(kind=kind),
        path=path,
    )


def _load(data: bytes, path: str) -> Workbook:
    from openpyxl import load_workbook

    check_merges(open_zip(data, path, "xlsx", LIMITS), path)
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    # openpyxl raises whatever its parsers raise on a damaged package (KeyError, ValueError,
    # TypeError, lxml and zip errors ...): all of them mean the same to the user.
    except Exception as exc:
        raise _broken(path, type(exc).__name__) from None


def visible_sheets(data: bytes, path: str) -> list[Worksheet]:
    """The visible sheets of a workbook, after the package, merge and area checks: what every
    reader of workbooks starts from (the goal forms', the self-evaluation tables')."""
    workbook = _load(data, path)
    sheets = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    for ws in sheets:
        check_area(ws, path)
    return sheets


@register(
    "xlsx",
    Text("Excel 工作簿（表样或明细，.xlsx）", "Excel workbook (template or long table, .xlsx)"),
    (".xlsx",),
    sniff_xlsx,
)
def read_xlsx(data: bytes, source: Source) -> Batch:
    sheets = visible_sheets(data, source.path)
    if sheets and find_header(sheets[0]) is not None:
        return read_long(sheets[0], source)
    return read_templates(sheets, source)
