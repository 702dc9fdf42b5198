"""Scores and grades (docs/review.md, "The score").

A form earns points for what it has, per review criterion (完整性, 相关性, 适当性, 可行性): each
filled field, each required or recommended dimension that has an indicator, and specific
indicators in proportion to the funds. A finding takes a share of the points of the part it is
about (a field, an indicator row), never more than that part earns. So removing content never
raises a score: what is removed took its points with it, and no more than them. Findings that say
something is missing take nothing: the missing part earns nothing already.

- A field earns its points (`[scoring.fields]`) when filled; findings located at it take
  `share × points`. A finding about several fields (the dates, the funds) names them in
  `Rule.reads`, and what all findings take from a field is scaled down to at most what
  that field earns: blanking any of them gives back at most what the field earned.
- A dimension (`[coverage]` headings) earns `[scoring.dimensions]` points in proportion to the
  quality of its rows (each row 1 minus the shares of its findings, at least 0), up to the
  sound rows it asks for (`[scoring.rows_per_dimension]`, one unless said).
- Specific indicators earn `[scoring.backing]` points in proportion to how many the funds call
  for (`[thresholds] funds_tiers`), each counted by its quality as a row is; no funds, no points.
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

from jixiao.review.memo import ReviewMemo
from jixiao.review.model import Finding, Severity
from jixiao.review.registry import load_rules
from jixiao.review.settings import ReviewSettings, band_of

_ONE_PLACE = Decimal("0.1")
_ZERO, _ONE, _HUNDRED = Decimal(0), Decimal(1), Decimal(100)


@dataclass(frozen=True, slots=True)
class Profile:
    """What a form has, as scoring counts it (kept after the form itself is let go).

    `filled`: the scored fields that are filled; `headings`: the distinct sets of headings the
    form's rows count under (a row's level-2 heading as the review reads it and that heading's
    level 1); `rows`: per indicator row, the index of its set in `headings`, one byte a row;
    `specific`: the indexes of the rows that are specific indicators; `needed`: how many the
    funds call for (None: no funds); `filed`: the headings the rows are filed under as written
    (level 1, level 2 and its parent, made canonical); `counts`: per heading, how many rows
    count under it. A hundred thousand forms are kept until the batch rules have spoken: what
    forms repeat is shared, and the rest is packed.
    """

    filled: frozenset[str]
    headings: tuple[frozenset[str], ...]
    rows: Sequence[int]  # bytes, unless a form has more than 256 sets of headings
    specific: Sequence[int]
    needed: int | None
    filed: frozenset[str]
    counts: tuple[tuple[str, int], ...]


def pack(
    rows: Sequence[frozenset[str]],
) -> tuple[tuple[frozenset[str], ...], Sequence[int], tuple[tuple[str, int], ...]]:
    """The distinct heading sets of the rows, each row as the index of its set, the rows per
    heading."""
    index: dict[frozenset[str], int] = {}
    for headings in rows:
        if headings not in index:
            index[headings] = len(index)
    counts: Counter[str] = Counter()
    for headings, times in Counter(rows).items():
        for heading in headings:
            counts[heading] += times
    ids = [index[h] for h in rows]
    packed: Sequence[int] = bytes(ids) if len(index) <= 256 else tuple(ids)
    return tuple(index), packed, tuple(sorted(counts.items()))


@dataclass(frozen=True, slots=True)
class _Plan:
    """What scoring reads of the settings, read once per settings."""

    criteria: tuple[str, ...]
    criteria_of: Mapping[str, tuple[str, ...]]  # category -> criteria it counts against
    shares: Mapping[Severity, Decimal]
    not_deducted: frozenset[str]  # categories, and rules, whose findings take nothing
    fields: Mapping[str, Mapping[str, Decimal]]  # field -> criterion -> points
    dimensions: Mapping[str, Mapping[str, Decimal]]  # heading -> criterion -> points
    backing: Mapping[str, Decimal]
    involves: Mapping[str, tuple[str, ...]]
    possible: Mapping[str, Decimal]
    no_indicators: Decimal
    missing_level1: Decimal
    required_level1: frozenset[str]
    # (category, severity) -> percent of a row's quality a finding takes, per criterion (in the
    # order of `criteria`); absent: the finding takes nothing.
    takes: Mapping[tuple[str, Severity], tuple[int, ...]]
    # heading -> (percent of quality that fills it, points per percent per criterion)
    fill: Mapping[str, tuple[int, tuple[Decimal, ...]]]
    filled_points: dict[frozenset[str], tuple[Decimal, ...]]  # bounded cache


def _percent(value: Any) -> int:
    return int((Decimal(str(value)) * 100).to_integral_value())


def _points(table: Mapping[str, Any], criteria: tuple[str, ...]) -> dict[str, Decimal]:
    return {c: Decimal(str(table.get(c, 0))) for c in criteria}


def make_plan(settings: ReviewSettings) -> _Plan:
    """What scoring reads of `settings` (a review makes it once: `ReviewMemo.plan`)."""
    criteria = tuple(settings.criteria_weights)
    mapping = settings.get("criteria.categories")
    scoring = settings.get("scoring")
    fields = {f: _points(p, criteria) for f, p in scoring["fields"].items()}
    dims = scoring["dimensions"]
    dimensions = {h: _points(dims["required"], criteria) for h in settings.get("coverage.required")}
    for heading in settings.get("coverage.recommended"):
        dimensions.setdefault(heading, _points(dims["recommended"], criteria))
    backing = _points(scoring["backing"], criteria)
    possible = {
        c: sum((p[c] for p in (*fields.values(), *dimensions.values())), backing[c])
        for c in criteria
    }
    ceilings = scoring["ceilings"]
    not_deducted = frozenset(scoring["not_deducted"])
    criteria_of = {k: tuple(c for c in v if c in criteria) for k, v in mapping.items()}
    percents = {s: _percent(scoring["shares"][s.value]) for s in Severity}
    takes = {
        (category, severity): tuple(percents[severity] if c in counted else 0 for c in criteria)
        for category, counted in criteria_of.items()
        if category not in not_deducted
        for severity in Severity
    }
    rows_per = scoring["rows_per_dimension"]
    fill = {}
    for heading, points in dimensions.items():
        full = 100 * int(rows_per.get(heading, 1))
        fill[heading] = (full, tuple(points[c] / full for c in criteria))
    return _Plan(
        criteria=criteria,
        criteria_of=criteria_of,
        shares={s: Decimal(percents[s]) / 100 for s in Severity},
        not_deducted=not_deducted,
        fields=fields,
        dimensions=dimensions,
        backing=backing,
        involves={rule_id: cls.reads for rule_id, cls in load_rules().items() if cls.reads},
        possible=possible,
        no_indicators=Decimal(str(ceilings["no_indicators"])),
        missing_level1=Decimal(str(ceilings["missing_level1"])),
        required_level1=frozenset(scoring["required_level1"]),
        takes=takes,
        fill=fill,
        filled_points={},
    )


def criteria_scores(
    findings: Sequence[Finding], profile: Profile, memo: ReviewMemo
) -> dict[str, Decimal]:
    """0–100 per criterion: the points the form earns out of those a perfect form earns."""
    p = memo.plan
    numbers = memo.table(_one)
    field_findings: list[Finding] = []
    taken: dict[int, list[int]] = {}  # row -> percent of its quality taken, per criterion
    takes = p.takes
    for f in findings:
        vector = takes.get((f.category, f.severity))
        if vector is None or f.rule in p.not_deducted:
            continue
        where = f.location
        index = where.indicator
        if index is not None:
            row = taken.get(index)
            if row is None:
                taken[index] = list(vector)
            else:
                taken[index] = [a + b for a, b in zip(row, vector, strict=True)]
        elif where.field in p.fields and where.field in profile.filled:
            field_findings.append(f)
    dimensions = _dimensions_earned(taken, profile, p)
    fields = _filled_points(profile.filled, p)
    backing = _backing_earned(taken, profile, p)
    scores = {}
    for k, criterion in enumerate(p.criteria):
        earned = fields[k] + dimensions[k] + backing[k]
        if field_findings:
            earned -= _fields_taken(criterion, field_findings, profile, p)
        possible = p.possible[criterion]
        share = earned / possible if possible else _ONE
        value = (_HUNDRED * max(_ZERO, share)).quantize(_ONE_PLACE, ROUND_HALF_UP)
        scores[criterion] = _one(value, numbers)
    return scores


def _filled_points(filled: frozenset[str], p: _Plan) -> tuple[Decimal, ...]:
    """Points of the filled fields per criterion (forms fill the same fields: kept, bounded)."""
    found = p.filled_points.get(filled)
    if found is None:
        found = tuple(
            sum((p.fields[f][c] for f in filled if f in p.fields), _ZERO) for c in p.criteria
        )
        if len(p.filled_points) < 1024:
            p.filled_points[filled] = found
    return found


def _fields_taken(criterion: str, findings: list[Finding], profile: Profile, p: _Plan) -> Decimal:
    """What the findings at fields take, scaled so that no field gives more than it earns."""
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
    return sum(
        (
            nominal * min(min(_ONE, p.fields[x][criterion] / load[x]) for x in involved)
            for nominal, involved in taken
        ),
        _ZERO,
    )


def _dimensions_earned(
    taken: dict[int, list[int]], profile: Profile, p: _Plan
) -> tuple[Decimal, ...]:
    """Per criterion, each dimension's points times the quality of its rows: the sum of their
    qualities (percent: 100 for a row without findings) out of what fills it."""
    n = len(p.criteria)
    rows = profile.rows
    lost: dict[str, list[int]] = {}  # heading -> percent of quality its rows lost, per criterion
    for index, row in taken.items():
        if index < len(rows):
            clipped = [t if t < 100 else 100 for t in row]
            for heading in profile.headings[rows[index]]:
                into = lost.get(heading)
                lost[heading] = (
                    clipped if into is None else [a + b for a, b in zip(into, clipped, strict=True)]
                )
    earned = [_ZERO] * n
    for heading, count in profile.counts:
        found = p.fill.get(heading)
        if found is None:
            continue
        full, per_percent = found
        minus = lost.get(heading)
        for k in range(n):
            if per_percent[k]:
                have = 100 * count - (minus[k] if minus else 0)
                earned[k] += per_percent[k] * min(full, have)
    return tuple(earned)


def _backing_earned(taken: dict[int, list[int]], profile: Profile, p: _Plan) -> tuple[Decimal, ...]:
    """Per criterion, points for the specific rows, each counted by its quality, out of the
    number the funds call for."""
    n = len(p.criteria)
    if not profile.needed or not profile.specific:
        return (_ZERO,) * n
    sound = [0] * n
    for index in profile.specific:
        row = taken.get(index)
        if row is None:
            for k in range(n):
                sound[k] += 100
        else:
            for k in range(n):
                sound[k] += max(0, 100 - row[k])
    full = 100 * profile.needed
    return tuple(p.backing[c] * min(full, sound[k]) / full for k, c in enumerate(p.criteria))


def _one(value: Decimal, numbers: dict[Decimal, Decimal]) -> Decimal:
    """One object per value (`numbers`, the review's memo): scores come from a few thousand
    values, forms by the hundred thousand."""
    return numbers.setdefault(value, value) if len(numbers) < 10_000 else value


def total_score(
    criteria: dict[str, Decimal], memo: ReviewMemo, profile: Profile | None = None
) -> Decimal:
    """The weighted mean of the criteria, capped where the form lacks whole parts."""
    weights = memo.settings.criteria_weights
    total = sum((criteria[name] * w for name, w in weights.items()), Decimal(0))
    score = (total / sum(weights.values())).quantize(_ONE_PLACE, ROUND_HALF_UP)
    if profile is not None:
        score = min(score, ceiling(profile, memo.plan))
    return _one(score, memo.table(_one))


def ceiling(profile: Profile, p: _Plan) -> Decimal:
    """The best score a form can have for what it lacks: no indicators at all, or no indicator
    under a required level-1 heading (filed there, and belonging there). Removing content can
    only lower it."""
    if not profile.rows:
        return p.no_indicators
    belonging: set[str] = set().union(*profile.headings)
    if not p.required_level1 <= (belonging & profile.filed):
        return p.missing_level1
    return _HUNDRED


def grade_of(score: Decimal, has_error: bool, settings: ReviewSettings) -> str:
    bands = settings.grade_bands
    grade = band_of(score, bands)
    best = settings.get("grades.best_with_errors", None)
    order = [g for _, g in bands]
    if has_error and best in order and order.index(grade) < order.index(best):
        return best
    return grade
