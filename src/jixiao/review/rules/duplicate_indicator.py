"""indicator.W001: the same indicator name more than once in a form (docs/review.md,
duplicate_indicator). Identical repeated rows are a Word layout artifact the importer merges
and notes; what remains are the same name with different targets or under different headings.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register


@register
class DuplicateIndicator(Rule):
    """An indicator name repeated within a form (with the same or another target)."""

    id = "indicator.W001"
    category = "duplicate_indicator"
    severity = Severity.WARNING
    title = Text("指标重复", "duplicate indicator")
    message = Text(
        "指标“{name}”重复出现（另见第 {first} 个指标）",
        "indicator “{name}” appears again (see indicator {first})",
    )
    hint = Text(
        "请删除重复的指标，或改为衡量不同内容的指标", "remove the repeat or measure something else"
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        views = ctx.indicators
        if len({view.name for view in views}) == len(views):
            return  # no name twice, so no (period, name) twice
        first: dict[tuple[str | None, str], IndicatorView] = {}
        for view in views:
            if not view.name:
                continue
            key = (view.indicator.period, view.name)
            if key in first:
                earlier = first[key]
                yield self.finding(
                    view.at(),
                    Basis(
                        f"{earlier.indicator.name} {earlier.indicator.target}；"
                        f"{view.indicator.name} {view.indicator.target}"
                    ),
                    name=view.indicator.name,
                    first=earlier.index + 1,
                )
            else:
                first[key] = view
