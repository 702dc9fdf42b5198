"""funds.E003 / funds.E004 / funds.W005 / funds.W006: a negative figure, a missing total, an
annual request larger than the whole project, a multi-year project whose total is one year's request
(category funds_inconsistent: the funds do not add up, or a figure is negative or missing)."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.form import FUNDS_LABELS
from jixiao.domain.target import format_decimal
from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register


@register
class NegativeFunds(Rule):
    """A funds figure below zero. The importers and the editor refuse one
    (`jixiao.domain.bounds`); forms built in code, and forms stored before they did, can still
    carry one."""

    id = "funds.E003"
    category = "funds_inconsistent"
    severity = Severity.ERROR
    title = Text("资金为负数", "negative funds figure")
    message = Text("{label}为负数：{value}", "{label} is negative: {value}")
    hint = Text("资金金额不能为负，请改正", "funds cannot be negative; correct the figure")

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        for name, value in ctx.form.funds.items():
            if value is not None and value < 0:
                shown = format_decimal(value)
                yield self.finding(
                    ctx.at(name),
                    Basis(f"{FUNDS_LABELS[name]} {shown}"),
                    label=FUNDS_LABELS[name],
                    value=shown,
                )


@register
class MissingFunds(Rule):
    """The annual request or the project total is not stated (`[fields] required_funds`)."""

    id = "funds.E004"
    category = "funds_inconsistent"
    severity = Severity.ERROR
    title = Text("资金总额未填写", "funds total missing")
    message = Text("{label}未填写", "{label} is not stated")
    hint = Text("请填写{label}", "state the {label}")

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        for name in ctx.settings.get("fields.required_funds"):
            if getattr(ctx.form.funds, name) is None:
                label = FUNDS_LABELS[name]
                yield self.finding(
                    ctx.at(name), Basis(f"{label}：（空）", "fields.required_funds"), label=label
                )


@register
class AnnualAboveTotal(Rule):
    """The request for one year exceeds the funds of the whole project."""

    id = "funds.W005"
    category = "funds_inconsistent"
    severity = Severity.WARNING
    reads = ("project_total", "annual_request")
    title = Text("年度申请超过项目总额", "annual request above project total")
    message = Text(
        "年度资金申请总额 {annual} 大于项目资金总额 {total}",
        "annual request {annual} exceeds the project total {total}",
    )
    hint = Text("请核对两处金额", "check both figures")

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        funds = ctx.form.funds
        if funds.annual_request is None or funds.project_total is None:
            return
        if funds.annual_request > funds.project_total:
            annual, total = (
                format_decimal(funds.annual_request),
                format_decimal(funds.project_total),
            )
            yield self.finding(
                ctx.at("annual_request"), Basis(f"{annual} > {total}"), annual=annual, total=total
            )


def _years(ctx: FormContext) -> int | None:
    """How many calendar years the planned period touches, when the goal period does not say
    otherwise (a goal period of one year makes the dates the fault: date.W003 says so)."""
    form = ctx.form
    if form.planned_start is None or form.planned_end is None:
        return None
    years = form.planned_end.year - form.planned_start.year + 1
    gp = form.goal_period
    if gp and gp.start_year is not None and gp.start_year == gp.end_year:
        return None
    return years


@register
class MultiYearTotalIsOneYear(Rule):
    """项目资金总额 equal to 年度资金申请总额 although the planned period spans several years
    (`[period] multi_year_min_years`): the total should cover every year of the project."""

    id = "funds.W006"
    category = "funds_inconsistent"
    severity = Severity.WARNING
    reads = ("annual_request", "planned_start", "planned_end")
    title = Text("跨年项目的总额等于一年的申请", "multi-year total equals one year's request")
    message = Text(
        "计划期间 {start} 至 {end} 跨 {years} 个年度，项目资金总额却等于年度资金申请总额 {total}",
        "the planned period {start} to {end} spans {years} years, yet the project total equals "
        "the annual request {total}",
    )
    hint = Text(
        "请填写项目全周期的资金总额；如资金确已全部在本年度申请，请在目标中说明以后年度不再安排资金",
        "state the funds of the whole project; if all of it is requested this year, say in the "
        "goal that later years need none",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        funds = ctx.form.funds
        total, annual = funds.project_total, funds.annual_request
        if total is None or annual is None or total <= 0 or total != annual:
            return
        years = _years(ctx)
        minimum = int(ctx.settings.get("period.multi_year_min_years"))
        if years is None or years < minimum:
            return
        form = ctx.form
        unit = f" {funds.unit}" if funds.unit else ""  # no unit: funds.W007 says so
        shown = f"{total:,}{unit}"
        yield self.finding(
            ctx.at("project_total"),
            Basis(
                f"计划 {form.planned_start} 至 {form.planned_end}；项目资金总额 {shown} = "
                f"年度资金申请总额 {annual:,}{unit}",
                f"period.multi_year_min_years={minimum}",
            ),
            start=form.planned_start,
            end=form.planned_end,
            years=years,
            total=shown,
        )
