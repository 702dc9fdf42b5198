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

from jixiao.domain.form import Form, Indicator
from jixiao.exporters import Exporter, Rendered, register
from jixiao.exporters.no_formulas import csv_rows
from jixiao.i18n import Text
from jixiao.interchange import Batch, long_table

PARSED_HEADERS = ("运算符", "数值", "单位", "类型", "来源行")
HEADER = ["来源文件", *long_table.HEADERS, *PARSED_HEADERS]


def _parsed(indicator: Indicator) -> list[str]:
    parsed = indicator.parsed_target.to_json()
    lines = " ".join(str(n) for n in indicator.source_lines)
    return [
        parsed["op"] or "",
        parsed["value"] or "",
        parsed["unit"] or "",
        parsed["kind"] or "",
        lines,
    ]


def _source(form: Form, batch: Batch) -> str:
    return batch.sources[form.source].path if form.source < len(batch.sources) else ""


def rows(batch: Batch) -> list[list[str]]:
    """The table as rows of text, header first, as read (`render_csv` escapes formulas)."""
    out = [HEADER]
    for form in batch.forms:
        head = [_source(form, batch), *(v or "" for v in long_table.form_values(form))]
        if not form.indicators:
            out.append(head + [""] * (len(long_table.INDICATOR_COLUMNS) + len(PARSED_HEADERS)))
        for number, indicator in enumerate(form.indicators, 1):
            values = [v or "" for v in long_table.indicator_values(number, indicator)]
            out.append(head + values + _parsed(indicator))
    return out


def render_csv(batch: Batch) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(csv_rows(rows(batch)))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@register
class CsvExporter(Exporter):
    """One row per indicator (also behind `jixiao import --format csv`)."""

    identifier = "csv"
    label = Text("CSV（每指标一行）", "CSV (one row per indicator)")
    extension = "csv"
    media_type = "text/csv; charset=utf-8"

    def render(self, batch: Batch) -> Rendered:
        return self.done(batch, render_csv(batch))
