"""text.W005: a placeholder of the blank form left in an indicator's name or target: the `**` of
an Anhui `（≥**%）`, an `XX`, a `××` (docs/templates.md, "The review follows the template").

The blank forms print these where the unit writes its own figure or words; one left in place
means the row was never finished. The placeholders are data (`[placeholders] words`, which a
template's rule set may change); the longest one found is named. A target that is nothing but
a placeholder is an empty target, which `fields.E003` reports: it is not said twice.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.target import TargetKind
from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import IndicatorRule, register

SETTING = "placeholders.words"


def _words(ctx: FormContext) -> tuple[str, ...]:
    """The placeholders, longest first (the first found in a text is the one to name)."""
    return ctx.memo.once(_words, lambda: tuple(sorted(ctx.settings.words(SETTING), key=len)[::-1]))


def placeholder_in(text: str | None, words: tuple[str, ...]) -> str | None:
    """The longest of `words` in `text`, or None."""
    if not text:
        return None
    return next((w for w in words if w in text), None)


@register
class PlaceholderLeft(IndicatorRule):
    """An indicator's name or target still holds a placeholder of the blank form."""

    id = "text.W005"
    category = "text_artifact"
    severity = Severity.WARNING
    title = Text("表样占位符未替换", "placeholder of the blank form left in")
    message = Text(
        "指标“{name}”的{part}中留有表样占位符“{word}”",
        "the {part_en} of indicator “{name}” still holds the blank form's placeholder “{word}”",
    )
    hint = Text(
        "请把“{word}”换成本项目的实际内容（如具体的指标值）",
        "replace “{word}” with what this project states (its own target value)",
    )

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        words = _words(ctx)
        if not words:
            return
        ind = view.indicator
        parts = [("指标名称", "name", ind.name)]
        if view.target.kind is not TargetKind.EMPTY:  # an empty target is fields.E003's
            parts.append(("指标值", "target", ind.target))
        for part, part_en, text in parts:
            word = placeholder_in(text, words)
            if word is not None:
                yield self.finding(
                    view.at(),
                    Basis(f"{part}：{text}", SETTING),
                    name=ind.name or "（空）",
                    part=part,
                    part_en=part_en,
                    word=word,
                )
