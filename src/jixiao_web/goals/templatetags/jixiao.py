"""Template helpers: dictionary look-up, money as written, labels of review categories."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def get(mapping: Any, key: Any) -> Any:
    if not mapping:
        return None
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def written(form: Any, name: str) -> str:
    """A funds figure exactly as written on the form, or empty."""
    text = (form.funds_written or {}).get(name)
    if text is not None:
        return str(text)
    value = getattr(form, name, None)
    return "" if value is None else str(value)


@register.filter
def yuan(value: Any) -> str:
    """An amount in 元 with thousands separators, two decimals."""
    if value in (None, ""):
        return ""
    return f"{Decimal(str(value)):,.2f}"


@register.filter
def category_label(code: str) -> str:
    try:
        from jixiao.review.model import CATEGORY_LABELS
    except ImportError:
        return code
    return CATEGORY_LABELS.get(code, code)
