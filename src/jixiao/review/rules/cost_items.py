"""cost.W001: itemised costs in the goal text that do not add up to the requested funds;
cost.W002: unit prices in the goal that no cost indicator holds to.

docs/review.md, cost_mismatch; 88号 适当性: funds and goals match in size. `研究1次，每次6000元；审核40件，
每件800元 …` is summed and compared with 年度资金申请总额 within `[thresholds] cost_tolerance`;
only when the items explain at least `cost_min_share` of the request (a goal that prices one
part of the work is not a full costing).

docs/review.md, missing_indicator_category; 101号 asks for cost control: a unit price the goal
states is the cost standard the unit set itself, and a 成本指标 row holds the spending to it. A
form with a cost row in 元 at one of the goal's unit prices is fine (one cost row for the main item
is common practice); otherwise the row for the item that costs the most is suggested. When the
form has no cost row at all, cost.W002 is the one finding about it, as grave as the coverage rules
would hold the missing 成本指标 (`dimensions.missing_severity`), and they stay silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.domain.amounts import rounded_yuan_text, yuan_text
from jixiao.domain.target import TargetKind, format_decimal
from jixiao.domain.taxonomy import COST, ECONOMIC_COST
from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.goaltext import CostItem, cost_items, fold
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register
from jixiao.review.rules.dimensions import have, missing_severity


@register
class ItemisedCostMismatch(Rule):
    """Quantity × unit price summed over the goal differs from the request."""

    id = "cost.W001"
    category = "cost_mismatch"
    severity = Severity.WARNING
    reads = ("annual_request", "project_total")
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
        items = ctx.memo.call(cost_items, ctx.goal) if ctx.goal else ()
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
                f"{shown} = {rounded_yuan_text(total)}；申请 {rounded_yuan_text(requested)}",
                f"thresholds.cost_tolerance={tolerance}",
            ),
            sum=rounded_yuan_text(total),
            items=shown,
            requested=rounded_yuan_text(requested),
            diff=rounded_yuan_text(requested - total),
        )


def _price(value: Decimal) -> str:
    """A unit price as a target writes it: 800元, 10万元."""
    if value >= 10000 and value % 10000 == 0:
        return f"{format_decimal(value / 10000)}万元"
    return f"{format_decimal(value)}元"


def _holds_price(view: IndicatorView, prices: set[Decimal], cost_headings: frozenset[str]) -> bool:
    """A cost row whose target is an amount of 元 at one of the prices."""
    if view.effective_level2 not in cost_headings and view.level1 != COST:
        return False
    target = view.target
    return (
        target.kind is TargetKind.QUANTITATIVE
        and (target.unit or "").startswith("元")
        and target.value in prices
    )


_BREAK = re.compile(r"[，。；：,;:\n]")


def _what(goal: str, item: CostItem) -> str:
    """The work an item prices, from the clause before it: `审核40件，每件800元` → 审核."""
    end = goal.find(item.text)
    if end <= 0:
        return ""
    clause = _BREAK.split(goal[:end])[-1].removeprefix("参与").removeprefix("协助")
    words = clause.rsplit("的", 1)[-1].strip()
    return words[-12:]


def _suggested_row(ctx: FormContext, goal: str, item: CostItem) -> dict[str, str]:
    level1, level2 = (COST, ECONOMIC_COST) if COST in ctx.scheme.headings else ("产出指标", COST)
    return {
        "level1": level1,
        "level2": level2,
        "name": f"每{item.unit}{_what(goal, item)}费用",
        "target": f"<={_price(item.price)}/{item.unit}",
    }


def priced_row(ctx: FormContext) -> tuple[CostItem, dict[str, str]] | None:
    """The goal's costliest priced item and the cost row to add, when no cost row holds one of
    the goal's unit prices (once per form)."""
    if "priced_row" not in ctx.shared:
        ctx.shared["priced_row"] = _priced_row(ctx)
    return ctx.shared["priced_row"]  # type: ignore[return-value]


def _priced_row(ctx: FormContext) -> tuple[CostItem, dict[str, str]] | None:
    items = ctx.memo.call(cost_items, ctx.goal) if ctx.goal else ()
    if not items:
        return None
    headings = ctx.settings.words("cost.price_headings")
    prices = {i.price for i in items}
    if any(_holds_price(view, prices, headings) for view in ctx.indicators):
        return None
    main = max(items, key=lambda i: i.amount)  # the first of equals: max keeps it
    return main, _suggested_row(ctx, fold(ctx.goal), main)


def speaks_for_cost(ctx: FormContext) -> bool:
    """Whether cost.W002 reports the form's missing 成本指标 (the coverage rules then do not)."""
    enabled = ctx.settings.rule_option("cost.W002", "enabled", True)
    return bool(enabled) and bool(ctx.indicators) and priced_row(ctx) is not None


@register
class UnitPriceWithoutCostRow(Rule):
    """The goal states unit prices (每件800元) and no cost indicator holds the spending to one."""

    id = "cost.W002"
    category = "missing_indicator_category"
    severity = Severity.WARNING
    title = Text("目标列有单价，未设成本指标", "unit prices in the goal without a cost indicator")
    message = Text(
        "目标中列有单价（{prices}），但没有成本指标约束单价",
        "the goal states unit prices ({prices}) but no cost indicator holds them",
    )
    hint = Text(
        "建议增加指标：{level1}—{level2}—“{name}”，指标值“{target}”",
        "add an indicator: {level1} — {level2} — “{name}”, target “{target}”",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        found = priced_row(ctx)
        if found is None or not ctx.indicators:
            return
        main, row = found
        severity, basis = self.severity, Basis(main.text, "cost.price_headings")
        if COST not in have(ctx):  # the coverage rules leave the missing heading to this finding
            graver = missing_severity(ctx, COST)
            if graver is not None and graver.rank > severity.rank:
                severity = graver
                basis = Basis(
                    f"{main.text}；申请 {yuan_text(ctx.requested_yuan)} 元，没有成本指标",
                    "cost.price_headings; coverage.by_funds",
                )
        shown = "、".join(dict.fromkeys(f"每{i.unit}{_price(i.price)}" for i in _items(ctx)))
        yield self.finding(
            ctx.at(ctx.goal_field), basis, suggestion=row, severity=severity, prices=shown, **row
        )


def _items(ctx: FormContext) -> tuple[CostItem, ...]:
    return ctx.memo.call(cost_items, ctx.goal) if ctx.goal else ()
