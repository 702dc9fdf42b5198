"""Run the core review (`jixiao.review`) on stored forms and keep its findings.

The review is computed before the database is written (`review_core`), so that the write
transaction (`store_review`) only inserts rows and holds the database for milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.db import transaction

from jixiao.domain import Form as CoreForm
from jixiao.interchange import Batch
from jixiao.review import FormReview, ReviewReport, review_batch, to_json
from jixiao.review.engine import default_settings
from jixiao.review.summary import summarise
from jixiao_web.forms.models import Form
from jixiao_web.reviews.models import Finding, ReviewRun
from jixiao_web.services.forms import to_core

REVIEW_FIELDS = ["review_run", "score", "grade", "finding_count", "finding_categories"]


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


def apply_review(form: Form, review: FormReview, run: ReviewRun | None) -> None:
    """Set the review's figures on a form row (saved by the caller)."""
    form.review_run = run
    form.score = Decimal(review.score).quantize(Decimal("0.01"))
    form.grade = review.grade
    form.finding_count = len(review.findings)
    # "|a|b|": delimited on both sides so a filter matches whole category names only
    categories = sorted({f.category for f in review.findings})
    form.finding_categories = f"|{'|'.join(categories)}|" if categories else ""


def review_core(forms: Sequence[CoreForm]) -> ReviewReport:
    """The review of forms together (cross-form rules see them all); touches no database."""
    return review_batch(Batch(forms=tuple(forms)))


def new_run(report: ReviewReport, user: Any = None, batch: Any = None) -> ReviewRun:
    """The run of a computed review, not saved yet."""
    summary = to_json(report).get("summary", {})
    return ReviewRun(created_by=user, batch=batch, summary=summary)


def finding_rows(run: ReviewRun, form: Form, review: FormReview) -> list[Finding]:
    """The finding rows of one form's review (`run` and `form` may be saved later)."""
    return [_finding(run, form, i, f) for i, f in enumerate(review.findings)]


def findings_of(run: ReviewRun, report: ReviewReport, rows: Sequence[Form]) -> list[Finding]:
    """The finding rows of `report` for `rows` (in the report's order); sets their figures."""
    findings: list[Finding] = []
    for review in report.forms:
        row = rows[review.form_index]
        apply_review(row, review, run)
        findings += finding_rows(run, row, review)
    return findings


def store_review(report: ReviewReport, rows: Sequence[Form], user: Any, batch: Any) -> ReviewRun:
    """Write a computed review of stored `rows` (call inside a transaction)."""
    run = new_run(report, user, batch)
    run.save()
    Finding.objects.bulk_create(findings_of(run, report, rows))
    Form.objects.bulk_update(list(rows), REVIEW_FIELDS)
    return run


# Above this many forms in one import, a save reviews the form alone (a few ms) rather than the
# whole import (about a second per thousand forms); cross-form findings then wait for a batch review.
SIBLING_LIMIT = 200


def review_group(obj: Form) -> list[Form]:
    """The forms a stored form is reviewed with: the others of its import, so that cross-form
    rules still see them, unless there are too many (`SIBLING_LIMIT`); in their import order."""
    siblings = Form.objects.filter(import_batch_id=obj.import_batch_id)
    if obj.import_batch_id and siblings.count() <= SIBLING_LIMIT:
        return list(siblings.order_by("source_file_id", "seq", "id"))
    return [obj]


def review_of(obj: Form) -> ReviewReport:
    """The review of one stored form, worked out as its save works it out (`review_group`), as
    a report of that form alone; writes nothing. Cross-form findings keep `related_forms`:
    indexes into `review_group(obj)`."""
    rows = review_group(obj)
    report = review_core([to_core(r) for r in rows])
    index = next(i for i, row in enumerate(rows) if row.pk == obj.pk)
    mine = replace(next(r for r in report.forms if r.form_index == index), form_index=0)
    settings = default_settings()
    return ReviewReport((mine,), summarise((mine,), settings), report.settings_name)


def review_forms(forms: Sequence[Form], user: Any = None, batch: Any = None) -> ReviewRun | None:
    """Review stored forms together and keep the findings; None when there are none."""
    if not forms:
        return None
    report = review_core([to_core(f) for f in forms])
    with transaction.atomic():
        return store_review(report, forms, user, batch)
