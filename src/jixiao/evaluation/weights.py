"""The weight (分值) of each indicator row (docs/evaluation.md, *Weights*).

Rows keep the weight their table states. Rows without one share their level-1 heading's points
equally (`[evaluation.weights]`; `[evaluation.shares]` names headings scored with another's
points); a heading without rows gives its points to the others in proportion. Rows marked not
applicable are dropped and the others rescaled, so that the indicators are still worth
100 less the execution's weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jixiao.domain.taxonomy import canonical_level1, level1_of_level2
from jixiao.evaluation.model import EvalRow
from jixiao.evaluation.scoring import ZERO, share
from jixiao.evaluation.settings import EvaluationSettings


def groups(rows: Sequence[EvalRow], settings: EvaluationSettings) -> list[str | None]:
    """Each row's weight group: its level-1 heading (or its level-2 heading's parent, or the
    heading above it, as a merged cell leaves it empty), mapped through `shares`."""
    found: list[str | None] = []
    last: str | None = None
    for row in rows:
        level1 = canonical_level1(row.level1) or level1_of_level2(row.level2) or last
        last = level1
        group = settings.shares.get(level1 or "", level1)
        found.append(group if group in settings.weights else None)
    return found


def row_weights(rows: Sequence[EvalRow], settings: EvaluationSettings) -> list[Decimal | None]:
    """The weight of each row; None for a row not applicable."""
    live = [i for i, r in enumerate(rows) if r.applicable]
    weights: list[Decimal | None] = [None] * len(rows)
    stated = [i for i in live if rows[i].weight is not None]
    if stated and len(stated) == len(live):
        given = [rows[i].weight or ZERO for i in live]
        dropped = any(not r.applicable and r.weight is not None for r in rows)
        total = settings.indicator_points if dropped else sum(given, ZERO)
        for i, w in zip(live, share(total, given) if dropped else given, strict=True):
            weights[i] = w
        return weights
    left = settings.indicator_points - sum((rows[i].weight or ZERO for i in stated), ZERO)
    open_rows = [i for i in live if rows[i].weight is None]
    for i in stated:
        weights[i] = rows[i].weight
    points = _points(open_rows, groups(rows, settings), settings, max(left, ZERO))
    for i, w in zip(open_rows, points, strict=True):
        weights[i] = w
    return weights


def _points(
    open_rows: list[int], group_of: list[str | None], settings: EvaluationSettings, total: Decimal
) -> list[Decimal]:
    """Shares of `total` for the rows: each present heading's points split among its rows."""
    counts: dict[str, int] = {}
    for i in open_rows:
        key = group_of[i]
        if key is not None:
            counts[key] = counts.get(key, 0) + 1
    parts = [
        settings.weights[g] / counts[g] if (g := group_of[i]) is not None else ZERO
        for i in open_rows
    ]
    return share(total, parts)


def missing_groups(rows: Sequence[EvalRow], settings: EvaluationSettings) -> list[str]:
    """Headings with points but no applicable row (their points went to the others)."""
    present = {g for g, r in zip(groups(rows, settings), rows, strict=True) if r.applicable}
    return [g for g, w in settings.weights.items() if w > 0 and g not in present]
