"""The review report as one self-contained HTML page (inline CSS, no external asset) that a
reviewer can send by mail: the summary, then each form in its paper layout with findings marked
at their place (the field or indicator row), its score and grade, and the suggestions."""

from __future__ import annotations

from html import escape

from jixiao.domain.form import Form
from jixiao.domain.paper import Cell, Row, form_table
from jixiao.exporters.html_export import table_html
from jixiao.exporters.reports import ReportWriter, register_report
from jixiao.exporters.review_text import money, severity_label, summary_counts
from jixiao.i18n import Text, language
from jixiao.interchange import Batch
from jixiao.review.model import Finding, FormReview, ReviewReport, category_labels
from jixiao.review.places import by_place, unplaced

CSS = """
html,body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:0;color:#222;background:#f6f6f4}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:22px}h2{font-size:18px;margin:0}
section.form{background:#fff;border:1px solid #ccc;margin:24px 0;padding:16px;page-break-before:always}
table{border-collapse:collapse;width:100%;margin:8px 0}
td,th{border:1px solid #999;padding:4px 6px;vertical-align:top;font-size:13px;white-space:pre-wrap}
th{background:#eee;font-weight:normal;white-space:pre}
.grade{display:inline-block;padding:2px 10px;border-radius:4px;color:#fff;font-weight:bold}
.g-优{background:#2e7d32}.g-良{background:#1565c0}.g-中{background:#ef6c00}.g-差{background:#c62828}
.error{background:#fde0e0}.warning{background:#fff3cd}.info{background:#e8f1fb}
.mark{font-size:11px;font-weight:bold;margin-left:4px;color:#a00;text-decoration:none}
.notes{font-size:12px;color:#333}.notes div{margin:2px 0}
.bar{display:inline-block;height:8px;background:#1565c0;vertical-align:middle}
ol.findings li{margin:6px 0}.hint{color:#444}.basis{color:#777;font-size:12px}
.sev-error{color:#c62828;font-weight:bold}.sev-warning{color:#b26a00;font-weight:bold}
.sev-info{color:#1565c0}
"""

SUGGESTION_LABELS = {
    "name": "三级指标",
    "level1": "一级指标",
    "level2": "二级指标",
    "target": "指标值",
}
Numbered = tuple[int, Finding]


def _worst(findings: list[Numbered]) -> str:
    if not findings:
        return ""
    return max(findings, key=lambda p: p[1].severity.rank)[1].severity.value


def _marks(findings: list[Numbered], seq: int) -> str:
    return "".join(
        f'<a class="mark" href="#f{seq}-{n}" title="{escape(str(f.message))}">[{n}]</a>'
        for n, f in findings
    )


class FormPage:
    """One form's section: the form's grid (`jixiao.domain.paper`) with its findings numbered
    and marked at their places (`jixiao.review.places`)."""

    def __init__(self, form: Form, review: FormReview) -> None:
        self.form = form
        self.review = review
        self.table = form_table(form)
        self.by_place = by_place(enumerate(review.findings, 1), lambda p: p[1].location)
        self.row_places = {row.place for row in self.table.rows if row.place}

    def cell_marks(self, cell: Cell) -> tuple[str, str]:
        """A field's cell: coloured by its worst finding, with their marks; an indicator row's
        findings are listed in the cell of its name (the row is coloured)."""
        found = self.by_place.get(cell.place, []) if cell.place else []
        if not found:
            return "", ""
        seq = self.form.seq
        if cell.place in self.row_places:
            notes = "".join(
                f'<div><a href="#f{seq}-{n}">[{n}]</a> {escape(str(f.message))}</div>'
                for n, f in found
            )
            return "", f'<div class="notes">{notes}</div>'
        return _worst(found), _marks(found, seq)

    def row_marks(self, row: Row) -> str:
        return _worst(self.by_place.get(row.place, [])) if row.place else ""

    def score_block(self) -> str:
        r = self.review
        bars = "".join(
            f'<tr><th>{escape(k)}</th><td><span class="bar" style="width:{float(v) * 2:.0f}px">'
            f"</span> {v:g}</td></tr>"
            for k, v in r.criteria_scores.items()
        )
        return (
            f'<p>得分 <b>{r.score}</b> 等级 <span class="grade g-{r.grade}">{r.grade}</span> '
            f"年度申请 {money(r.requested_yuan)} 元</p><table style='width:auto'>{bars}</table>"
        )

    def findings_list(self) -> str:
        items = []
        for n, f in enumerate(self.review.findings, 1):
            suggestion = ""
            if f.suggestion:
                shown = "，".join(
                    f"{SUGGESTION_LABELS.get(k, k)}：{v}" for k, v in f.suggestion.items()
                )
                suggestion = f"<div class='hint'>建议填写：{escape(shown)}</div>"
            items.append(
                f'<li id="f{self.form.seq}-{n}"><span class="sev-{f.severity.value}">'
                f"{severity_label(f.severity)}</span> <code>{f.rule}</code> "
                f"{escape(category_labels(language()).get(f.category, f.category))}：{escape(str(f.message))}"
                f"<div class='hint'>建议：{escape(str(f.hint))}</div>{suggestion}"
                f"<div class='basis'>依据：{escape(f.basis.text[:200])}"
                f"{' [' + escape(f.basis.setting) + ']' if f.basis.setting else ''}</div></li>"
            )
        found = f"<ol class='findings'>{''.join(items)}</ol>" if items else "<p>未发现问题。</p>"
        return found + self.import_notes()

    def import_notes(self) -> str:
        """What the importer cleaned: said apart from the findings, never scored."""
        notes = self.review.import_notes
        if not notes:
            return ""
        items = "".join(
            f"<li>{escape(n.message)}{f'（第 {n.line} 行）' if n.line else ''}</li>" for n in notes
        )
        return f"<div class='basis'>导入说明（导入时已处理，不计入得分）：<ul>{items}</ul></div>"

    def render(self) -> str:
        title = escape(self.form.title or "财政项目支出绩效目标填报表")
        apart = unplaced(self.by_place, self.table.places())
        table = table_html(self.table, self.cell_marks, self.row_marks)
        return (
            f"<section class='form' id='form-{self.review.form_index}'>"
            f"<h2>{self.form.seq}、{title}（{self.form.budget_year or ''}年度）"
            f"{_marks(apart, self.form.seq)}</h2>{self.score_block()}"
            f"{table}<h3>审核意见</h3>{self.findings_list()}</section>"
        )


def summary_block(report: ReviewReport) -> str:
    s = report.summary
    grades, sev, found = summary_counts(s)
    cats = "".join(
        f"<tr><td>{escape(label)}</td><td>{c}</td><td>{n}</td></tr>" for label, c, n in found
    )
    rows = "".join(
        f"<tr><td><a href='#form-{r.form_index}'>{r.seq}</a></td><td>{escape(r.project_name or '')}"
        f"</td><td>{money(r.requested_yuan)}</td><td>{r.score}</td><td><span class='grade g-{r.grade}'>"
        f"{r.grade}</span></td><td>{len(r.findings)}</td></tr>"
        for r in report.forms
    )
    return (
        f"<p>共 {s.forms} 张表；平均分 {s.average_score}；{grades}；问题：{sev}；"
        f"风险资金（中、差）<b>{money(s.funds_at_risk_yuan)}</b> 元</p>"
        f"<table><tr><th>序号</th><th>项目名称</th><th>年度申请（元）</th><th>得分</th><th>等级</th>"
        f"<th>问题数</th></tr>{rows}</table>"
        f"<table style='width:auto'><tr><th>类别</th><th>代码</th><th>数量</th></tr>{cats}</table>"
    )


def render_html(report: ReviewReport, batch: Batch) -> str:
    """The page; `batch` is the one the report was made from (same forms, same order)."""
    sections = "".join(
        FormPage(form, review).render()
        for form, review in zip(batch.forms, report.forms, strict=True)
    )
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        "<title>绩效目标审核报告</title>"
        f"<style>{CSS}</style></head><body><main><h1>绩效目标审核报告</h1>"
        f"<p>审核设置：{escape(report.settings_name)}</p>{summary_block(report)}{sections}"
        "</main></body></html>\n"
    )


@register_report
class HtmlReport(ReportWriter):
    identifier = "html"
    label = Text("HTML（一页，可邮寄）", "HTML (one page to send by mail)")
    media_type = "text/html; charset=utf-8"

    def render(self, report: ReviewReport, batch: Batch) -> str:
        return render_html(report, batch)
