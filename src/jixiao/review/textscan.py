"""Reading text for artifacts: unbalanced brackets and quotes, punctuation-only values, markup."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

OPENERS = {
    "（": "）",
    "(": ")",
    "【": "】",
    "[": "]",
    "《": "》",
    "{": "}",
    "“": "”",
    "‘": "’",
    "「": "」",
}
CLOSERS = {v: k for k, v in OPENERS.items()}
# ASCII quotes open and close with the same character: they must come in pairs.
SYMMETRIC = ('"',)

_ANY_BRACKET = re.compile("[" + re.escape("".join(OPENERS) + "".join(CLOSERS) + '"') + "]")
# `1）`, `(2)` and `a)` number the items of a list: a closing bracket after a short enumerator
# at the start of a clause is not an unbalanced bracket.
_ENUMERATOR = re.compile(r"(?:^|[\s，。；：、,;:.\n])[0-9a-zA-Z一二三四五六七八九十]{1,2}$")
_MARKUP = re.compile(
    r"\[(?:bookmark|comment|footnote|endnote|image)[^\]]*\]|</?w:[a-zA-Z]+|\{\\rtf|&nbsp;|<br\s*/?>|</?span",
    re.I,
)


@dataclass(frozen=True)
class Unbalanced:
    """The first unbalanced bracket or quote of a text, and its position."""

    char: str
    position: int

    @property
    def excerpt_range(self) -> tuple[int, int]:
        return max(0, self.position - 8), self.position + 9


def _is_enumerator(text: str, position: int) -> bool:
    return bool(_ENUMERATOR.search(text[:position]))


def first_unbalanced(text: str) -> Unbalanced | None:
    """The first bracket or quote without its partner, or None when all are paired."""
    if not _ANY_BRACKET.search(text):
        return None
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in OPENERS:
            stack.append((ch, i))
        elif ch in CLOSERS:
            if stack and stack[-1][0] == CLOSERS[ch]:
                stack.pop()
            elif not _is_enumerator(text, i):
                return Unbalanced(ch, i)
    if stack:
        return Unbalanced(*stack[0])
    for quote in SYMMETRIC:
        if text.count(quote) % 2:
            return Unbalanced(quote, text.index(quote))
    return None


def excerpt(text: str, start: int, end: int) -> str:
    """A short piece of text around a position, with an ellipsis where it was cut."""
    piece = text[max(0, start) : end].replace("\n", " ")
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


def is_punctuation_only(text: str) -> bool:
    """True for a value made only of punctuation (a lone `）` in a name cell)."""
    if len(text) > 20:
        return False  # a cell of stray marks is short; goals are not read through
    stripped = "".join(ch for ch in text if not ch.isspace())
    return bool(stripped) and all(unicodedata.category(ch).startswith("P") for ch in stripped)


def find_markup(text: str) -> str | None:
    """Word-processor or HTML markup left in a text, as found."""
    match = _MARKUP.search(text)
    return match.group(0) if match else None


_INNER_SPACE = re.compile(
    r"[\u4e00-\u9fa5，、。：；（）][ \t\u3000\u00a0]+\S|\S[ \t\u3000\u00a0]+[\u4e00-\u9fa5（）]"
)


def inner_space(text: str) -> str | None:
    """White space inside a one-line name (`终止、 撤销项目数`), as found with its neighbours."""
    match = _INNER_SPACE.search(text)
    return match.group(0) if match else None
