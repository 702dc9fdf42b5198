"""classify.W002: a level-2 heading placed under a level-1 heading it does not belong to
(社会效益指标 under 产出指标), in the taxonomy scheme of the settings (docs/domain.md, indicators);
a placement the scheme's own forms print (`Scheme.also`) is no mismatch.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.taxonomy import EFFECT
from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import IndicatorRule, register


@register
class HeadingMismatch(IndicatorRule):
    """Level-2 heading under the wrong level-1 heading."""

    id = "classify.W002"
    category = "misclassified_indicator"
    severity = Severity.WARNING
    title = Text("二级指标与一级指标不对应", "level-2 heading under the wrong level-1")
    message = Text(
        "二级指标“{level2}”不属于一级指标“{level1}”，应属“{right}”",
        "“{level2}” does not belong under “{level1}” but under “{right}”",
    )
    hint = Text("请按指标体系调整一级、二级指标", "arrange the headings as the taxonomy has them")

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        if view.level1 is None or view.level2 is None or view.level1 == EFFECT:
            return
        right = ctx.parent_of(view.level2)
        if right and right != view.level1 and not ctx.scheme.allows(view.level1, view.level2):
            yield self.finding(
                view.at(),
                Basis(f"{view.indicator.level1}/{view.indicator.level2}", "scheme"),
                suggestion={"level1": right, "level2": view.level2},
                level1=view.indicator.level1,
                level2=view.indicator.level2,
                right=right,
            )
