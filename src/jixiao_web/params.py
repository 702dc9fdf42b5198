"""Whole numbers in query strings and posted forms: a year, an id, a page, a version.

Every view reads them here. Digits only (ASCII or full-width: `²` is a digit to `str.isdigit`
but not to `int`), a bounded length, and a value the database's column holds; anything else is
`BadParameter`, a `BadRequest`, which Django answers with the site's 400 page (`jixiao_web.errors.bad_request`)
instead of the 500 an overflowing query or a failed `int()` gave.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

from jixiao.domain.bounds import MAX_YEAR
from jixiao.importers.values import whole

MAX_ID = 2**63 - 1  # BigAutoField (settings.DEFAULT_AUTO_FIELD)
MAX_INT = 2**31 - 1  # PositiveIntegerField on PostgreSQL: a form's version, a page number
__all__ = ["MAX_ID", "MAX_INT", "MAX_YEAR", "BadParameter", "int_param"]


class BadParameter(BadRequest):
    """A parameter that is no number or out of range; the message, for people, says which."""


def int_param(params: Mapping[str, str], name: str, largest: int) -> int | None:
    """`params[name]` as a whole number from 0 to `largest`; None when absent or empty."""
    raw = params.get(name)
    if raw is None or not raw.strip():
        return None
    number = whole(raw, largest)
    if number is None:
        raise BadParameter(
            _("参数 %(name)s 的值无效：%(value)s") % {"name": name, "value": raw[:40]}
        )
    return number
