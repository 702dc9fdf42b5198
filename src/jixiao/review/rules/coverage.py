"""coverage.W001 / coverage.I002 / coverage.W003: a dimension the rules require (or recommend)
has no indicator.

docs/domain.md: flag a form with no 效益 or no 满意度 indicator [soft]; 101号 asks for cost control. The
dimensions are settings (`[coverage]`); an indicator counts under the heading its meaning calls
for, so a 满意度 row filed under 社会效益 does not make a benefit indicator. Some headings weigh
with the money (`[coverage] by_funds`: no 成本指标 is a warning from 1,000,000 元, an error from
10,000,000 元); from the first tier the form reaches, coverage.W003 speaks for that heading instead
of coverage.W001 or coverage.I002, never below the severity they would give. When the form does
have rows under the missing heading that the review re-files, the finding names them ("效益指标下
所填“受益对象满意度”实为满意度指标") instead of saying the heading is empty.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.amounts import yuan_text
from jixiao.domain.taxonomy import COST
from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, make_finding, register
from jixiao.review.rules.cost_items import speaks_for_cost
from jixiao.review.rules.dimensions import funds_tier, funds_tiers, have, missing_severity
from jixiao.review.rules.placing import placed_finding


def _basis_text(headings: set[str]) -> str:
    return f"已有：{'、'.join(sorted(headings - {''}))}"


def _reported_elsewhere(ctx: FormContext, heading: str) -> bool:
    """coverage.W003 speaks for a heading the funds call for; cost.W002 for 成本指标 when the
    goal states unit prices (docs/review.md: one finding per problem)."""
    if funds_tier(ctx, heading) is not None:
        return True
    return heading == COST and speaks_for_cost(ctx)


def _missing(
    rule: Rule, ctx: FormContext, setting: str, skip: set[str] | frozenset[str]
) -> Iterator[Finding]:
    if not ctx.indicators:
        return  # fields.E001 says the indicators are missing
    found = have(ctx)
    for heading, severity in ctx.settings.get(setting).items():
        if heading in found or heading in skip or _reported_elsewhere(ctx, heading):
            continue
        if "present_text" not in ctx.shared:
            ctx.shared["present_text"] = _basis_text(found)
        text: str = ctx.shared["present_text"]  # type: ignore[assignment]
        refiled = _refiled(ctx, heading)
        if refiled:
            yield _refiled_finding(rule, ctx, (heading, setting, severity), refiled, text)
            continue
        yield placed_finding(
            rule,
            (setting, heading, severity, text),
            ctx.at("indicators"),
            Basis(text, setting),
            severity=Severity(severity),
            heading=heading,
        )


def _refiled(ctx: FormContext, heading: str) -> list[IndicatorView]:
    """The rows written under `heading` (level 2, or level 1) that the review files elsewhere."""
    return [
        view
        for view in ctx.indicators
        if view.misplaced and heading in (view.level2, view.level1, ctx.parent_of(view.level2))
    ]


REFILED_MESSAGE = Text(
    "没有“{heading}”类指标：“{heading}”下所填{names}实为{what}指标",
    "no indicator under “{heading}”: what is filed there ({names}) measures {what}",
)
REFILED_HINT = Text(
    "请将{names}移至“{right}”，并设置反映本项目的“{heading}”",
    "move {names} to “{right}” and add a project-specific “{heading}” indicator",
)


def _refiled_finding(
    rule: Rule,
    ctx: FormContext,
    missing: tuple[str, str, str],
    refiled: list[IndicatorView],
    have: str,
) -> Finding:
    """The missing heading's finding, naming the rows filed under it that measure something else.

    `missing` is (heading, the setting that asks for it, severity)."""
    heading, setting, severity = missing
    names = "、".join(f"“{view.indicator.name}”" for view in refiled)
    meanings = [view.meaning for view in refiled if view.meaning]
    what = "、".join(dict.fromkeys(m.label for m in meanings))
    right = "、".join(dict.fromkeys(m.belongs for m in meanings))
    values = {"heading": heading, "names": names, "what": what, "right": right}
    wrote = "；".join(
        f"{view.indicator.level2 or view.indicator.level1}/{view.indicator.name}"
        for view in refiled
    )
    return make_finding(
        rule.id,
        rule.category,
        Severity(severity),
        REFILED_MESSAGE.format(**values),
        REFILED_HINT.format(**values),
        ctx.at("indicators"),
        Basis(f"{have}；{wrote}", f"{setting}, semantics.classes"),
        None,
        (),
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
        yield from _missing(
            self, ctx, "coverage.recommended", ctx.settings.words("coverage.required")
        )


@register
class FundedDimension(Rule):
    """No indicator under a heading the size of the request calls for (`[coverage] by_funds`):
    by default no 成本指标 with 1,000,000 元 or more (101号 makes cost a level-1 heading)."""

    id = "coverage.W003"
    category = "missing_indicator_category"
    severity = Severity.WARNING
    title = Text("大额资金缺少必备的指标类别", "large funds without a required dimension")
    message = Text(
        "申请 {funds} 元，没有“{heading}”类指标（{tier} 元及以上须设置）",
        "{funds} 元 requested and no indicator under “{heading}” (required from {tier} 元)",
    )
    hint = Text(
        "请设置反映本项目的“{heading}”，如单位成本（元/次、元/件）、成本控制在预算标准内",
        "add a project-specific “{heading}” indicator: unit cost (元 per item), cost within "
        "the budget standard",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        if not ctx.indicators:
            return
        for heading in funds_tiers(ctx):
            tier = funds_tier(ctx, heading)
            if tier is None or heading in have(ctx):
                continue
            if heading == COST and speaks_for_cost(ctx):
                continue
            floor = tier[0]
            severity = missing_severity(ctx, heading) or tier[1]
            yield self.finding(
                ctx.at("indicators"),
                Basis(
                    f"申请 {yuan_text(ctx.requested_yuan)} 元；{_basis_text(have(ctx))}",
                    f"coverage.by_funds: {heading} ≥{floor:,} 元 {severity.value}",
                ),
                severity=severity,
                funds=f"{yuan_text(ctx.requested_yuan)}",
                heading=heading,
                tier=f"{floor:,}",
            )
