"""What a form has, read for scoring (`jixiao.review.scoring.Profile`) while the form is at hand.

The headings a row counts under are the ones the coverage rule counts it under (its meaning
decides where it belongs), and a specific indicator is what the funds rule counts as one, so the
score and the findings never disagree about what a form has.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.form import FUNDS_FIELDS
from jixiao.review.context import FormContext
from jixiao.review.rules.funds_balance import specific_rows
from jixiao.review.scoring import Profile, plan

_HEADINGS: dict[tuple[str | None, str | None, str], frozenset[str]] = {}


def _headings(ctx: FormContext, level1: str | None, level2: str | None) -> frozenset[str]:
    key = (level1, level2, ctx.scheme.code)
    found = _HEADINGS.get(key)
    if found is None:
        if level2:
            found = frozenset(h for h in (level2, ctx.parent_of(level2)) if h)
        else:
            found = frozenset((level1,)) if level1 else frozenset()
        if len(_HEADINGS) < 4096:
            _HEADINGS[key] = found
    return found


def _filled(value: object) -> bool:
    if value is None:
        return False
    return bool(value.strip()) if isinstance(value, str) else True


def _needed(ctx: FormContext, yuan: Decimal) -> int:
    """Specific indicators funds of this size call for (`[thresholds] funds_tiers`), and never
    fewer than a sound form has (`[scoring] backing_minimum`)."""
    cache = ctx.settings._cache
    if "funds_tiers" not in cache:
        tiers = ctx.settings.get("thresholds.funds_tiers")
        cache["funds_tiers"] = sorted((Decimal(str(f)), int(n)) for f, n in tiers)
    fitting = [n for f, n in cache["funds_tiers"] if yuan >= f]
    least = int(ctx.settings.get("scoring.backing_minimum"))
    return max(fitting[-1], least) if fitting else least


def _row_parts(
    ctx: FormContext,
) -> dict[tuple[str | None, ...], tuple[frozenset[str], tuple[str, ...]]]:
    """Per distinct row (as written): the headings it counts under and the level-1 headings it
    is filed under. Both depend on the row alone, and rows repeat across forms: kept per
    settings (bounded), like the views' parts (`FormContext.indicators`)."""
    cache = ctx.settings._cache.get(_PARTS)
    if cache is None or len(cache) > _PARTS_LIMIT:
        cache = ctx.settings._cache[_PARTS] = {}
    return cache  # type: ignore[no-any-return]


_PARTS = "profile:row_parts"
_PARTS_LIMIT = 50_000


def profile_of(ctx: FormContext) -> Profile:
    form = ctx.form
    scored = plan(ctx.settings).fields
    funds = form.funds
    filled = frozenset(
        name
        for name in scored
        if _filled(getattr(funds if name in FUNDS_FIELDS else form, name, None))
    )
    parts = _row_parts(ctx)
    rows = []
    filed: set[str] = set()  # the level 1 as written, and the parent of the level 2 as written
    for view in ctx.indicators:
        ind = view.indicator
        key = (ind.name, ind.target, ind.level1, ind.level2)
        found = parts.get(key)
        if found is None:
            found = parts[key] = (
                _headings(ctx, view.level1, view.effective_level2),
                tuple(h for h in (view.level1, ctx.parent_of(view.level2)) if h),
            )
        rows.append(found[0])
        filed.update(found[1])
    figures = [funds.in_yuan(name) for name in ("annual_request", "project_total")]
    needs = [_needed(ctx, yuan) for yuan in figures if yuan is not None]
    return Profile.of(
        filled, tuple(rows), specific_rows(ctx), min(needs, default=None), frozenset(filed)
    )
