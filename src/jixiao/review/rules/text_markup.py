"""text.W003: word-processor markup (`[bookmark: _GoBack]`) or stray white space in the document.

docs/domain.md: the importer removes such markup and records a note; the document itself still
carries it, so the unit is told. Markup the importer did not know is found in the text as well.
Which importer notes count is a setting (`[notes]`).
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.model import Basis, Finding, Location, Severity
from jixiao.review.registry import Rule, register
from jixiao.review.rules.text_brackets import found_in_texts
from jixiao.review.textscan import find_markup


def _location(ctx: FormContext, line: int | None) -> Location:
    """The field or indicator row read from a source line."""
    for view in ctx.indicators:
        if line in view.indicator.source_lines:
            return view.at()
    field = next((name for name, at in ctx.form.lines.items() if at == line), None)
    return Location(field=field, line=line)


@register
class Markup(Rule):
    """Leftover word-processor or HTML markup."""

    id = "text.W003"
    category = "text_artifact"
    severity = Severity.WARNING
    title = Text("残留排版标记或空白", "leftover markup or white space")
    message = Text("文档中有排版瑕疵：{text}", "artifact in the document: {text}")
    hint = Text(
        "请在原文档中删除（导入时已自动去除）",
        "delete it in the source document (the import removed it)",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        codes = ctx.settings.get("notes")
        seen: set[tuple[Location, str]] = set()
        for note in ctx.form.notes:
            if note.code not in codes:
                continue  # a layout repair, not the unit's doing
            where = _location(ctx, note.line)
            if (where, note.message) not in seen:
                seen.add((where, note.message))  # a repeated Word row repeats its note
                yield self.finding(
                    where,
                    Basis(note.message, f"notes.{note.code}"),
                    severity=Severity(codes[note.code]),
                    text=note.message,
                )
        for location, _label, _text, found in found_in_texts(ctx, find_markup):
            yield self.finding(location, Basis(found), text=found)
