"""HTML and PDF in the standard layout. The PDF is the HTML laid out by WeasyPrint with the CSS of
`data/templates/standard.css`: a CJK font (Debian's fonts-noto-cjk), a page header with the unit
and the budget year of the form on the page, page numbers at the foot.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from importlib.resources import files
from typing import Any

from jixiao.domain.form import Form
from jixiao.domain.paper import Cell, form_table, heading, subheading
from jixiao.errors import JixiaoError
from jixiao.exporters import Exporter, Rendered, register
from jixiao.i18n import Text
from jixiao.interchange import Batch


def stylesheet() -> str:
    return files("jixiao.data").joinpath("templates/standard.css").read_text(encoding="utf-8")


def _cell_html(cell: Cell) -> str:
    tag = "th" if cell.kind == "label" else "td"
    attrs = "".join(
        [
            f' colspan="{cell.span}"' if cell.span > 1 else "",
            f' rowspan="{cell.rows}"' if cell.rows > 1 else "",
        ]
    )
    return f"<{tag}{attrs}>{escape(cell.text)}</{tag}>"


def form_html(form: Form) -> str:
    table = form_table(form)
    total = sum(table.widths)
    cols = "".join(f'<col style="width:{w / total * 100:.2f}%">' for w in table.widths)
    rows = "".join(
        "<tr>" + "".join(_cell_html(c) for c in row.cells) + "</tr>" for row in table.rows
    )
    unit = escape(form.implementing_unit or form.supervising_department or "", quote=True)
    year = f"{form.budget_year}年度" if form.budget_year else ""
    sub = f'<p class="year">{escape(subheading(form))}</p>' if subheading(form) else ""
    return (
        f'<section class="form" data-unit="{unit}" data-year="{year}">'
        f"<h1>{escape(heading(form))}</h1>{sub}"
        f"<table><colgroup>{cols}</colgroup><tbody>{rows}</tbody></table></section>"
    )


def render_html(batch: Batch) -> str:
    body = "\n".join(form_html(f) for f in batch.forms)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        "<title>项目支出绩效目标表</title>"
        f"<style>{stylesheet()}</style></head><body>\n{body}\n</body></html>\n"
    )


def render_pdf(batch: Batch) -> bytes:
    from weasyprint import HTML  # heavy: loaded only when a PDF is asked for

    document = HTML(string=render_html(batch)).render()
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

    def render(self, batch: Batch) -> Rendered:
        return self.done(batch, render_html(batch).encode("utf-8"))


@register
class PdfExporter(Exporter):
    identifier = "pdf"
    label = Text("PDF（公开用）", "PDF (for publication)")
    extension = "pdf"
    media_type = "application/pdf"

    def render(self, batch: Batch) -> Rendered:
        return self.done(batch, render_pdf(batch))
