"""The canonical JSON exporter (`jixiao/forms@1`, docs/imports.md), written form by form."""

from __future__ import annotations

from jixiao.exporters import Exporter, Rendered, register
from jixiao.i18n import Text
from jixiao.interchange import CANONICAL, Batch, iter_canonical


@register
class JsonExporter(Exporter):
    identifier = "json"
    label = Text("JSON（jixiao/forms@1）", "JSON (jixiao/forms@1)")
    extension = "json"
    media_type = "application/json"
    layout = CANONICAL

    def render(self, batch: Batch) -> Rendered:
        return self.done(batch, b"".join(iter_canonical(batch)))
