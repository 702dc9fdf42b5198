"""cost.W001: itemised costs in the goal text that do not add up to the requested funds.

docs/review.md, cost_mismatch; 88号 适当性: funds and goals match in size. `研究1次，每次6000元；审核40件，
每件800元 …` is summed and compared with 年度资金申请总额 within `[thresholds] cost_tolerance`;
only when the items explain at least `cost_min_share` of the request (a goal that prices one
part of the work is not a full costing).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.domain.target import format_decimal
from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.goaltext import cost_items
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register


def _money(value: Decimal) -> str:
    return f"{value:,.2f}".removesuffix(".00")


@register
class ItemisedCostMismatch(Rule):
    """Quantity × unit price summed over the goal differs from the request."""

    id = "cost.W001"
    category = "cost_mismatch"
    severity = Severity.WARNING
    title = Text("分项测算与申请金额不符", "itemised costs do not match the request")
    message = Text(
        "目标中分项测算合计 {sum} 元（{items}），与年度资金申请总额 {requested} 元相差 {diff} 元",
        "itemised costs add up to {sum} 元 ({items}), {diff} 元 off the request of {requested} 元",
    )
    hint = Text(
        "请核对测算依据，使分项合计与申请金额一致，或说明差额用途",
        "reconcile the itemised costs with the request, or explain the difference",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        requested = ctx.requested_yuan
        items = cost_items(ctx.goal) if ctx.goal else ()
        if not items or not requested:
            return
        total = sum((i.amount for i in items), Decimal(0))
        tolerance = ctx.settings.decimal("thresholds.cost_tolerance")
        share = ctx.settings.decimal("thresholds.cost_min_share")
        if total < requested * share or abs(total - requested) <= requested * tolerance:
            return
        shown = " + ".join(f"{format_decimal(i.quantity)}×{format_decimal(i.price)}" for i in items)
        yield self.finding(
            ctx.at(ctx.goal_field),
            Basis(
                f"{shown} = {_money(total)}；申请 {_money(requested)}",
                f"thresholds.cost_tolerance={tolerance}",
            ),
            sum=_money(total),
            items=shown,
            requested=_money(requested),
            diff=_money(requested - total),
        )
