"""fields.E003: an indicator row without a name or without a target value (docs/domain.md: placeholders
such as `*` or `-` are not values)."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.target import TargetKind
from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register


@register
class IndicatorRowIncomplete(Rule):
    """An indicator row lacks its name (三级指标) or its value (指标值)."""

    id = "fields.E003"
    category = "missing_field"
    severity = Severity.ERROR
    title = Text("指标行不完整", "incomplete indicator row")
    message = Text("第 {n} 个指标缺少{what}", "indicator {n} has no {what_en}")
    hint = Text("请补填三级指标名称和指标值", "give the indicator a name and a target value")

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        for view in ctx.indicators:
            no_name, no_target = not view.name, view.target.kind is TargetKind.EMPTY
            if not (no_name or no_target):
                continue
            what = []
            if no_name:
                what.append(("名称", "name"))
            if no_target:
                what.append(("指标值", "target"))
            if what:
                yield self.finding(
                    view.at(),
                    Basis(f"{view.indicator.name or '（空）'} {view.indicator.target or '（空）'}"),
                    n=view.index + 1,
                    what="和".join(w for w, _ in what),
                    what_en=" and ".join(e for _, e in what),
                )
