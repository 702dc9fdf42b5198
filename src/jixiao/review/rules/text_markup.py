"""text.W003: word-processor markup (`[bookmark: _GoBack]`) left in the text of a form.

docs/review.md: what the importer removed (converter markup, white space it trimmed) is not the
unit's writing: it is shown with the review as an import note (`[notes] shown`), never a finding.
Markup the importer did not know stays in the text, and that is found here.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register
from jixiao.review.rules.text_brackets import found_in_texts
from jixiao.review.textscan import find_markup


@register
class Markup(Rule):
    """Leftover word-processor or HTML markup."""

    id = "text.W003"
    category = "text_artifact"
    severity = Severity.WARNING
    title = Text("残留排版标记", "leftover markup")
    message = Text("文档中有排版瑕疵：{text}", "artifact in the document: {text}")
    hint = Text("请删除这段排版标记", "delete the markup")

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        for location, _label, _text, found in found_in_texts(ctx, find_markup):
            yield self.finding(location, Basis(found), text=found)
