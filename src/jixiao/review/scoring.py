"""Scores and grades: each finding takes points off the review criteria its category counts
against (settings `[criteria.categories]`, `[severity_points]`); the total is the weighted mean of
the criteria; the grade follows the bands of `[grades]`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from jixiao.review.model import CATEGORIES, FormReview, Severity, Summary
from jixiao.review.settings import ReviewSettings

_ONE_PLACE = Decimal("0.1")


def criteria_scores(findings: Sequence, settings: ReviewSettings) -> dict[str, Decimal]:
    """0–100 per criterion."""
    names, criteria_of, cap, points_of = _plan(settings)
    lost = dict.fromkeys(names, _ZERO)
    counted: dict[str, int] = {}
    for finding in findings:
        category = finding.category
        seen = counted[category] = counted.get(category, 0) + 1
        if seen > cap:
            continue
        points = points_of[finding.severity]
        for criterion in criteria_of.get(category, ()):
            lost[criterion] += points
    return {name: _one(max(_ZERO, _HUNDRED - lost[name])) for name in names}


_ZERO, _HUNDRED = Decimal(0), Decimal(100)


def _plan(
    settings: ReviewSettings,
) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]], int, dict[Severity, Decimal]]:
    """What scoring reads of the settings, read once: the criteria, the criteria each category
    counts against, the cap of findings counted per category, the points of each severity."""
    if "scoring_plan" not in settings._cache:
        names = tuple(settings.criteria_weights)
        mapping = settings.get("criteria.categories")
        criteria_of = {
            category: tuple(c for c in criteria if c in names)
            for category, criteria in mapping.items()
        }
        cap = int(settings.get("severity_points.per_category_cap"))
        settings._cache["scoring_plan"] = (names, criteria_of, cap, _points(settings))
    return settings._cache["scoring_plan"]


def _points(settings: ReviewSettings) -> dict[Severity, Decimal]:
    if "points" not in settings._cache:
        settings._cache["points"] = {
            s: Decimal(str(settings.get(f"severity_points.{s.value}"))) for s in Severity
        }
    return settings._cache["points"]


_NUMBERS: dict[Decimal, Decimal] = {}


def _one(value: Decimal) -> Decimal:
    """One object per value: scores come from a few dozen values, forms by the hundred thousand."""
    return _NUMBERS.setdefault(value, value) if len(_NUMBERS) < 10_000 else value


def total_score(criteria: dict[str, Decimal], settings: ReviewSettings) -> Decimal:
    weights = settings.criteria_weights
    total = sum((criteria[name] * w for name, w in weights.items()), Decimal(0))
    return _one((total / sum(weights.values())).quantize(_ONE_PLACE, ROUND_HALF_UP))


def grade_of(score: Decimal, has_error: bool, settings: ReviewSettings) -> str:
    bands = settings.grade_bands
    grade = next((g for low, g in bands if score >= low), bands[-1][1])
    best = settings.get("grades.best_with_errors", None)
    order = [g for _, g in bands]
    if has_error and best in order and order.index(grade) < order.index(best):
        return best
    return grade


def summarise(reviews: Sequence[FormReview], settings: ReviewSettings) -> Summary:
    """Counts by category and severity, the worst forms, funds of forms graded 中 or 差."""
    by_category = Counter({c: 0 for c in CATEGORIES})
    by_severity = Counter({s.value: 0 for s in Severity})
    for review in reviews:
        for finding in review.findings:
            by_category[finding.category] += 1
            by_severity[finding.severity.value] += 1
    bands = [g for _, g in settings.grade_bands]
    at_risk_grades = set(bands[2:])  # the grades below 良: revised and resubmitted, or refused
    at_risk = sum(
        (r.requested_yuan or Decimal(0) for r in reviews if r.grade in at_risk_grades), Decimal(0)
    )
    worst = sorted(range(len(reviews)), key=lambda i: (reviews[i].score, i))
    count = int(settings.get("summary.worst_forms"))
    average = sum((r.score for r in reviews), Decimal(0)) / len(reviews) if reviews else Decimal(0)
    return Summary(
        forms=len(reviews),
        grades={g: sum(1 for r in reviews if r.grade == g) for g in bands},
        by_category=dict(by_category),
        by_severity=dict(by_severity),
        worst_forms=tuple(worst[:count]),
        funds_at_risk_yuan=at_risk,
        average_score=average.quantize(_ONE_PLACE, ROUND_HALF_UP),
    )
