"""text.W001 / text.W002: unbalanced brackets or quotes, and values made only of punctuation.

docs/review.md, text_artifact: a lone bracket, unbalanced brackets or quotes. A lone quote in a goal
text is only a note (`[text] quote_chars`, `quote_note_fields`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from jixiao.domain.form import FIELD_LABELS, TEXT_FIELDS
from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.model import Basis, Finding, Location, Severity
from jixiao.review.registry import Rule, register
from jixiao.review.textscan import (
    Unbalanced,
    excerpt,
    find_markup,
    first_unbalanced,
    is_punctuation_only,
)

Place = tuple[str, str]  # ("field", 字段名) / ("name", 指标名) / ("target", 指标名)


def label(place: Place) -> str:
    """What people call the place of a text: 主管部门, 指标“X”, 指标“X”的指标值."""
    kind, what = place
    if kind == "field":
        return FIELD_LABELS[what]
    return f"指标“{what}”" if kind == "name" else f"指标“{what}”的指标值"


T = TypeVar("T")


def field_texts(ctx: FormContext) -> list[tuple[str, Place, str]]:
    """(field name, place, text) of the fields with a text, computed once per form."""
    if "field_texts" not in ctx.shared:
        ctx.shared["field_texts"] = list(_field_texts(ctx))
    return ctx.shared["field_texts"]  # type: ignore[return-value]


def found_in_texts(
    ctx: FormContext, read: Callable[[str], T | None]
) -> Iterator[tuple[Location, Place, str, T]]:
    """Every text the text rules read (the text fields, then each indicator's name and target),
    in order, for which `read` finds something, with what it found.

    `read` is one of `READS`: indicator names and targets are only read when one of them finds
    something there (`suspect_texts`).
    """
    for field_name, place, text in field_texts(ctx):
        found = read(text)  # a form's own texts: a memo would only hold them
        if found:
            yield ctx.at(field_name), place, text, found
    for location, place, text in suspect_texts(ctx):
        found = read(text)  # few: the names and targets where one of `READS` finds something
        if found:
            yield location, place, text, found


def suspect_texts(ctx: FormContext) -> list[tuple[Location, Place, str]]:
    """The indicator names and targets, in order, in which one of `READS` finds something.

    Computed once per form for the three text rules; names and targets repeat across forms, so
    each distinct one is judged once per review (the review's memo).
    """
    if "suspect_texts" in ctx.shared:
        return ctx.shared["suspect_texts"]  # type: ignore[return-value]
    suspects = []
    call = ctx.memo.call
    for view in ctx.indicators:
        ind = view.indicator
        name = ind.name
        if call(_suspect, name):
            suspects.append((view.location, ("name", name), name))
        target = ind.target
        if target and call(_suspect, target):
            suspects.append((view.location, ("target", name), target))
    ctx.shared["suspect_texts"] = suspects
    return suspects  # type: ignore[return-value]


def _field_texts(ctx: FormContext) -> Iterator[tuple[str, Place, str]]:
    form = ctx.form
    for name in TEXT_FIELDS:
        value = getattr(form, name)
        if name == "overall_goal" and value == form.annual_goal:
            continue  # one goal written twice is one finding
        if value:
            yield name, ("field", name), value


def _unbalanced(text: str) -> Unbalanced | None:
    found = first_unbalanced(text)
    return found if found and not is_punctuation_only(text) else None  # a lone mark: text.W002


READS: tuple[Callable[[str], object], ...] = (_unbalanced, is_punctuation_only, find_markup)


def _suspect(text: str) -> bool:
    return any(read(text) for read in READS)


@register
class UnbalancedBrackets(Rule):
    """A bracket or quote without its partner: `…大数据中心` missing `）`, a goal opening with `"`."""

    id = "text.W001"
    category = "text_artifact"
    severity = Severity.WARNING
    title = Text("括号或引号不成对", "unbalanced bracket or quote")
    message = Text("{label}中的“{char}”没有配对", "unpaired “{char}” in {label}")
    hint = Text("请补全或删除多余的“{char}”", "complete or delete the stray “{char}”")

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        for location, place, text, found in found_in_texts(ctx, _unbalanced):
            start, end = found.excerpt_range
            note = _quote_note(ctx, location.field, found.char)
            yield self.finding(
                location,
                Basis(excerpt(text, start, end), "text.quote_note_fields" if note else None),
                severity=Severity.INFO if note else None,
                label=label(place),
                char=found.char,
            )


def _quote_note(ctx: FormContext, field_name: str | None, char: str) -> bool:
    """Whether a lone `char` in the field is a stray quote in a goal text: a note, not a warning."""
    settings = ctx.settings
    return char in settings.words("text.quote_chars") and field_name in settings.words(
        "text.quote_note_fields"
    )


@register
class PunctuationOnly(Rule):
    """A cell holding nothing but punctuation (a lone `）` as 主管部门)."""

    id = "text.W002"
    category = "text_artifact"
    severity = Severity.WARNING
    title = Text("内容只有标点", "value is only punctuation")
    message = Text("{label}只有标点“{text}”，没有内容", "{label} is only punctuation “{text}”")
    hint = Text("请填写实际内容或删除多余标点", "write the real value or delete the stray mark")

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        for location, place, text, _ in found_in_texts(ctx, is_punctuation_only):
            yield self.finding(location, Basis(text), label=label(place), text=text)
