"""A self-evaluation table scored (docs/evaluation.md): the execution, each row, the total and the
grade, recomputed; every figure the table states that disagrees is a finding with both figures
and the formula, in the review's finding shape (`jixiao.review.model.Finding`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.target import FIGURES, Target, TargetKind, parse_target
from jixiao.evaluation import findings as said
from jixiao.evaluation.achieved import achievement, actual_figure
from jixiao.evaluation.model import Achievement, EvalRow, SelfEvaluation
from jixiao.evaluation.scoring import (
    HUNDRED,
    ZERO,
    Computed,
    execution_rate,
    execution_score,
    figure,
    qualitative,
    round2,
)
from jixiao.evaluation.settings import EvaluationSettings
from jixiao.evaluation.weights import missing_groups, row_weights
from jixiao.review.model import Finding


@dataclass(frozen=True)
class Execution:
    """预算执行率 and its score; None where the budget or the spending is not stated."""

    budget: Decimal | None
    spent: Decimal | None
    rate: Decimal | None  # percent, rounded
    weight: Decimal
    score: Decimal | None
    basis: str = ""


@dataclass(frozen=True)
class ScoredRow:
    """A row with its weight (None: not applicable), score and how it was reached."""

    row: EvalRow
    index: int
    target: Target
    weight: Decimal | None
    score: Decimal | None
    basis: str
    achievement: Achievement | None = None
    ratio: Decimal | None = None  # actual ÷ target in %, for figures
    computed: bool = True  # False: the formula could not be applied (the unit's score is kept)


@dataclass(frozen=True)
class Evaluation:
    table: SelfEvaluation
    execution: Execution
    rows: tuple[ScoredRow, ...]
    score: Decimal
    grade: str
    findings: tuple[Finding, ...]
    settings: str = "default"


def evaluate(table: SelfEvaluation, settings: EvaluationSettings) -> Evaluation:
    execution = score_execution(table, settings)
    weights = row_weights(table.rows, settings)
    rows = tuple(
        score_row(i, row, weight, settings)
        for i, (row, weight) in enumerate(zip(table.rows, weights, strict=True))
    )
    total = round2((execution.score or ZERO) + sum((r.score or ZERO for r in rows), ZERO))
    findings = said.findings_of(
        table, execution, rows, total, missing_groups(table.rows, settings), settings
    )
    return Evaluation(table, execution, rows, total, settings.grade(total), findings, settings.name)


def score_execution(table: SelfEvaluation, settings: EvaluationSettings) -> Execution:
    line = table.total_line
    stated = line.stated_weight if line else None
    weight = stated if stated is not None else settings.execution_weight
    if line is None or line.budget is None or line.spent is None or line.budget <= 0:
        return Execution(
            line.budget if line else None, line.spent if line else None, None, weight, None
        )
    found = execution_score(weight, line.budget, line.spent)
    rate = execution_rate(line.budget, line.spent)
    return Execution(line.budget, line.spent, rate, weight, round2(found.value), found.basis)


def score_row(
    index: int, row: EvalRow, weight: Decimal | None, settings: EvaluationSettings
) -> ScoredRow:
    target = parse_target(row.target)
    if weight is None:
        return ScoredRow(row, index, target, None, None, "不适用，不计分")
    if target.kind in FIGURES:
        value = actual_figure(target, row.actual)
        if value is not None:
            found = figure(weight, target, value, settings)
            aim = target.low if target.kind is TargetKind.RANGE else target.value
            ratio = round2(value / aim * HUNDRED) if aim else None
            return ScoredRow(
                row, index, target, weight, round2(found.value), found.basis, ratio=ratio
            )
    level = row.achievement or achievement(target, row.actual)
    if level is None:
        return _unscored(row, index, target, weight)
    found = qualitative(weight, level, row.stated_score, settings)
    return ScoredRow(row, index, target, weight, round2(found.value), found.basis, level)


def _unscored(row: EvalRow, index: int, target: Target, weight: Decimal) -> ScoredRow:
    """The formula cannot be applied (no actual value, another unit, a wording that does not say
    how far the target was met): the unit's own score is kept, capped at the weight, and said."""
    kept = None if row.stated_score is None else min(weight, max(ZERO, row.stated_score))
    basis = "无法按公式核算，" + ("保留自评得分" if kept is not None else "计 0 分")
    found = Computed(kept if kept is not None else ZERO, basis)
    return ScoredRow(row, index, target, weight, round2(found.value), found.basis, computed=False)
