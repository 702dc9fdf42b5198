"""target.W007: a target whose sign says the opposite of the direction its row states in a column
of its own (四川's 指标方向性: 正向指标, more is better; 反向指标, less is better). `≤5%` for a 正向指标
caps what should be reached; `≥95%` for a 反向指标 asks for more of what should be less. One of the
two was filled in wrong, and a self-evaluation scored by the direction would score the row
backwards (docs/review.md, "Rules of a template's rule set").

The column and its words are data (`[columns.direction]`); a row without the column, with a word
not listed, or whose target has no sign (`=`, a word, a date) says nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.target import Operator
from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import IndicatorRule, register

SETTING = "columns.direction"
_AT_LEAST = (Operator.GE, Operator.GT)
_AT_MOST = (Operator.LE, Operator.LT)


@register
class SignAgainstDirection(IndicatorRule):
    """A 正向指标 capped (≤) or a 反向指标 floored (≥)."""

    id = "target.W007"
    category = "target_format"
    severity = Severity.WARNING
    title = Text("指标值的符号与指标方向性相反", "the target's sign contradicts its direction")
    message = Text(
        "指标“{name}”为“{direction}”，指标值却是“{target}”",
        "indicator “{name}” is marked “{direction}” but its target is “{target}”",
    )
    hint = Text(
        "请核对：{wanted}，或更正“{column}”",
        "check it: {wanted_en}, or correct the “{column}”",
    )

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        extra = view.indicator.extra
        if not extra:
            return
        data = ctx.settings.get(SETTING, {})
        column = data.get("column")
        said = (extra.get(column) or "").strip() if column else ""
        if not said:
            return
        op = view.target.op
        if said in data.get("more", ()) and op in _AT_MOST:
            wanted = ("“正向”指标的目标应写下限（≥）", "a target to reach is a floor (≥)")
        elif said in data.get("less", ()) and op in _AT_LEAST:
            wanted = ("“反向”指标的目标应写上限（≤）", "a target to stay under is a cap (≤)")
        else:
            return
        sign = extra.get("指标性质", "")
        target = (
            view.indicator.target if sign in ("", "定性", "定量") else sign + view.indicator.target
        )
        yield self.finding(
            view.at(),
            Basis(f"{view.indicator.name}：{column} {said}，{target}", SETTING),
            name=view.indicator.name,
            direction=said,
            target=target,
            column=column,
            wanted=wanted[0],
            wanted_en=wanted[1],
        )
