"""Automated review of performance goals (审核): rules, findings, score and grade.

Contract (stable; the web app, the API, background jobs and the CLI call these):

- `review_batch(batch, settings=None) -> ReviewReport`: per-form rules, then batch rules
  (shared boilerplate, the same project twice). `ReviewReport.forms` is a tuple of `FormReview`
  in the order of the batch; `ReviewReport.summary` is a `Summary`.
- `review_forms(forms, settings=None, sources=()) -> ReviewReport`: the same on any iterable of
  forms, consumed as it comes (for batches too large to hold: the benchmark streams 100,000).
- `review_form(form, settings=None) -> FormReview`: one form, per-form rules only (the editor
  re-runs it on save).
- `FormReview(seq, project_name, form_index, score, grade, criteria_scores, findings)`: score is a
  `Decimal` 0–100, grade 优/良/中/差, `criteria_scores` maps 完整性/相关性/适当性/可行性 to `Decimal`.
- `Finding(rule, category, severity, message, hint, location, basis, suggestion, related_forms)`:
  `rule` a stable id (`funds.E001`), `category` one of the table of docs/review.md (`CATEGORIES`; a rule
  that crashed gives `engine.E001` with category `engine_error`, never scored), `severity` a
  `Severity` (error/warning/info), `message`/`hint` `jixiao.i18n.Text` (Chinese, English),
  `location` a `Location(field, indicator, line)` (indicator: 0-based index in `form.indicators`),
  `basis` a `Basis(text, setting)`: the text read and the setting applied; `suggestion` a dict
  (`name`, `level1`, `level2`, `target`) where a rule can propose the fix; `related_forms` the
  0-based batch indexes of the other forms a batch finding concerns.
- `grades(settings=None) -> tuple[str, ...]`: the grades a review gives, best first.
- `score_bands(settings=None)`: each grade's band of scores, (grade, lowest, end or None).
- `load_settings(path=None, region=None, budget_year=None) -> ReviewSettings`: the bundled
  `jixiao/data/review/rules.toml`, a file merged over it, and the matching `[rulesets.*]`.
- `to_json(report) -> dict`: `jixiao/review@1` as docs/review.md says.

Rules live one per module in `jixiao.review.rules` (see `jixiao.review.registry`).
"""

from typing import Any

from jixiao.review.engine import grades, review_batch, review_form, review_forms, score_bands
from jixiao.review.model import (
    CATEGORIES,
    Basis,
    Finding,
    FormReview,
    Location,
    ReviewReport,
    Severity,
    Summary,
)
from jixiao.review.settings import ReviewSettings, load_settings

__all__ = [
    "CATEGORIES",
    "Basis",
    "Finding",
    "FormReview",
    "Location",
    "ReviewReport",
    "ReviewSettings",
    "Severity",
    "Summary",
    "grades",
    "load_settings",
    "review_batch",
    "review_form",
    "review_forms",
    "score_bands",
    "to_json",
]


def __getattr__(name: str) -> Any:
    """`to_json` is the JSON writer's (`jixiao.exporters.review_json`), which reads this
    package's model: taken when first asked for, so that either may be imported first."""
    if name == "to_json":
        from jixiao.exporters.review_json import to_json

        return to_json
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
