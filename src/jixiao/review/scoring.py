"""Scores and grades (docs/review.md, "The score").

A form earns points for what it has, per review criterion (完整性, 相关性, 适当性, 可行性): each
filled field, each required or recommended dimension that has an indicator, and specific
indicators in proportion to the funds. A finding takes a share of the points of the part it is
about (a field, an indicator row), never more than that part earns. So removing content never
raises a score: what is removed took its points with it, and no more than them. Findings that say
something is missing take nothing: the missing part earns nothing already.

- A field earns its points (`[scoring.fields]`) when filled; findings located at it take
  `share × points`. A finding about several fields (the dates, the funds) names them in
  `[scoring.involves]`, and what all findings take from a field is scaled down to at most what
  that field earns: blanking any of them gives back at most what the field earned.
- A dimension (`[coverage]` headings) earns `[scoring.dimensions]` points in proportion to the
  quality of its rows (each row 1 minus the shares of its findings, at least 0), up to the
  sound rows it asks for (`[scoring.rows_per_dimension]`, one unless said).
- Specific indicators earn `[scoring.backing]` points in proportion to how many the funds call
  for (`[thresholds] funds_tiers`); no funds, no points.
- A criterion is the points earned out of the points a perfect form earns, 0–100; the total is
  the weighted mean of the criteria (`[criteria] weights`), then capped by `[scoring.ceilings]`:
  a form without indicators, or missing a required level-1 heading, cannot grade above 差 / 中.
- The grade follows the bands of `[grades]`; a form with an error is at best `best_with_errors`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jixiao.review.model import CATEGORIES, Finding, FormReview, Severity, Summary
from jixiao.review.settings import ReviewSettings

_ONE_PLACE = Decimal("0.1")
_ZERO, _ONE, _HUNDRED = Decimal(0), Decimal(1), Decimal(100)


@dataclass(frozen=True, slots=True)
class Profile:
    """What a form has, as scoring counts it (kept after the form itself is let go).

    `filled`: the scored fields that are filled; `rows`: per indicator row, the headings it counts
    under (its level-2 heading as the review reads it and that heading's level 1); `specific`:
    how many rows are specific indicators; `needed`: how many the funds call for (None: no funds);
    `filed`: the level-1 headings the rows are filed under, as written (made canonical).
    """

    filled: frozenset[str]
    rows: tuple[frozenset[str], ...]
    specific: int
    needed: int | None
    filed: frozenset[str] = frozenset()  # the level-1 headings rows are filed under


@dataclass(frozen=True, slots=True)
class _Plan:
    """What scoring reads of the settings, read once per settings."""

    criteria: tuple[str, ...]
    criteria_of: Mapping[str, tuple[str, ...]]  # category -> criteria it counts against
    shares: Mapping[Severity, Decimal]
    not_deducted: frozenset[str]
    fields: Mapping[str, Mapping[str, Decimal]]  # field -> criterion -> points
    dimensions: Mapping[str, Mapping[str, Decimal]]  # heading -> criterion -> points
    backing: Mapping[str, Decimal]
    involves: Mapping[str, tuple[str, ...]]
    rows_per_dimension: Mapping[str, Decimal]  # heading -> sound rows it asks for
    possible: Mapping[str, Decimal]
    no_indicators: Decimal
    missing_level1: Decimal
    required_level1: frozenset[str]


def _points(table: Mapping[str, Any], criteria: tuple[str, ...]) -> dict[str, Decimal]:
    return {c: Decimal(str(table.get(c, 0))) for c in criteria}


def plan(settings: ReviewSettings) -> _Plan:
    cache = settings._cache
    if "scoring_plan" not in cache:
        criteria = tuple(settings.criteria_weights)
        mapping = settings.get("criteria.categories")
        scoring = settings.get("scoring")
        fields = {f: _points(p, criteria) for f, p in scoring["fields"].items()}
        dims = scoring["dimensions"]
        dimensions = {
            h: _points(dims["required"], criteria) for h in settings.get("coverage.required")
        }
        for heading in settings.get("coverage.recommended"):
            dimensions.setdefault(heading, _points(dims["recommended"], criteria))
        backing = _points(scoring["backing"], criteria)
        possible = {
            c: sum((p[c] for p in (*fields.values(), *dimensions.values())), backing[c])
            for c in criteria
        }
        ceilings = scoring["ceilings"]
        cache["scoring_plan"] = _Plan(
            criteria=criteria,
            criteria_of={k: tuple(c for c in v if c in criteria) for k, v in mapping.items()},
            shares={s: Decimal(str(scoring["shares"][s.value])) for s in Severity},
            not_deducted=frozenset(scoring["not_deducted"]),
            fields=fields,
            dimensions=dimensions,
            backing=backing,
            involves={k: tuple(v) for k, v in scoring.get("involves", {}).items()},
            rows_per_dimension={
                h: Decimal(str(scoring["rows_per_dimension"].get(h, 1))) for h in dimensions
            },
            possible=possible,
            no_indicators=Decimal(str(ceilings["no_indicators"])),
            missing_level1=Decimal(str(ceilings["missing_level1"])),
            required_level1=frozenset(scoring["required_level1"]),
        )
    return cache["scoring_plan"]


def criteria_scores(
    findings: Sequence[Finding], profile: Profile, settings: ReviewSettings
) -> dict[str, Decimal]:
    """0–100 per criterion: the points the form earns out of those a perfect form earns."""
    p = plan(settings)
    field_findings: list[Finding] = []
    row_shares: dict[int, Counter[str]] = {}
    for f in findings:
        if f.category in p.not_deducted or f.category not in p.criteria_of:
            continue
        where = f.location
        if where.indicator is not None:
            counter = row_shares.setdefault(where.indicator, Counter())
            for criterion in p.criteria_of[f.category]:
                counter[criterion] += p.shares[f.severity]
        elif where.field in p.fields and where.field in profile.filled:
            field_findings.append(f)
    scores = {}
    for criterion in p.criteria:
        earned = (
            _fields_earned(criterion, field_findings, profile, p)
            + _dimensions_earned(criterion, row_shares, profile, p)
            + _backing_earned(criterion, profile, p)
        )
        possible = p.possible[criterion]
        share = earned / possible if possible else _ONE
        scores[criterion] = _one((_HUNDRED * max(_ZERO, share)).quantize(_ONE_PLACE, ROUND_HALF_UP))
    return scores


def _fields_earned(criterion: str, findings: list[Finding], profile: Profile, p: _Plan) -> Decimal:
    """Points of the filled fields, less what their findings take (scaled so that no field
    gives more than it earns)."""
    earned = sum((p.fields[f][criterion] for f in profile.filled if f in p.fields), _ZERO)
    taken: list[tuple[Decimal, tuple[str, ...]]] = []
    load: dict[str, Decimal] = {}
    for f in findings:
        if criterion not in p.criteria_of[f.category]:
            continue
        involved = tuple(
            dict.fromkeys(
                x for x in (f.location.field, *p.involves.get(f.rule, ())) if x in profile.filled
            )
        )
        points = [p.fields[x][criterion] if x in p.fields else _ZERO for x in involved]
        if not points or min(points) == 0:
            continue  # a field that earns nothing here cannot give anything back
        nominal = p.shares[f.severity] * max(points)
        taken.append((nominal, involved))
        for x in involved:
            load[x] = load.get(x, _ZERO) + nominal
    for nominal, involved in taken:
        scale = min(min(_ONE, p.fields[x][criterion] / load[x]) for x in involved)
        earned -= nominal * scale
    return earned


def _dimensions_earned(
    criterion: str, row_shares: dict[int, Counter[str]], profile: Profile, p: _Plan
) -> Decimal:
    """Each dimension's points times the quality of its rows: the sum of their qualities, out
    of the sound rows a dimension asks for (`[scoring] rows_per_dimension`)."""
    sound: dict[str, Decimal] = {}
    for index, headings in enumerate(profile.rows):
        shares = row_shares.get(index)
        quality = max(_ZERO, _ONE - shares[criterion]) if shares else _ONE
        for heading in headings:
            sound[heading] = sound.get(heading, _ZERO) + quality
    return sum(
        (
            points[criterion] * min(_ONE, sound[h] / p.rows_per_dimension[h])
            for h, points in p.dimensions.items()
            if h in sound
        ),
        _ZERO,
    )


def _backing_earned(criterion: str, profile: Profile, p: _Plan) -> Decimal:
    if not profile.needed or not profile.rows:
        return _ZERO
    return p.backing[criterion] * min(_ONE, Decimal(profile.specific) / profile.needed)


_NUMBERS: dict[Decimal, Decimal] = {}


def _one(value: Decimal) -> Decimal:
    """One object per value: scores come from a few thousand values, forms by the hundred thousand."""
    return _NUMBERS.setdefault(value, value) if len(_NUMBERS) < 10_000 else value


def total_score(
    criteria: dict[str, Decimal], settings: ReviewSettings, profile: Profile | None = None
) -> Decimal:
    """The weighted mean of the criteria, capped where the form lacks whole parts."""
    weights = settings.criteria_weights
    total = sum((criteria[name] * w for name, w in weights.items()), Decimal(0))
    score = (total / sum(weights.values())).quantize(_ONE_PLACE, ROUND_HALF_UP)
    if profile is not None:
        score = min(score, ceiling(profile, settings))
    return _one(score)


def ceiling(profile: Profile, settings: ReviewSettings) -> Decimal:
    """The best score a form can have for what it lacks: no indicators at all, or no indicator
    under a required level-1 heading (filed there, and belonging there). Removing content can
    only lower it."""
    p = plan(settings)
    if not profile.rows:
        return p.no_indicators
    belonging: set[str] = set().union(*profile.rows)
    if not p.required_level1 <= (belonging & profile.filed):
        return p.missing_level1
    return _HUNDRED


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
