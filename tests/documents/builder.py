"""Test documents built in code: Word files whose tables reproduce the shapes real forms come in
(merged cells both ways, several forms, forms split over two tables, text around the tables,
numbered titles, 万元, with and without the 绩效指标 column, 长期 and 年度 tables), written as
raw WordprocessingML so that each shape is exactly what the test says it is."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from jixiao import templates
from jixiao.importers.grid import tabbed
from jixiao.interchange import Batch, to_canonical

W = nsdecls("w")
LOCATIONS = ("lines", "notes", "source")


def comparable(batch: Batch) -> dict[str, Any]:
    """Canonical JSON without source locations: what a round trip through a format keeps.

    Dropped: `sources`, the batch's and each form's `notes`, each form's `lines` and `source`,
    each indicator's `source_lines` (a Word or Excel file has its own rows and cells), and how
    well the labels fit the template (a table of one row per indicator names its template: it is
    not detected): the template itself is kept."""
    data = json.loads(json.dumps(to_canonical(batch)))
    data.pop("sources")
    data.pop("notes", None)
    for form in data["forms"]:
        for key in LOCATIONS:
            form.pop(key)
        # a form made in code names no template: it is in the standard layout, the default's
        form["template"] = (form.get("template") or {"id": templates.DEFAULT})["id"]
        for indicator in form["indicators"]:
            indicator.pop("source_lines")
    return data


@dataclass(frozen=True)
class C:
    """A cell: text (lines become paragraphs), columns spanned, vertical merge role."""

    text: str = ""
    span: int = 1
    merge: str | None = None  # "restart", "continue" or None


def _paragraphs(text: str) -> str:
    return "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in text.split("\n")
    )


def _cell(cell: C | str) -> str:
    c = C(cell) if isinstance(cell, str) else cell
    props = ""
    if c.span > 1:
        props += f'<w:gridSpan w:val="{c.span}"/>'
    if c.merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif c.merge == "continue":
        props += "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_paragraphs(c.text if c.merge != 'continue' else '')}</w:tc>"


def table(rows: list[list[C | str]]) -> str:
    width = max(sum(c.span if isinstance(c, C) else 1 for c in row) for row in rows)
    grid = '<w:gridCol w:w="1500"/>' * width
    body = ""
    for row in rows:
        used = sum(c.span if isinstance(c, C) else 1 for c in row)
        after = f'<w:trPr><w:gridAfter w:val="{width - used}"/></w:trPr>' if used < width else ""
        body += f"<w:tr>{after}{''.join(_cell(c) for c in row)}</w:tr>"
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


def paragraph(text: str, page_break: bool = False) -> str:
    brk = '<w:r><w:br w:type="page"/></w:r>' if page_break else ""
    return f'<w:p>{brk}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def docx(*blocks: str) -> bytes:
    """A .docx whose body is the given paragraph and table XML, in order."""
    document = Document()
    anchor = document.element.body.sectPr
    for element in list(parse_xml(f"<w:body {W}>{''.join(blocks)}</w:body>")):
        anchor.addprevious(element)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# The seed as Word tables -------------------------------------------------------------------


def _merged(rows: list[list[str]]) -> list[list[C]]:
    """Empty cells under a cell of the row above become continuations of a vertical merge."""
    out = [[C(t) for t in row] for row in rows]
    for i in range(1, len(out)):
        for j, cell in enumerate(out[i]):
            if cell.text == "" and j < len(out[i - 1]):
                above = out[i - 1][j]
                if above.merge is None:
                    out[i - 1][j] = C(above.text, merge="restart")
                out[i][j] = C("", merge="continue")
    return out


def seed_as_docx(text: str, split_form: int | None = None) -> bytes:
    """The seed's text put back into Word: the title and year rows of each form as paragraphs,
    its other rows as one table with the cells of the text (empty cells under others merged
    vertically). `split_form` breaks that form's table in two, across a page break."""
    preamble: list[str] = []
    forms: list[list[list[str]]] = []
    for row in tabbed(text.split("\n")).rows:
        texts = [c.text for c in row]
        titles = [i for i, t in enumerate(texts) if "填报表" in t]
        if titles:
            preamble += texts[: titles[0]] if not forms else []
            forms.append([])
            texts = texts[titles[0] :]
        forms[-1].append(texts)
    out = [paragraph(t) for t in preamble]
    for n, rows in enumerate(forms, 1):
        out += [paragraph(rows[0][0], page_break=n > 1), paragraph(rows[1][0])]
        body = _merged(rows[2:])
        if n == split_form:
            half = len(body) // 2
            out += [table(body[:half]), paragraph("（续表）", page_break=True), table(body[half:])]
        else:
            out.append(table(body))
    return docx(*out)
