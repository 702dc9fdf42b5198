"""Word documents (.docx): the forms in their tables, read straight from the document XML.

The package passes the zip checks and the body of its main part becomes a grid of rows and
cells (`docx_grid`), which goes to the shared form reader (`formreader.read_forms`), the same one
that reads the seed's text: a Word table and its text extraction read alike. The grid is read
from the tree lxml parses, and only from it: one way to read Word, to change and test once.

python-docx's `Document()` is not used for reading: it loads every part of the package and
builds a proxy object per element touched; one pass over the XML is faster
(bench/docx_bench.py).
"""

from __future__ import annotations

import posixpath
import re
import zipfile

from lxml import etree

from jixiao.domain.form import Note, Source
from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.importers import register
from jixiao.importers.docx_grid import W, body_grid
from jixiao.importers.formreader import read_forms
from jixiao.importers.grid import Grid
from jixiao.importers.zipsafe import open_zip, read_member
from jixiao.interchange import Batch

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_OFFICE_DOC = re.compile(
    rb'Type="[^"]*/officeDocument"[^>]*Target="([^"]+)"|'
    rb'Target="([^"]+)"[^>]*Type="[^"]*/officeDocument"'
)


def sniff_docx(data: bytes, path: str) -> bool:
    """A zip package naming word/document (its directory is at the end), whatever the file is
    called; anything else called .docx, so that the reader can say what is wrong with it."""
    if data.startswith(b"PK\x03\x04") and b"xl/workbook" in data[-262144:]:
        return b"word/document" in data[-262144:]
    return path.lower().endswith((".docx", ".docm", ".dotx")) or (
        data.startswith(b"PK\x03\x04") and b"word/document" in data[-262144:]
    )


def _main_part(package: zipfile.ZipFile, path: str) -> str:
    rels = read_member(package, "_rels/.rels", path, "docx")
    match = _OFFICE_DOC.search(rels)
    if not match:
        return "word/document.xml"
    target = (match.group(1) or match.group(2)).decode()
    return posixpath.normpath(target.lstrip("/"))


def document_xml(data: bytes, path: str) -> bytes:
    """The XML of the main document part, after the zip checks."""
    package = open_zip(data, path, "docx")
    return read_member(package, _main_part(package, path), path, "docx")


def _corrupt(line: int | None, path: str) -> InputError:
    return InputError(
        Text(
            "Word 文档内容已损坏（XML 第 {line} 行）", "corrupt Word document (XML line {line})"
        ).format(line=line),
        path=path,
    )


def document_body(data: bytes, path: str) -> tuple[etree._Element, bytes]:
    """The parsed body of the main document part, and the XML it was parsed from."""
    return parse_body(document_xml(data, path), path)


def parse_body(xml: bytes, path: str) -> tuple[etree._Element, bytes]:
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise _corrupt(exc.lineno, path) from None
    body = root.find(W + "body")
    if body is None:
        raise InputError(
            Text("不是 Word 文档：没有正文", "not a Word document: no body"), path=path
        )
    return body, xml


def read_grid(data: bytes, path: str) -> tuple[Grid, int, list[Note]]:
    """The grid of the document body, read from its tree."""
    return body_grid(*document_body(data, path))


@register("docx", Text("Word 文档（.docx）", "Word document (.docx)"), (".docx",), sniff_docx)
def read_docx(data: bytes, source: Source) -> Batch:
    grid, tables, left_out = read_grid(data, source.path)
    if not tables:
        raise InputError(
            Text("Word 文档中没有表格：绩效目标表应为表格", "the Word document has no table"),
            path=source.path,
        )
    forms, outside = read_forms(grid)
    if not forms:
        raise InputError(
            Text(
                "Word 文档中未找到绩效目标表（表格中没有“项目名称”“绩效指标”等栏目）",
                "no performance-goal form found in the Word document's tables",
            ),
            path=source.path,
        )
    return Batch((source,), tuple(forms), tuple(left_out + outside))
