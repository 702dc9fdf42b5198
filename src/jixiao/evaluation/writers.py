"""Self-evaluation tables and monitoring reports as files: Word, Excel, PDF or HTML
(docs/evaluation.md, *Exports*).

Each table is a page of `jixiao.evaluation.layout`, drawn by the drawers of the goal forms'
exporters (`docx_export.render_pages`, `xlsx_export.write_page_sheet`, `html_export.pages_html`
and its WeasyPrint PDF): every table of jixiao is printed the same way. Self-evaluation: one
table per project, in Word one after another on new pages, in Excel one sheet each, in PDF and
HTML one page each.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook

from jixiao.domain.paper import Page
from jixiao.errors import JixiaoError
from jixiao.evaluation.evaluate import Evaluation
from jixiao.evaluation.layout import monitoring_page, selfeval_page
from jixiao.evaluation.monitoring import FormLights
from jixiao.exporters.docx_export import DocxExporter, render_pages
from jixiao.exporters.html_export import HtmlExporter, html_to_pdf, pages_html
from jixiao.exporters.xlsx_export import MEDIA_TYPE as XLSX
from jixiao.exporters.xlsx_export import sheet_title, write_page_sheet
from jixiao.filenames import safe_stem
from jixiao.i18n import Text

FORMATS: tuple[str, ...] = ("docx", "xlsx", "pdf", "html")
MEDIA_TYPES = {
    "docx": DocxExporter.media_type,
    "xlsx": XLSX,
    "pdf": "application/pdf",
    "html": HtmlExporter.media_type,
}
SELFEVAL_SUFFIX = "-绩效自评表"
SELFEVAL_FALLBACK = "jixiao-selfeval"
MONITORING_FALLBACK = "jixiao-monitoring"


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise JixiaoError(
            Text(
                "未知导出格式：{f}（可用：{all}）", "unknown export format: {f} (known: {all})"
            ).format(f=fmt, all="、".join(FORMATS)),
            field="format",
        )


def render_pages_as(pages: Sequence[Page], fmt: str, title: str) -> tuple[str, bytes]:
    """The pages in the format `fmt`: (media type, bytes); `title` names an HTML document."""
    _check(fmt)
    if fmt == "docx":
        data = render_pages(pages, landscape=any(p.table.wide for p in pages))
    elif fmt == "xlsx":
        data = _workbook(pages)
    elif fmt == "html":
        data = pages_html(pages, title).encode("utf-8")
    else:
        data = html_to_pdf(pages_html(pages, title))
    return MEDIA_TYPES[fmt], data


def _workbook(pages: Sequence[Page]) -> bytes:
    """One sheet per page, named after its project (the unit for a monitoring report)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for page in pages:
        write_page_sheet(workbook.create_sheet(sheet_title(page.name or page.title, used)), page)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def selfeval_stem(evaluations: Sequence[Evaluation]) -> str:
    """The project's name for one table; for several, their unit's if they share one."""
    if len(evaluations) == 1:
        return safe_stem(evaluations[0].table.project_name, SELFEVAL_FALLBACK)
    units = {e.table.implementing_unit for e in evaluations}
    unit = units.pop() if len(units) == 1 else None
    return safe_stem(unit, SELFEVAL_FALLBACK)


def render_selfeval(evaluations: Sequence[Evaluation], fmt: str) -> tuple[str, str, bytes]:
    """The self-evaluation tables of `evaluations` in `fmt`: (filename, media type, bytes)."""
    _nothing(evaluations, Text("没有可导出的自评表", "no self-evaluation table to export"))
    pages = [selfeval_page(e) for e in evaluations]
    media_type, data = render_pages_as(pages, fmt, "财政项目支出绩效自评表")
    return f"{selfeval_stem(evaluations)}{SELFEVAL_SUFFIX}.{fmt}", media_type, data


def render_monitoring(
    unit: str, month: int, forms: Sequence[FormLights], fmt: str
) -> tuple[str, str, bytes]:
    """A unit's monitoring report as of `month` in `fmt`: (filename, media type, bytes)."""
    if not 1 <= month <= 12:
        raise JixiaoError(
            Text("监控月份须为 1 至 12：{m}", "the month must be 1 to 12: {m}").format(m=month),
            field="month",
        )
    page = monitoring_page(unit, month, forms)
    media_type, data = render_pages_as([page], fmt, "绩效运行监控情况表")
    stem = safe_stem(unit, MONITORING_FALLBACK)
    return f"{stem}-绩效运行监控-{month}月.{fmt}", media_type, data


def _nothing(items: Sequence[object], message: Text) -> None:
    if not items:
        raise JixiaoError(message)
