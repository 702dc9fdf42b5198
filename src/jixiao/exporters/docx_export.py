"""Word (.docx) in the standard layout: one table per form with the merged headings of the paper
form, Chinese fonts set (宋体 body, 黑体 titles), one form or a whole batch in one document.

The table XML is written directly (cells, `w:gridSpan`, `w:vMerge`) rather than through
python-docx's cell-merging API, which is quadratic in the size of the table.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from jixiao.domain.paper import (
    STANDARD,
    Page,
    Slot,
    Table,
    pages,
    slots,
)
from jixiao.exporters import Exporter, Rendered, register
from jixiao.i18n import Text
from jixiao.interchange import Batch

BODY_FONT = "宋体"
TITLE_FONT = "黑体"
LATIN_FONT = "Times New Roman"
TEXT_WIDTH_TWIPS = 9638  # A4 (11906) less two 2 cm margins
WIDE_TEXT_WIDTH_TWIPS = 14570  # A4 across (16838) less two 2 cm margins
_W = nsdecls("w")
_BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'


def grid_widths(widths: tuple[float, ...], text_width: int = TEXT_WIDTH_TWIPS) -> list[int]:
    """Column widths in twips filling the text width of the page."""
    total = sum(widths)
    twips = [int(text_width * w / total) for w in widths]
    twips[-1] += text_width - sum(twips)
    return twips


def _runs(line: str, bold: bool, font: str | None, size: int | None) -> str:
    props = "".join(
        [
            f'<w:rFonts w:eastAsia="{font}"/>' if font else "",
            "<w:b/>" if bold else "",
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else "",
        ]
    )
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    parts = []
    for n, piece in enumerate(line.split("\t")):
        if n:
            parts.append(f"<w:r>{rpr}<w:tab/></w:r>")
        if piece:
            parts.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(parts)


def paragraphs_xml(
    text: str,
    align: str = "left",
    bold: bool = False,
    font: str | None = None,
    size: int | None = None,
    break_before: bool = False,
) -> str:
    """One `w:p` per line of `text` (a cell's line breaks are paragraphs, as Word writes them)."""
    out = []
    for n, line in enumerate(text.split("\n")):
        # Word requires the schema's order of properties: pageBreakBefore, spacing, jc.
        ppr = f'<w:spacing w:before="0" w:after="0"/><w:jc w:val="{align}"/>'
        if break_before and n == 0:
            ppr = "<w:pageBreakBefore/>" + ppr
        out.append(f"<w:p><w:pPr>{ppr}</w:pPr>{_runs(line, bold, font, size)}</w:p>")
    return "".join(out)


def _cell_xml(slot: Slot, grid: list[int]) -> str:
    cell = slot.cell
    width = sum(grid[cell.col : cell.col + cell.span])
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if cell.span > 1:
        props.append(f'<w:gridSpan w:val="{cell.span}"/>')
    if cell.rows > 1:
        props.append("<w:vMerge/>" if slot.continued else '<w:vMerge w:val="restart"/>')
    props.append('<w:vAlign w:val="center"/>')
    label = cell.kind == "label"
    text = "" if slot.continued else cell.text
    body = paragraphs_xml(text, "center" if label else "left", bold=label)
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{body}</w:tc>"


def table_xml(table: Table, text_width: int = TEXT_WIDTH_TWIPS, header_rows: int = 0) -> str:
    """The grid as a Word table; its first `header_rows` rows repeat on each page it spans."""
    borders = "".join(
        _BORDER.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    widths = grid_widths(table.widths, text_width)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = "".join(
        f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if n < header_rows else ''}</w:trPr>"
        + "".join(_cell_xml(s, widths) for s in row)
        + "</w:tr>"
        for n, row in enumerate(slots(table.rows))
    )
    return (
        f'<w:tbl {_W}><w:tblPr><w:tblW w:w="{text_width}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
    )


def _set_fonts(document: DocumentObject, landscape: bool = False) -> None:
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(10.5)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))


def render_docx(batch: Batch, numbered: bool = True, template: str = STANDARD) -> bytes:
    """The forms of the batch, one titled table each, every table after the first on a new page;
    each in the layout `template` says (`domain.paper.resolve_template`)."""
    drawn = list(pages(batch.forms, template, numbered))
    return render_pages(drawn, landscape=any(p.across for p in drawn))


def render_pages(pages: Iterable[Page], landscape: bool = False) -> bytes:
    """One titled table per page, every table after the first on a new page: the drawer of
    every table jixiao writes to Word (goal forms, self-evaluation, monitoring). `landscape`:
    the document is printed across, for tables wider than the goal form (`Table.wide`)."""
    document = Document()
    _set_fonts(document, landscape)
    text_width = WIDE_TEXT_WIDTH_TWIPS if landscape else TEXT_WIDTH_TWIPS
    anchor = document.element.body.sectPr
    for n, page in enumerate(pages):
        xml = paragraphs_xml(page.title, "center", True, TITLE_FONT, 32, break_before=n > 0)
        if page.subtitle:
            xml += paragraphs_xml(page.subtitle, "center")
        wrapper = parse_xml(
            f"<w:body {_W}>{xml}{table_xml(page.table, text_width, page.header_rows)}</w:body>"
        )
        for element in list(wrapper):
            anchor.addprevious(element)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@register
class DocxExporter(Exporter):
    identifier = "docx"
    label = Text("Word 文档（标准表样）", "Word document (standard layout)")
    extension = "docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    paper = True

    def render(self, batch: Batch) -> Rendered:
        return self.done(batch, render_docx(batch, template=self.template))
