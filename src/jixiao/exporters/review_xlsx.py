"""The review report as an Excel workbook: a findings sheet reviewers annotate (an empty
审核意见/备注 column), and a sheet of forms with their score and grade. Every text is a text cell,
never a formula, whatever it starts with (`jixiao.exporters.no_formulas`, docs/exports.md)."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain.form import FIELD_LABELS
from jixiao.exporters.no_formulas import append_row
from jixiao.exporters.reports import ReportWriter, register_report
from jixiao.exporters.review_text import severity_label
from jixiao.i18n import Text, language
from jixiao.interchange import Batch
from jixiao.review.model import ReviewReport, Severity, category_labels

FINDING_COLUMNS = (
    ("序号", 6),
    ("项目名称", 24),
    ("等级", 6),
    ("得分", 7),
    ("严重程度", 9),
    ("规则", 14),
    ("类别", 16),
    ("位置", 14),
    ("行号", 7),
    ("问题", 50),
    ("建议", 40),
    ("依据", 36),
    ("审核意见/备注", 30),
)
FORM_COLUMNS = (
    ("序号", 6),
    ("项目名称", 30),
    ("年度申请（元）", 16),
    ("得分", 7),
    ("等级", 6),
    ("完整性", 8),
    ("相关性", 8),
    ("适当性", 8),
    ("可行性", 8),
    ("错误", 6),
    ("警告", 6),
    ("提示", 6),
    ("审核意见/备注", 30),
)
FILLS = {
    "error": PatternFill("solid", fgColor="FDE0E0"),
    "warning": PatternFill("solid", fgColor="FFF3CD"),
}


def _header(sheet: Worksheet, columns: tuple[tuple[str, int], ...]) -> None:
    append_row(sheet, [name for name, _ in columns])
    for i, (_, width) in enumerate(columns, 1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = width
        sheet.cell(1, i).font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _place(location) -> str:
    if location.indicator is not None:
        return f"指标 {location.indicator + 1}"
    return FIELD_LABELS.get(location.field or "", location.field or "")


def _findings_sheet(sheet: Worksheet, report: ReviewReport) -> None:
    sheet.title = "审核问题"
    _header(sheet, FINDING_COLUMNS)
    for review in report.forms:
        for f in review.findings:
            append_row(
                sheet,
                [
                    review.seq,
                    review.project_name,
                    review.grade,
                    review.score,
                    severity_label(f.severity),
                    f.rule,
                    category_labels(language()).get(f.category, f.category),
                    _place(f.location),
                    f.location.line,
                    f.message.zh,
                    f.hint.zh,
                    f.basis.text[:500],
                    None,
                ],
            )
            fill = FILLS.get(f.severity.value)
            if fill:
                sheet.cell(sheet.max_row, 5).fill = fill
            for col in (10, 11, 12):
                sheet.cell(sheet.max_row, col).alignment = Alignment(wrap_text=True)
    sheet.auto_filter.ref = sheet.dimensions


def _forms_sheet(sheet: Worksheet, report: ReviewReport) -> None:
    _header(sheet, FORM_COLUMNS)
    for r in report.forms:
        criteria = [
            r.criteria_scores.get(k, Decimal(0)) for k in ("完整性", "相关性", "适当性", "可行性")
        ]
        append_row(
            sheet,
            [
                r.seq,
                r.project_name,
                r.requested_yuan,
                r.score,
                r.grade,
                *criteria,
                *(r.count(s) for s in Severity),
                None,
            ],
        )
    s = report.summary
    sheet.append([])
    append_row(sheet, ["风险资金（中、差）", None, s.funds_at_risk_yuan])
    append_row(sheet, ["平均分", None, s.average_score])


def render_xlsx(report: ReviewReport) -> bytes:
    book = Workbook()
    _findings_sheet(book.active, report)
    _forms_sheet(book.create_sheet("各表得分"), report)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@register_report
class XlsxReport(ReportWriter):
    identifier = "xlsx"
    label = Text("Excel（问题清单与各表得分）", "Excel (findings and scores)")
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def render(self, report: ReviewReport, batch: Batch) -> bytes:
        return render_xlsx(report)
