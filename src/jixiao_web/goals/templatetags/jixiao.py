"""Template helpers: dictionary look-up, money as written, labels of review categories."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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


@register.simple_tag(takes_context=True)
def findings(context: Any, items: Any) -> str:
    """The findings placed at one cell of the paper table (built here: it runs for every cell)."""
    if not items:
        return ""
    english = translation.get_language() == "en"
    line_word = "line" if english else "行"
    parts = []
    for f in items:
        message = f.message_en if english and f.message_en else f.message
        hint = f.hint_en if english and f.hint_en else f.hint
        parts.append(
            format_html(
                '<li class="sev-{}" data-rule="{}"><b>{}</b> {}{}{}</li>',
                f.severity,
                f.rule,
                f.rule,
                message,
                format_html('<span class="hint">{}</span>', hint) if hint else "",
                format_html(' <span class="muted">{} {}</span>', line_word, f.line)
                if f.line
                else "",
            )
        )
    # every part was built by format_html, so the joined text is safe
    return format_html('<ul class="findings">{}</ul>', mark_safe("".join(parts)))
