"""`jixiao review` to JSON or text, streamed: the files are read one at a time, each form is
reviewed by the per-form rules as it comes and let go, and the report is written form by form
once the batch rules have spoken (`engine.Review`; docs/benchmarks.md has the figures).

The settings depend on the budget year most forms give (`[rulesets.*]`), known only after the
last file. The review starts with the year of the first file; in the rare batch whose other
files change the rule sets that apply, the files are read and reviewed again with the right
ones, so the report is always the one the whole batch would give.
"""

from __future__ import annotations

import argparse
import contextlib
import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence

from jixiao.cli import collector
from jixiao.cli.common import on_match, read_into, write_output
from jixiao.domain.form import Form, Source
from jixiao.exporters.reports import Unfolding, report_writer
from jixiao.interchange import Batch
from jixiao.review import FormReview, Severity, load_settings
from jixiao.review.engine import Review
from jixiao.review.settings import ReviewSettings
from jixiao.review.summary import Tally

FAIL_ON = {"error": {Severity.ERROR}, "warning": {Severity.ERROR, Severity.WARNING}}


def settings_for(args: argparse.Namespace, years: Counter[int]) -> ReviewSettings:
    """The settings of the command: `--budget-year`, else the year most forms give (`years`)."""
    year = args.budget_year or (years.most_common(1)[0][0] if years else None)
    return load_settings(args.settings, args.region, year)


class Reviewing:
    """A sink of `read_into` (`jixiao.cli.streamed.Sink`) that reviews the forms: a file's forms
    wait until the file is read whole (a file that fails mid-way is cut, and takes them with it),
    then each is reviewed and let go (`engine.Review.add`). Forms that replace earlier ones
    (`drop`) are not taken: `--on-match replace` reads the batch whole."""

    def __init__(
        self, args: argparse.Namespace, settings: ReviewSettings | None, settle: Callable[[], None]
    ) -> None:
        self.args = args
        self.settle = settle
        self.review = Review(settings, settle) if settings else None
        self.years: Counter[int] = Counter()  # of the forms reviewed, as `_budget_year` counts
        self.waiting: list[Form] = []  # the forms of the file being read
        self.added = 0

    def __len__(self) -> int:
        return self.added

    def add(self, form: Form, sources: Sequence[Source]) -> None:
        if self.waiting and form.source != self.waiting[-1].source:
            self.flush()  # the file before this one was read whole
        self.waiting.append(form)
        self.added += 1

    def cut(self, size: int) -> None:
        del self.waiting[len(self.waiting) - (self.added - size) :]
        self.added = size

    def drop(self, place: int) -> None:
        raise AssertionError("--on-match replace reads the batch whole")

    def flush(self) -> None:
        """The waiting forms reviewed (the first of them choose the settings, if none given)."""
        if self.review is None and self.waiting:
            first = Counter(f.budget_year for f in self.waiting if f.budget_year)
            self.review = Review(settings_for(self.args, first), self.settle)
        for form in self.waiting:
            if form.budget_year:
                self.years[form.budget_year] += 1
            self.review.add(form)  # type: ignore[union-attr]
        self.waiting = []

    def done(self) -> Review:
        self.flush()
        return self.review or Review(settings_for(self.args, self.years), self.settle)


def _read(
    args: argparse.Namespace, settings: ReviewSettings | None, settle: Callable[[], None]
) -> tuple[Reviewing, Batch]:
    sink = Reviewing(args, settings, settle)
    frame = read_into(sink, args.files, args.input_format, args.skip_bad, on_match(args))
    return sink, frame


def _reviewed(args: argparse.Namespace, settle: Callable[[], None]) -> tuple[Review, Batch]:
    sink, frame = _read(args, None, settle)
    review = sink.done()
    right = settings_for(args, sink.years)
    if right.name != review.settings.name:  # the batch's year calls for other rule sets
        review.kept.close()
        with contextlib.redirect_stderr(io.StringIO()):  # the first reading said it all
            sink, frame = _read(args, right, settle)
        review = sink.done()
    return review, frame


def _watched(
    reviews: Iterable[FormReview], hit: set[Severity], seen: list[bool]
) -> Iterator[FormReview]:
    """The reviews passed on; `seen` gets True once a finding of a severity in `hit` goes by."""
    for review in reviews:
        if hit and not seen and any(f.severity in hit for f in review.findings):
            seen.append(True)
        yield review


def streamed(args: argparse.Namespace) -> bool:
    """The command, streamed; whether a finding is as bad as `--fail-on` asks."""
    with collector.settled() as settle:
        review, frame = _reviewed(args, settle)
        paths = tuple(s.path for s in frame.sources)
        tally = Tally(review.settings, paths)
        seen: list[bool] = []
        hit = FAIL_ON[args.fail_on] if args.fail_on else set()
        reviews = _watched(tally.passing(review.reviews()), hit, seen)
        unfolding = Unfolding(review.settings.name, paths, review.count, reviews, tally.report)
        write_output(report_writer(args.format).stream(unfolding), args.output)
    return bool(seen)
