"""What an indicator name means, read with the word lists of the settings.

Built once per review (`ReviewMemo.lexicon`); every meaning is memoised by the name for that
review, because real batches repeat the same names thousands of times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.domain.target import Target, TargetKind
from jixiao.review.settings import ReviewSettings

_SPACE = re.compile(r"[\s\u3000\u00a0]+")


def clean(text: str | None) -> str:
    """Text with every kind of white space removed: for comparing names."""
    return _SPACE.sub("", text) if text else ""


_UNREAD = object()
_MEANINGS_LIMIT = 65_536


@dataclass(frozen=True)
class Meaning:
    """A class of indicator read from its name: where it belongs and where it is plainly wrong."""

    code: str
    label: str
    belongs: str
    wrong_under: frozenset[str]
    contains: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...] = ()  # stems with a gap: 带动.{0,8}户
    unless: tuple[str, ...] = ()  # words that keep a name out of the class


class Lexicon:
    """The vocabulary of one settings object: meanings, generic names, rates, counts."""

    def __init__(self, settings: ReviewSettings) -> None:
        self.settings = settings
        self.meanings = tuple(
            Meaning(
                c["code"],
                c["label"],
                c["belongs"],
                frozenset(c.get("wrong_under", ())),
                tuple(c.get("contains", ())),
                tuple(re.compile(p) for p in c.get("patterns", ())),
                tuple(c.get("unless", ())),
            )
            for c in settings.get("semantics.classes")
        )
        self.count_units = settings.words("semantics.count_units")
        self.count_suffixes = tuple(settings.get("semantics.count_suffixes"))
        self.rate_suffixes = tuple(settings.get("targets.rate_suffixes"))
        self.generic = frozenset(clean(n) for n in settings.get("generic.names"))
        self.comparative = settings.words("targets.comparative")
        self._meaning_cache: dict[tuple[str, str | None], Meaning | None] = {}

    def word_fits(self, name: str, word: str, level2: str | None) -> bool:
        """Whether a qualitative target word fits the indicator (True for ungoverned words)."""
        stems = self.settings.get("targets.word_fits").get(word)
        if not stems or name == word or any(stem in name for stem in stems):
            return True
        return level2 in self.settings.get("targets.word_headings", {}).get(word, ())

    def is_rate(self, name: str) -> bool:
        return clean(name).endswith(self.rate_suffixes)

    def is_satisfaction(self, name: str) -> bool:
        return "满意" in name

    def is_generic(self, name: str) -> bool:
        return clean(name) in self.generic

    def is_count(self, name: str, target: Target) -> bool:
        if self.is_rate(name):
            return False
        if target.kind is TargetKind.QUANTITATIVE and target.unit in self.count_units:
            return True
        return clean(name).endswith(self.count_suffixes)

    def meaning(self, name: str, target: Target) -> Meaning | None:
        kind = target.kind
        key = (name, target.unit if kind is TargetKind.QUANTITATIVE else kind.value)
        cache = self._meaning_cache
        found = cache.get(key, _UNREAD)
        if found is _UNREAD:
            if len(cache) > _MEANINGS_LIMIT:
                cache.clear()
            found = cache[key] = self._read_meaning(clean(name), target)
        return found  # type: ignore[return-value]

    def _read_meaning(self, name: str, target: Target) -> Meaning | None:
        for meaning in self.meanings:
            if meaning.code == "completion" and "及时" in name:
                continue  # 完成及时率 measures time, not output
            if meaning.unless and any(word in name for word in meaning.unless):
                continue
            if meaning.contains and any(word in name for word in meaning.contains):
                return meaning
            if meaning.patterns and any(p.search(name) for p in meaning.patterns):
                return meaning
            if meaning.code == "count" and self.is_count(name, target):
                return meaning
        return None
