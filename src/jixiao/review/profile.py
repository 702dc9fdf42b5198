"""What a form has, read for scoring (`jixiao.review.scoring.Profile`) while the form is at hand.

The headings a row counts under are the ones the coverage rule counts it under (its meaning
decides where it belongs), and a specific indicator is what the funds rule counts as one, so the
score and the findings never disagree about what a form has.
"""

from __future__ import annotations

from collections.abc import Hashable
from decimal import Decimal
from typing import Any

from jixiao.domain.form import FUNDS_FIELDS
from jixiao.review.context import FormContext, row_key
from jixiao.review.rules.funds_balance import funds_tiers, specific_rows
from jixiao.review.scoring import Profile, pack


def _headings(ctx: FormContext, level1: str | None, level2: str | None) -> frozenset[str]:
    if level2:
        return frozenset(h for h in (level2, ctx.parent_of(level2)) if h)
    return frozenset((level1,)) if level1 else frozenset()


def _needed(ctx: FormContext, yuan: Decimal) -> int:
    """Specific indicators funds of this size call for (`[thresholds] funds_tiers`), and never
    fewer than a sound form has (`[scoring] backing_minimum`)."""
    tiers = ctx.memo.once(funds_tiers, lambda: funds_tiers(ctx.settings))
    fitting = [n for f, n in tiers if yuan >= f]
    least = int(ctx.settings.get("scoring.backing_minimum"))
    return max(fitting[-1], least) if fitting else least


def _row_parts(
    ctx: FormContext,
) -> dict[tuple[str | None, ...], tuple[frozenset[str], tuple[str, ...]]]:
    """Per distinct row (as written): the headings it counts under and the level-1 headings it
    is filed under. Both depend on the row alone, and rows repeat across forms: kept for the
    review (its memo, bounded), like the views' parts (`FormContext.indicators`)."""
    return ctx.memo.table(_PARTS)


_PARTS = "profile:row_parts"


def _shared(ctx: FormContext, value: Hashable) -> Any:
    """One object per value for what forms repeat (the fields they fill, their headings): a
    hundred thousand forms then hold a few hundred of them (the review's memo, bounded)."""
    return ctx.memo.table(_POOL).setdefault(value, value)


_POOL = "profile:shared"


def _scored_fields(ctx: FormContext) -> tuple[tuple[str, bool], ...]:
    """(field, whether it is a funds figure) for each field the score reads, once per review."""
    return ctx.memo.once(
        _scored_fields, lambda: tuple((n, n in FUNDS_FIELDS) for n in ctx.memo.plan.fields)
    )


def profile_of(ctx: FormContext) -> Profile:
    form = ctx.form
    funds = form.funds
    filled = []
    for name, in_funds in _scored_fields(ctx):
        value = getattr(funds if in_funds else form, name, None)
        if value is not None and (not isinstance(value, str) or value.strip()):
            filled.append(name)
    parts = _row_parts(ctx)
    rows = []
    filed: set[str] = set()  # the level 1 and the level 2 as written, and the level 2's parent
    for view in ctx.indicators:
        ind = view.indicator
        # its further columns too: its meaning, and so a headless row's heading, reads them
        key = row_key(ind)
        found = parts.get(key)
        if found is None:
            found = parts[key] = (
                _shared(ctx, _headings(ctx, view.level1, view.effective_level2)),
                tuple(h for h in (view.level1, view.level2, ctx.parent_of(view.level2)) if h),
            )
        rows.append(found[0])
        filed.update(found[1])
    figures = [funds.in_yuan(name) for name in ("annual_request", "project_total")]
    needs = [_needed(ctx, yuan) for yuan in figures if yuan is not None]
    headings, packed, counts = pack(rows)
    specific = specific_rows(ctx)
    return Profile(
        _shared(ctx, frozenset(filled)),
        _shared(ctx, headings),
        packed,
        bytes(specific) if not specific or specific[-1] < 256 else specific,
        min(needs, default=None),
        _shared(ctx, frozenset(filed)),
        _shared(ctx, counts),
    )
