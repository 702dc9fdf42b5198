"""target.W001 / target.I002 / target.W003: units of quantitative targets.

docs/domain.md: quantitative targets need a unit; a bare number for a rate has lost its `%`
(`管理人员满意度 =100`). Zero needs no unit (`投诉率 =0` is "none" in any unit). A rate with another
unit, or a count in %, does not fit. Ranges (`90-95`) and changes (`较上年提高5`) are read alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.domain.target import Operator
from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import IndicatorRule, register


def _quantitative(view: IndicatorView) -> bool:
    return view.target.is_figure


_NONE_OPERATORS = (None, Operator.EQ, Operator.LE)
_ZERO = Decimal(0)


def _nothing(view: IndicatorView) -> bool:
    """`=0`, `0`, `≤0`: none at all, the same in % or in any count."""
    target = view.target
    return target.value == _ZERO and target.op in _NONE_OPERATORS and target.high is None


def _basis(view: IndicatorView) -> Basis:
    return Basis(f"{view.indicator.name} {view.indicator.target}", "targets.rate_suffixes")


@register
class RateWithoutPercent(IndicatorRule):
    """A rate (…率, 满意度) with a bare number: the `%` is lost."""

    id = "target.W001"
    category = "target_format"
    severity = Severity.WARNING
    title = Text("比率指标值缺少 %", "rate without %")
    message = Text(
        "“{name}”是比率，指标值“{target}”缺少“%”", "“{name}” is a rate; “{target}” lacks “%”"
    )
    hint = Text("请写作“{fixed}”", "write “{fixed}”")

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        if not (_quantitative(view) and view.target.unit is None) or _nothing(view):
            return
        if ctx.lexicon.is_rate(view.name):
            fixed = view.target.render() + "%"
            yield self.finding(
                view.at(),
                _basis(view),
                suggestion={"target": fixed},
                name=view.indicator.name,
                target=view.indicator.target,
                fixed=fixed,
            )


@register
class CountWithoutUnit(IndicatorRule):
    """A number without a unit for something that is not a rate (`项目立项数 >40`)."""

    id = "target.I002"
    category = "target_format"
    severity = Severity.INFO
    title = Text("指标值缺少计量单位", "target without a unit")
    message = Text("“{name}”的指标值“{target}”没有计量单位", "“{target}” of “{name}” has no unit")
    hint = Text("请注明计量单位（个、次、人等）", "state the unit (个, 次, 人 ...)")

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        if _quantitative(view) and view.target.unit is None and not ctx.lexicon.is_rate(view.name):
            yield self.finding(
                view.at(), _basis(view), name=view.indicator.name, target=view.indicator.target
            )


@register
class UnitMismatch(IndicatorRule):
    """A rate measured in 人 or 个, or a count measured in %."""

    id = "target.W003"
    category = "target_format"
    severity = Severity.WARNING
    title = Text("计量单位与指标不符", "unit does not fit the indicator")
    message = Text(
        "“{name}”是{kind}，指标值单位“{unit}”不相符",
        "“{name}” is a {kind_en}; the unit “{unit}” does not fit",
    )
    hint = Text("请改用与指标相符的单位", "use a unit that fits the indicator")

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        unit = view.target.unit
        if not _quantitative(view) or unit is None:
            return
        if ctx.lexicon.is_rate(view.name) and unit not in ctx.settings.words(
            "targets.percent_units"
        ):
            kind = ("比率", "rate")
        elif unit == "%" and view.name.endswith(ctx.lexicon.count_suffixes):
            kind = ("计数", "count")
        else:
            return
        yield self.finding(
            view.at(),
            _basis(view),
            name=view.indicator.name,
            unit=unit,
            kind=kind[0],
            kind_en=kind[1],
        )
