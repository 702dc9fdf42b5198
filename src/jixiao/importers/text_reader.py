"""The text extraction of Word tables (the seed's format) and the other flattenings of the same
form: `|`-separated rows, white-space-separated rows, one cell per paragraph, a form on one line.

Format name `seed-text`. It is the fallback for any text file: the sniffer accepts whatever
decodes as text, and the reader says clearly when no form is found in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from jixiao.domain.form import Form, Note, Source
from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.importers import FormStream, register
from jixiao.importers.decode import decode, iter_lines
from jixiao.importers.formreader import iter_forms, outside_notes
from jixiao.importers.grid import Cell, Grid, detect

_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\x1f\x8b", b"GIF8")


def _sniff(data: bytes, path: str) -> bool:
    return not data.startswith(_BINARY_MAGIC)


@register(
    "seed-text",
    Text("文本（Word 表格导出的文本）", "Text (Word tables saved as text)"),
    (".txt", ".text", ".md", ".csv"),
    _sniff,
)
def read_text(data: bytes, source: Source) -> FormStream:
    text, encoding = decode(data, source.path)
    grid = detect(iter_lines(text))
    stream = FormStream(source, iter(()))
    stream.forms = _forms(grid, encoding, stream.notes, source.path)
    return stream


def _forms(grid: Grid, encoding: str, notes: list[Note], path: str) -> Iterator[Form]:
    """The forms as they are read; then the notes on the whole document."""
    outside: list[Cell] = []
    found = False
    for form in iter_forms(grid, outside):
        found = True
        yield _with_doubts(form, grid)
    if not found:
        raise InputError(
            Text(
                "未找到绩效目标表：文件中没有“项目名称”或“三级指标”等栏目",
                "no performance-goal form found: the file has no 项目名称 or 三级指标 labels",
            ),
            path=path,
            line=1,
        )
    notes.extend(outside_notes(outside))
    if encoding not in ("utf-8", "utf-8-sig"):
        said = Text(f"文件编码为 {encoding}，已转换", f"the file is in {encoding}: converted")
        notes[:] = [Note.of("encoding", said, None)]
    if grid.layout == "glued":
        said = Text(
            "各栏之间没有分隔符：已按栏目名称、指标级别和指标值的写法拆分读取，请核对各栏",
            "the cells have nothing between them: they were cut at the labels, the headings "
            "and where the target values begin; please check every field",
        )
        notes.append(Note.of("layout", said, None))
    elif grid.layout != "tabbed":
        said = Text(f"按“{grid.layout}”版式读取", f"read as the “{grid.layout}” layout")
        notes.append(Note.of("layout", said, None))


def _with_doubts(form: Form, grid: Grid) -> Form:
    """The form with the notes of the cuts its layout was unsure of (`Grid.doubts`): all those
    of the rows read so far, since a form is given once the row that opens the next is read,
    and such a row is never cut with a doubt."""
    doubts = grid.doubts
    if not doubts:
        return form
    added = tuple(
        Note.of("cut-uncertain", said, line) for line in sorted(doubts) for said in doubts[line]
    )
    doubts.clear()
    return replace(form, notes=form.notes + added)
