"""What the coverage rules and cost.W002 share: the headings a form has an indicator under, the
tier of `[coverage] by_funds` its request reaches, and how grave a missing heading is.

docs/review.md, missing_indicator_category. A heading missing from a form is reported once: by
coverage.W001, coverage.I002 or coverage.W003 (by its funds), or, for 成本指标 when the goal states
unit prices, by cost.W002 with the row to add (`priced_row`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from jixiao.review.context import FormContext
from jixiao.review.model import Severity
from jixiao.review.settings import ReviewSettings


def present(ctx: FormContext) -> set[str]:
    """Every heading, level 1 and level 2, under which the form has an indicator; a row under
    no heading at all counts under the heading its meaning calls for."""
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
        elif meaning and meaning.belongs:
            level2s.add(meaning.belongs)  # a row under no heading (重庆's flat list): by meaning
    for level2 in level2s:
        found.add(level2)
        found.add(ctx.parent_of(level2) or "")
    return found


def have(ctx: FormContext) -> set[str]:
    """`present(ctx)`, once per form."""
    if "present" not in ctx.shared:
        ctx.shared["present"] = present(ctx)
    return ctx.shared["present"]  # type: ignore[return-value]


def funds_tiers(ctx: FormContext) -> Mapping[str, tuple[tuple[Decimal, Severity], ...]]:
    """`[coverage] by_funds`, read once: heading -> (funds from, severity), lowest first."""
    return ctx.memo.once(funds_tiers, lambda: _tiers(ctx.settings))


def _tiers(settings: ReviewSettings) -> dict[str, tuple[tuple[Decimal, Severity], ...]]:
    return {
        heading: tuple(sorted((Decimal(str(f)), Severity(s)) for f, s in tiers))
        for heading, tiers in settings.get("coverage.by_funds", {}).items()
    }


def funds_tier(ctx: FormContext, heading: str) -> tuple[Decimal, Severity] | None:
    """The highest tier of `[coverage] by_funds` the form's request reaches for a heading."""
    tiers = funds_tiers(ctx).get(heading)
    requested = ctx.requested_yuan
    if not tiers or requested is None:
        return None
    reached = [tier for tier in tiers if requested >= tier[0]]
    return reached[-1] if reached else None


def missing_severity(ctx: FormContext, heading: str) -> Severity | None:
    """How grave the coverage rules hold a missing heading: the tier its funds reach, or its
    entry in `[coverage] required` / `recommended`, whichever is graver (None: not asked for)."""
    found: list[Severity] = []
    tier = funds_tier(ctx, heading)
    if tier is not None:
        found.append(tier[1])
    for setting in ("coverage.required", "coverage.recommended"):
        severity = ctx.settings.get(setting).get(heading)
        if severity:
            found.append(Severity(severity))
    return max(found, key=lambda s: s.rank) if found else None
