"""funds.W007 (funds-unit-unknown): the form states amounts but not their unit, and its template
prints none, so nothing can be said in 元 (docs/templates.md, *Money*).

The amounts are kept as written and never converted (`Funds.in_yuan` is None): the rules that
weigh the funds in 元 (the indicators large funds call for, the cost of the work, the goal's
figures against the request) stay silent on such a form, and this finding says why, instead of
a comparison that could be off ten thousand times. The funds' own identities (total = parts)
hold in any unit and are still checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.form import FUNDS_LABELS
from jixiao.domain.target import format_decimal
from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register


@register
class FundsUnitUnknown(Rule):
    """Amounts without a unit the review can tell: not compared."""

    id = "funds.W007"
    category = "missing_field"
    severity = Severity.WARNING
    title = Text("资金单位不明", "funds unit unknown")
    message = Text(
        "资金未注明单位（元或万元），金额按原文保留，未换算为元，未按资金规模审核：{amounts}",
        "the funds state no unit (元 or 万元): the amounts are kept as written, not converted "
        "to 元 and not weighed by their size: {amounts}",
    )
    hint = Text(
        "请在资金栏注明单位，如“项目资金（万元）”或“单位：元”",
        "state the unit of the funds, as in 项目资金（万元） or 单位：元",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        funds = ctx.form.funds
        if funds.unit is not None:
            return
        stated = [(n, v) for n, v in funds.items() if v is not None]
        if not stated:
            return  # nothing stated: funds.E004 says what is missing
        amounts = "；".join(f"{FUNDS_LABELS[n]} {format_decimal(v)}" for n, v in stated)
        name = "annual_request" if funds.annual_request is not None else stated[0][0]
        yield self.finding(
            ctx.at(name), Basis(f"{amounts}；单位：（未注明）", "funds.unit"), amounts=amounts
        )
