"""funds.E003 / funds.E004 / funds.W005: a negative figure, a missing total, an annual request
larger than the whole project (category funds_inconsistent: the funds do not add up, or a figure
is negative or missing)."""

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
