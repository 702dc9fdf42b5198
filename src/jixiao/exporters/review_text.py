"""The review report as text for a terminal: form by form, worst first within a form, then the
summary. Chinese by default; `JIXIAO_LANG=en` gives English."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from jixiao.domain.amounts import rounded_yuan_text
from jixiao.domain.form import FIELD_LABELS
from jixiao.exporters.reports import ReportWriter, Unfolding, register_report
from jixiao.i18n import Text, language, t
from jixiao.interchange import Batch
from jixiao.review.model import (
    Finding,
    FormReview,
    ReviewReport,
    Severity,
    Summary,
    category_labels,
)


def COLON() -> str:
    return t("：", ": ")


MARKS = {Severity.ERROR: "✗", Severity.WARNING: "!", Severity.INFO: "·"}


def severity_label(severity: Severity) -> str:
    return {
        Severity.ERROR: t("错误", "error"),
        Severity.WARNING: t("警告", "warning"),
        Severity.INFO: t("提示", "info"),
    }[severity]


def money(value: Decimal | None) -> str:
    return "—" if value is None else rounded_yuan_text(value)


def where(finding: Finding) -> str:
    """The location for people: 第 12 行 · 指标 4 · 主管部门."""
    loc = finding.location
    parts = []
    if loc.line:
        parts.append(t(f"第 {loc.line} 行", f"line {loc.line}"))
    if loc.indicator is not None:
        parts.append(t(f"指标 {loc.indicator + 1}", f"indicator {loc.indicator + 1}"))
    elif loc.field:
        parts.append(FIELD_LABELS.get(loc.field, loc.field))
    return " · ".join(parts)


def finding_lines(finding: Finding) -> list[str]:
    head = f"  {MARKS[finding.severity]} {severity_label(finding.severity)} {finding.rule}"
    place = where(finding)
    lines = [f"{head}  {finding.message}" + (t(f"（{place}）", f" ({place})") if place else "")]
    lines.append(f"      {t('建议', 'hint')}{COLON()}{finding.hint}")
    if finding.basis.text:
        basis = finding.basis.text.replace("\n", " ")
        setting = f" [{finding.basis.setting}]" if finding.basis.setting else ""
        lines.append(f"      {t('依据', 'basis')}{COLON()}{basis[:120]}{setting}")
    return lines


def form_lines(review: FormReview) -> list[str]:
    criteria = " · ".join(f"{k} {v:g}" for k, v in review.criteria_scores.items())
    counts = t(
        f"错误 {review.count(Severity.ERROR)}，警告 {review.count(Severity.WARNING)}，"
        f"提示 {review.count(Severity.INFO)}",
        f"{review.count(Severity.ERROR)} errors, {review.count(Severity.WARNING)} warnings, "
        f"{review.count(Severity.INFO)} notes",
    )
    lines = [
        f"[{review.seq}] {review.project_name or '—'}",
        f"    {t('得分', 'score')} {review.score}  {t('等级', 'grade')} {review.grade}  ({criteria})",
        f"    {t('年度申请', 'requested')} {money(review.requested_yuan)} 元；{counts}",
    ]
    for finding in review.findings:
        lines.extend(finding_lines(finding))
    for note in review.import_notes:
        at = t(f"（第 {note.line} 行）", f" (line {note.line})") if note.line else ""
        lines.append(f"  · {t('导入说明', 'import note')}  {note.message}{at}")
    return lines


def summary_counts(summary: Summary) -> tuple[str, str, list[tuple[str, str, int]]]:
    """What every report says of the counts: the grades and the severities (`优 3 · 良 2`), and
    the categories found, most first, as (label, code, count)."""
    grades = " · ".join(f"{g} {n}" for g, n in summary.grades.items())
    severities = " · ".join(
        f"{severity_label(Severity(k))} {n}" for k, n in summary.by_severity.items()
    )
    labels = category_labels(language())
    categories = [
        (labels.get(c, c), c, n)
        for c, n in sorted(summary.by_category.items(), key=lambda kv: -kv[1])
        if n
    ]
    return grades, severities, categories


def summary_lines(report: ReviewReport) -> list[str]:
    s = report.summary
    grades, severities, found = summary_counts(s)
    categories = "、".join(f"{label} {n}" for label, _, n in found)
    worst = "；".join(
        f"{t('第', 'form ')}{report.forms[i].seq}{t('表', '')} {report.forms[i].project_name or '—'} "
        f"{report.forms[i].score} {report.forms[i].grade}"
        for i in s.worst_forms
    )
    return [
        t("汇总", "Summary"),
        f"  {t('表数', 'forms')} {s.forms}；{t('平均分', 'average')} {s.average_score}；{grades}",
        f"  {t('问题', 'findings')}{COLON()}{severities}",
        f"  {t('按类别', 'by category')}{COLON()}{categories or '—'}",
        f"  {t('得分最低', 'worst forms')}{COLON()}{worst or '—'}",
        f"  {t('风险资金（中、差）', 'funds at risk (中, 差)')}{COLON()}{money(s.funds_at_risk_yuan)} 元",
    ]


def render_text(report: ReviewReport) -> str:
    pieces = stream_text(report.settings_name, len(report.forms), report.forms, lambda: report)
    return b"".join(pieces).decode("utf-8")


def stream_text(
    settings_name: str,
    forms: int,
    reviews: Iterable[FormReview],
    final: Callable[[], ReviewReport],
) -> Iterator[bytes]:
    """`render_text` of `forms` reviews as they come, each let go once written (UTF-8): the
    summary is read from `final()`, the report once the last has gone by (`summary.Tally`)."""
    title = t(
        f"绩效目标审核报告 — {forms} 张表（审核设置：{settings_name}）",
        f"Review of performance goals — {forms} forms (settings: {settings_name})",
    )
    yield f"{title}\n\n".encode()
    for review in reviews:
        yield ("\n".join(form_lines(review)) + "\n\n").encode()
    yield ("\n".join(summary_lines(final())) + "\n").encode()


@register_report
class TextReport(ReportWriter):
    identifier = "text"
    label = Text("文本", "text")
    media_type = "text/plain; charset=utf-8"
    streamed = True

    def render(self, report: ReviewReport, batch: Batch) -> str:
        return render_text(report)

    def stream(self, unfolding: Unfolding) -> Iterator[bytes]:
        u = unfolding
        return stream_text(u.settings_name, u.count, u.reviews, u.final)
