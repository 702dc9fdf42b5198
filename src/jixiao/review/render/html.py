"""The review report as one self-contained HTML page (inline CSS, no external asset) that a
reviewer can send by mail: the summary, then each form in its paper layout with findings marked
at their place (the field or indicator row), its score and grade, and the suggestions."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from jixiao.domain.form import FIELD_LABELS, FUNDS_LABELS, HEADER_FIELDS, Form
from jixiao.i18n import language
from jixiao.interchange import Batch
from jixiao.review.model import Finding, FormReview, ReviewReport, Severity, category_labels
from jixiao.review.render.text import money, severity_label

CSS = """
html,body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:0;color:#222;background:#f6f6f4}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:22px}h2{font-size:18px;margin:0}
section.form{background:#fff;border:1px solid #ccc;margin:24px 0;padding:16px;page-break-before:always}
table{border-collapse:collapse;width:100%;margin:8px 0}
td,th{border:1px solid #999;padding:4px 6px;vertical-align:top;font-size:13px}
th{background:#eee;font-weight:normal;white-space:nowrap}
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
FORM_FIELDS = HEADER_FIELDS


def _worst(findings: list[tuple[int, Finding]]) -> str:
    if not findings:
        return ""
    return max(findings, key=lambda p: p[1].severity.rank)[1].severity.value


def _marks(findings: list[tuple[int, Finding]], seq: int) -> str:
    return "".join(
        f'<a class="mark" href="#f{seq}-{n}" title="{escape(str(f.message))}">[{n}]</a>'
        for n, f in findings
    )


class FormPage:
    """One form's section: its findings numbered and grouped by place."""

    def __init__(self, form: Form, review: FormReview) -> None:
        self.form = form
        self.review = review
        self.by_field: dict[str, list[tuple[int, Finding]]] = defaultdict(list)
        self.by_indicator: dict[int, list[tuple[int, Finding]]] = defaultdict(list)
        for n, finding in enumerate(review.findings, 1):
            loc = finding.location
            if loc.indicator is not None:
                self.by_indicator[loc.indicator].append((n, finding))
            else:
                self.by_field[loc.field or "form"].append((n, finding))

    def cell(self, field: str, value: object) -> str:
        found = self.by_field.get(field, [])
        text = escape("" if value is None else str(value)).replace("\n", "<br>")
        return f'<td class="{_worst(found)}">{text}{_marks(found, self.form.seq)}</td>'

    def header_rows(self) -> str:
        rows = []
        for i in range(0, len(FORM_FIELDS), 2):
            cells = "".join(
                f"<th>{FIELD_LABELS[name]}</th>{self.cell(name, getattr(self.form, name))}"
                for name in FORM_FIELDS[i : i + 2]
            )
            rows.append(f"<tr>{cells}</tr>")
        return "".join(rows)

    def funds_rows(self) -> str:
        funds = self.form.funds
        cells = "".join(
            f"<tr><th>{FUNDS_LABELS[name]}（{escape(funds.unit)}）</th>"
            f"{self.cell(name, money(value) if value is not None else '')}</tr>"
            for name, value in funds.items()
        )
        return f"<table>{cells}</table>"

    def goal_rows(self) -> str:
        return (
            f"<table><tr><th>{FIELD_LABELS['overall_goal']}</th><th>{FIELD_LABELS['annual_goal']}"
            f"</th></tr><tr>{self.cell('overall_goal', self.form.overall_goal)}"
            f"{self.cell('annual_goal', self.form.annual_goal)}</tr></table>"
        )

    def indicator_rows(self) -> str:
        head = "<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th><th>审核意见</th></tr>"
        rows = []
        for i, ind in enumerate(self.form.indicators):
            found = self.by_indicator.get(i, [])
            notes = "".join(
                f'<div><a href="#f{self.form.seq}-{n}">[{n}]</a> {escape(str(f.message))}</div>'
                for n, f in found
            )
            rows.append(
                f'<tr class="{_worst(found)}"><td>{escape(ind.level1 or "")}</td>'
                f"<td>{escape(ind.level2 or '')}</td><td>{escape(ind.name)}</td>"
                f'<td>{escape(ind.target)}</td><td class="notes">{notes}</td></tr>'
            )
        general = self.by_field.get("indicators", [])
        extra = "".join(
            f'<tr class="{f.severity.value}"><td colspan="5"><a href="#f{self.form.seq}-{n}">[{n}]'
            f"</a> {escape(str(f.message))}</td></tr>"
            for n, f in general
        )
        return f"<table>{head}{''.join(rows)}{extra}</table>"

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
        return (
            f"<section class='form' id='form-{self.review.form_index}'>"
            f"<h2>{self.form.seq}、{title}（{self.form.budget_year or ''}年度）"
            f"{_marks(self.by_field.get('form', []), self.form.seq)}</h2>{self.score_block()}"
            f"<table>{self.header_rows()}</table>{self.funds_rows()}{self.goal_rows()}"
            f"{self.indicator_rows()}<h3>审核意见</h3>{self.findings_list()}</section>"
        )


def summary_block(report: ReviewReport) -> str:
    s = report.summary
    grades = " · ".join(f"{g} {n}" for g, n in s.grades.items())
    sev = " · ".join(f"{severity_label(Severity(k))} {n}" for k, n in s.by_severity.items())
    cats = "".join(
        f"<tr><td>{escape(category_labels(language()).get(c, c))}</td><td>{c}</td><td>{n}</td></tr>"
        for c, n in sorted(s.by_category.items(), key=lambda kv: -kv[1])
        if n
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
