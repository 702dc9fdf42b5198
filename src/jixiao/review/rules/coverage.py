"""coverage.W001 / coverage.I002: a dimension the rules require (or recommend) has no indicator.

docs/domain.md: flag a form with no 效益 or no 满意度 indicator [soft]; 101号 asks for cost control. The
dimensions are settings (`[coverage]`); an indicator counts under the heading its meaning calls
for, so a 满意度 row filed under 社会效益 does not make a benefit indicator.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register
from jixiao.review.rules.placing import placed_finding


def present(ctx: FormContext) -> set[str]:
    """Every heading, level 1 and level 2, under which the form has an indicator."""
    found: set[str] = set()
    level2s: set[str] = set()
    for view in ctx.indicators:
        level2 = view.level2
        meaning = view.meaning
        if meaning and level2 in meaning.wrong_under:
            level2 = meaning.belongs  # view.effective_level2, inlined
        if level2:
            level2s.add(level2)
        elif view.level1:
            found.add(view.level1)
    for level2 in level2s:
        found.add(level2)
        found.add(ctx.parent_of(level2) or "")
    return found


def _basis_text(have: set[str]) -> str:
    return f"已有：{'、'.join(sorted(have - {''}))}"


def _missing(
    rule: Rule, ctx: FormContext, setting: str, skip: set[str] | frozenset[str]
) -> Iterator[Finding]:
    if not ctx.indicators:
        return  # fields.E001 says the indicators are missing
    if "present" not in ctx.memo:
        ctx.memo["present"] = present(ctx)
    have: set[str] = ctx.memo["present"]  # type: ignore[assignment]
    for heading, severity in ctx.settings.get(setting).items():
        if heading not in have and heading not in skip:
            if "present_text" not in ctx.memo:
                ctx.memo["present_text"] = _basis_text(have)
            text: str = ctx.memo["present_text"]  # type: ignore[assignment]
            yield placed_finding(
                rule,
                (setting, heading, severity, text),
                ctx.at("indicators"),
                Basis(text, setting),
                severity=Severity(severity),
                heading=heading,
            )


@register
class RequiredDimension(Rule):
    """No indicator under a required heading (数量、质量、时效、效益、满意度 by default)."""

    id = "coverage.W001"
    category = "missing_indicator_category"
    severity = Severity.WARNING
    title = Text("缺少必备的指标类别", "required indicator dimension missing")
    message = Text("没有“{heading}”类指标", "no indicator under “{heading}”")
    hint = Text("请设置反映本项目的“{heading}”", "add a project-specific “{heading}” indicator")

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        yield from _missing(self, ctx, "coverage.required", set())


@register
class RecommendedDimension(Rule):
    """No indicator under a recommended heading (成本指标 by default)."""

    id = "coverage.I002"
    category = "missing_indicator_category"
    severity = Severity.INFO
    title = Text("建议补充的指标类别", "recommended indicator dimension missing")
    message = Text("没有“{heading}”类指标", "no indicator under “{heading}”")
    hint = Text(
        "建议设置“{heading}”（如单位成本、成本控制在预算标准内）",
        "consider a “{heading}” indicator (unit cost, cost within the budget standard)",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        cache = ctx.settings._cache
        if "set:coverage.required" not in cache:  # the required headings, as a set, once
            cache["set:coverage.required"] = frozenset(ctx.settings.get("coverage.required"))
        yield from _missing(self, ctx, "coverage.recommended", cache["set:coverage.required"])
