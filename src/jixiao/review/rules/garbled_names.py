"""garbled.W001 / garbled.W002: an indicator name that is a standard name with its characters
scrambled (`受象满意度益对` for 受益对象满意度) or one character off (`信息化公开` for 信息公开).

docs/review.md, garbled_text. The standard names are a setting (`[standard] names`). Both lookups are
dictionary probes (sorted characters; one-deletion neighbours), so a batch costs linear time.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.lexicon import clean
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import IndicatorRule, register
from jixiao.review.settings import ReviewSettings


class StandardNames:
    """Standard names indexed for anagram and one-edit lookups."""

    def __init__(self, names: list[str], min_chars: int) -> None:
        self.names = frozenset(clean(n) for n in names)
        self.min_chars = min_chars
        self.by_letters = {"".join(sorted(n)): n for n in self.names}
        self.by_deletion: dict[str, set[str]] = {}
        self._near: dict[str, str | None] = {}
        for name in self.names:
            for variant in _deletions(name) | {name}:
                self.by_deletion.setdefault(variant, set()).add(name)

    def anagram_of(self, name: str) -> str | None:
        if name in self.names or len(name) < self.min_chars:
            return None
        return self.by_letters.get(_letters(name))

    def near_miss_of(self, name: str) -> str | None:
        if name not in self._near:
            if len(self._near) > 65536:
                self._near.clear()
            self._near[name] = self._near_miss(name)
        return self._near[name]

    def _near_miss(self, name: str) -> str | None:
        if name in self.names or len(name) < self.min_chars:
            return None
        candidates: set[str] = set()
        for variant in _deletions(name) | {name}:
            candidates |= self.by_deletion.get(variant, set())
        close = sorted(c for c in candidates if _one_edit(name, c) and not _other_subject(name, c))
        return close[0] if close else None


def _other_subject(a: str, b: str) -> bool:
    """`学生满意度` is not a misspelt `学员满意度`: one character swapped before a shared measure
    (the last three characters) names another subject, not a typo."""
    return len(a) == len(b) and len(a) > 3 and a[-3:] == b[-3:]


def _letters(word: str) -> str:
    return "".join(sorted(word))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by exactly one insertion, deletion or substitution."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def standard_names(settings: ReviewSettings) -> StandardNames:
    return StandardNames(
        settings.get("standard.names"), int(settings.get("standard.near_miss_min_chars"))
    )


@register
class ScrambledName(IndicatorRule):
    """The characters of a standard indicator name in the wrong order."""

    id = "garbled.W001"
    category = "garbled_text"
    severity = Severity.WARNING
    title = Text("指标名称文字错乱", "scrambled indicator name")
    message = Text(
        "指标名称“{name}”文字顺序错乱，应为“{right}”", "“{name}” is scrambled: “{right}”"
    )
    hint = Text("请改为“{right}”", "write “{right}”")

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        names = ctx.memo.once(standard_names, lambda: standard_names(ctx.settings))
        right = names.anagram_of(view.name)
        if right:
            yield self.finding(
                view.at(),
                Basis(view.indicator.name, "standard.names"),
                suggestion={"name": right},
                name=view.indicator.name,
                right=right,
            )


@register
class NearMissName(IndicatorRule):
    """A standard indicator name with one character added, missing or wrong."""

    id = "garbled.W002"
    category = "garbled_text"
    severity = Severity.WARNING
    title = Text("指标名称疑有错字", "indicator name looks misspelt")
    message = Text(
        "指标名称“{name}”与标准指标“{right}”仅差一字，疑为笔误",
        "“{name}” is one character off the standard “{right}”",
    )
    hint = Text("如指“{right}”，请改正名称", "if “{right}” is meant, correct the name")

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        names = ctx.memo.once(standard_names, lambda: standard_names(ctx.settings))
        if names.anagram_of(view.name):
            return  # garbled.W001 says it better
        right = names.near_miss_of(view.name)
        if right:
            yield self.finding(
                view.at(),
                Basis(view.indicator.name, "standard.names"),
                suggestion={"name": right},
                name=view.indicator.name,
                right=right,
            )
