"""goal.W004: a goal that only restates money (`2018年配套1486万元，2019年配套2080万元……`).

docs/review.md, vague_goal; 101号: goals state outputs and effects, not the budget. A goal counts as
money only when it holds figures, all of them amounts of money, and words of funding.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.form import FIELD_LABELS
from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.goaltext import quantities, quantity_units
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register
from jixiao.review.textscan import excerpt


@register
class MoneyOnlyGoal(Rule):
    """The goal's figures are all money: it restates the budget instead of the results."""

    id = "goal.W004"
    category = "vague_goal"
    severity = Severity.WARNING
    title = Text("目标只讲资金", "goal only restates money")
    message = Text(
        "{label}只有资金安排（{amounts}），没有说明要取得的产出和效果",
        "{label} only restates money ({amounts}); no outputs or effects",
    )
    hint = Text(
        "请写明资金将用于完成什么、完成多少、带来什么效果",
        "state what the money will achieve, how much, and with what effect",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        units = ctx.memo.call(quantity_units, ctx.goal) if ctx.goal else ()
        money = ctx.settings.words("goal.money_units")
        if not units or any(unit not in money for unit in units):
            return
        if not any(word in ctx.goal for word in ctx.settings.get("goal.money_words")):
            return
        found = ctx.memo.call(quantities, ctx.goal)
        amounts = "、".join(f"{value:,}元" for value, _ in found[:4])
        yield self.finding(
            ctx.at(ctx.goal_field),
            Basis(excerpt(ctx.goal, 0, 60), "goal.money_words"),
            label=FIELD_LABELS[ctx.goal_field],
            amounts=amounts,
        )
