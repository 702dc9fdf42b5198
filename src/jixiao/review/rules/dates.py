"""date.E001 / date.W002 / date.W003: planned dates out of order, outside the budget year,
or disagreeing with the period of the goal heading (docs/review.md, date_inconsistent).

A 经常性项目 (recurring project) is declared year by year, so its dates lie in the budget year;
a 一次性项目 may run longer, as its goal period says.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register


def _period(ctx: FormContext) -> str:
    return f"{ctx.form.planned_start or '？'} 至 {ctx.form.planned_end or '？'}"


@register
class DatesOutOfOrder(Rule):
    """计划开始日期 after 计划完成日期."""

    id = "date.E001"
    category = "date_inconsistent"
    severity = Severity.ERROR
    title = Text("计划日期顺序颠倒", "planned dates out of order")
    message = Text(
        "计划开始日期晚于计划完成日期：{period}", "planned start after planned end: {period}"
    )
    hint = Text("请改正计划开始或完成日期", "correct the planned start or end")

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        start, end = ctx.form.planned_start, ctx.form.planned_end
        if start and end and start > end:
            yield self.finding(ctx.at("planned_start"), Basis(_period(ctx)), period=_period(ctx))


@register
class DatesOutsideBudgetYear(Rule):
    """A recurring project's planned dates outside its budget year."""

    id = "date.W002"
    category = "date_inconsistent"
    severity = Severity.WARNING
    title = Text("计划日期超出预算年度", "planned dates outside the budget year")
    message = Text(
        "{label} {value} 不在预算年度 {year} 年内",
        "{label} {value} lies outside the budget year {year}",
    )
    hint = Text(
        "经常性项目按年度申报，请将日期限定在 {year} 年内，或改按跨年项目申报",
        "a recurring project is declared per year: keep the dates within {year}",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        form = ctx.form
        if not form.budget_year or form.project_category == "一次性项目":
            return
        for name, label in (("planned_start", "计划开始日期"), ("planned_end", "计划完成日期")):
            value = getattr(form, name)
            if value and value.year != form.budget_year:
                yield self.finding(
                    ctx.at(name),
                    Basis(f"{label} {value}；预算年度 {form.budget_year}"),
                    label=label,
                    value=value,
                    year=form.budget_year,
                )


@register
class DatesAgainstGoalPeriod(Rule):
    """Planned dates disagreeing with the period written in the goal heading (2021年-2021年)."""

    id = "date.W003"
    category = "date_inconsistent"
    severity = Severity.WARNING
    title = Text("计划日期与目标期间不一致", "planned dates disagree with the goal period")
    message = Text(
        "计划期间 {period} 与项目总目标期间（{goal}）不一致",
        "planned period {period} disagrees with the goal period ({goal})",
    )
    hint = Text("请统一计划日期与目标期间", "make the planned dates and the goal period agree")

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        gp, form = ctx.form.goal_period, ctx.form
        if gp is None or gp.start_year is None or gp.end_year is None:
            return
        starts = form.planned_start and form.planned_start.year != gp.start_year
        ends = form.planned_end and form.planned_end.year != gp.end_year
        if starts or ends:
            field = "planned_end" if ends else "planned_start"
            yield self.finding(
                ctx.at(field),
                Basis(f"{_period(ctx)}；项目总目标（{gp.text}）"),
                period=_period(ctx),
                goal=gp.text,
            )
