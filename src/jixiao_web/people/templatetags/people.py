"""Cells of the unit tree (built here: the tree may hold hundreds of units)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def unit_counts(counts: dict[int, tuple[int, int]], unit: Any) -> str:
    forms, users = counts.get(unit.pk, (0, 0))
    return format_html('<td class="num">{}</td><td class="num">{}</td>', forms, users)
