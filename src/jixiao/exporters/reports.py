"""Writers of the review report (`jixiao review --format`): text, JSON, HTML, Excel.

Like the form exporters, each is a small class registered with `@register_report` in its own
module (`review_<name>.py`), listed in `REPORTS` in the order `--help` shows them. `render`
writes a whole report; a writer that can be written form by form as the forms are reviewed
(`streamed`) also implements `stream`, given the report as it is made (`Unfolding`), and writes
the same bytes.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from jixiao.exporters import Writer
from jixiao.i18n import Text
from jixiao.interchange import Batch
from jixiao.plugins import Registry

if TYPE_CHECKING:
    from jixiao.review.model import FormReview, ReviewReport

Written = str | bytes | Iterator[bytes]


@dataclass(frozen=True)
class Unfolding:
    """A review report as it is made: what is known first, the reviews as they come (each let
    go once written), and the whole report once the last review has gone by (`final`)."""

    settings_name: str
    sources: Sequence[str]
    count: int
    reviews: Iterable[FormReview]
    final: Callable[[], ReviewReport]


class ReportWriter(Writer):
    """One format of the review report. Subclasses set the class attributes and `render`."""

    streamed: ClassVar[bool] = False

    @abstractmethod
    def render(self, report: ReviewReport, batch: Batch) -> Written:
        """The whole report (the batch gives what the report shows of the forms themselves)."""

    def stream(self, unfolding: Unfolding) -> Iterator[bytes]:
        """The report written as it is made: the bytes `render` gives (only if `streamed`)."""
        raise NotImplementedError(self.identifier)


REPORTS: Registry[type[ReportWriter]] = Registry(
    "review report format",
    modules=(
        "jixiao.exporters.review_text",
        "jixiao.exporters.review_json",
        "jixiao.exporters.review_html",
        "jixiao.exporters.review_xlsx",
    ),
)


def register_report(cls: type[ReportWriter]) -> type[ReportWriter]:
    """Class decorator: make a report format known (`REPORTS`) under its identifier."""
    return REPORTS.register(cls.identifier)(cls)


def report_writer(identifier: str) -> ReportWriter:
    unknown = Text("未知报告格式：{f}（可用：{all}）", "unknown report format: {f} (known: {all})")
    return REPORTS.require(identifier, unknown)()
