"""Monitoring (绩效运行监控) and self-evaluation (绩效自评): lights and scores. No Django.

- `model`: the self-evaluation table as the unit fills it in (header, funds block, goals,
  indicator rows with target, actual, weight and the unit's own score) — what the table reader,
  the web app and the writers share;
- `settings`: every weight, band and formula variant, read from the `[evaluation]` and
  `[monitoring]` tables of the review settings file (docs/evaluation.md);
- `scoring`: the formulas, exact `Decimal`, each score rounded half-up to two decimals;
- `evaluate`: a table scored, and every stated figure that disagrees with the recomputation as a
  finding in the review's finding shape;
- `lights`: the monitoring lights of spending and indicators, per row, form and unit.
"""

from jixiao.evaluation.evaluate import Evaluation, ScoredRow, evaluate
from jixiao.evaluation.lights import Light
from jixiao.evaluation.model import Achievement, EvalRow, FundsLine, SelfEvaluation, from_form
from jixiao.evaluation.settings import EvaluationSettings, evaluation_settings

__all__ = [
    "Achievement",
    "EvalRow",
    "Evaluation",
    "EvaluationSettings",
    "FundsLine",
    "Light",
    "ScoredRow",
    "SelfEvaluation",
    "evaluate",
    "evaluation_settings",
    "from_form",
]
