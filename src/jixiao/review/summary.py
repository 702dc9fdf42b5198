"""The summary of a review (docs/review.md, "Output"): counts by category and severity, the
grades, the worst forms and the funds at risk, from the reviews whole or as they go by (`Tally`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal

from jixiao.review.model import CATEGORIES, FormReview, ReviewReport, Severity, Summary
from jixiao.review.settings import ReviewSettings

_ONE_PLACE = Decimal("0.1")


class Counts:
    """Findings by category and by severity."""

    def __init__(self) -> None:
        self.by_category = Counter({c: 0 for c in CATEGORIES})
        self.by_severity = Counter({s.value: 0 for s in Severity})

    def add(self, review: FormReview) -> None:
        for finding in review.findings:
            self.by_category[finding.category] += 1
            self.by_severity[finding.severity.value] += 1


def summarise(
    reviews: Sequence[FormReview], settings: ReviewSettings, counts: Counts | None = None
) -> Summary:
    """Counts by category and severity (`counts`, if the findings were counted as they went by),
    the worst forms, funds of forms graded 中 or 差."""
    if counts is None:
        counts = Counts()
        for review in reviews:
            counts.add(review)
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
        by_category=dict(counts.by_category),
        by_severity=dict(counts.by_severity),
        worst_forms=tuple(worst[:count]),
        funds_at_risk_yuan=at_risk,
        average_score=average.quantize(_ONE_PLACE, ROUND_HALF_UP),
    )


class Tally:
    """The reviews of a stream passed on one by one (`passing`), and what the summary reads of
    them kept (the score, grade and names; not the findings, counted as they go): the report
    they make, with its summary, once the last has gone by (`report`)."""

    def __init__(self, settings: ReviewSettings, sources: Sequence[str] = ()) -> None:
        self.settings = settings
        self.sources = tuple(sources)
        self.slim: list[FormReview] = []
        self.counts = Counts()

    def passing(self, reviews: Iterable[FormReview]) -> Iterator[FormReview]:
        for review in reviews:
            self.counts.add(review)
            self.slim.append(
                FormReview(
                    review.seq,
                    review.project_name,
                    review.form_index,
                    review.score,
                    review.grade,
                    {},
                    (),
                    review.requested_yuan,
                    review.source,
                )
            )
            yield review

    def report(self) -> ReviewReport:
        """The report of the reviews gone by, their findings left out (the summary has them)."""
        forms = tuple(self.slim)
        return ReviewReport(
            forms=forms,
            summary=summarise(forms, self.settings, self.counts),
            settings_name=self.settings.name,
            sources=self.sources,
        )
