"""funds.E001 / funds.E002: the two identities of the funds block (docs/review.md, the funds block):
项目资金总额 = 财政资金 + 其他资金; 年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金.

A part left empty counts as zero when at least one part is stated; with no part at all there is
nothing to add up.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.domain.form import FUNDS_LABELS
from jixiao.domain.target import format_decimal
from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register

_MESSAGE = Text(
    "{total_label} {total} 不等于各项之和 {parts} = {sum}（差 {diff}）",
    "{total_label} {total} is not the sum of its parts {parts} = {sum} (off by {diff})",
)
_HINT = Text(
    "请核对资金各项金额，使总额等于各项之和", "correct the figures so the total equals its parts"
)


def _check(rule: Rule, ctx: FormContext, total_name: str, part_names: tuple[str, ...]):
    funds = ctx.form.funds
    total: Decimal | None = getattr(funds, total_name)
    parts = [(n, getattr(funds, n)) for n in part_names]
    if total is None or all(v is None for _, v in parts):
        return
    summed = sum((v for _, v in parts if v is not None), Decimal(0))
    if summed == total:
        return
    shown = " + ".join(f"{FUNDS_LABELS[n]} {format_decimal(v or Decimal(0))}" for n, v in parts)
    yield rule.finding(
        ctx.at(total_name),
        Basis(f"{FUNDS_LABELS[total_name]} {format_decimal(total)}；{shown}"),
        total_label=FUNDS_LABELS[total_name],
        total=format_decimal(total),
        parts=shown,
        sum=format_decimal(summed),
        diff=format_decimal(total - summed),
    )


@register
class ProjectFundsIdentity(Rule):
    """项目资金总额 = 财政资金 + 其他资金."""

    id = "funds.E001"
    category = "funds_inconsistent"
    severity = Severity.ERROR
    reads = ("project_total", "project_fiscal", "project_other")
    title = Text("项目资金总额与分项不符", "project funds do not add up")
    message = _MESSAGE
    hint = _HINT

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        yield from _check(self, ctx, "project_total", ("project_fiscal", "project_other"))


@register
class AnnualFundsIdentity(Rule):
    """年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金."""

    id = "funds.E002"
    category = "funds_inconsistent"
    severity = Severity.ERROR
    reads = ("annual_request", "annual_appropriation", "annual_carryover", "annual_other")
    title = Text("年度资金申请总额与分项不符", "annual funds do not add up")
    message = _MESSAGE
    hint = _HINT

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        yield from _check(
            self,
            ctx,
            "annual_request",
            ("annual_appropriation", "annual_carryover", "annual_other"),
        )
