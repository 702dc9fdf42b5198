"""The core's texts (`jixiao.i18n.Text`, both languages where they are written) in the language
of the page: Django's language of the request, not the CLI's `JIXIAO_LANG` (docs/translations.md)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from jixiao.i18n import Text


def english() -> bool:
    return (translation.get_language() or "zh").startswith("en")


def local(text: Text) -> str:
    """`text` in the page's language."""
    return text.en if english() else text.zh


# The review's grades (`[grades]` of the core's rules.toml), listed for makemessages: a grade
# a region's settings add is shown as written.
GRADE_NAMES = (gettext_noop("优"), gettext_noop("良"), gettext_noop("中"), gettext_noop("差"))


def grade_name(grade: str | None) -> str:
    """A review grade in the page's language."""
    return gettext(grade) if grade else ""
