"""classify.W001: an indicator under a heading its meaning does not fit — a 满意度 under 社会效益,
a 合格率 under 时效, a count under 质量, a 制度健全 or any non-satisfaction row under 满意度.

docs/domain.md, indicators; 财预〔2021〕101号 asks each level to connect to the next. The meanings, the
heading each belongs under and the headings where it is plainly wrong are settings
(`[[semantics.classes]]`); a heading merely unusual for a meaning is not flagged.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.taxonomy import SERVICE_SATISFACTION, SOCIAL_BENEFIT
from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import IndicatorRule, register


def _placement(ctx: FormContext, view: IndicatorView) -> tuple[str, str] | None:
    """(what it measures, the heading it belongs under) when it sits under a wrong one."""
    if view.misplaced and view.meaning:
        return view.meaning.label, view.meaning.belongs
    if view.level2 == SERVICE_SATISFACTION and not ctx.lexicon.is_satisfaction(view.name):
        if view.meaning:
            return view.meaning.label, view.meaning.belongs
        return "非满意度内容", SOCIAL_BENEFIT
    return None


@register
class MisclassifiedIndicator(IndicatorRule):
    """An indicator whose name and target say it belongs under another heading."""

    id = "classify.W001"
    category = "misclassified_indicator"
    severity = Severity.WARNING
    title = Text("指标归类错误", "indicator under the wrong heading")
    message = Text(
        "“{name}”衡量的是{what}，不应归入“{level2}”，应归入“{right}”",
        "“{name}” measures {what}; it belongs under “{right}”, not “{level2}”",
    )
    hint = Text("请将该指标移至“{level1_right}—{right}”", "move it to “{level1_right} — {right}”")

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        placed = _placement(ctx, view)
        if placed is None:
            return
        what, right = placed
        level1_right = ctx.parent_of(right) or ""
        yield self.finding(
            view.at(),
            Basis(
                f"{view.indicator.level1}/{view.indicator.level2}/{view.indicator.name} "
                f"{view.indicator.target}",
                "semantics.classes",
            ),
            suggestion={"level1": level1_right, "level2": right},
            name=view.indicator.name,
            what=what,
            level2=view.indicator.level2,
            right=right,
            level1_right=level1_right,
        )
