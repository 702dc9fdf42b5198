"""realism.W001 / realism.E002: targets that can hardly be meant.

docs/review.md, unrealistic_target: 100% satisfaction. A satisfaction target above
`[thresholds] satisfaction_max_percent` (95 by default) is a warning; any rate above
`rate_max_percent` (100) is impossible. A range is judged by its bounds (`96%-100%` asks more than
95% at the least; `90%-120%` reaches above 100%); a change against a period (较上年增长150%) is no level.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.domain.target import Direction, TargetKind, format_decimal
from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.examples import percent_example
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import IndicatorRule, register

_LEVELS = (TargetKind.QUANTITATIVE, TargetKind.RANGE)  # a change is no level


def _percent(view: IndicatorView) -> bool:
    return view.target.kind in _LEVELS and view.target.unit in ("%", None)


@register
class FullSatisfaction(IndicatorRule):
    """A satisfaction target above the threshold (=100%)."""

    id = "realism.W001"
    category = "unrealistic_target"
    severity = Severity.WARNING
    title = Text("满意度目标过高", "satisfaction target too high")
    message = Text(
        "“{name}”目标为 {target}，高于 {limit}%，难以实现，也难以如实测得",
        "“{name}” targets {target}, above {limit}%: hardly achievable or measurable",
    )
    hint = Text(
        "请参照历史值或行业标准设定，如“{example}”",
        "set it from past values or the sector standard, e.g. “{example}”",
    )

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        limit = ctx.settings.decimal("thresholds.satisfaction_max_percent")
        value = view.target.value
        if not (_percent(view) and ctx.lexicon.is_satisfaction(view.name) and value is not None):
            return
        if value > limit and view.target.direction is not Direction.NEGATIVE:
            example = percent_example(ctx, view)
            if Decimal(example.strip(">=<%")) > limit:  # the example must clear the finding
                example = f">={format_decimal(limit)}%"
            yield self.finding(
                view.at(),
                Basis(
                    f"{view.indicator.name} {view.indicator.target}",
                    f"thresholds.satisfaction_max_percent={limit}",
                ),
                suggestion={"target": example},
                name=view.indicator.name,
                target=view.indicator.target,
                limit=format_decimal(limit),
                example=example,
            )


@register
class RateAboveMaximum(IndicatorRule):
    """A rate above 100%."""

    id = "realism.E002"
    category = "unrealistic_target"
    severity = Severity.ERROR
    title = Text("比率超过上限", "rate above its maximum")
    message = Text(
        "“{name}”的目标 {target} 超过 {limit}%", "“{name}” targets {target}, above {limit}%"
    )
    hint = Text("比率不能超过 {limit}%，请改正", "a rate cannot exceed {limit}%")

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        limit = ctx.settings.decimal("thresholds.rate_max_percent")
        value = view.target.high if view.target.high is not None else view.target.value
        is_rate = view.target.unit == "%" or ctx.lexicon.is_rate(view.name)
        if _percent(view) and is_rate and value is not None and value > limit:
            yield self.finding(
                view.at(),
                Basis(
                    f"{view.indicator.name} {view.indicator.target}",
                    f"thresholds.rate_max_percent={limit}",
                ),
                name=view.indicator.name,
                target=view.indicator.target,
                limit=format_decimal(limit),
            )
