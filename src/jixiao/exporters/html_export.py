"""HTML and PDF in the standard layout. The PDF is the HTML laid out by WeasyPrint with the CSS of
`data/templates/standard.css`: a CJK font (Debian's fonts-noto-cjk), a page header with the unit
and the budget year of the form on the page, page numbers at the foot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from html import escape
from importlib.resources import files
from typing import Any

from jixiao.domain.form import Form
from jixiao.domain.paper import STANDARD, Cell, Page, Row, Table, form_page, pages
from jixiao.errors import JixiaoError
from jixiao.exporters import Exporter, Rendered, register
from jixiao.i18n import Text
from jixiao.interchange import Batch


def stylesheet() -> str:
    return files("jixiao.data").joinpath("templates/standard.css").read_text(encoding="utf-8")


# What a writer adds to the grid's markup: for a cell, a class and html after its text; for a
# row, a class. The review report marks findings at their places this way.
CellMarks = Callable[[Cell], tuple[str, str]]
RowMarks = Callable[[Row], str]


def _no_marks(cell: Cell) -> tuple[str, str]:
    return "", ""


def _cell_html(cell: Cell, marks: CellMarks) -> str:
    tag = "th" if cell.kind == "label" else "td"
    css, after = marks(cell)
    attrs = "".join(
        [
            f' colspan="{cell.span}"' if cell.span > 1 else "",
            f' rowspan="{cell.rows}"' if cell.rows > 1 else "",
            f' class="{css}"' if css else "",
        ]
    )
    return f"<{tag}{attrs}>{escape(cell.text)}{after}</{tag}>"


def _row_html(row: Row, marks: CellMarks, row_marks: RowMarks | None) -> str:
    css = row_marks(row) if row_marks else ""
    start = f'<tr class="{css}">' if css else "<tr>"
    return start + "".join(_cell_html(c, marks) for c in row.cells) + "</tr>"


def table_html(
    table: Table,
    marks: CellMarks = _no_marks,
    row_marks: RowMarks | None = None,
    header_rows: int = 0,
    tied: bool = False,
) -> str:
    """The grid as an html table (text with its line breaks kept by `white-space: pre-wrap`);
    its first `header_rows` rows are its head, which a printed page repeats. `tied` (a ledger's
    table of projects): the rows a cell spanning rows ties together are a body of their own,
    which a printed page keeps whole where it fits (a project beside its indicators: a page
    breaking inside it cut its goal's cell, and the rest could not be read back)."""
    total = sum(table.widths)
    cols = "".join(f'<col style="width:{w / total * 100:.2f}%">' for w in table.widths)
    rows = [_row_html(row, marks, row_marks) for row in table.rows]
    head = f"<thead>{''.join(rows[:header_rows])}</thead>" if header_rows else ""
    runs = _tied(table.rows, header_rows) if tied else [(header_rows, len(rows))]
    start_tag = '<tbody class="tied">' if tied else "<tbody>"
    bodies = "".join(f"{start_tag}{''.join(rows[a:b])}</tbody>" for a, b in runs)
    return f"<table><colgroup>{cols}</colgroup>{head}{bodies}</table>"


def _tied(rows: Sequence[Row], start: int) -> list[tuple[int, int]]:
    """The runs of rows from `start` that cells spanning rows tie together, as (start, end)."""
    runs: list[tuple[int, int]] = []
    until = start  # the first row no cell seen so far reaches
    for k in range(start, len(rows)):
        if k >= until and k > start:
            runs.append((start, k))
            start = k
        until = max(until, k + 1, *(k + c.rows for c in rows[k].cells))
    if start < len(rows):
        runs.append((start, len(rows)))
    return runs


def form_html(form: Form) -> str:
    return page_html(form_page(form))


def page_html(page: Page) -> str:
    """A page as a section: its title, the line under it and its table; the unit and year for
    the PDF's page header. Each section is printed on a page of its own."""
    unit, year = escape(page.unit, quote=True), escape(page.year, quote=True)
    sub = f'<p class="year">{escape(page.subtitle)}</p>' if page.subtitle else ""
    css = "form wide" if page.table.wide else "form"
    return (
        f'<section class="{css}" data-unit="{unit}" data-year="{year}">'
        f"<h1>{escape(page.title)}</h1>{sub}{table_html(page.table, header_rows=page.header_rows, tied=page.across)}"
        "</section>"
    )


def render_html(batch: Batch, template: str = STANDARD) -> str:
    """The forms of the batch, each in the layout `template` says (`paper.resolve_template`)."""
    return pages_html(pages(batch.forms, template), "项目支出绩效目标表")


def pages_html(pages: Iterable[Page], title: str) -> str:
    """A whole document of pages, with the stylesheet of the standard layout."""
    body = "\n".join(page_html(p) for p in pages)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f"<style>{stylesheet()}</style></head><body>\n{body}\n</body></html>\n"
    )


def render_pdf(batch: Batch, template: str = STANDARD) -> bytes:
    return html_to_pdf(render_html(batch, template))


def html_to_pdf(html: str) -> bytes:
    """A document of `pages_html` as PDF, refused when its Chinese text would be boxes."""
    from weasyprint import HTML  # heavy: loaded only when a PDF is asked for

    document = HTML(string=html).render()
    data = document.write_pdf()
    check_glyphs(document.fonts.values())
    return data


def check_glyphs(fonts: Iterable[Any]) -> None:
    """WeasyPrint draws a box for a character no installed font has, and says nothing. Chinese
    text drawn as boxes means no CJK font is installed: refuse to hand out such a PDF."""
    missing = sorted({chr(c) for font in fonts for c in font.missing if 0x4E00 <= c <= 0x9FFF})
    if missing:
        raise JixiaoError(
            Text(
                "无法生成 PDF：没有中文字体，{n} 个汉字（如“{chars}”）会显示为方框；"
                "请安装 fonts-noto-cjk（Debian：apt-get install fonts-noto-cjk）",
                "cannot make the PDF: no Chinese font, {n} characters (e.g. {chars}) would be "
                "boxes; install fonts-noto-cjk (Debian: apt-get install fonts-noto-cjk)",
            ).format(n=len(missing), chars="".join(missing[:5])),
        )


@register
class HtmlExporter(Exporter):
    identifier = "html"
    label = Text("网页（标准表样）", "HTML (standard layout)")
    extension = "html"
    media_type = "text/html; charset=utf-8"
    paper = True

    def render(self, batch: Batch) -> Rendered:
        return self.done(batch, render_html(batch, self.template).encode("utf-8"))


@register
class PdfExporter(Exporter):
    identifier = "pdf"
    label = Text("PDF（公开用）", "PDF (for publication)")
    extension = "pdf"
    media_type = "application/pdf"
    paper = True

    def render(self, batch: Batch) -> Rendered:
        return self.done(batch, render_pdf(batch, self.template))
