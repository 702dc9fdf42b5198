"""The settings of monitoring and self-evaluation: the `[evaluation]` and `[monitoring]` tables of
the review settings file (`jixiao/data/review/rules.toml`), so that a region's or a year's rule
set and a file given with `--settings` change them as they change the review (docs/evaluation.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from jixiao.errors import InputError
from jixiao.evaluation.model import Achievement
from jixiao.i18n import Text
from jixiao.review.settings import ReviewSettings, band_of, load_settings, read_bands

NEGATIVE_FORMULAS = ("linear", "ratio")
EXACT_FORMULAS = ("positive", "distance")


@dataclass(frozen=True)
class EvaluationSettings:
    """Every weight, band and formula variant of the scoring and the lights, typed and checked."""

    execution_weight: Decimal
    weights: Mapping[str, Decimal]  # level-1 heading -> points
    shares: Mapping[str, str]  # heading scored with another heading's points
    negative_formula: str
    exact_formula: str
    far_over: Decimal  # % of the target
    tolerance: Decimal
    qualitative: Mapping[Achievement, tuple[Decimal, Decimal]]  # % of the weight, low and high
    grade_bands: tuple[tuple[Decimal, str], ...]  # (lower bound, grade), best first
    month: int
    budget_lights: tuple[Decimal, Decimal]  # red below, yellow below
    indicator_lights: tuple[Decimal, Decimal, Decimal]  # red below, yellow below, blue from
    prorate_percent: bool
    name: str = "default"

    @property
    def indicator_points(self) -> Decimal:
        """What the indicators are worth together: 100 less the execution's weight."""
        return Decimal(100) - self.execution_weight

    def grade(self, score: Decimal) -> str:
        return band_of(score, self.grade_bands)


def evaluation_settings(
    source: ReviewSettings | str | None = None,
    region: str | None = None,
    budget_year: int | None = None,
) -> EvaluationSettings:
    """The settings from review settings already loaded, or from a file (None: the default)."""
    settings = (
        source if isinstance(source, ReviewSettings) else load_settings(source, region, budget_year)
    )
    try:
        return _build(settings)
    except (KeyError, TypeError, ValueError, IndexError, InvalidOperation) as exc:
        raise InputError(
            Text(
                "自评与监控设置无效：{e}", "invalid self-evaluation or monitoring settings: {e}"
            ).format(e=exc),
            path=settings.name,
        ) from None


def _number(value: Any, path: str) -> Decimal:
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{path} = {value!r}: not a number") from None


def _choice(value: Any, allowed: tuple[str, ...], path: str) -> str:
    if value not in allowed:
        raise ValueError(f"{path} = {value!r}, expected one of {', '.join(allowed)}")
    return str(value)


def _build(s: ReviewSettings) -> EvaluationSettings:
    weights = {
        str(k): _number(v, f"evaluation.weights.{k}")
        for k, v in s.get("evaluation.weights").items()
    }
    execution = _number(s.get("evaluation.execution_weight"), "evaluation.execution_weight")
    if any(w < 0 for w in weights.values()) or sum(weights.values()) + execution != 100:
        raise ValueError("evaluation.weights and execution_weight must be ≥ 0 and add up to 100")
    bands = {}
    for level in Achievement:
        low, high = (
            _number(v, f"evaluation.qualitative.{level.value}")
            for v in s.get(f"evaluation.qualitative.{level.value}")
        )
        if not 0 <= low <= high <= 100:
            raise ValueError(f"evaluation.qualitative.{level.value} must be 0 ≤ low ≤ high ≤ 100")
        bands[level] = (low, high)
    try:
        grades = read_bands(s.get("evaluation.grades.bands"))
    except (InvalidOperation, KeyError, TypeError):
        raise ValueError(
            "evaluation.grades.bands: each band needs a number min and a grade"
        ) from None
    budget = s.get("monitoring.budget")
    indicator = s.get("monitoring.indicator")
    month = int(s.get("monitoring.month"))
    if not 1 <= month <= 12:
        raise ValueError("monitoring.month must be 1 to 12")
    return EvaluationSettings(
        execution_weight=execution,
        weights=MappingProxyType(weights),
        shares=MappingProxyType(
            {str(k): str(v) for k, v in s.get("evaluation.shares", {}).items()}
        ),
        negative_formula=_choice(
            s.get("evaluation.negative_formula"), NEGATIVE_FORMULAS, "negative_formula"
        ),
        exact_formula=_choice(s.get("evaluation.exact_formula"), EXACT_FORMULAS, "exact_formula"),
        far_over=_number(s.get("evaluation.far_over"), "evaluation.far_over"),
        tolerance=_number(s.get("evaluation.tolerance"), "evaluation.tolerance"),
        qualitative=MappingProxyType(bands),
        grade_bands=grades,
        month=month,
        budget_lights=(
            _number(budget["red"], "monitoring.budget"),
            _number(budget["yellow"], "monitoring.budget"),
        ),
        indicator_lights=(
            _number(indicator["red"], "monitoring.indicator"),
            _number(indicator["yellow"], "monitoring.indicator"),
            _number(indicator["blue"], "monitoring.indicator"),
        ),
        prorate_percent=bool(s.get("monitoring.prorate_percent")),
        name=s.name,
    )
