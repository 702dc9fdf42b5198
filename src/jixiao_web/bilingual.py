"""The core's texts (`jixiao.i18n.Text`, both languages where they are written) in the language
of the page: Django's language of the request, not the CLI's `JIXIAO_LANG` (docs/translations.md)."""

from __future__ import annotations

from django.utils import translation

from jixiao.i18n import Text


def english() -> bool:
    return (translation.get_language() or "zh").startswith("en")


def local(text: Text) -> str:
    """`text` in the page's language."""
    return text.en if english() else text.zh
