"""coverage.W001 / coverage.I002 / coverage.W003: a dimension the rules require (or recommend)
has no indicator.

docs/domain.md: flag a form with no 效益 or no 满意度 indicator [soft]; 101号 asks for cost control. The
dimensions are settings (`[coverage]`); an indicator counts under the heading its meaning calls
for, so a 满意度 row filed under 社会效益 does not make a benefit indicator. Some headings weigh
with the money (`[coverage] by_funds`: no 成本指标 is a warning from 1,000,000 元, an error from
10,000,000 元); from the first tier the form reaches, coverage.W003 speaks for that heading instead
of coverage.W001 or coverage.I002, never below the severity they would give.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal

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


def _have(ctx: FormContext) -> set[str]:
    if "present" not in ctx.memo:
        ctx.memo["present"] = present(ctx)
    return ctx.memo["present"]  # type: ignore[return-value]


def _funds_tiers(ctx: FormContext) -> Mapping[str, tuple[tuple[Decimal, Severity], ...]]:
    """`[coverage] by_funds`, read once: heading -> (funds from, severity), lowest first."""
    cache = ctx.settings._cache
    if "tiers:coverage.by_funds" not in cache:
        cache["tiers:coverage.by_funds"] = {
            heading: tuple(sorted((Decimal(str(f)), Severity(s)) for f, s in tiers))
            for heading, tiers in ctx.settings.get("coverage.by_funds", {}).items()
        }
    return cache["tiers:coverage.by_funds"]  # type: ignore[no-any-return]


def funds_tier(ctx: FormContext, heading: str) -> tuple[Decimal, Severity] | None:
    """The highest tier of `[coverage] by_funds` the form's request reaches for a heading."""
    tiers = _funds_tiers(ctx).get(heading)
    requested = ctx.requested_yuan
    if not tiers or requested is None:
        return None
    reached = [tier for tier in tiers if requested >= tier[0]]
    return reached[-1] if reached else None


def _missing(
    rule: Rule, ctx: FormContext, setting: str, skip: set[str] | frozenset[str]
) -> Iterator[Finding]:
    if not ctx.indicators:
        return  # fields.E001 says the indicators are missing
    have = _have(ctx)
    for heading, severity in ctx.settings.get(setting).items():
        if heading not in have and heading not in skip and funds_tier(ctx, heading) is None:
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
        tiers = _funds_tiers(ctx)
        if not tiers:
            return
        required = ctx.settings.get("coverage.required")
        for heading in tiers:
            tier = funds_tier(ctx, heading)
            if tier is None or heading in _have(ctx):
                continue
            floor, severity = tier
            if heading in required and Severity(required[heading]).rank > severity.rank:
                severity = Severity(required[heading])
            yield self.finding(
                ctx.at("indicators"),
                Basis(
                    f"申请 {ctx.requested_yuan:,} 元；{_basis_text(_have(ctx))}",
                    f"coverage.by_funds: {heading} ≥{floor:,} 元 {severity.value}",
                ),
                severity=severity,
                funds=f"{ctx.requested_yuan:,}",
                heading=heading,
                tier=f"{floor:,}",
            )
