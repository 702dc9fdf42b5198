"""Monitoring lights (绩效运行监控, "双监控"): spending and indicators as of a month
(docs/evaluation.md, *Monitoring*).

v is what has been done as a percentage of what is due by the month: spending
(执行数 ÷ 预算数) ÷ (month ÷ 12) × 100; a quantity 当前完成值 ÷ (年度指标值 × month ÷ 12) × 100.
A target in % is a level, not a quantity built up over the year, and is compared with the whole
target unless `[monitoring] prorate_percent` says otherwise; a lower-is-better target is met while
the current value stays at or below it. A qualitative row is lit by its level of achievement, and
a row the unit says cannot be met (完全不可能) is red whatever its figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.domain.target import FIGURES, Direction, Target, TargetKind
from jixiao.evaluation.achieved import achievement, actual_figure
from jixiao.evaluation.model import Achievement
from jixiao.evaluation.scoring import HUNDRED, direction_of, round2
from jixiao.evaluation.settings import EvaluationSettings


class Light(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    BLUE = "blue"  # far ahead: the target may have been set too low

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def needs_reason(self) -> bool:
        """Red and yellow rows need a reason (人员, 制度, 经费, 硬件条件, 其他) and a measure."""
        return self in (Light.RED, Light.YELLOW)


_LABELS = {Light.RED: "红灯", Light.YELLOW: "黄灯", Light.GREEN: "绿灯", Light.BLUE: "蓝灯"}
# Worst first: a form or a unit shows its worst light; blue counts as on track.
_SEVERITY = {Light.RED: 0, Light.YELLOW: 1, Light.GREEN: 2, Light.BLUE: 2}

LIKELIHOODS: tuple[str, ...] = ("确定能", "有可能", "完全不可能")
IMPOSSIBLE = "完全不可能"
REASONS: tuple[str, ...] = ("人员", "制度", "经费", "硬件条件", "其他")


@dataclass(frozen=True)
class Lit:
    """A light and the v it came from (None for a qualitative row or a likelihood)."""

    light: Light
    value: Decimal | None
    basis: str


def _band(v: Decimal, red: Decimal, yellow: Decimal, blue: Decimal | None = None) -> Light:
    if v < red:
        return Light.RED
    if v < yellow:
        return Light.YELLOW
    if blue is not None and v >= blue:
        return Light.BLUE
    return Light.GREEN


def budget_light(
    budget: Decimal, spent: Decimal, month: int, settings: EvaluationSettings
) -> Lit | None:
    """The spending's light; None without a budget to measure against."""
    if budget <= 0:
        return None
    v = round2(spent / budget / (Decimal(month) / 12) * HUNDRED)
    red, yellow = settings.budget_lights
    basis = f"({spent} ÷ {budget}) ÷ ({month} ÷ 12) × 100 = {v}"
    return Lit(_band(v, red, yellow), v, basis)


def indicator_light(
    target: Target, current: str, month: int, settings: EvaluationSettings, likelihood: str = ""
) -> Lit | None:
    """An indicator's light from its current value; None when nothing can be said yet."""
    if likelihood == IMPOSSIBLE:
        return Lit(Light.RED, None, "完成目标可能性：完全不可能")
    if target.kind in FIGURES:
        value = actual_figure(target, current)
        return None if value is None else _figure_light(target, value, month, settings)
    level = achievement(target, current)
    if level is None:
        return None
    light = {
        Achievement.MET: Light.GREEN,
        Achievement.PARTLY: Light.YELLOW,
        Achievement.NOT_MET: Light.RED,
    }
    return Lit(light[level], None, level.value)


def _figure_light(
    target: Target, value: Decimal, month: int, settings: EvaluationSettings
) -> Lit | None:
    aim = target.low if target.kind is TargetKind.RANGE else target.value
    if aim is None or aim <= 0:
        return None
    red, yellow, blue = settings.indicator_lights
    if direction_of(target) is Direction.NEGATIVE:
        v = round2(aim / value * HUNDRED) if value > 0 else HUNDRED
        return Lit(_band(v, red, yellow), v, f"{aim} ÷ {value} × 100 = {v}（越低越好）")
    level = target.unit == "%" and not settings.prorate_percent
    due = aim if level else aim * Decimal(month) / 12
    v = round2(value / due * HUNDRED)
    basis = (
        f"{value} ÷ {aim} × 100 = {v}" if level else f"{value} ÷ ({aim} × {month} ÷ 12) × 100 = {v}"
    )
    return Lit(_band(v, red, yellow, blue), v, basis)


def worst(lights: Iterable[Light | None]) -> Light | None:
    """The light of a form (its rows and spending) or a unit (its forms): the worst one."""
    found = [light for light in lights if light is not None]
    return min(found, key=_SEVERITY.__getitem__) if found else None
