"""Run the core review (`jixiao.review`) on stored forms and keep its findings.

The review engine is a separate part of the core; while it is absent, forms are stored without
a review and the pages say so.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from decimal import Decimal
from types import ModuleType
from typing import Any

from django.db import transaction

from jixiao.interchange import Batch
from jixiao_web.goals.models import Form
from jixiao_web.reviews.models import Finding, ReviewRun
from jixiao_web.services.forms import to_core


def engine() -> ModuleType | None:
    """The review engine, or None when it is not installed yet."""
    try:
        module = importlib.import_module("jixiao.review")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("jixiao.review"):
            return None
        raise
    return module if hasattr(module, "review_batch") else None


def _text(value: Any, lang: str) -> str:
    return str(getattr(value, lang, value) or "")


def _json(value: Any) -> Any:
    if value is None:
        return {}
    return value.to_json() if hasattr(value, "to_json") else value


def _finding(run: ReviewRun, form: Form, position: int, item: Any) -> Finding:
    return Finding(
        run=run,
        form=form,
        position=position,
        rule=item.rule,
        category=item.category,
        severity=str(item.severity),
        message=_text(item.message, "zh"),
        message_en=_text(item.message, "en"),
        hint=_text(item.hint, "zh"),
        hint_en=_text(item.hint, "en"),
        location=_json(item.location),
        basis=_json(item.basis),
        suggestion=dict(item.suggestion) if getattr(item, "suggestion", None) else None,
    )


def _apply(run: ReviewRun, form: Form, review: Any) -> list[Finding]:
    findings = [_finding(run, form, i, f) for i, f in enumerate(review.findings)]
    form.review_run = run
    form.score = Decimal(review.score).quantize(Decimal("0.01"))
    form.grade = review.grade
    form.finding_count = len(findings)
    # "|a|b|": delimited on both sides so a filter matches whole category names only
    categories = sorted({f.category for f in findings})
    form.finding_categories = f"|{'|'.join(categories)}|" if categories else ""
    return findings


@transaction.atomic
def review_forms(forms: Sequence[Form], user: Any = None, batch: Any = None) -> ReviewRun | None:
    """Review the forms together (cross-form rules see them all); None without an engine."""
    module = engine()
    if module is None or not forms:
        return None
    core = Batch(forms=tuple(to_core(f) for f in forms))
    report = module.review_batch(core)
    run = ReviewRun.objects.create(created_by=user, batch=batch, summary=_summary(module, report))
    findings: list[Finding] = []
    for review in report.forms:
        findings += _apply(run, forms[review.form_index], review)
    Finding.objects.bulk_create(findings)
    fields = ["review_run", "score", "grade", "finding_count", "finding_categories"]
    Form.objects.bulk_update(list(forms), fields)
    return run


def _summary(module: Any, report: Any) -> dict[str, Any]:
    to_json = getattr(module, "to_json", None)
    if to_json is None:
        return {}
    data = to_json(report)
    return data.get("summary", {}) if isinstance(data, dict) else {}
