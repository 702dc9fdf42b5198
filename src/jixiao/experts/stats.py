"""A round's statistics per form: the experts' totals, their mean, spread (highest less lowest)
and standard deviation, and the experts whose total is further from the mean than the round's
margin (docs/workflow.md, "Expert rounds")."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
CENTS = Decimal("0.01")


@dataclass(frozen=True)
class FormStats(Generic[K]):
    """Figures rounded to two places (half up); `disagreeing` compares with the exact mean."""

    count: int
    mean: Decimal
    spread: Decimal
    deviation: Decimal  # the population standard deviation of the totals
    disagreeing: tuple[K, ...]


def form_stats(totals: Mapping[K, Decimal], margin: Decimal) -> FormStats[K] | None:
    """The statistics of one form's totals by expert; None when no expert handed in a sheet."""
    if not totals:
        return None
    values = list(totals.values())
    mean = sum(values, Decimal(0)) / len(values)
    variance = sum(((v - mean) ** 2 for v in values), Decimal(0)) / len(values)
    return FormStats(
        count=len(values),
        mean=_cents(mean),
        spread=_cents(max(values) - min(values)),
        deviation=_cents(variance.sqrt()),
        disagreeing=tuple(k for k, v in totals.items() if abs(v - mean) > margin),
    )


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENTS, ROUND_HALF_UP)
