"""Reading self-evaluation tables (财政项目支出绩效自评表) from text, Word and Excel
(docs/evaluation.md, *Reading self-evaluation tables*).

A document becomes rows of cells exactly as the goal-form importers make them — the text
flattenings of `jixiao.importers.grid`, the Word body of `docx_reader.read_grid`, the sheets of
`xlsx_reader.visible_sheets` — under the same size and package limits; `tablegrid` places the
cells of each table. A document starts a table at its title (…自评表) or at a second 项目名称.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from jixiao.domain.form import Note
from jixiao.errors import InputError
from jixiao.evaluation.model import SelfEvaluation
from jixiao.evaluation.rowless import regroup
from jixiao.evaluation.tablegrid import Row, read_table
from jixiao.i18n import Text
from jixiao.importers import check_size, detect_format, read_file
from jixiao.importers import selfeval_labels as S
from jixiao.importers.decode import decode, iter_lines
from jixiao.importers.grid import Grid, detect
from jixiao.importers.labels import forget

# Layouts whose cells are whole: white space does not split them (`grid.spaced`, run together).
_LAYOUTS = ("tabbed", "delimited", "paragraphs", "docx", "xlsx")
_NOT_FOUND = Text(
    "未找到绩效自评表：文件中没有“项目名称”和“全年执行数”“实际完成值”等栏目",
    "no self-evaluation table found: the file has no 项目名称 with 全年执行数 or 实际完成值",
)


def read_path(path: str | Path) -> list[SelfEvaluation]:
    """The tables of a file; `InputError` naming the file when it holds none or cannot be read."""
    return read_bytes(read_file(path), str(path))


def read_bytes(data: bytes, path: str) -> list[SelfEvaluation]:
    check_size(len(data), path)
    try:
        return _tables(data, path)
    finally:
        forget()  # the label memos keep no text of a document read


def _tables(data: bytes, path: str) -> list[SelfEvaluation]:
    kind = detect_format(data, path).name
    if kind == "docx":
        return _from_docx(data, path)
    if kind == "xlsx":
        return _from_xlsx(data, path)
    if kind == "json":
        raise InputError(_NOT_FOUND, path=path, line=1)
    text, _ = decode(data, path)
    return _found(_read_grid(detect(iter_lines(text)), path), path)


def _from_docx(data: bytes, path: str) -> list[SelfEvaluation]:
    from jixiao.importers.docx_reader import read_grid

    grid, _, left_out = read_grid(data, path)
    tables = _found(_read_grid(grid, path), path)
    return [replace(tables[0], notes=(*left_out, *tables[0].notes)), *tables[1:]]


def _from_xlsx(data: bytes, path: str) -> list[SelfEvaluation]:
    from jixiao.importers.xlsx_reader import sheet_grid, visible_sheets

    tables: list[SelfEvaluation] = []
    for ws in visible_sheets(data, path):
        try:
            tables += _read_grid(sheet_grid(ws), path)
        except InputError as exc:  # a cell's value: its line is the row of this sheet
            raise exc.within(path, Text(f"工作表“{ws.title}”：", f"sheet {ws.title}: ")) from None
    return _found(tables, path)


def _found(tables: list[SelfEvaluation], path: str) -> list[SelfEvaluation]:
    if not tables:
        raise InputError(_NOT_FOUND, path=path, line=1)
    return tables


def _read_grid(grid: Grid, path: str) -> list[SelfEvaluation]:
    """The tables of a grid; the text before the first one is a note of the first."""
    if grid.layout not in _LAYOUTS:
        said = Text(
            f"绩效自评表须按行或按单元格读取，“{grid.layout}”版式分不出单元格",
            f"a self-evaluation table is read by rows or cells: the “{grid.layout}” layout "
            "does not tell its cells apart",
        )
        raise InputError(said, path=path, line=1)
    outside, parts = split_tables(grid.rows)
    if not grid.has_rows:  # one cell per paragraph: rows rebuilt from what the cells say
        parts = [regroup([c for row in part for c in row]) for part in parts]
    tables = [read_table(rows, path) for rows in parts if _is_table(rows)]
    if tables and outside:
        tables[0] = replace(tables[0], notes=(*_outside_notes(outside), *tables[0].notes))
    return tables


def split_tables(rows: Iterable[Row]) -> tuple[list[Row], list[list[Row]]]:
    """The rows before the first table, and the rows of each table."""
    outside: list[Row] = []
    parts: list[list[Row]] = []
    named = False
    for row in rows:
        texts = [c.text.strip() for c in row if c.text.strip()]
        title = bool(texts) and S.is_title(texts[0])
        name = any(S.label(t) == "项目名称" for t in texts[:1])
        if title or (name and (named or not parts)):  # 项目名称 under a title: its table
            parts.append([])
        named = name or (named and not title)
        (parts[-1] if parts else outside).append(row)
    return outside, parts


def _is_table(rows: list[Row]) -> bool:
    """A part is a table when it has a funds block or indicator rows beside its name."""
    return S.marker(rows) is not None


def _outside_notes(rows: list[Row]) -> list[Note]:
    notes = []
    for row in rows:
        for cell in row:
            if cell.text.strip():
                shown = cell.text.strip()[:40]
                said = Text(f"表格之外的文字未读取：{shown}", f"text outside the table: {shown}")
                notes.append(Note.of("outside-table", said, cell.line))
    return notes
