"""The text extraction of Word tables (the seed's format) and the other flattenings of the same
form: `|`-separated rows, white-space-separated rows, one cell per paragraph, a form on one line.

Format name `seed-text`. It is the fallback for any text file: the sniffer accepts whatever
decodes as text, and the reader says clearly when no form is found in it.
"""

from __future__ import annotations

from jixiao.domain.form import Note, Source
from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.importers import register
from jixiao.importers.decode import decode, split_lines
from jixiao.importers.formreader import read_forms
from jixiao.importers.grid import detect
from jixiao.interchange import Batch

_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\x1f\x8b", b"GIF8")


def _sniff(data: bytes, path: str) -> bool:
    return not data.startswith(_BINARY_MAGIC)


@register("seed-text", "文本（Word 表格导出的文本）", (".txt", ".text", ".md", ".csv"), _sniff)
def read_text(data: bytes, source: Source) -> Batch:
    text, encoding = decode(data, source.path)
    lines = split_lines(text)
    grid = detect(lines)
    forms, outside = read_forms(grid)
    if not forms:
        raise InputError(
            Text(
                "未找到绩效目标表：文件中没有“项目名称”或“三级指标”等栏目",
                "no performance-goal form found: the file has no 项目名称 or 三级指标 labels",
            ),
            path=source.path,
            line=1,
        )
    notes = tuple(outside)
    if encoding not in ("utf-8", "utf-8-sig"):
        notes = (Note("encoding", f"文件编码为 {encoding}，已转换", None),)
    if grid.layout != "tabbed":
        notes += (Note("layout", f"按“{grid.layout}”版式读取", None),)
    return Batch(sources=(source,), forms=tuple(forms), notes=notes)
