"""`jixiao/review@1`: the review report as JSON (docs/review.md, output)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from typing import Any

import orjson

from jixiao.domain.target import format_decimal
from jixiao.exporters.reports import ReportWriter, Unfolding, register_report
from jixiao.i18n import Text
from jixiao.interchange import Batch, items, nested
from jixiao.review.model import Finding, FormReview, ReviewReport

SCHEMA = "jixiao/review@1"


def finding_to_json(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity.value,
        "message": finding.message.zh,
        "hint": finding.hint.zh,
        "location": finding.location.to_json(),
        "basis": finding.basis.to_json(),
        "en": {"message": finding.message.en, "hint": finding.hint.en},
    }
    if finding.suggestion:
        data["suggestion"] = dict(finding.suggestion)
    if finding.related_forms:
        data["related_forms"] = list(finding.related_forms)
    return data


def form_review_to_json(review: FormReview) -> dict[str, Any]:
    return {
        "seq": review.seq,
        "source": review.source,
        "project_name": review.project_name,
        "score": float(review.score),
        "grade": review.grade,
        "criteria_scores": {k: float(v) for k, v in review.criteria_scores.items()},
        "requested_yuan": format_decimal(review.requested_yuan)
        if review.requested_yuan is not None
        else None,
        "findings": [finding_to_json(f) for f in review.findings],
        "import_notes": [
            {"code": n.code, "message": n.message, "line": n.line} for n in review.import_notes
        ],
    }


def to_json(report: ReviewReport) -> dict[str, Any]:
    """The whole report as a JSON-ready dict."""
    return {
        "schema": SCHEMA,
        "settings": report.settings_name,
        "sources": list(report.sources),
        "forms": [form_review_to_json(r) for r in report.forms],
        "summary": summary_to_json(report),
    }


def iter_json(report: ReviewReport) -> Iterator[bytes]:
    """`to_json(report)` as UTF-8 JSON (two-space indent, text as written), piece by piece: one
    form at a time, so that a writer passes each on and no document is built whole."""
    return stream_json(report.settings_name, report.sources, report.forms, lambda: report)


def stream_json(
    settings_name: str,
    sources: Sequence[str],
    reviews: Iterable[FormReview],
    final: Callable[[], ReviewReport],
) -> Iterator[bytes]:
    """`iter_json` of reviews as they come (`engine.Review.reviews`), each let go once written:
    the summary is read from `final()`, the report once the last review has gone by
    (`summary.Tally`)."""
    yield b'{\n  "schema": ' + orjson.dumps(SCHEMA)
    yield b',\n  "settings": ' + orjson.dumps(settings_name)
    yield b',\n  "sources": ' + nested(list(sources))
    yield b',\n  "forms": '
    given = iter(reviews)
    first = next(given, None)
    if first is None:
        yield from items(iter(()), False)
    else:
        yield from items((form_review_to_json(r) for r in chain((first,), given)), True)
    yield b',\n  "summary": ' + nested(summary_to_json(final()))
    yield b"\n}\n"


def summary_to_json(report: ReviewReport) -> dict[str, Any]:
    summary = report.summary
    return {
        "forms": summary.forms,
        "average_score": float(summary.average_score),
        "grades": dict(summary.grades),
        "by_category": dict(summary.by_category),
        "by_severity": dict(summary.by_severity),
        "worst_forms": [
            {
                "seq": report.forms[i].seq,
                "project_name": report.forms[i].project_name,
                "score": float(report.forms[i].score),
                "grade": report.forms[i].grade,
            }
            for i in summary.worst_forms
        ],
        "funds_at_risk_yuan": format_decimal(summary.funds_at_risk_yuan),
    }


@register_report
class JsonReport(ReportWriter):
    identifier = "json"
    label = Text("JSON（jixiao/review@1）", "JSON (jixiao/review@1)")
    media_type = "application/json"
    streamed = True

    def render(self, report: ReviewReport, batch: Batch) -> Iterator[bytes]:
        return iter_json(report)  # written form by form

    def stream(self, unfolding: Unfolding) -> Iterator[bytes]:
        u = unfolding
        return stream_json(u.settings_name, u.sources, u.reviews, u.final)
