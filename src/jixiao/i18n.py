"""Messages for people: Chinese first, English available.

The language is chosen once per process from `JIXIAO_LANG` (zh or en), else Chinese. The web app
uses Django's own i18n for its pages; this is for the CLI and for texts the core produces.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


def language() -> str:
    lang = os.environ.get("JIXIAO_LANG", "zh").lower()
    return "en" if lang.startswith("en") else "zh"


@dataclass(frozen=True)
class Text:
    """A message in both languages; `str()` gives the one in force."""

    zh: str
    en: str

    def __str__(self) -> str:
        return self.en if language() == "en" else self.zh

    def format(self, **values: object) -> Text:
        return Text(self.zh.format(**values), self.en.format(**values))

    def __add__(self, other: Text) -> Text:
        """Two messages one after the other, in each language (a place, then what is wrong)."""
        return Text(self.zh + other.zh, self.en + other.en)


def t(zh: str, en: str) -> str:
    """The message in the language in force."""
    return en if language() == "en" else zh
