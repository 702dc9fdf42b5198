"""`jixiao/selfeval@1`: scored self-evaluation tables as JSON (docs/evaluation.md, *JSON*).

Every amount, rate and score is a string with two decimals (`"8.62"`, `"92.00"`), null where the
table leaves it empty; findings have the review's finding shape (`jixiao/review@1`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from jixiao.evaluation.evaluate import Evaluation, ScoredRow
from jixiao.evaluation.scoring import round2
from jixiao.exporters.review_json import finding_to_json

SCHEMA = "jixiao/selfeval@1"


def two(value: Decimal | None) -> str | None:
    return None if value is None else f"{round2(value):f}"


def row_json(r: ScoredRow) -> dict[str, Any]:
    return {
        "level1": r.row.level1,
        "level2": r.row.level2,
        "name": r.row.name,
        "target": r.row.target,
        "actual": r.row.actual,
        "weight": two(r.weight),
        "score": two(r.score),
        "stated_score": two(r.row.stated_score),
        "basis": r.basis,
        "applicable": r.row.applicable,
        "achievement": r.achievement.value if r.achievement else None,
        "reason": r.row.reason,
    }


def form_json(ev: Evaluation) -> dict[str, Any]:
    table, execution = ev.table, ev.execution
    line = table.total_line
    return {
        "project_name": table.project_name,
        "supervising_department": table.supervising_department,
        "implementing_unit": table.implementing_unit,
        "budget_year": table.budget_year,
        "source": table.source,
        "execution": {
            "budget": two(execution.budget),
            "spent": two(execution.spent),
            "rate": two(execution.rate),
            "weight": two(execution.weight),
            "score": two(execution.score),
            "stated_rate": two(line.stated_rate if line else None),
            "stated_score": two(line.stated_score if line else None),
            "basis": execution.basis,
        },
        "rows": [row_json(r) for r in ev.rows],
        "score": two(ev.score),
        "stated_score": two(table.stated_total),
        "grade": ev.grade,
        "findings": [finding_to_json(f) for f in ev.findings],
    }


def document(evaluations: Sequence[Evaluation], settings: str = "default") -> dict[str, Any]:
    return {"schema": SCHEMA, "settings": settings, "forms": [form_json(e) for e in evaluations]}
