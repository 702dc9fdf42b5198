"""CSV with one row per indicator: the long table's columns (`long_table`, shared with the xlsx
long format) after the source file, then the target as read (operator, value, unit, kind) and
the source lines, for people who sort and filter in a spreadsheet.

Written as UTF-8 with a BOM so that Excel, which most finance offices open CSV files with, reads
the Chinese text correctly. A form without indicators still gets one row, so no form is lost.
A text a spreadsheet would run as a formula (`=1+1`, `@SUM(A1)`, the target `=100%`) is written
with a leading `'` (`no_formulas.csv_value`, docs/exports.md); plain numbers such as `-5` are not.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from jixiao.domain.form import Form, Indicator, Source
from jixiao.exporters import Exporter, Rendered, register
from jixiao.exporters.no_formulas import csv_rows
from jixiao.i18n import Text
from jixiao.interchange import Batch, long_table
from jixiao.pieces import Pieces, render

# The target as the core parses it (`ParsedTarget.to_json`): code, header. The open data's
# indicator table takes the same columns (`exporters.indicator_table`).
PARSED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("op", "运算符"),
    ("value", "数值"),
    ("unit", "单位"),
    ("kind", "类型"),
)
PARSED_HEADERS = (*(label for _, label in PARSED_COLUMNS), "来源行")
HEADER = ["来源文件", *long_table.HEADERS, *PARSED_HEADERS]


def parsed_values(indicator: Indicator) -> list[str]:
    """The values of `PARSED_COLUMNS` for `indicator` ("" where the core parsed nothing)."""
    parsed = indicator.parsed_target.to_json()
    return [parsed[code] or "" for code, _ in PARSED_COLUMNS]


def _parsed(indicator: Indicator) -> list[str]:
    return [*parsed_values(indicator), " ".join(str(n) for n in indicator.source_lines)]


def _source(form: Form, sources: Sequence[Source]) -> str:
    return sources[form.source].path if form.source < len(sources) else ""


def form_rows(form: Form, sources: Sequence[Source]) -> Iterator[list[str]]:
    """A form's rows: one per indicator, or one for a form without indicators."""
    head = [_source(form, sources), *(v or "" for v in long_table.form_values(form))]
    if not form.indicators:
        yield head + [""] * (len(long_table.INDICATOR_COLUMNS) + len(PARSED_HEADERS))
    for number, indicator in enumerate(form.indicators, 1):
        values = [v or "" for v in long_table.indicator_values(number, indicator)]
        yield head + values + _parsed(indicator)


def csv_bytes(rows: Iterable[list[str]]) -> bytes:
    """`rows` as CSV lines (CRLF), UTF-8, every field through the formula guard."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(csv_rows(rows))
    return buffer.getvalue().encode("utf-8")


def csv_start(header: Sequence[str]) -> bytes:
    """The start of a CSV file: the BOM (so that Excel reads the Chinese text) and the header."""
    return "\ufeff".encode() + csv_bytes([list(header)])


class CsvLayout:
    """The CSV as a `FormLayout` (`jixiao.pieces`): a BOM and the header, then a form's rows at
    a time. A row is written alone, so the pieces together are the whole table's CSV."""

    def piece(self, form: Form, sources: Sequence[Source]) -> bytes:
        return csv_bytes(form_rows(form, sources))

    def document(self, frame: Batch, pieces: Pieces) -> Iterator[bytes]:
        yield csv_start(HEADER)
        yield from pieces()


CSV = CsvLayout()


def render_csv(batch: Batch) -> bytes:
    return b"".join(render(CSV, batch))


@register
class CsvExporter(Exporter):
    """One row per indicator (also behind `jixiao import --format csv`)."""

    identifier = "csv"
    label = Text("CSV（每指标一行）", "CSV (one row per indicator)")
    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    layout = CSV

    def render(self, batch: Batch) -> Rendered:
        return self.done(batch, render_csv(batch))
