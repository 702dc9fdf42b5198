"""The formulas of self-evaluation (docs/evaluation.md), in exact `Decimal` arithmetic.

Each function returns the score unrounded with the formula written out (`basis`); `round2` rounds
half-up to two decimals as the published tables show scores. Weights that are shared out are
split in hundredths so that the shown weights add up exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from jixiao.domain.amounts import format_amount
from jixiao.domain.target import Direction, Operator, Target, TargetKind, format_decimal
from jixiao.evaluation.model import Achievement
from jixiao.evaluation.settings import EvaluationSettings

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)


def round2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def show(value: Decimal) -> str:
    """A figure in a formula: as written, without exponent notation."""
    return format_decimal(value)


@dataclass(frozen=True)
class Computed:
    """A score before rounding and how it was reached."""

    value: Decimal
    basis: str


def execution_rate(budget: Decimal, spent: Decimal) -> Decimal:
    """全年执行数 ÷ 全年预算数 in percent, rounded (86.19 for 86.19%). `budget` must be > 0."""
    return round2(spent / budget * HUNDRED)


def execution_score(weight: Decimal, budget: Decimal, spent: Decimal) -> Computed:
    """weight × min(1, 全年执行数 ÷ 全年预算数): 86.19% of 10 is 8.619, shown 8.62."""
    ratio = min(Decimal(1), spent / budget)
    value = weight * ratio if ratio > 0 else ZERO
    basis = f"{show(weight)} × min(1, {format_amount(spent)} ÷ {format_amount(budget)}) = {round2(value)}"
    return Computed(value, basis)


def positive(weight: Decimal, target: Decimal, actual: Decimal) -> Computed:
    """Higher is better: met → the weight; short of it → weight × actual ÷ target."""
    if target <= 0:
        value = weight if actual >= target else ZERO
        return Computed(value, f"实际 {show(actual)}，目标 {show(target)}：{round2(value)}")
    ratio = min(Decimal(1), max(ZERO, actual / target))
    return Computed(
        weight * ratio,
        f"{show(weight)} × min(1, {show(actual)} ÷ {show(target)}) = {round2(weight * ratio)}",
    )


def negative(weight: Decimal, target: Decimal, actual: Decimal, formula: str) -> Computed:
    """Lower is better. Met (actual ≤ target) → the weight; otherwise by `formula`:
    "linear" weight × (1 − (actual − target) ÷ target), nothing at twice the target or more;
    "ratio" weight × target ÷ actual. A target of 0 is met at or below 0 only."""
    if actual <= target:
        return Computed(weight, f"实际 {show(actual)} ≤ 目标 {show(target)}：{round2(weight)}")
    if target <= 0:
        return Computed(ZERO, f"实际 {show(actual)} > 目标 {show(target)}：0.00")
    if formula == "ratio":
        value = weight * target / actual
        return Computed(
            value, f"{show(weight)} × {show(target)} ÷ {show(actual)} = {round2(value)}"
        )
    value = max(ZERO, weight * (1 - (actual - target) / target))
    basis = f"{show(weight)} × (1 − ({show(actual)} − {show(target)}) ÷ {show(target)}) = {round2(value)}"
    return Computed(value, basis)


def exact(weight: Decimal, target: Decimal, actual: Decimal, formula: str) -> Computed:
    """＝: a target of 0 is met at or below 0, else nothing; another target is scored like ≥
    ("positive") or loses the relative distance either side ("distance")."""
    if target == 0:
        value = weight if actual <= 0 else ZERO
        return Computed(value, f"目标 ＝0，实际 {show(actual)}：{round2(value)}")
    if formula == "positive":
        return positive(weight, target, actual)
    value = max(ZERO, weight * (1 - abs(actual - target) / abs(target)))
    basis = f"{show(weight)} × (1 − |{show(actual)} − {show(target)}| ÷ {show(target)}) = {round2(value)}"
    return Computed(value, basis)


def in_range(
    weight: Decimal, low: Decimal, high: Decimal, actual: Decimal, formula: str
) -> Computed:
    """A range: within it → the weight; below → as ≥ its low bound; above → as ≤ its high bound."""
    if actual < low:
        return positive(weight, low, actual)
    if actual > high:
        return negative(weight, high, actual, formula)
    return Computed(
        weight, f"实际 {show(actual)} 在 {show(low)}–{show(high)} 之内：{round2(weight)}"
    )


def direction_of(target: Target) -> Direction:
    if target.direction is not None and target.direction is not Direction.EXACT:
        return target.direction
    if target.op is Operator.EQ or target.direction is Direction.EXACT:
        return Direction.EXACT
    return Direction.POSITIVE  # a bare figure is a level to reach


def figure(
    weight: Decimal, target: Target, actual: Decimal, settings: EvaluationSettings
) -> Computed:
    """A quantitative, change or range target against the actual figure (same unit)."""
    if target.kind is TargetKind.RANGE and target.low is not None and target.high is not None:
        return in_range(weight, target.low, target.high, actual, settings.negative_formula)
    assert target.value is not None
    way = direction_of(target)
    if way is Direction.NEGATIVE:
        return negative(weight, target.value, actual, settings.negative_formula)
    if way is Direction.EXACT:
        return exact(weight, target.value, actual, settings.exact_formula)
    return positive(weight, target.value, actual)


def qualitative(
    weight: Decimal, level: Achievement, stated: Decimal | None, settings: EvaluationSettings
) -> Computed:
    """Within the band of `level` (in % of the weight): the unit's own score when it lies in the
    band, else the nearest end of it; without one, the top for 达成 and the bottom otherwise."""
    low_pct, high_pct = settings.qualitative[level]
    low, high = weight * low_pct / HUNDRED, weight * high_pct / HUNDRED
    band = f"{level.value}：{show(low_pct)}%–{show(high_pct)}% × {show(weight)}"
    if stated is None:
        value = high if level is Achievement.MET else low
        return Computed(value, f"{band}，未自评得分，取 {round2(value)}")
    value = min(high, max(low, stated))
    kept = "保留自评得分" if value == stated else "自评得分超出区间，取"
    return Computed(value, f"{band} = {round2(low)}–{round2(high)}，{kept} {round2(value)}")


def share(total: Decimal, parts: Sequence[Decimal]) -> list[Decimal]:
    """`total` split in proportion to `parts`, in hundredths that add up to `total` exactly
    (largest remainder; ties to the earlier part)."""
    whole = sum(parts, ZERO)
    if not parts or whole <= 0:
        return [ZERO for _ in parts]
    exact_shares = [total * p / whole for p in parts]
    floors = [s.quantize(CENT, rounding=ROUND_DOWN) for s in exact_shares]
    left = int(((round2(total) - sum(floors, ZERO)) / CENT).to_integral_value())
    order = sorted(range(len(parts)), key=lambda i: (-(exact_shares[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += CENT
    return floors
