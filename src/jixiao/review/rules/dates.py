"""date.E001 / date.W002 / date.W003: planned dates out of order, outside the budget year,
or disagreeing with the period of the goal heading; date.W004: one-off work filed as recurring;
date.W005: a goal that restates a past funding schedule (docs/review.md, date_inconsistent).

A 经常性项目 (recurring project) is declared year by year, so its dates lie in the budget year;
a 一次性项目 may run longer, as its goal period says. A renovation or a purchase of millions
(`[period] one_off_words`, `one_off_from`) is one-off by nature; a goal listing what was paid in
earlier years (2018年配套1486万元，2019年…) describes a multi-year commitment, not this year's work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.domain.amounts import yuan_text
from jixiao.domain.form import FIELD_LABELS
from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.goaltext import fold
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register
from jixiao.review.textscan import excerpt


def _period(ctx: FormContext) -> str:
    return f"{ctx.form.planned_start or '？'} 至 {ctx.form.planned_end or '？'}"


@register
class DatesOutOfOrder(Rule):
    """计划开始日期 after 计划完成日期."""

    id = "date.E001"
    category = "date_inconsistent"
    severity = Severity.ERROR
    reads = ("planned_start", "planned_end")
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
    """A recurring project's planned dates outside its budget year. A form whose template has
    no 项目类别 cannot say whether it is recurring: nothing is assumed (`FormContext.has`)."""

    id = "date.W002"
    category = "date_inconsistent"
    severity = Severity.WARNING
    reads = ("planned_start", "planned_end")
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
        if not ctx.has("project_category"):
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
    reads = ("planned_start", "planned_end", "overall_goal", "annual_goal")
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


@register
class OneOffFiledAsRecurring(Rule):
    """A project whose name says one-off work (改造、新建、购置 …), of `[period] one_off_from` 元 or
    more, filed as 经常性项目."""

    id = "date.W004"
    category = "date_inconsistent"
    severity = Severity.WARNING
    reads = ("project_name", "annual_request", "project_total")
    title = Text("一次性工作按经常性项目申报", "one-off work filed as a recurring project")
    message = Text(
        "项目名称含“{word}”、申请 {funds} 元，属一次性工作，却按“{category}”申报",
        "the name says “{word}” and {funds} 元 are requested: one-off work filed as “{category}”",
    )
    hint = Text(
        "请改按一次性项目申报，写明实施周期和分年度资金安排；如确属每年都有的工作，请在目标中说明",
        "file it as a one-off project with its period and yearly funds; if the work truly recurs "
        "every year, say so in the goal",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        form = ctx.form
        recurring = ctx.settings.get("period.recurring")
        if form.project_category != recurring or not form.project_name:
            return
        requested = ctx.requested_yuan
        floor = ctx.settings.decimal("period.one_off_from")
        if requested is None or requested < floor:
            return
        for word in ctx.settings.get("period.one_off_words"):
            if word in form.project_name:
                yield self.finding(
                    ctx.at("project_category"),
                    Basis(
                        f"项目名称：{form.project_name}；项目类别：{recurring}；申请 {yuan_text(requested)} 元",
                        f"period.one_off_words, period.one_off_from={floor:,}",
                    ),
                    word=word,
                    funds=yuan_text(requested),
                    category=recurring,
                )
                return


@register
class MultiYearFiledAsRecurring(Rule):
    """A project whose goal period and planned dates both span several years, filed as
    经常性项目: a multi-year commitment is no recurring yearly project."""

    id = "date.W006"
    category = "date_inconsistent"
    severity = Severity.WARNING
    reads = ("planned_start", "planned_end")
    title = Text("跨年度项目按经常性项目申报", "multi-year project filed as recurring")
    message = Text(
        "项目总目标期间（{period}）和计划期间（{start} 至 {end}）都跨 {years} 个年度，属跨年度项目，"
        "却按“{category}”申报",
        "the goal period ({period}) and the planned dates ({start} to {end}) span {years} years: "
        "a multi-year project filed as “{category}”",
    )
    hint = Text(
        "请按跨年度（一次性）项目申报，写明总目标、分年度目标和分年度资金；如每年都要做，请只申报本年度",
        "file it as a multi-year project with its yearly goals and funds; if the work recurs "
        "every year, declare this year only",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        form = ctx.form
        recurring = ctx.settings.get("period.recurring")
        period = form.goal_period
        start, end = form.planned_start, form.planned_end
        if form.project_category != recurring or period is None or not (start and end):
            return
        least = int(ctx.settings.get("period.multi_year_min_years"))
        if period.start_year is None or period.end_year is None:
            return
        years = min(period.end_year - period.start_year, end.year - start.year) + 1
        if years < least:
            return  # one year in the goal or in the dates: the other is the slip (date.W003)
        yield self.finding(
            ctx.at("project_category"),
            Basis(
                f"项目类别：{recurring}；项目总目标（{period.text}）；计划期间 {start} 至 {end}",
                f"period.recurring, period.multi_year_min_years={least}",
            ),
            period=period.text,
            start=start.isoformat(),
            end=end.isoformat(),
            years=years,
            category=recurring,
        )


_YEAR_MONEY = re.compile(r"((?:19|20)\d{2})年[^，。；;,\n\d]{0,8}?\d+(?:\.\d+)?(?:万|亿)?元")


@register
class PastFundingSchedule(Rule):
    """A goal listing the money of years before the budget year: a past funding schedule."""

    id = "date.W005"
    category = "date_inconsistent"
    severity = Severity.WARNING
    title = Text("目标是以往年度的资金安排", "goal restates a past funding schedule")
    message = Text(
        "{label}列的是 {years} 年的资金安排，不是预算年度 {year} 年的目标",
        "{label} lists the money of {years}, not the goals of the budget year {year}",
    )
    hint = Text(
        "请写明 {year} 年资金要完成的产出和效果；跨年度的资金承诺应按一次性（跨年）项目申报，"
        "列明各年度安排",
        "state what the {year} funds will achieve; a commitment over several years is filed as a "
        "one-off (multi-year) project with its yearly funds",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        goal = ctx.goal
        year = ctx.form.budget_year or (ctx.form.planned_start and ctx.form.planned_start.year)
        if not goal or not year or "年" not in goal or "元" not in goal:
            return
        folded = fold(goal)
        past = sorted({y for m in _YEAR_MONEY.finditer(folded) if (y := int(m.group(1))) < year})
        minimum = int(ctx.settings.get("period.schedule_min_years"))
        if len(past) < minimum:
            return
        first = _YEAR_MONEY.search(folded)
        start = first.start() if first else 0
        yield self.finding(
            ctx.at(ctx.goal_field),
            Basis(excerpt(folded, start, start + 60), "period.schedule_min_years"),
            label=FIELD_LABELS[ctx.goal_field],
            years="、".join(str(y) for y in past),
            year=year,
        )
