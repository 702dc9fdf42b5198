"""Canonical JSON and CSV exporters."""

from __future__ import annotations

from jixiao.exporters import Exporter, Rendered, register
from jixiao.i18n import Text
from jixiao.interchange import Batch, iter_canonical


@register
class JsonExporter(Exporter):
    identifier = "json"
    label = Text("JSON（jixiao/forms@1）", "JSON (jixiao/forms@1)")
    extension = "json"
    media_type = "application/json"

    def render(self, batch: Batch) -> Rendered:
        return self.done(batch, b"".join(iter_canonical(batch)))


@register
class CsvExporter(Exporter):
    """One row per indicator: the lead's `csv_export` (also behind `jixiao import --format csv`)."""

    identifier = "csv"
    label = Text("CSV（每指标一行）", "CSV (one row per indicator)")
    extension = "csv"
    media_type = "text/csv; charset=utf-8"

    def render(self, batch: Batch) -> Rendered:
        from jixiao.exporters.csv_export import render_csv

        return self.done(batch, render_csv(batch))
