"""Scored self-evaluation tables as text for a terminal (`jixiao selfeval`): per table its header,
the execution, each row with weight, score, the unit's own score and the formula, the total, the
grade and the findings (in the review report's words, `exporters.review_text`). Chinese by
default; `JIXIAO_LANG=en` gives English."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jixiao.evaluation.evaluate import Evaluation, Execution, ScoredRow
from jixiao.evaluation.schema import two
from jixiao.exporters.review_text import finding_lines, money
from jixiao.i18n import t


def render_text(evaluations: Sequence[Evaluation]) -> str:
    blocks = ["\n".join(form_lines(n, e)) for n, e in enumerate(evaluations, 1)]
    return "\n\n".join(blocks) + "\n"


def _figure(value: Decimal | None) -> str:
    return two(value) or "—"


def _stated(value: Decimal | None, unit: str = "") -> str:
    """The figure the table states, as written (`10`, `86.19`)."""
    return "" if value is None else t(f"（填报 {value}{unit}）", f" (stated {value}{unit})")


def form_lines(n: int, ev: Evaluation) -> list[str]:
    table = ev.table
    year = (
        t(f"（{table.budget_year} 年度）", f" ({table.budget_year})") if table.budget_year else ""
    )
    lines = [f"== {n}. {table.project_name or t('（无项目名称）', '(no project name)')}{year}"]
    lines.append(
        t("   主管部门：", "   Supervising department: ")
        + (table.supervising_department or "—")
        + t(" · 实施单位：", " · Implementing unit: ")
        + (table.implementing_unit or "—")
    )
    lines += execution_lines(ev.execution, ev)
    lines.append(t("   指标：", "   Indicators:"))
    for row in ev.rows:
        lines += row_lines(row)
    lines.append(
        t(f"   总分 {_figure(ev.score)}", f"   Total {_figure(ev.score)}")
        + _stated(table.stated_total)
        + t(f" · 等级 {ev.grade}", f" · grade {ev.grade}")
    )
    if ev.findings:
        lines.append(t("   问题：", "   Findings:"))
        lines += [f"  {line}" for f in ev.findings for line in finding_lines(f)]
    return lines


def execution_lines(ex: Execution, ev: Evaluation) -> list[str]:
    line = ev.table.total_line
    rate = f"{_figure(ex.rate)}%" if ex.rate is not None else "—"
    head = t(
        f"   预算执行：全年执行数 {money(ex.spent)} / 全年预算数 {money(ex.budget)} 元，"
        f"执行率 {rate}",
        f"   Execution: spent {money(ex.spent)} of {money(ex.budget)} yuan, rate {rate}",
    )
    head += _stated(line.stated_rate if line else None, "%")
    head += t(
        f"，分值 {_figure(ex.weight)}，得分 {_figure(ex.score)}",
        f", weight {_figure(ex.weight)}, score {_figure(ex.score)}",
    )
    head += _stated(line.stated_score if line else None)
    basis = [t(f"     依据：{ex.basis}", f"     Basis: {ex.basis}")] if ex.basis else []
    return [head, *basis]


def row_lines(r: ScoredRow) -> list[str]:
    row = r.row
    heads = " / ".join(p.replace("\n", "") for p in (row.level1, row.level2, row.name) if p)
    figures = t(
        f"目标 {row.target or '—'} · 实际 {row.actual or '—'} · 分值 {_figure(r.weight)} · "
        f"得分 {_figure(r.score)}",
        f"target {row.target or '—'} · actual {row.actual or '—'} · weight {_figure(r.weight)} · "
        f"score {_figure(r.score)}",
    )
    lines = [f"     {r.index + 1}. {heads}", f"        {figures}{_stated(row.stated_score)}"]
    lines.append(t(f"        依据：{r.basis}", f"        Basis: {r.basis}"))
    if row.reason:
        lines.append(t(f"        偏差原因：{row.reason}", f"        Deviation: {row.reason}"))
    return lines
